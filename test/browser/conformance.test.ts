import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORS_TARGETS } from '../../lib/core';
import { hasDeviation } from '../../lib/core/simulate/browser-deviations';
import { CACHE_CASES } from './cache';
import { buildCases } from './cases';
import { compareRun } from './compare';
import { ENGINE_LABELS, ENGINES, type Engine } from './engines';
import { runConformance } from './harness';
import { pageOrigins } from './page-server';
import { renderConformance, type EngineReport } from './report';

/**
 * Real-browser conformance: the same cases in headless Chromium, Firefox and WebKit against the
 * behaviour model in each engine's mode (issues 6 and 17). Writes docs/conformance.md after every run.
 */

const REPORT = join(__dirname, '..', '..', 'docs', 'conformance.md');

const reports = new Map<Engine, EngineReport>();

beforeAll(async () => {
  // One engine at a time: the machine is small, and each engine gets its own servers.
  for (const engine of ENGINES) {
    const run = await runConformance(engine);
    reports.set(engine, { engine, browserVersion: run.browserVersion, wallMs: run.wallMs, verdicts: compareRun(run), cache: run.cache });
  }
  mkdirSync(join(REPORT, '..'), { recursive: true });
  writeFileSync(REPORT, renderConformance(ENGINES.map((e) => reports.get(e)!)));
  for (const r of reports.values()) process.stdout.write(`${ENGINE_LABELS[r.engine]} ${r.browserVersion}: ${r.verdicts.length} cases + ${r.cache.length} cache cases in ${(r.wallMs / 1000).toFixed(1)} s\n`);
}, 600_000);

// The ids do not depend on the ports: placeholder origins name the tests before the run (a port browsers may
// use: port 1 is on the Fetch bad-port list, which the validator now refuses).
const CASE_IDS: string[] = buildCases(pageOrigins(3000)).map((c) => c.id);

describe.each(ENGINES.map((e) => [e]))('%s', (engine) => {
  const report = () => reports.get(engine)!;

  describe('the matrix', () => {
    test('has at least 200 cases, every target, and each case was run', () => {
      const verdicts = report().verdicts;
      expect(verdicts.length).toBeGreaterThanOrEqual(200);
      for (const target of CORS_TARGETS) expect(verdicts.filter((v) => v.c.target === target).length).toBeGreaterThanOrEqual(30);
      expect(verdicts.filter((v) => v.observation.page.error === 'not run')).toEqual([]);
    });

    test('has both verdicts, preflighted and simple requests, credentials on and off, per target', () => {
      for (const target of CORS_TARGETS) {
        const rows = report().verdicts.filter((v) => v.c.target === target);
        for (const allowed of [true, false]) expect(rows.some((v) => v.browser.allowed === allowed)).toBe(true);
        for (const sent of [true, false]) expect(rows.some((v) => v.browser.preflightSent === sent)).toBe(true);
        for (const credentials of [true, false]) expect(rows.some((v) => v.c.request.credentials === credentials && v.browser.allowed)).toBe(true);
      }
    });
  });

  // One test per case: the engine's verdict, preflight and visible headers equal the model's in that engine's mode.
  describe.each(CORS_TARGETS.map((t) => [t]))('%s', (target) => {
    test.each(CASE_IDS.filter((id) => id.startsWith(`${target}.`)))('%s', (id) => {
      const verdict = report().verdicts.find((v) => v.c.id === id);
      expect(verdict).toBeDefined();
      const v = verdict!;
      const context = { id, reasons: v.engineModel.reasons, console: v.observation.console, error: v.observation.page.error };
      expect({ ...context, ...v.browser }).toEqual({ ...context, ...v.model });
      expect(v.mismatches).toEqual([]);
    });
  });

  describe('deviations from the Fetch standard', () => {
    test("'*' in Access-Control-Allow-Headers covers Authorization without credentials exactly when the deviation lists the engine", () => {
      const deviating = report().verdicts.filter((v) => v.deviation !== undefined);
      if (!hasDeviation(engine, 'wildcard-covers-authorization')) {
        expect(deviating).toEqual([]);
        return;
      }
      // The matrix exercises the deviation on every target that sends '*' literally.
      expect(new Set(deviating.map((v) => v.c.target))).toEqual(new Set(['http-api', 'function-url', 'cloudfront']));
      for (const v of deviating) {
        expect(v.c.request.headers && Object.keys(v.c.request.headers).map((h) => h.toLowerCase())).toContain('authorization');
        expect(v.c.request.credentials).toBe(false);
        expect(v.standard.allowed).toBe(false);
        expect(v.standard.failure).toMatch(/authorization/i);
        expect(v.browser.allowed).toBe(true);
      }
    });

    test('with credentials the wildcard covers nothing, as in the standard', () => {
      const literal = report().verdicts.filter((v) => v.c.request.credentials && Object.keys(v.c.request.headers ?? {}).length > 0 && v.c.scenario === 'hand-written-literal-wildcards');
      expect(literal.length).toBeGreaterThan(0);
      for (const v of literal) {
        expect(v.browser.allowed).toBe(false);
        expect(v.standard.allowed).toBe(false);
      }
    });
  });

  // The server counts OPTIONS requests; the model (preflight-cache.ts) predicts the count for the engine.
  describe('preflight cache', () => {
    test.each(CACHE_CASES.map((c) => [c.id]))('%s', (id) => {
      const v = report().cache.find((x) => x.c.id === id)!;
      expect({ id, preflights: v.observed, read: v.read }).toEqual({ id, preflights: v.expected, read: v.c.pausesMs.length });
    });
  });
});
