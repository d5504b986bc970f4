import * as fc from 'fast-check';
import { normalizeCorsPolicyUnchecked, originMatches, parseOrigin } from 'cors-constructs';
import { refusedWithCredentials } from '../../lib/core/origin';
import { publicSuffixReach } from '../../lib/core/public-suffix';
import { corsHeaders } from 'cors-constructs/runtime';
import { parseCanonicalOrigin } from '../../lib/runtime/origins';

// Origin-like strings around the interesting edges: case, IDN, default ports, patterns, paths, whitespace.
const label = fc.constantFrom('app', 'API', 'a-b', 'xn--bcher-kva', 'bücher', '127', '0x7f', 'x', 'localhost', '');
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
  fc.constantFrom('[::1]', '[0:0::1]', '127.0.0.1', '127.1', 'example.com.', 'EXAMPLE.com', 'a b.com', 'a@b.com'),
);
const scheme = fc.constantFrom('https', 'http', 'HTTPS', 'chrome-extension', 'capacitor', 'tauri', 'file', 'ws', 'foo+bar', 'moz-extension');
const prefix = fc.constantFrom('', '', '*.', '*', '*.*.');
const port = fc.constantFrom('', '', ':80', ':443', ':3000', ':*', ':99999', ':', ':08080');
const suffix = fc.constantFrom('', '', '', '/', '/path', '?q', '#f', ' ');
const originLike = fc.oneof(
  fc.tuple(scheme, prefix, host, port, suffix).map(([s, p, h, o, x]) => `${s}://${p}${h}${o}${x}`),
  fc.constantFrom('*', 'null', 'NULL', '', 'https://*', 'http://*', 'https://*:443', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'app.example.com'),
);

