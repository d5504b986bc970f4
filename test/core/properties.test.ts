import * as fc from 'fast-check';
import {
  CORS_TARGETS,
  normalizeCorsPolicy,
  normalizeCorsPolicyUnchecked,
  normalizeMethod,
  renderCloudFrontCors,
  renderFunctionUrlCors,
  renderHttpApiCors,
  renderS3CorsRule,
  TARGET_CAPABILITIES,
  validateCorsPolicy,
  type CorsPolicyProps,
  type CorsTarget,
  type NormalizedCorsPolicy,
} from 'cors-constructs';

const originEntry = fc.oneof(
  fc.constantFrom('*', 'null', 'https://*', 'http://*', 'https://*.example.com', 'http://localhost:*', 'https://App.example.com', 'https://app.example.com/', 'app://x', 'https://*.com'),
  fc.tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8}){1,2}$/), fc.option(fc.integer({ min: 1, max: 70000 }), { nil: undefined }))
    .map(([scheme, host, port]) => `${scheme}://${host}${port === undefined ? '' : `:${port}`}`),
);
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'delete', 'patch', 'PROPFIND', '*', 'TRACE', 'BAD METHOD');
const header = fc.constantFrom('content-type', 'Authorization', 'X-Api-Key', 'x-api-key', '*', 'cookie', 'bad header', 'etag', 'set-cookie', 'Content-Length');

/** Policies built from realistic and broken entries alike. */
const policy: fc.Arbitrary<CorsPolicyProps> = fc.record({
  allowOrigins: fc.array(originEntry, { minLength: 0, maxLength: 4 }),
  allowMethods: fc.option(fc.array(method, { maxLength: 5 }), { nil: undefined }),
  allowHeaders: fc.option(fc.array(header, { maxLength: 4 }), { nil: undefined }),
  exposeHeaders: fc.option(fc.array(header, { maxLength: 3 }), { nil: undefined }),
  allowCredentials: fc.option(fc.boolean(), { nil: undefined }),
  maxAgeSeconds: fc.option(fc.oneof(fc.integer({ min: -10, max: 100000 }), fc.double()), { nil: undefined }),
}, { requiredKeys: ['allowOrigins'] });

const targets = fc.subarray([...CORS_TARGETS]);

