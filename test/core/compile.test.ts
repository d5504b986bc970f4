import {
  compileCorsPolicy,
  CORS_TARGETS,
  CorsPolicyError,
  normalizeCorsPolicy,
  normalizeCorsPolicyUnchecked,
  parsedOrigins,
  renderRestApiCors,
  validateCorsPolicy,
  type CorsPolicyProps,
} from 'cors-constructs';
import * as origin from '../../lib/core/origin';
import { POLICY_FIXTURES } from '../fixtures/policies';

// Exact, non-canonical (deployed as its lowercase form, a warning), subdomain and port patterns, and a duplicate.
const ORIGINS = ['https://a.example.com', 'https://B.example.com', 'https://*.c.example.com', 'http://localhost:*', 'https://a.example.com'];

// How often each string went through parseOrigin while `run` ran.
function parsesDuring(run: () => void): Map<string, number> {
  const spy = jest.spyOn(origin, 'parseOrigin');
  try {
    run();
    const counts = new Map<string, number>();
    for (const [raw] of spy.mock.calls) counts.set(raw, (counts.get(raw) ?? 0) + 1);
    return counts;
  } finally {
    spy.mockRestore();
  }
}

describe('compileCorsPolicy (issue 16: one compile step)', () => {
  test('validate, normalize and render of one policy parse each origin once', () => {
    const counts = parsesDuring(() => renderRestApiCors(normalizeCorsPolicy({ allowOrigins: ORIGINS, allowMethods: ['GET', 'POST'] })));
    // The written entries, and the canonical form of the non-canonical one, each once.
    expect(Object.fromEntries(counts)).toEqual({
      'https://a.example.com': 1,
      'https://B.example.com': 1,
      'https://b.example.com': 1,
      'https://*.c.example.com': 1,
      'http://localhost:*': 1,
    });
  });

  test('compiling with every target and rendering parse each origin once', () => {
    const counts = parsesDuring(() => renderRestApiCors(compileCorsPolicy({ allowOrigins: ORIGINS, allowCredentials: true }, { targets: CORS_TARGETS }).policy));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(5);
  });

  test.each(Object.entries(POLICY_FIXTURES))('%s: the same as validateCorsPolicy, normalizeCorsPolicyUnchecked and parsedOrigins', (_name, props) => {
    const options = { targets: CORS_TARGETS };
    const compiled = compileCorsPolicy(props, options);
    expect(compiled.diagnostics).toEqual(validateCorsPolicy(props, options));
    expect(compiled.policy).toEqual(normalizeCorsPolicyUnchecked(props));
    expect(compiled.origins).toEqual(parsedOrigins(normalizeCorsPolicyUnchecked(props)));
    expect(JSON.stringify(compiled.policy)).toBe(JSON.stringify(normalizeCorsPolicyUnchecked(props)));
  });

  test('the result, the policy and its lists are frozen', () => {
    const compiled = compileCorsPolicy({ allowOrigins: ORIGINS, allowHeaders: ['X-Id'] });
    for (const value of [compiled, compiled.policy, compiled.policy.allowOrigins, compiled.policy.allowHeaders, compiled.origins, compiled.origins[0], compiled.diagnostics]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
  });

  test('a getter is read once: what is validated is what is rendered', () => {
    let reads = 0;
    const props = {
      get allowOrigins() {
        reads++;
        return reads === 1 ? ['https://app.example.com'] : ['https://*'];
      },
      allowCredentials: true,
    } as CorsPolicyProps;
    const compiled = compileCorsPolicy(props);
    expect(reads).toBe(1);
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compiled.policy.allowOrigins).toEqual(['https://app.example.com']);
  });

  test('a getter that throws is a diagnostic, not a crash', () => {
    const props = { get allowOrigins(): string[] { throw new Error('boom'); } } as CorsPolicyProps;
    const compiled = compileCorsPolicy(props);
    expect(compiled.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'policy-invalid', field: 'allowOrigins' })]));
    expect(compiled.policy.allowOrigins).toEqual([]);
  });

  test('nothing is cached across calls: a changed props object compiles to its new values', () => {
    const props = { allowOrigins: ['https://a.example.com'] };
    expect(compileCorsPolicy(props).policy.allowOrigins).toEqual(['https://a.example.com']);
    props.allowOrigins.push('https://b.example.com');
    expect(compileCorsPolicy(props).policy.allowOrigins).toEqual(['https://a.example.com', 'https://b.example.com']);
  });

  test('normalizeCorsPolicy reports a revoked Proxy as a CorsPolicyError, as validateCorsPolicy does', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(validateCorsPolicy(proxy as CorsPolicyProps)).toEqual([expect.objectContaining({ rule: 'policy-invalid', severity: 'error' })]);
    expect(() => normalizeCorsPolicy(proxy as CorsPolicyProps)).toThrow(CorsPolicyError);
  });
});

describe('parsedOrigins', () => {
  test('of a compiled policy: its parsed origins, in a fresh list each call', () => {
    const { policy, origins } = compileCorsPolicy({ allowOrigins: ORIGINS });
    const first = parsedOrigins(policy);
    expect(first).toEqual(origins);
    first.pop();
    expect(parsedOrigins(policy)).toEqual(origins);
  });

  test('of a policy the caller built: parsed, tokens as exact origins', () => {
    const counts = parsesDuring(() => {
      expect(parsedOrigins({ allowOrigins: ['https://a.example.com', '${Token[TOKEN.1]}'], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false })).toEqual([
        { raw: 'https://a.example.com', kind: 'exact', scheme: 'https', host: 'a.example.com', port: '', canonical: 'https://a.example.com' },
        { raw: '${Token[TOKEN.1]}', kind: 'exact', scheme: '', host: '', port: '', canonical: '${Token[TOKEN.1]}' },
      ]);
    });
    expect(counts.get('https://a.example.com')).toBe(1);
  });
});
