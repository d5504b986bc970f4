import { canonicalJson, configFingerprint, describeConfiguration, sameConfiguration } from '../../lib/core/internal';

describe('canonicalJson', () => {
  test('sorts object keys at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[{"x":2,"y":1}]},"b":1}');
  });

  test('keeps list order unless lists are unordered (Terraform sets)', () => {
    const a = { rules: [{ m: ['GET', 'PUT'] }, { m: ['POST'] }] };
    const b = { rules: [{ m: ['POST'] }, { m: ['PUT', 'GET'] }] };
    expect(sameConfiguration(a, b)).toBe(false);
    expect(sameConfiguration(a, b, { unorderedLists: true })).toBe(true);
    expect(sameConfiguration(a, { rules: [{ m: ['GET'] }, { m: ['POST'] }] }, { unorderedLists: true })).toBe(false);
  });

  test('configFingerprint hashes the canonical text, so key order does not change it', () => {
    expect(configFingerprint({ a: 1, b: [2, 3] })).toBe(configFingerprint({ b: [2, 3], a: 1 }));
    expect(configFingerprint({ a: 1, b: [2, 3] })).not.toBe(configFingerprint({ a: 1, b: [3, 2] }));
  });
});

describe('describeConfiguration', () => {
  test('compact JSON, cut to 160 characters with ...', () => {
    expect(describeConfiguration({ allowOrigins: ['*'] })).toBe('{"allowOrigins":["*"]}');
    const long = describeConfiguration({ origins: Array.from({ length: 40 }, (_, i) => `https://o${i}.example.com`) });
    expect(long).toHaveLength(160);
    expect(long.endsWith('...')).toBe(true);
    expect(describeConfiguration(undefined)).toBe('undefined');
  });
});
