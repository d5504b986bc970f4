#!/usr/bin/env node
/*
 * Runs every benchmark present in bench/ (synth-scale, validator-scale, import-cost, bundle-size), each in its own child
 * process, one after the other (never in parallel: they would measure each other), then prints one
 * summary table. Expects `npm run build` to have run (`npm run bench` does both).
 *
 *   node bench/run-all.js [--only name[,name]] [--strict] [--json summary.json]
 *
 * A bench script is bench/<name>.js|.cjs|.mjs, or bench/<name>.ts (bundled with esbuild first: no
 * ts-node). Each script's machine-readable output is read by an adapter (ADAPTERS below) into
 * checks { name, value, target, met } that make up the summary table.
 * Exit status: 1 when a script crashes (no results), and with --strict also when a target is missed.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const BENCH_DIR = __dirname;
const ROOT = path.join(BENCH_DIR, '..');
const NAMES = ['synth-scale', 'validator-scale', 'import-cost', 'bundle-size'];
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts'];

function parseArgs(argv) {
  const args = { only: undefined, strict: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') args.only = argv[++i].split(',');
    else if (argv[i] === '--strict') args.strict = true;
    else if (argv[i] === '--json') args.json = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}

function findScript(name) {
  for (const ext of EXTENSIONS) {
    const file = path.join(BENCH_DIR, `${name}${ext}`);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** A TypeScript bench is bundled to CommonJS in a temp dir, keeping its own __dirname / import.meta.url. */
function runnable(file, tmp) {
  if (!/\.[mc]?ts$/.test(file)) return file;
  const out = path.join(tmp, `${path.basename(file).replace(/\.[mc]?ts$/, '')}.cjs`);
  const esbuild = require('esbuild');
  esbuild.buildSync({
    entryPoints: [file],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    packages: 'external',
    logLevel: 'error',
    define: {
      __dirname: JSON.stringify(path.dirname(file)),
      __filename: JSON.stringify(file),
      'import.meta.url': JSON.stringify(`file://${file}`),
    },
  });
  return out;
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * How each bench is run and read. synth-scale writes its own checks (--json <file>); validator-scale,
 * import-cost and bundle-size print one JSON document with --json (and exit 1 when their own target is missed, which
 * is a missed target here, not a crash). Unknown or changed output falls back to the raw text.
 */
const ADAPTERS = {
  'synth-scale': {
    args: (jsonFile) => ['--json', jsonFile],
    read: (_stdout, jsonFile) => JSON.parse(fs.readFileSync(jsonFile, 'utf8')).checks,
  },
  'validator-scale': {
    args: () => ['--json'],
    read: (stdout) => JSON.parse(stdout).checks,
  },
  'import-cost': {
    args: () => ['--json'],
    read: (stdout) => {
      const data = JSON.parse(stdout);
      const checks = data.rows.map((r) => ({ name: `require('${r.name}') median`, value: `${r.medianMs.toFixed(1)} ms, ${r.rssMb.toFixed(0)} MB, ${r.modules} modules`, target: '-', met: true, info: true }));
      checks.push({ name: 'cors-constructs/cdktf / hand deep imports', value: `${data.ratioToHand.toFixed(2)}x`, target: `<= ${data.target}x`, met: data.ratioToHand <= data.target });
      if (typeof data.ratioToHandCdktn === 'number') checks.push({ name: 'cors-constructs/cdktn / hand deep imports', value: `${data.ratioToHandCdktn.toFixed(2)}x`, target: `<= ${data.target}x`, met: data.ratioToHandCdktn <= data.target });
      if (data.ratioRootToCdktf !== undefined) checks.push({ name: 'provider root / cors-constructs/cdktf', value: `${data.ratioRootToCdktf.toFixed(1)}x`, target: '-', met: true, info: true });
      return checks;
    },
  },
  'bundle-size': {
    args: () => ['--json'],
    read: (stdout) => {
      const data = JSON.parse(stdout);
      const external = (data.bundledFiles || []).filter((f) => f.includes('node_modules'));
      return [
        { name: 'runtime helper added to a handler (minified)', value: `${data.differenceBytes} B (${data.differenceGzipBytes} B gzip)`, target: `<= ${data.budgetBytes} B`, met: data.differenceBytes <= data.budgetBytes },
        { name: 'runtime helper dependencies bundled', value: external.length ? external.join(', ') : 'none', target: 'none', met: external.length === 0 },
        ...(data.coldCost ? [{ name: 'runtime helper: Public Suffix List on the first request', value: `${data.coldCost.publicSuffixListMs} ms`, target: '-', met: true, info: true }] : []),
      ];
    },
  },
};

function main() {
  const args = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-bench-'));
  const started = Date.now();
  const loadBefore = os.loadavg();
  const results = [];
  for (const name of NAMES) {
    if (args.only && !args.only.includes(name)) continue;
    const file = findScript(name);
    if (!file) {
      results.push({ name, status: 'absent', ms: 0, checks: [], raw: '' });
      continue;
    }
    const adapter = ADAPTERS[name];
    const jsonFile = path.join(tmp, `${name}.json`);
    process.stdout.write(`\n=== ${name} (${path.relative(ROOT, file)}) ===\n`);
    const t0 = Date.now();
    let result;
    try {
      result = spawnSync(process.execPath, [runnable(file, tmp), ...adapter.args(jsonFile)], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, BENCH_JSON: jsonFile },
      });
    } catch (error) {
      result = { status: null, stdout: '', error };
    }
    const ms = Date.now() - t0;
    const stdout = result.stdout || '';
    let checks;
    try {
      checks = adapter.read(stdout, jsonFile);
    } catch {
      checks = undefined;
    }
    if (name !== 'synth-scale' && checks) {
      for (const c of checks) process.stdout.write(`${c.name}: ${c.value}${c.info ? '' : ` (goal ${c.target}: ${c.met ? 'met' : 'MISSED'})`}\n`);
    } else {
      process.stdout.write(stdout);
    }
    if (result.error) process.stdout.write(`${name}: ${result.error.message}\n`);
    // A script that printed its results and exited 1 missed its own target; without results it crashed.
    const status = checks ? 'ok' : `failed (${result.status ?? result.signal ?? 'spawn error'})`;
    results.push({ name, status, ms, checks: checks || [], raw: checks ? '' : stdout });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const cpus = os.cpus();
  const rows = [];
  for (const r of results) {
    const time = `${(r.ms / 1000).toFixed(1)} s`;
    if (r.checks.length === 0) rows.push([r.name, r.status === 'absent' ? '(script absent)' : '(no results)', '', r.status, '', time]);
    for (const c of r.checks) rows.push([r.name, c.name, c.value, c.target, c.info ? '' : c.met ? 'met' : 'MISSED', time]);
  }
  const out = [];
  out.push('');
  out.push(`=== summary: ${cpus.length} x ${cpus[0] ? cpus[0].model : 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, load ${loadBefore.map((x) => x.toFixed(2)).join(' ')} -> ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
  out.push(table(['bench', 'measure', 'value', 'goal', 'target', 'bench time'], rows));
  process.stdout.write(`${out.join('\n')}\n`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ machine: { cpus: cpus.length, cpu: cpus[0] && cpus[0].model, node: process.version, loadBefore, loadAfter: os.loadavg() }, results }, null, 2));

  const failed = results.some((r) => r.status !== 'ok' && r.status !== 'absent');
  const missed = results.some((r) => r.checks.some((c) => !c.info && !c.met));
  process.exitCode = failed || (args.strict && missed) ? 1 : 0;
}

main();
