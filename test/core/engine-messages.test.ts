import { validateCorsPolicy, type CorsPolicyProps, type CorsTarget } from 'cors-constructs';

// The messages state what each engine does, from the real-browser run (docs/conformance.md, issue 17).
const message = (policy: CorsPolicyProps, target: CorsTarget, rule: string): string => {
  const found = validateCorsPolicy(policy, { targets: [target] }).find((d) => d.rule === rule);
  expect(found).toBeDefined();
  return found!.message;
};

describe('rule messages name each engine’s measured behaviour', () => {
  test.each([
    ['max-age-browser-cap', { allowOrigins: ['https://app.example.com'], maxAgeSeconds: 86400 }, 'http-api', [/Chromium keeps it at most 7200 s/, /Firefox and WebKit re-sent a 700 s preflight after 610 s/, /WebKit caps at 600 s/, /no-store/]],
    ['header-authorization-wildcard', { allowOrigins: ['https://app.example.com'], allowHeaders: ['*'] }, 'http-api', [/Fetch standard/, /Chromium, Firefox and WebKit all let it through/, /without credentials/, /fetch#1919/]],
  ] as const)('%s', (rule, policy, target, patterns) => {
    const text = message(policy, target, rule);
    for (const pattern of patterns) expect(text).toMatch(pattern);
  });
});
