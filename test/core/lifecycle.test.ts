import * as compile from '../../lib/core/compile';
import * as origin from '../../lib/core/origin';
import { CorsPolicyLifecycle, DIAGNOSTIC_ID_PREFIX, diagnosticId, formatSynthMessage, validateCorsPolicy, type CorsDiagnostic } from '../../lib/core/internal';
import { WARNING_ID_PREFIX } from 'cors-constructs/cdk';
import { DIAGNOSTIC_PREFIX } from 'cors-constructs/cdktf';

const WARNING: CorsDiagnostic = { rule: 'proxy-responses-uncovered', severity: 'warning', field: 'policy', target: 'rest-api', message: 'Lambda proxy responses carry no CORS headers.' };

describe('CorsPolicyLifecycle', () => {
  afterEach(() => jest.restoreAllMocks());

  test('lists the applied targets in CORS_TARGETS order, whatever order they were applied in', () => {
    const lifecycle = new CorsPolicyLifecycle({ allowOrigins: ['https://app.example.com'] });
    lifecycle.useTarget('cloudfront');
    lifecycle.useTarget('s3');
    lifecycle.useRestApi(true);
    lifecycle.useTarget('s3');
    expect(lifecycle.appliedTargets).toEqual(['rest-api', 's3', 'cloudfront']);
  });

  test('validates and normalizes one copy of the props, taken at construction', () => {
    const origins = ['*'];
    const lifecycle = new CorsPolicyLifecycle({ allowOrigins: origins, allowCredentials: true });
    origins[0] = 'https://app.example.com';
    expect(lifecycle.policy.allowOrigins).toEqual(['*']);
    expect(lifecycle.policyDiagnostics().map((d) => d.rule)).toContain('origin-wildcard-with-credentials');
  });

  test('a getter that throws is reported once, by what threw', () => {
    const props = { get allowOrigins(): string[] { throw new Error('boom'); } };
    const rules = new CorsPolicyLifecycle(props).policyDiagnostics().filter((d) => d.message.includes('boom'));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ rule: 'policy-invalid', field: 'allowOrigins' });
  });

  test('a getter that throws gets the same findings as from validateCorsPolicy (no extra origins-empty)', () => {
    const props = { get allowOrigins(): string[] { throw new Error('boom'); } };
    const rules = (diagnostics: readonly CorsDiagnostic[]) => diagnostics.map((d) => d.rule);
    expect(rules(new CorsPolicyLifecycle(props).policyDiagnostics())).toEqual(rules(validateCorsPolicy(props)));
    expect(rules(new CorsPolicyLifecycle(props).policyDiagnostics())).not.toContain('origins-empty');
  });

  test('drops the gateway-response rules only when every REST application opted out', () => {
    const lifecycle = new CorsPolicyLifecycle({ allowOrigins: ['https://app.example.com'] });
    expect(lifecycle.restApiGatewayResponses).toBe(true);
    lifecycle.useRestApi(false);
    expect(lifecycle.restApiGatewayResponses).toBe(false);
    lifecycle.useRestApi(true);
    expect(lifecycle.restApiGatewayResponses).toBe(true);
  });

  test('validates the policy once per set of targets and REST opt-out', () => {
    const spy = jest.spyOn(compile, 'compileDiagnostics');
    const props = { allowOrigins: ['https://*.example.com'] };
    const lifecycle = new CorsPolicyLifecycle(props);
    lifecycle.useTarget('s3');
    const first = lifecycle.policyDiagnostics();
    expect(lifecycle.policyDiagnostics()).toEqual(first);
    expect(spy).toHaveBeenCalledTimes(1);
    lifecycle.useRestApi(false);
    lifecycle.policyDiagnostics();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenLastCalledWith(props, { targets: ['rest-api', 's3'], restApiGatewayResponses: false }, expect.any(Function), []);
  });

  test('parses each origin once over the construct\'s life: the canonical form and every validation share one memo', () => {
    const spy = jest.spyOn(origin, 'parseOrigin');
    const lifecycle = new CorsPolicyLifecycle({ allowOrigins: ['https://app.example.com', 'https://*.example.org'] });
    lifecycle.useTarget('s3');
    lifecycle.policyDiagnostics();
    lifecycle.useTarget('http-api');
    lifecycle.policyDiagnostics();
    const parsed = spy.mock.calls.map(([raw]) => raw);
    expect(parsed.filter((raw) => raw === 'https://app.example.com')).toHaveLength(1);
    expect(parsed.filter((raw) => raw === 'https://*.example.org')).toHaveLength(1);
  });

  test('returns each warning once, by its synth message, and never an error', () => {
    const lifecycle = new CorsPolicyLifecycle({ allowOrigins: ['https://app.example.com'] });
    const error: CorsDiagnostic = { ...WARNING, rule: 'target-cors-conflict', severity: 'error' };
    const elsewhere: CorsDiagnostic = { ...WARNING, target: 'http-api' };
    expect(lifecycle.newWarnings([WARNING, error, WARNING])).toEqual([WARNING]);
    expect(lifecycle.newWarnings([WARNING, elsewhere])).toEqual([elsewhere]);
  });
});

describe('finding ids', () => {
  test('one prefix for both flavours', () => {
    expect(DIAGNOSTIC_ID_PREFIX).toBe('cors-constructs');
    expect(WARNING_ID_PREFIX).toBe(`${DIAGNOSTIC_ID_PREFIX}:`);
    expect(DIAGNOSTIC_PREFIX).toBe(DIAGNOSTIC_ID_PREFIX);
  });

  test('cors-constructs:<rule>, then the formatted diagnostic', () => {
    expect(diagnosticId(WARNING)).toBe('cors-constructs:proxy-responses-uncovered');
    expect(formatSynthMessage(WARNING)).toBe('cors-constructs:proxy-responses-uncovered [proxy-responses-uncovered] policy (rest-api): Lambda proxy responses carry no CORS headers.');
  });
});
