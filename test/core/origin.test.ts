import * as fc from 'fast-check';
import { originMatches, originPatternRegex, parseOrigin, type ParsedOrigin } from 'cors-constructs';
import { hasPublicSuffixBelow, isPublicSuffix } from '../../lib/core/public-suffix';

function parsed(raw: string): ParsedOrigin {
  const result = parseOrigin(raw);
  if (!result.origin) throw new Error(`${raw}: ${result.problem.reason}`);
  return result.origin;
}

describe('parseOrigin', () => {
  test.each([
    ['https://app.example.com', 'exact', 'app.example.com', ''],
    ['http://localhost:3000', 'exact', 'localhost', '3000'],
    ['http://[::1]:5173', 'exact', '[::1]', '5173'],
    ['https://*.example.com', 'subdomain-pattern', 'example.com', ''],
    ['https://*.example.com:8443', 'subdomain-pattern', 'example.com', '8443'],
    ['http://localhost:*', 'port-pattern', 'localhost', '*'],
    ['https://*', 'scheme-pattern', '*', ''],
    ['*', 'any', '', ''],
    ['null', 'null', '', ''],
    ['capacitor://localhost', 'exact', 'localhost', ''],
  ] as const)('%s is %s', (raw, kind, host, port) => {
    expect(parsed(raw)).toMatchObject({ raw, kind, host, port, canonical: raw });
  });

  test.each([
    ['https://APP.example.com', 'https://app.example.com'],
    ['https://app.example.com:443', 'https://app.example.com'],
    ['http://app.example.com:80', 'http://app.example.com'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
    ['https://*.BÜCHER.example', 'https://*.xn--bcher-kva.example'],
    ['http://[0:0:0:0:0:0:0:1]:8080', 'http://[::1]:8080'],
    ['HTTP://localhost:*', 'http://localhost:*'],
  ])('%s is not canonical; the fix is %s', (raw, canonical) => {
    expect(parseOrigin(raw).problem).toMatchObject({ rule: 'origin-not-canonical', suggestion: canonical });
  });
});

describe('originMatches', () => {
  test.each([
    ['https://*.example.com', 'https://a.example.com', true],
    ['https://*.example.com', 'https://a.b.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://*.example.com', 'https://aexample.com', false],
    ['https://*.example.com', 'http://a.example.com', false],
    ['https://*.example.com', 'https://a.example.com:8443', false],
    ['https://*.example.com', 'https://a.example.com.evil.com', false],
    ['https://*.example.com:8443', 'https://a.example.com:8443', true],
    ['http://localhost:*', 'http://localhost:3000', true],
    ['http://localhost:*', 'http://localhost', false],
    ['http://localhost:*', 'http://localhost.evil.com:3000', false],
    ['https://*', 'https://anything.example', true],
    ['https://*', 'http://anything.example', false],
    ['https://app.example.com', 'https://app.example.com', true],
    ['https://app.example.com', 'https://app.example.com:443', false],
    ['*', 'null', true],
    ['null', 'null', true],
    ['null', 'https://app.example.com', false],
  ] as const)('%s vs %s: %s', (entry, origin, expected) => {
    expect(originMatches(parsed(entry), origin)).toBe(expected);
  });

  test('the generated regex escapes every dot (aws-cdk #26623)', () => {
    const regex = new RegExp(originPatternRegex(parsed('https://www.example.com')));
    expect(regex.test('https://www.example.com')).toBe(true);
    expect(regex.test('https://wwwxexample.com')).toBe(false);
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
  const host = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
  const requestOrigin = fc.tuple(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
    .map(([scheme, h, port]) => `${scheme}://${h}${port === undefined ? '' : `:${port}`}`);
  const entry = fc.oneof(
    fc.constantFrom('*', 'null', 'https://*', 'http://*', 'http://localhost:*', 'https://*.example.com', 'https://*.a.example.com:8443', 'https://a.example.com'),
    fc.tuple(fc.constantFrom('http', 'https'), host).map(([scheme, h]) => `${scheme}://*.${h}`),
    requestOrigin,
  );

  test('the generated regex accepts exactly what originMatches accepts', () => {
    fc.assert(fc.property(entry, fc.oneof(requestOrigin, requestOrigin.map((o) => o.replace('://', '://x.')), fc.constant('null')), (raw, origin) => {
      const result = parseOrigin(raw);
      fc.pre(result.origin !== undefined);
      const entryParsed = result.origin!;
      expect(new RegExp(originPatternRegex(entryParsed)).test(origin)).toBe(originMatches(entryParsed, origin));
    }), { numRuns: 2000 });
  });
});

describe('public suffix list (the generated copy of tldts, private section included)', () => {
  test.each([
    ['com', true], ['co.uk', true], ['github.io', true], ['cloudfront.net', true], ['example.com', false], ['localhost', false],
  ])('%s is a public suffix: %s', (domain, expected) => {
    expect(isPublicSuffix(domain)).toBe(expected);
  });

  test.each([
    ['amazonaws.com', true], ['on.aws', true], ['com', true], ['example.com', false], ['example.co.uk', false],
  ])('%s has a public suffix below it: %s', (domain, expected) => {
    expect(hasPublicSuffixBelow(domain)).toBe(expected);
  });
});