describe('validator invariants', () => {
  test('validateCorsPolicy never throws, whatever a JavaScript caller passes', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.dictionary(fc.constantFrom('allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'maxAgeSeconds', 'extra'), fc.anything())), targets, (input, chosen) => {
      const diagnostics = validateCorsPolicy(input as CorsPolicyProps, { targets: chosen });
      expect(Array.isArray(diagnostics)).toBe(true);
      for (const d of diagnostics) expect(typeof d.message).toBe('string');
    }), { numRuns: 3000 });
  });

  test('no internal failure on generated policies (every diagnostic comes from a rule)', () => {
    fc.assert(fc.property(policy, targets, (props, chosen) => {
      const diagnostics = validateCorsPolicy(props, { targets: chosen });
      expect(diagnostics.filter((d) => d.message.includes('could not validate'))).toEqual([]);
    }), { numRuns: 2000 });
  });

  test('a diagnostic index points at the entry it names, in the list as given (tokens and non-strings included)', () => {
    const lists = { allowOrigins: 'allowOrigins', allowMethods: 'allowMethods', allowHeaders: 'allowHeaders', exposeHeaders: 'exposeHeaders' } as const;
    const withTokens = policy.chain((props) => fc.nat({ max: 3 }).map((at) => {
      // A token or a non-string entry before some entries shifts the positions of the kept ones.
      const origins: unknown[] = [...props.allowOrigins];
      origins.splice(Math.min(at, origins.length), 0, at % 2 === 0 ? '${Token[TOKEN.1]}' : 42);
      return { ...props, allowOrigins: origins as string[] };
    }));
    fc.assert(fc.property(withTokens, targets, (props, chosen) => {
      for (const d of validateCorsPolicy(props, { targets: chosen, asDeployed: true })) {
        if (d.index === undefined) continue;
        const list = (props as unknown as Record<string, unknown[]>)[lists[d.field as keyof typeof lists]]!;
        expect(d.index).toBeLessThan(list.length);
        const entry = list[d.index];
        // Target limits name the method as normalized; every other rule names the entry as written.
        const named = typeof entry !== 'string' ? String(entry) : d.rule === 'method-unsupported' ? normalizeMethod(entry) : entry;
        expect({ rule: d.rule, value: d.value }).toEqual({ rule: d.rule, value: named });
      }
    }), { numRuns: 2000 });
  });

  test('every finding about one entry of a list carries its index', () => {
    const props: CorsPolicyProps = {
      allowOrigins: ['https://a.example', '${Token[TOKEN.9]}', 'https://a.example', 'https://b.example/', '*'],
      allowMethods: ['GET', 'delete', 'PATCH', 'get'],
      allowHeaders: ['x-id', 'X-Id', '*'],
      exposeHeaders: ['etag', 'content-type'],
      allowCredentials: true,
    };
    const found = validateCorsPolicy(props, { targets: ['s3', 'http-api'], asDeployed: true }).filter((d) => d.value !== undefined).map((d) => `${d.rule} ${d.index}`);
    expect(found).toEqual(expect.arrayContaining([
      'unresolved-token 1', 'origin-duplicate 2', 'origin-trailing-slash 3', 'origin-wildcard-with-credentials 4', 'origin-wildcard-mixed 4',
      'method-not-normalized 1', 'method-not-normalized 3', 'method-duplicate 3', 'method-unsupported 2',
      'header-duplicate 1', 'header-wildcard-with-credentials 2', 'expose-safelisted 1',
    ]));
  });

  test('normalizeCorsPolicy is idempotent and its output validates cleanly', () => {
    fc.assert(fc.property(policy, (props) => {
      fc.pre(!validateCorsPolicy(props).some((d) => d.severity === 'error'));
      const once = normalizeCorsPolicy(props);
      const twice = normalizeCorsPolicy(once);
      expect(twice).toEqual(once);
      expect(validateCorsPolicy(once).filter((d) => d.severity === 'error')).toEqual([]);
    }), { numRuns: 2000 });
  });

  test('normalizeCorsPolicy throws CorsPolicyError with every diagnostic when there is an error', () => {
    expect(() => normalizeCorsPolicy({ allowOrigins: ['*'], allowCredentials: true, maxAgeSeconds: -1 })).toThrow(/origin-wildcard-with-credentials[\s\S]*max-age-invalid/);
  });

  test('a policy without errors for a target renders within that target’s limits', () => {
    const rendered = (target: CorsTarget, p: NormalizedCorsPolicy) => {
      switch (target) {
        case 'http-api': { const c = renderHttpApiCors(p); return { origins: c.allowOrigins, methods: c.allowMethods, headers: [c.allowHeaders, c.exposeHeaders], maxAge: c.maxAgeSeconds }; }
        case 'function-url': { const c = renderFunctionUrlCors(p); return { origins: c.allowOrigins, methods: c.allowMethods, headers: [c.allowHeaders, c.exposeHeaders], maxAge: c.maxAgeSeconds }; }
        case 's3': { const c = renderS3CorsRule(p); return { origins: c.allowedOrigins, methods: c.allowedMethods, headers: [c.allowedHeaders, c.exposedHeaders], maxAge: c.maxAgeSeconds }; }
        case 'cloudfront': { const c = renderCloudFrontCors(p); return { origins: c.allowOrigins, methods: c.allowMethods, headers: [c.allowHeaders, c.exposeHeaders], maxAge: c.maxAgeSeconds }; }
        // The REST preflight renders header lists only when they have items.
        case 'rest-api': return { origins: [...p.allowOrigins], methods: [...p.allowMethods], headers: [p.allowHeaders, p.exposeHeaders].map((l) => (l.length > 0 ? l : undefined)), maxAge: p.maxAgeSeconds };
      }
    };
    fc.assert(fc.property(policy, fc.constantFrom(...CORS_TARGETS), (props, target) => {
      fc.pre(!validateCorsPolicy(props, { targets: [target] }).some((d) => d.severity === 'error'));
      const caps = TARGET_CAPABILITIES[target];
      const out = rendered(target, normalizeCorsPolicyUnchecked(props));
      expect(out.origins.length).toBeGreaterThan(0);
      if (caps.maxOrigins !== undefined) expect(out.origins.length).toBeLessThanOrEqual(caps.maxOrigins);
      if (caps.maxOriginLength !== undefined) for (const o of out.origins) expect(o.length).toBeLessThanOrEqual(caps.maxOriginLength);
      expect(out.methods.length).toBeGreaterThan(0);
      if (caps.methods) for (const m of out.methods) expect([...caps.methods, '*', 'ALL']).toContain(m);
      if (caps.maxMethods !== undefined) expect(out.methods.length).toBeLessThanOrEqual(caps.maxMethods);
      for (const list of out.headers) {
        if (list === undefined) continue;
        expect(list.length).toBeGreaterThan(0);
        if (caps.maxHeaders !== undefined) expect(list.length).toBeLessThanOrEqual(caps.maxHeaders);
      }
      if (caps.maxAgeLimit !== undefined && out.maxAge !== undefined) expect(out.maxAge).toBeLessThanOrEqual(caps.maxAgeLimit);
      if (target === 'cloudfront' && out.methods.includes('ALL')) expect(out.methods).toEqual(['ALL']);
    }), { numRuns: 3000 });
  });
});
