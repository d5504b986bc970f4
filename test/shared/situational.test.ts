import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { CorsDiagnostic } from 'cors-constructs';
import { CorsChecks, CorsPolicy } from 'cors-constructs/cdk';
import { main } from '../../lib/cli/main';
import { corsChecksReport } from '../cdk/helpers';
import { CDKTF, CDKTN, newFlavourStack, type Flavour } from '../cdktf/flavours';
import { FRONT_ENDS, SITUATIONAL_CASES, SITUATIONAL_RULES, type FrontEnd, type SituationalCase, type Verdicts } from './situational-cases';

const situational = new Set<string>(SITUATIONAL_RULES);
const verdicts = (found: ReadonlyArray<{ readonly rule: string; readonly severity: string }>): Verdicts =>
  [...new Set(found.filter((d) => situational.has(d.rule)).map((d) => `${d.rule}:${d.severity}`))].sort();

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

// The audit CLI's JSON report of a synthesized directory (cdk.out or cdktf.out).
function audit(directory: string): Verdicts {
  let stdout = '';
  main(['audit', directory, '--format', 'json'], { stdout: (t) => { stdout += t; }, stderr: () => undefined, cwd: directory });
  return verdicts((JSON.parse(stdout) as { findings: CorsDiagnostic[] }).findings);
}

function cdkVerdicts(c: SituationalCase): Partial<Record<FrontEnd, Verdicts>> {
  const outdir = mkdtempSync(join(tmpdir(), 'situational-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const cors = new CorsPolicy(stack, 'Cors', c.props);
  c.cdk(stack, cors);
  Validations.of(app).addPlugins(new CorsChecks());
  // CorsChecks prints its warnings to stderr.
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    app.synth();
  } finally {
    spy.mockRestore();
  }
  const report = corsChecksReport(outdir);
  return { 'cdk': verdicts(cors.diagnostics()), 'CorsChecks': verdicts(report.rows.map((r) => ({ rule: r.rule, severity: r.severity }))), 'audit cdk.out': audit(outdir) };
}

function terraformVerdicts(f: Flavour, c: SituationalCase): Partial<Record<FrontEnd, Verdicts>> {
  const { app, stack } = newFlavourStack(f);
  outdirs.push(app.outdir);
  const cors = new f.lib.CorsPolicy(stack, 'Cors', c.props);
  c.terraform(f, stack, cors);
  app.synth();
  return { [f.name]: verdicts(cors.diagnostics()), [`audit ${f.name}.out`]: audit(app.outdir) };
}

describe('situational rules: the same verdicts from every front end', () => {
  test.each(SITUATIONAL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const found = { ...cdkVerdicts(c), ...terraformVerdicts(CDKTF, c), ...terraformVerdicts(CDKTN, c) };
    const expected = Object.fromEntries(FRONT_ENDS.map((f) => [f, c.differs?.[f]?.verdicts ?? c.verdicts]));
    expect(found).toEqual(expected);
  });

  test('every rule fires in some case and every firing case has a passing neighbour', () => {
    for (const rule of SITUATIONAL_RULES) {
      const cases = SITUATIONAL_CASES.filter((c) => c.about === rule);
      expect([rule, cases.some((c) => c.verdicts.some((v) => v.startsWith(`${rule}:`)))]).toEqual([rule, true]);
      expect([rule, cases.some((c) => c.verdicts.length === 0)]).toEqual([rule, true]);
    }
    for (const c of SITUATIONAL_CASES) expect(SITUATIONAL_RULES).toContain(c.about);
    for (const c of SITUATIONAL_CASES) for (const d of Object.values(c.differs ?? {})) expect(d.reason).not.toBe('');
  });
});
