import {
  duplicateCorsHeaders,
  normalizeCorsPolicy,
  preflightNeedsOptionsRoute,
  preflightNotForwarded,
  proxyResponsesUncovered,
  type CloudFrontBehaviorFact,
  type HttpRouteFact,
  type ProxyIntegrationFact,
} from '../../lib/core/internal';

const PREFLIGHTED = normalizeCorsPolicy({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PUT'] });
const SIMPLE = normalizeCorsPolicy({ allowOrigins: ['https://app.example.com'] });

describe('preflight-not-forwarded', () => {
  const rows: Array<[string, CloudFrontBehaviorFact['allowedMethods'], boolean]> = [
    ['GET and HEAD', ['GET', 'HEAD'], true],
    ['with OPTIONS', ['GET', 'HEAD', 'OPTIONS'], false],
    // CloudFront only takes upper-case method names, so lower case is read as the enum it names (no false warning).
    ['lower-case options', ['GET', 'HEAD', 'options'], false],
    ['deploy-time list', undefined, false],
  ];
  test.each(rows)('%s', (_name, allowedMethods, reported) => {
    const found = preflightNotForwarded(PREFLIGHTED, [{ label: 'Cdn default behavior', allowedMethods }]);
    expect(found.map((d) => d.rule)).toEqual(reported ? ['preflight-not-forwarded'] : []);
  });
  test('not reported when the policy needs no preflight', () => {
    expect(preflightNotForwarded(SIMPLE, [{ label: 'Cdn default behavior', allowedMethods: ['GET', 'HEAD'] }])).toEqual([]);
  });
  test('not reported for a policy that only adds OPTIONS to the safelisted methods (the preflight\'s own method)', () => {
    const withOptions = normalizeCorsPolicy({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'HEAD', 'OPTIONS'] });
    expect(preflightNotForwarded(withOptions, [{ label: 'Cdn default behavior', allowedMethods: ['GET', 'HEAD'] }])).toEqual([]);
  });
});

describe('preflight-needs-options-route', () => {
  const route = (routeKey: string, authorizationType?: string): HttpRouteFact => ({ routeKey, authorizationType, source: `App/${routeKey}` });
  const rows: Array<[string, HttpRouteFact[], string[]]> = [
    ['JWT ANY /{proxy+}', [route('ANY /{proxy+}', 'JWT')], ['ANY /{proxy+}']],
    ['NONE', [route('ANY /{proxy+}', 'NONE')], []],
    // API Gateway only takes upper-case authorization types: 'none' is read as NONE, not as an authorizer.
    ['lower-case none', [route('ANY /{proxy+}', 'none')], []],
    ['unset', [route('ANY /{proxy+}')], []],
    ['lower-case none OPTIONS route opens the preflights', [route('ANY /{proxy+}', 'JWT'), route('OPTIONS /{proxy+}', 'none')], []],
  ];
  test.each(rows)('%s', (_name, routes, expected) => {
    expect(preflightNeedsOptionsRoute(routes).map((d) => d.value)).toEqual(expected);
  });
  test('the message names the route and where it is defined', () => {
    expect(preflightNeedsOptionsRoute([route('$default', 'AWS_IAM')])[0]!.message).toContain('Route $default (App/$default) has an authorizer');
  });
});

describe('proxy-responses-uncovered', () => {
  const fact = (httpMethod: string, resourcePath: string | undefined, bound = false): ProxyIntegrationFact => ({ httpMethod, resourcePath, boundToRuntimeHelper: bound, source: `App/${httpMethod}` });
  test('one format for every front end: METHOD /path (source)', () => {
    const [found] = proxyResponsesUncovered([fact('get', '/items'), fact('POST', undefined)]);
    expect(found!.message).toContain('(GET /items (App/get), POST <deploy-time resource> (App/POST))');
  });
  test('bound functions are covered', () => {
    expect(proxyResponsesUncovered([fact('GET', '/items', true)])).toEqual([]);
  });
  test('more than five are summarised', () => {
    const [found] = proxyResponsesUncovered(['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((m) => fact(m, '/')));
    expect(found!.message).toContain(', and 2 more)');
  });
});

describe('duplicate-cors-headers', () => {
  test('one finding per bound function behind a CORS function URL', () => {
    expect(duplicateCorsHeaders([{ source: 'App/Handler' }]).map((d) => d.value)).toEqual(['App/Handler']);
    expect(duplicateCorsHeaders([])).toEqual([]);
  });
});
