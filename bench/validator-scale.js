#!/usr/bin/env node
/*
 * Validator time for one large policy: 100,000 origins, 10,000 patterns, 10,000 methods or headers, each checked
 * end to end by validateCorsPolicy for every target (and normalized by normalizeCorsPolicyUnchecked, as the
 * adapters do), at the full size and at a tenth of it (headers: 100,000 of each list, as 10,000 take ~15 ms). The per-entry time ratio (full / tenth) shows the growth:
 * about 1 is linear, about 10 is quadratic (issue 15, item 7: 16,000 patterns took 33 s).
 *
 *   npm run build && node bench/validator-scale.js [--runs 3] [--scale 1] [--json]
 *
 * --scale multiplies every size (0.1 for a quick run). The library is loaded from dist/lib (or
 * $CORS_CONSTRUCTS_ROOT/dist/lib), so build first. Each size is timed --runs times after one warm-up run at the
 * small size (three times as often at the small size, whose runs are short), with a garbage collection before
 * each run (the script re-runs itself with --expose-gc); the fastest run's process CPU time is printed (and
 * its wall time), the figure least disturbed by other processes on a shared machine. Targets are informational: no test asserts on time.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(process.env.CORS_CONSTRUCTS_ROOT || path.join(__dirname, '..'));
const core = require(path.join(ROOT, 'dist', 'lib', 'core'));

/** A linear validator costs about the same per entry at both sizes (the larger heap adds GC, up to ~2x); quadratic is ~10x. */
const MAX_PER_ENTRY_RATIO = 3;

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const app = 'https://app.example.com';

/**
 * The policies: each grows one list. `literal` also checks the values as sent as written (the audit's view of a
 * hand-written REST preflight), where every pattern is reported with its position.
 */
const CASES = [
  { name: 'exact origins', size: 100000, policy: (n) => ({ allowOrigins: range(n, (i) => `https://app${i}.example.com`), allowMethods: ['GET', 'POST'], allowCredentials: true }) },
  { name: 'subdomain patterns', size: 10000, policy: (n) => ({ allowOrigins: range(n, (i) => `https://*.app${i}.example.com`), allowMethods: ['GET', 'POST'] }) },
  // Distinct bases under one big Public Suffix List node (`com`): the suffix lookups' worst case.
  { name: 'subdomain patterns under .com', size: 10000, policy: (n) => ({ allowOrigins: range(n, (i) => `https://*.app${i}.com`), allowMethods: ['GET', 'POST'] }) },
  { name: 'patterns sent as written', size: 10000, literal: true, policy: (n) => ({ allowOrigins: range(n, (i) => (i % 2 ? `https://*.app${i}.example.com` : `http://host${i}.localhost:*`)) }) },
  { name: 'methods', size: 10000, policy: (n) => ({ allowOrigins: [app], allowMethods: range(n, (i) => (i % 3 === 0 ? '*' : `METHOD${i}`)), allowCredentials: true }) },
  { name: 'request and exposed headers', size: 100000, policy: (n) => ({ allowOrigins: [app], allowHeaders: range(n, (i) => `x-header-${i}`), exposeHeaders: range(n, (i) => `x-exposed-${i}`) }) },
];

function parseArgs(argv) {
  const args = { runs: 3, scale: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--scale') args.scale = Number(argv[++i]);
    else if (argv[i] === '--json') args.json = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return args;
}


function timeOnce(c, policy) {
  // A collection between runs, so one run does not pay for the garbage of the one before.
  global.gc();
  const options = { targets: core.CORS_TARGETS, ...(c.literal ? { literalWildcards: { allowOrigins: true, allowHeaders: true } } : {}) };
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const diagnostics = core.validateCorsPolicy(policy, options);
  core.normalizeCorsPolicyUnchecked(policy);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, diagnostics: diagnostics.length };
}

function measure(c, n, runs) {
  const policy = c.policy(n);
  const results = [];
  for (let r = 0; r < runs; r++) results.push(timeOnce(c, policy));
  return { n, cpuMs: Math.min(...results.map((x) => x.cpuMs)), wallMs: Math.min(...results.map((x) => x.wallMs)), diagnostics: results[0].diagnostics };
}

function main() {
  if (typeof global.gc !== 'function') {
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exitCode = child.status ?? 1;
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  const rows = [];
  for (const c of CASES) {
    const size = Math.max(10, Math.round(c.size * args.scale));
    const small = Math.max(1, Math.round(size / 10));
    timeOnce(c, c.policy(small));
    const tenth = measure(c, small, args.runs * 3);
    const full = measure(c, size, args.runs);
    const perEntryRatio = (full.cpuMs / full.n) / (tenth.cpuMs / tenth.n);
    rows.push({ name: c.name, small: tenth, full, perEntryRatio });
  }
  const checks = rows.flatMap((r) => [
    { name: `validate ${r.full.n} ${r.name} (all targets)`, value: `${r.full.cpuMs.toFixed(0)} ms CPU, ${r.full.wallMs.toFixed(0)} ms wall (${((r.full.cpuMs * 1000) / r.full.n).toFixed(1)} µs CPU/entry, ${r.full.diagnostics} diagnostics)`, target: '-', met: true, info: true },
    { name: `${r.name}: per-entry CPU time ${r.full.n} / ${r.small.n}`, value: `${r.perEntryRatio.toFixed(2)}x`, target: `<= ${MAX_PER_ENTRY_RATIO}x (linear ~1x)`, met: r.perEntryRatio <= MAX_PER_ENTRY_RATIO },
  ]);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ rows, checks }, null, 2)}\n`);
  } else {
    for (const r of rows) {
      const cell = (m) => `${String(m.n).padStart(6)}: ${m.cpuMs.toFixed(0).padStart(5)} ms CPU ${m.wallMs.toFixed(0).padStart(5)} ms wall`;
      process.stdout.write(`${r.name.padEnd(28)} ${cell(r.small)}   ${cell(r.full)}   per entry (CPU) ${r.perEntryRatio.toFixed(2)}x\n`);
    }
  }
  process.exitCode = checks.every((c) => c.met) ? 0 : 1;
}

main();
