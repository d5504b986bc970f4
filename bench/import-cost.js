#!/usr/bin/env node
/*
 * Import cost of the framework entry points (issue 4): fresh-process median `require` times of
 *   - cors-constructs/cdk, cors-constructs/cdktf and cors-constructs/cdktn (from dist/: run `npm run build` first),
 *   - the same cdktf + constructs + @cdktf/provider-aws/lib/<resource> modules that dist/lib/cdktf
 *     requires, imported by hand (the floor any cdktf construct library pays), and the same for cdktn,
 *   - the @cdktf/provider-aws root index (what a non-deep import would cost).
 * Each sample is one new node process that times its own require() calls (node start-up excluded);
 * the cases are run round-robin so machine noise spreads evenly. Target: each Terraform entry ≤ 1.3x its hand imports.
 *
 *   node bench/import-cost.js [--runs=7] [--json]
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const runsArg = process.argv.find((arg) => arg.startsWith('--runs='));
const runs = runsArg ? Number(runsArg.slice('--runs='.length)) : 7;
const json = process.argv.includes('--json');
const TARGET_RATIO = 1.3;

function providerModulesUsedBy(dir, scope) {
  const found = new Set();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        for (const match of readFileSync(file, 'utf8').matchAll(/require\("(@cdktf\/provider-aws\/lib\/[^"]+|@cdktn\/provider-aws\/lib\/[^"]+)"\)/g)) {
          if (match[1].startsWith(`${scope}/`)) found.add(match[1]);
        }
      }
    }
  };
  walk(dir);
  return [...found].sort();
}

const cdktfDist = path.join(root, 'dist/lib/cdktf');
if (!existsSync(path.join(cdktfDist, 'index.js'))) {
  console.error('dist/lib/cdktf/index.js not found: run `npm run build` first.');
  process.exit(2);
}
const handModules = ['constructs', 'cdktf', ...providerModulesUsedBy(cdktfDist, '@cdktf')];
const cdktnDist = path.join(root, 'dist/lib/cdktn');
const cdktnAvailable = existsSync(path.join(cdktnDist, 'index.js'));
const handModulesCdktn = cdktnAvailable ? ['constructs', 'cdktn', ...providerModulesUsedBy(cdktnDist, '@cdktn')] : [];

const cases = [
  { name: 'cors-constructs/cdk', modules: ['cors-constructs/cdk'], available: existsSync(path.join(root, 'dist/lib/cdk/index.js')) },
  { name: 'cors-constructs/cdktf', modules: ['cors-constructs/cdktf'], available: true },
  { name: `hand imports (${handModules.length - 2} provider submodules + cdktf + constructs)`, key: 'hand', modules: handModules, available: true },
  { name: 'cors-constructs/cdktn', modules: ['cors-constructs/cdktn'], available: cdktnAvailable },
  { name: `hand imports (${handModulesCdktn.length - 2} provider submodules + cdktn + constructs)`, key: 'handCdktn', modules: handModulesCdktn, available: cdktnAvailable },
  { name: '@cdktf/provider-aws (root index)', key: 'root', modules: ['@cdktf/provider-aws'], available: true },
].filter((c) => c.available);

// Run from the package root so `cors-constructs/...` resolves through the package's own exports to dist/.
const probe = `
const modules = JSON.parse(process.argv[1]);
const start = process.hrtime.bigint();
for (const m of modules) require(m);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1048576, loaded: Object.keys(require.cache).length }));
`;
function sample(modules) {
  return JSON.parse(execFileSync(process.execPath, ['-e', probe, JSON.stringify(modules)], { cwd: root, encoding: 'utf8' }));
}

const samples = new Map(cases.map((c) => [c.name, []]));
for (let i = 0; i < runs; i += 1) {
  for (const c of cases) samples.get(c.name).push(sample(c.modules));
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const rows = cases.map((c) => {
  const s = samples.get(c.name);
  return { name: c.name, key: c.key ?? c.name, medianMs: median(s.map((x) => x.ms)), minMs: Math.min(...s.map((x) => x.ms)), maxMs: Math.max(...s.map((x) => x.ms)), rssMb: median(s.map((x) => x.rssMb)), modules: s[0].loaded };
});
const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
const cdktf = byKey['cors-constructs/cdktf'];
const ratioToHand = cdktf.medianMs / byKey.hand.medianMs;
const ratioRootToCdktf = byKey.root.medianMs / cdktf.medianMs;
const cdktn = byKey['cors-constructs/cdktn'];
const ratioToHandCdktn = cdktn ? cdktn.medianMs / byKey.handCdktn.medianMs : undefined;
const withinTarget = ratioToHand <= TARGET_RATIO && (ratioToHandCdktn === undefined || ratioToHandCdktn <= TARGET_RATIO);

if (json) {
  console.log(JSON.stringify({ node: process.version, runs, handModules, handModulesCdktn, rows, ratioToHand, ratioToHandCdktn, ratioRootToCdktf, target: TARGET_RATIO }, null, 2));
} else {
  console.log(`node ${process.version}, ${runs} fresh processes per case, round-robin; median require() time\n`);
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  console.log(`${pad('entry', 64)}${lpad('median ms', 11)}${lpad('min', 9)}${lpad('max', 9)}${lpad('RSS MB', 9)}${lpad('modules', 9)}`);
  for (const r of rows) console.log(`${pad(r.name, 64)}${lpad(r.medianMs.toFixed(1), 11)}${lpad(r.minMs.toFixed(1), 9)}${lpad(r.maxMs.toFixed(1), 9)}${lpad(r.rssMb.toFixed(0), 9)}${lpad(r.modules, 9)}`);
  console.log(`\ncors-constructs/cdktf / hand imports: ${ratioToHand.toFixed(2)}x (target ≤ ${TARGET_RATIO}x) ${ratioToHand <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`);
  if (ratioToHandCdktn !== undefined) console.log(`cors-constructs/cdktn / hand imports: ${ratioToHandCdktn.toFixed(2)}x (target ≤ ${TARGET_RATIO}x) ${ratioToHandCdktn <= TARGET_RATIO ? 'OK' : 'OVER TARGET'}`);
  console.log(`provider root / cors-constructs/cdktf: ${ratioRootToCdktf.toFixed(1)}x`);
  if (byKey['cors-constructs/cdk']) console.log(`cors-constructs/cdk: ${byKey['cors-constructs/cdk'].medianMs.toFixed(1)} ms`);
  console.log(`\nhand imports: ${handModules.join(', ')}`);
}
process.exitCode = withinTarget ? 0 : 1;
