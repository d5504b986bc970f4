import fc from 'fast-check';
import { CORS_TARGETS, isHttpToken, normalizeMethod, validateCorsPolicy, type CorsDiagnostic, type CorsPolicyProps, type CorsTarget, type LiteralWildcards } from 'cors-constructs';

// The target rules find the entry a finding is about through an index built once per check (issue 15, item 7:
// a scan of the list per origin or method was quadratic). These rows pin what they report: the first entry written
// as the value, in the caller's positions (tokens and non-strings counted).

const token = '${Token[TOKEN.7]}';
const pattern = 'https://*.example.com';

interface Row {
  readonly name: string;
  readonly policy: unknown;
  readonly targets: readonly CorsTarget[];
  readonly literalWildcards?: LiteralWildcards;
  readonly asDeployed?: boolean;
  /** Every target finding of `rule`, as (target, value, index). */
  readonly rule: CorsDiagnostic['rule'];
  readonly expected: ReadonlyArray<{ target: CorsTarget; value?: string; index?: number }>;
}

const ROWS: Row[] = [
  {
    name: 'an unsupported pattern is reported once per target, at its first position, after a token and a non-string',
    policy: { allowOrigins: [token, 42, 'https://a.example.com', pattern, pattern] },
    targets: ['http-api', 'function-url'],
    rule: 'origin-pattern-unsupported',
    expected: [{ target: 'http-api', value: pattern, index: 3 }, { target: 'function-url', value: pattern, index: 3 }],
  },
  {
    name: 'a pattern deployed as its canonical form is reported at the entry written canonically, when there is one',
    policy: { allowOrigins: ['https://*.Example.com', 'https://a.example.com', pattern] },
    targets: ['http-api'],
    rule: 'origin-pattern-unsupported',
    expected: [{ target: 'http-api', value: pattern, index: 2 }],
  },
  {
    name: 'a pattern deployed as its canonical form, never written so, has no position',
    policy: { allowOrigins: ['https://a.example.com', 'https://*.Example.com'] },
    targets: ['http-api'],
    rule: 'origin-pattern-unsupported',
    expected: [{ target: 'http-api', value: pattern }],
  },
  {
    name: 'a pattern sent as written at every position where it is written is reported at the first',
    policy: { allowOrigins: ['https://a.example.com', pattern, token, pattern] },
    targets: ['rest-api'],
    literalWildcards: { allowOrigins: [1, 3] },
    rule: 'origin-pattern-unsupported',
    expected: [{ target: 'rest-api', value: pattern, index: 1 }],
  },
  {
    name: 'a pattern sent as written at only one of its positions still matches through the other',
    policy: { allowOrigins: ['https://a.example.com', pattern, token, pattern] },
    targets: ['rest-api'],
    literalWildcards: { allowOrigins: [3] },
    rule: 'origin-pattern-unsupported',
    expected: [],
  },
  {
    name: 'every pattern kind sent as written, each at its first position',
    policy: { allowOrigins: ['http://localhost:*', 'https://a.example.com', pattern, 'http://localhost:*'] },
    targets: ['s3', 'cloudfront'],
    literalWildcards: { allowOrigins: true },
    rule: 'origin-pattern-unsupported',
    expected: [
      { target: 's3', value: 'http://localhost:*', index: 0 },
      { target: 's3', value: pattern, index: 2 },
      { target: 'cloudfront', value: 'http://localhost:*', index: 0 },
      { target: 'cloudfront', value: pattern, index: 2 },
    ],
  },
  {
    name: 'an unsupported method is reported at its first spelling that normalizes to it, invalid entries skipped',
    policy: { allowOrigins: ['https://a.example.com'], allowMethods: ['GET', 'OPT IONS', token, 'options', 'OPTIONS', 'Patch'] },
    targets: ['s3'],
    rule: 'method-unsupported',
    expected: [{ target: 's3', value: 'OPTIONS', index: 3 }, { target: 's3', value: 'Patch', index: 5 }],
  },
  {
    name: 'a method over the length limit is reported at its first position',
    policy: { allowOrigins: ['https://a.example.com'], allowMethods: ['GET', 7, `X${'Y'.repeat(64)}`, `X${'Y'.repeat(64)}`] },
    targets: ['http-api'],
    rule: 'method-unsupported',
    expected: [{ target: 'http-api', value: `X${'Y'.repeat(64)}`, index: 2 }],
  },
  {
    name: 'the method count limit names no entry',
    policy: { allowOrigins: ['https://a.example.com'], allowMethods: ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE', 'get', 'Delete', 'PUT'] },
    targets: ['function-url'],
    rule: 'method-unsupported',
    expected: [],
  },
  {
    name: 'function URLs: OPTIONS at its first position, next to *',
    policy: { allowOrigins: ['https://a.example.com'], allowMethods: ['*', 'Options', 'OPTIONS'] },
    targets: ['function-url'],
    rule: 'method-unsupported',
    expected: [{ target: 'function-url', value: 'OPTIONS', index: 1 }],
  },
];

function findings(row: Row): Array<{ target?: CorsTarget; value?: string; index?: number }> {
  const options = { targets: row.targets, ...(row.literalWildcards ? { literalWildcards: row.literalWildcards } : {}), ...(row.asDeployed ? { asDeployed: true } : {}) };
  return validateCorsPolicy(row.policy as CorsPolicyProps, options)
    .filter((d) => d.rule === row.rule && d.target !== undefined)
    .map((d) => ({ target: d.target, ...(d.value !== undefined ? { value: d.value } : {}), ...(d.index !== undefined ? { index: d.index } : {}) }));
}

describe('target rules: the entry a finding names', () => {
  test.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(findings(row)).toEqual(row.expected);
  });

  // Any list the caller may write: strings from a small alphabet (so entries repeat), tokens and non-strings.
  const originEntry = fc.oneof(fc.constantFrom(pattern, 'https://*.Example.com', 'http://localhost:*', 'https://*', 'https://a.example.com', 'null', '*', token), fc.integer());
  const methodEntry = fc.oneof(fc.constantFrom('GET', 'get', 'options', 'OPTIONS', 'Patch', 'PATCH', 'purge', 'X Y', `M${'x'.repeat(64)}`, '*', token), fc.constant(null));

  test('every positioned target finding names the first entry written as its value (origins) or normalizing to it (methods)', () => {
    fc.assert(fc.property(
      fc.array(originEntry, { maxLength: 8 }),
      fc.array(methodEntry, { maxLength: 8 }),
      fc.oneof(fc.constant<LiteralWildcards | undefined>(undefined), fc.constant({ allowOrigins: true }), fc.array(fc.nat(8)).map((allowOrigins) => ({ allowOrigins }))),
      (allowOrigins, allowMethods, literalWildcards) => {
        const diagnostics = validateCorsPolicy({ allowOrigins, allowMethods } as unknown as CorsPolicyProps, { targets: CORS_TARGETS, ...(literalWildcards ? { literalWildcards } : {}) });
        for (const d of diagnostics) {
          if (d.target === undefined || d.index === undefined) continue;
          const list: unknown[] = d.field === 'allowOrigins' ? allowOrigins : allowMethods;
          const same = d.field === 'allowOrigins'
            ? (entry: unknown) => entry === d.value
            : (entry: unknown) => typeof entry === 'string' && entry !== token && isHttpToken(entry) && normalizeMethod(entry) === d.value;
          expect({ d, index: list.findIndex(same) }).toEqual({ d, index: d.index });
        }
      },
    ));
  });
});

describe('findings stay linear in the list size', () => {
  test("method-wildcard-with-credentials lists at most five of the methods next to '*', once per '*'", () => {
    const allowMethods = ['*', 'PUT', 'DELETE', 'PATCH', 'M1', 'M2', 'M3', 'M4', '*'];
    const hits = validateCorsPolicy({ allowOrigins: ['https://a.example.com'], allowMethods, allowCredentials: true }).filter((d) => d.rule === 'method-wildcard-with-credentials');
    expect(hits.map((d) => d.index)).toEqual([0, 8]);
    for (const hit of hits) {
      expect(hit.message).toContain('(PUT, DELETE, PATCH, M1, M2 and 2 more)');
      expect(hit.message).not.toContain('M3');
    }
  });
});
