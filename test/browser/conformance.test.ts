import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORS_TARGETS } from '../../lib/core';
import { buildCases } from './cases';
import { compareRun, type CaseVerdict } from './compare';
import { runConformance, type RunResult } from './harness';
import { pageOrigins } from './page-server';
import { renderConformance } from './report';

/**
 * Real-browser conformance: headless Chromium against the behaviour model (issue 6).
 * Writes docs/conformance.md after every run.
 */

const REPORT = join(__dirname, '..', '..', 'docs', 'conformance.md');

let run: RunResult;
let verdicts: CaseVerdict[];

beforeAll(async () => {
  run = await runConformance();
  verdicts = compareRun(run);
  mkdirSync(join(REPORT, '..'), { recursive: true });
  writeFileSync(REPORT, renderConformance(verdicts, run.browserVersion));
}, 180_000);

describe('the matrix', () => {
  test('has at least 200 cases, every target, and each case was run', () => {
    expect(verdicts.length).toBeGreaterThanOrEqual(200);
    for (const target of CORS_TARGETS) expect(verdicts.filter((v) => v.c.target === target).length).toBeGreaterThanOrEqual(30);
    expect(verdicts.filter((v) => v.observation.page.error === 'not run')).toEqual([]);
  });

  test('has both verdicts, preflighted and simple requests, credentials on and off, per target', () => {
    for (const target of CORS_TARGETS) {
      const rows = verdicts.filter((v) => v.c.target === target);
      for (const allowed of [true, false]) expect(rows.some((v) => v.browser.allowed === allowed)).toBe(true);
      for (const sent of [true, false]) expect(rows.some((v) => v.browser.preflightSent === sent)).toBe(true);
      for (const credentials of [true, false]) expect(rows.some((v) => v.c.request.credentials === credentials && v.browser.allowed)).toBe(true);
    }
  });
});

// One test per case: Chromium's verdict, preflight and visible headers equal the model's.
// The ids do not depend on the ports: placeholder origins name the tests before the run.
const CASE_IDS: string[] = buildCases(pageOrigins(1)).map((c) => c.id);

describe.each(CORS_TARGETS.map((t) => [t]))('%s', (target) => {
  test.each(CASE_IDS.filter((id) => id.startsWith(`${target}.`)))('%s', (id) => {
    const verdict = verdicts.find((v) => v.c.id === id);
    expect(verdict).toBeDefined();
    const v = verdict!;
    const context = { id, reasons: v.chromiumModel.reasons, console: v.observation.console, error: v.observation.page.error };
    expect({ ...context, ...v.browser }).toEqual({ ...context, ...v.model });
    expect(v.mismatches).toEqual([]);
  });
});

describe('deviations from the Fetch standard', () => {
  test("Chromium lets '*' in Access-Control-Allow-Headers cover Authorization (wildcard-covers-authorization)", () => {
    const deviating = verdicts.filter((v) => v.deviation !== undefined);
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

  test('with credentials the wildcard covers nothing, in Chromium as in the standard', () => {
    const literal = verdicts.filter((v) => v.c.request.credentials && Object.keys(v.c.request.headers ?? {}).length > 0 && v.c.scenario === 'hand-written-literal-wildcards');
    expect(literal.length).toBeGreaterThan(0);
    for (const v of literal) {
      expect(v.browser.allowed).toBe(false);
      expect(v.standard.allowed).toBe(false);
    }
  });
});