describe('parseCanonicalOrigin agrees with the core parseOrigin', () => {
  // Found by the property below (random seed): a pattern without a base host matched every
  // origin ending in a dot.
  test.each(['https://*.', 'https://*..', 'http://*.:3000'])('refuses %s, a subdomain pattern without a base host, as the core does', (raw) => {
    expect(parseOrigin(raw).origin).toBeUndefined();
    expect(parseCanonicalOrigin(raw)).toBeUndefined();
  });

  test('https://.app (an empty label) is refused by the core and kept by the runtime as an exact entry that only matches itself', () => {
    expect(parseOrigin('https://.app').problem?.reason).toMatch(/is not a DNS host name/);
    expect(parseCanonicalOrigin('https://.app')).toMatchObject({ kind: 'exact', canonical: 'https://.app' });
    expect(corsHeaders({ allowOrigins: ['https://.app'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false }, { Origin: 'https://x.app' })).not.toHaveProperty('Access-Control-Allow-Origin');
  });

  test('every entry parseOrigin accepts is accepted with the same fields', () => {
    fc.assert(
      fc.property(originLike, (raw) => {
        const core = parseOrigin(raw).origin;
        if (core === undefined) return;
        const runtime = parseCanonicalOrigin(raw);
        expect(runtime).toBeDefined();
        expect(runtime!.kind).toBe(core.kind);
        expect(runtime!.canonical).toBe(core.canonical);
        // Only http(s) entries use scheme/host/port in originMatches (exact entries compare canonical).
        if (core.scheme === 'http' || core.scheme === 'https') expect(runtime).toEqual(core);
      }),
      { numRuns: 3000 },
    );
  });

  // The core also refuses http(s) hosts that are not DNS names (e.g. an empty label: `https://.app`,
  // `https://.app:*`), a grammar the runtime does not repeat (5 KB budget). Such an entry only
  // matches Origins whose host holds that same non-DNS host, which no browser sends: harmless.
  test('an entry parseOrigin refuses is refused, is an exact non-http entry that can only match itself, or has an http host outside the DNS grammar', () => {
    fc.assert(
      fc.property(originLike, (raw) => {
        const core = parseOrigin(raw);
        if (core.origin !== undefined) return;
        const runtime = parseCanonicalOrigin(raw);
        if (runtime === undefined) return;
        if (/^https?$/.test(runtime.scheme)) {
          expect(core.problem.reason).toMatch(/is not a DNS host name/);
          expect(runtime.host).toMatch(/^\.|\.\./);
        } else {
          expect(runtime.kind).toBe('exact');
        }
        expect(runtime.canonical).toBe(raw);
      }),
      { numRuns: 3000 },
    );
  });

  test.each(['https://App.example.com', 'https://app.example.com:443', 'http://app.example.com:80', 'https://bücher.example', 'https://*.example.com:*', 'https://a.*.com', 'https://*example.com', 'http://localhost:3000:*', 'https://app.example.com/'])(
    'refuses the non-canonical %s',
    (raw) => {
      expect(parseCanonicalOrigin(raw)).toBeUndefined();
    },
  );
});

describe('corsHeaders never reflects an origin that originMatches rejects', () => {
  // Request Origins: canonical ones near the policy entries, and hostile variants.
  const requestOrigin = fc.oneof(
    originLike,
    fc.tuple(fc.constantFrom('https://', 'http://'), fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('.example.com', '.example.com.evil.net', 'example.com', ''), fc.constantFrom('', ':3000', ':8080', ', https://x.com', '\r\nX: y'))
      .map(([s, labels, base, tail]) => `${s}${labels.join('.')}${base}${tail}`),
  );
  const policyOrigins = fc.array(fc.oneof(originLike, fc.constantFrom('https://*.example.com', 'http://localhost:*', 'https://app.example.com', 'https://*')), { minLength: 1, maxLength: 4 });

  test('property', () => {
    fc.assert(
      fc.property(policyOrigins, fc.boolean(), requestOrigin, fc.constantFrom('GET', 'OPTIONS'), fc.constantFrom('Origin', 'origin', 'ORIGIN'), (origins, credentials, origin, method, name) => {
        // Only policies the runtime accepts: the normalized ones, without a catch-all origin or a
        // public-suffix pattern with credentials.
        const policy = normalizeCorsPolicyUnchecked({ allowOrigins: origins, allowCredentials: credentials, allowHeaders: ['content-type'], exposeHeaders: ['etag'] });
        const parsed = policy.allowOrigins.map((entry) => parseOrigin(entry).origin!);
        fc.pre(parsed.length > 0 && !(credentials && parsed.some((entry) => refusedWithCredentials(entry) || publicSuffixReach(entry) !== undefined)));
        const headers = corsHeaders(policy, { [name]: origin, 'Access-Control-Request-Method': 'PUT' }, method);
        const allowOrigin = headers['Access-Control-Allow-Origin'];
        const anyWithoutCredentials = !credentials && parsed.some((entry) => entry.kind === 'any');
        if (anyWithoutCredentials) {
          expect(allowOrigin).toBe('*');
          expect(headers['Vary']).toBeUndefined();
        } else {
          expect(headers['Vary']).toMatch(/^Origin\b/);
          if (allowOrigin !== undefined) {
            expect(allowOrigin).toBe(origin);
            expect(parsed.some((entry) => originMatches(entry, origin))).toBe(true);
            expect(origin).toMatch(/^[!-+\--~]+$/);
          } else {
            expect(Object.keys(headers).filter((key) => key.startsWith('Access-Control-'))).toEqual([]);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('an allowed canonical origin is always reflected (the helper is not merely refusing everything)', () => {
    fc.assert(
      fc.property(fc.array(label.filter((l) => /^[a-z0-9-]+$/.test(l)), { minLength: 1, maxLength: 3 }), fc.boolean(), (labels, credentials) => {
        const origin = `https://${labels.join('.')}.example.com`;
        fc.pre(parseOrigin(origin).origin !== undefined);
        const policy = normalizeCorsPolicyUnchecked({ allowOrigins: ['https://*.example.com'], allowCredentials: credentials });
        expect(corsHeaders(policy, { origin })['Access-Control-Allow-Origin']).toBe(origin);
      }),
    );
  });
});
