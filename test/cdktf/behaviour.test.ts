import { TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { CloudfrontDistribution, type CloudfrontDistributionOrderedCacheBehavior } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import type { CorsPolicyProps } from 'cors-constructs';
import { CorsPolicy } from 'cors-constructs/cdktf';
import { POLICY_FIXTURES } from '../fixtures/policies';
import { newStack, synthError, synthJson, warnings } from './helpers';

Testing.setupJest();

const SPA = POLICY_FIXTURES.spaWithCredentials;
const GET_HEAD = ['GET', 'HEAD'];
const GET_HEAD_OPTIONS = ['GET', 'HEAD', 'OPTIONS'];
const ALL = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];

function distribution(scope: Construct, id: string, defaultBehavior: { methods: string[]; policyId?: string }, ordered: Array<{ path: string; methods: string[]; policyId?: string }> = []): CloudfrontDistribution {
  const behavior = (methods: string[], policyId: string | undefined) => ({
    allowedMethods: methods,
    cachedMethods: ['GET', 'HEAD'],
    targetOriginId: 'origin',
    viewerProtocolPolicy: 'redirect-to-https',
    cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    ...(policyId !== undefined ? { responseHeadersPolicyId: policyId } : {}),
  });
  return new CloudfrontDistribution(scope, id, {
    enabled: true,
    origin: [{ originId: 'origin', domainName: 'origin.example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
    defaultCacheBehavior: behavior(defaultBehavior.methods, defaultBehavior.policyId),
    orderedCacheBehavior: ordered.map((b): CloudfrontDistributionOrderedCacheBehavior => ({ pathPattern: b.path, ...behavior(b.methods, b.policyId) })),
    restrictions: { geoRestriction: { restrictionType: 'none' } },
    viewerCertificate: { cloudfrontDefaultCertificate: true },
  });
}

describe('preflight-not-forwarded (CloudFront behaviors using the response headers policy)', () => {
  type Row = {
    name: string;
    props: CorsPolicyProps;
    defaultMethods: string[];
    ordered?: Array<{ path: string; methods: string[]; usesPolicy: boolean }>;
    defaultUsesPolicy?: boolean;
    expected: string[];
  };
  const rows: Row[] = [
    { name: 'default behavior GET/HEAD, policy needs preflights', props: SPA, defaultMethods: GET_HEAD, expected: ['test-stack/Cdn default behavior'] },
    { name: 'default behavior allows OPTIONS', props: SPA, defaultMethods: GET_HEAD_OPTIONS, expected: [] },
    { name: 'default behavior allows every method', props: SPA, defaultMethods: ALL, expected: [] },
    { name: 'policy needs no preflight (GET/HEAD, no headers)', props: POLICY_FIXTURES.publicReadOnly, defaultMethods: GET_HEAD, expected: [] },
    { name: 'only a request header makes the preflight necessary', props: { allowOrigins: ['https://app.example.com'], allowHeaders: ['x-api-key'] }, defaultMethods: GET_HEAD, expected: ['test-stack/Cdn default behavior'] },
    { name: 'behavior without this policy', props: SPA, defaultMethods: GET_HEAD, defaultUsesPolicy: false, expected: [] },
    {
      name: 'ordered behaviors: only the one using the policy without OPTIONS',
      props: SPA,
      defaultMethods: ALL,
      ordered: [
        { path: '/static/*', methods: GET_HEAD, usesPolicy: true },
        { path: '/api/*', methods: ALL, usesPolicy: true },
        { path: '/other/*', methods: GET_HEAD, usesPolicy: false },
      ],
      expected: ["test-stack/Cdn behavior '/static/*'"],
    },
  ];

  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', row.props);
    const other = new CloudfrontResponseHeadersPolicy(stack, 'OtherPolicy', { name: 'other', securityHeadersConfig: { contentTypeOptions: { override: true } } });
    const policyId = (uses: boolean | undefined) => (uses === false ? other.id : cors.responseHeadersPolicy.id);
    distribution(stack, 'Cdn', { methods: row.defaultMethods, policyId: policyId(row.defaultUsesPolicy) }, (row.ordered ?? []).map((b) => ({ path: b.path, methods: b.methods, policyId: policyId(b.usesPolicy) })));
    expect(synthError(stack)).toBe('');
    const found = warnings(cors).filter((t) => t.startsWith('cors-constructs:preflight-not-forwarded '));
    expect(found).toHaveLength(row.expected.length);
    row.expected.forEach((label, i) => expect(found[i]).toContain(`[preflight-not-forwarded] policy (cloudfront): ${label} uses this policy's response headers policy but does not allow OPTIONS`));
  });

  test('no distribution, or the response headers policy never used: nothing to report', () => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    distribution(stack, 'Cdn', { methods: GET_HEAD });
    Testing.synth(stack);
    expect(warnings(cors).filter((t) => t.includes('preflight-not-forwarded'))).toEqual([]);
  });
});

describe('type-specific gateway responses the user defined on the REST API', () => {
  function restStack(props: CorsPolicyProps = SPA) {
    const { stack } = newStack();
    const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
    const items = new ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
    const cors = new CorsPolicy(stack, 'Cors', props);
    return { stack, api, items, cors };
  }
  const params = (stack: Parameters<typeof synthJson>[0], name: string) => synthJson(stack).resource.aws_api_gateway_gateway_response![name]!['response_parameters'];

  test('get the CORS headers merged in, keeping theirs, whether defined before or after applyToRestApi', () => {
    const { stack, api, items, cors } = restStack();
    new ApiGatewayGatewayResponse(stack, 'Denied', { restApiId: api.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.X-Custom': "'yes'" } });
    cors.applyToRestApi(api, { resources: [items] });
    new ApiGatewayGatewayResponse(stack, 'Unauthorized', { restApiId: api.id, responseType: 'UNAUTHORIZED', statusCode: '401' });
    const synthesized = Testing.synth(stack);
    expect(params(stack, 'Denied')).toEqual({
      'gatewayresponse.header.X-Custom': "'yes'",
      'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
      'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
      'gatewayresponse.header.Access-Control-Expose-Headers': "'etag,x-request-id'",
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: 'UNAUTHORIZED',
      status_code: '401',
      response_parameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        'gatewayresponse.header.Access-Control-Expose-Headers': "'etag,x-request-id'",
      },
    });
    expect(synthError(stack)).toBe('');
    // Synthesizing again changes nothing.
    expect(Testing.synth(stack)).toBe(synthesized);
  });

  test('the same CORS header set by the user (any case) is kept as written and is no conflict', () => {
    const { stack, api, items, cors } = restStack();
    new ApiGatewayGatewayResponse(stack, 'Denied', { restApiId: api.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.access-control-allow-origin': "'https://app.example.com'" } });
    cors.applyToRestApi(api, { resources: [items] });
    expect(synthError(stack)).toBe('');
    expect(params(stack, 'Denied')).toEqual({
      'gatewayresponse.header.access-control-allow-origin': "'https://app.example.com'",
      'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
      'gatewayresponse.header.Access-Control-Expose-Headers': "'etag,x-request-id'",
    });
  });

  test('another Access-Control-Allow-Origin is a target-cors-conflict naming the response and both values; theirs is not overwritten', () => {
    const { stack, api, items, cors } = restStack();
    new ApiGatewayGatewayResponse(stack, 'Throttled', { restApiId: api.id, responseType: 'THROTTLED', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } });
    cors.applyToRestApi(api, { resources: [items] });
    expect(synthError(stack)).toMatch(/\[test-stack\/Cors\] cors-constructs:target-cors-conflict .*THROTTLED gateway response test-stack\/Throttled .*Access-Control-Allow-Origin: '\*' instead of 'https:\/\/app\.example\.com'/);
    expect((params(stack, 'Throttled') as Record<string, string>)['gatewayresponse.header.Access-Control-Allow-Origin']).toBe("'*'");
  });

  test('a reflected request Origin is a conflict too', () => {
    const { stack, api, items, cors } = restStack();
    new ApiGatewayGatewayResponse(stack, 'Denied', { restApiId: api.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin' } });
    cors.applyToRestApi(api, { resources: [items] });
    expect(synthError(stack)).toMatch(/target-cors-conflict .*ACCESS_DENIED gateway response test-stack\/Denied .*method\.request\.header\.Origin instead of/);
  });

  test('responses of another API, gatewayResponses: false, and a pattern-only policy are left alone', () => {
    const other = restStack();
    const otherApi = new ApiGatewayRestApi(other.stack, 'OtherApi', { name: 'other' });
    new ApiGatewayGatewayResponse(other.stack, 'OtherDenied', { restApiId: otherApi.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } });
    other.cors.applyToRestApi(other.api, { resources: [other.items] });
    expect(synthError(other.stack)).toBe('');
    expect(params(other.stack, 'OtherDenied')).toEqual({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" });

    const optOut = restStack();
    new ApiGatewayGatewayResponse(optOut.stack, 'Denied', { restApiId: optOut.api.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.X-Custom': "'yes'" } });
    optOut.cors.applyToRestApi(optOut.api, { resources: [optOut.items], gatewayResponses: false });
    expect(synthError(optOut.stack)).toBe('');
    expect(params(optOut.stack, 'Denied')).toEqual({ 'gatewayresponse.header.X-Custom': "'yes'" });

    const patterns = restStack({ allowOrigins: ['https://*.example.com'] });
    new ApiGatewayGatewayResponse(patterns.stack, 'Denied', { restApiId: patterns.api.id, responseType: 'ACCESS_DENIED' });
    patterns.cors.applyToRestApi(patterns.api, { resources: [patterns.items] });
    expect(synthError(patterns.stack)).toBe('');
    expect(params(patterns.stack, 'Denied')).toBeUndefined();
  });

  test('response parameters that are a deploy-time map cannot be merged: an unresolved-token warning listing every parameter to add', () => {
    const { stack, api, items, cors } = restStack();
    const variable = new TerraformVariable(stack, 'params', { type: 'map(string)' });
    new ApiGatewayGatewayResponse(stack, 'Denied', { restApiId: api.id, responseType: 'ACCESS_DENIED', responseParameters: Token.asStringMap(variable.value) });
    cors.applyToRestApi(api, { resources: [items] });
    expect(synthError(stack)).toBe('');
    expect(params(stack, 'Denied')).toBe('${var.params}');
    const found = warnings(cors).filter((t) => t.startsWith('cors-constructs:unresolved-token '));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('ACCESS_DENIED gateway response test-stack/Denied');
    expect(found[0]).toContain("gatewayresponse.header.Access-Control-Allow-Origin = 'https://app.example.com', gatewayresponse.header.Access-Control-Allow-Credentials = 'true', gatewayresponse.header.Access-Control-Expose-Headers = 'etag,x-request-id'");
  });
});

describe('preflight-needs-options-route follows core (same routes as the CDK flavour)', () => {
  const rows: Array<[string, Array<{ key: string; authorized: boolean }>, string[]]> = [
    ['authorized ANY /{proxy+}', [{ key: 'ANY /{proxy+}', authorized: true }], ['ANY /{proxy+}']],
    ['authorized $default', [{ key: '$default', authorized: true }], ['$default']],
    ['authorized OPTIONS /items', [{ key: 'OPTIONS /items', authorized: true }], ['OPTIONS /items']],
    ['authorized GET only: no preflight caught', [{ key: 'GET /items', authorized: true }], []],
    ['unauthenticated ANY /{proxy+}', [{ key: 'ANY /{proxy+}', authorized: false }], []],
    ['an open OPTIONS /{proxy+} route takes the preflights', [{ key: 'ANY /{proxy+}', authorized: true }, { key: '$default', authorized: true }, { key: 'OPTIONS /{proxy+}', authorized: false }], []],
    ['an open OPTIONS /items covers only /items', [{ key: 'ANY /items', authorized: true }, { key: 'ANY /orders', authorized: true }, { key: 'OPTIONS /items', authorized: false }], ['ANY /orders']],
    ['an open OPTIONS /{proxy+} does not cover ANY /', [{ key: 'ANY /', authorized: true }, { key: 'OPTIONS /{proxy+}', authorized: false }], ['ANY /']],
  ];
  test.each(rows)('%s', (_name, routes, expected) => {
    const { stack } = newStack();
    const api = new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' });
    routes.forEach((r, i) => new Apigatewayv2Route(stack, `Route${i}`, { apiId: api.id, routeKey: r.key, ...(r.authorized ? { authorizationType: 'JWT', authorizerId: 'abc' } : {}) }));
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToHttpApi(api);
    Testing.synth(stack);
    const found = warnings(cors).filter((t) => t.startsWith('cors-constructs:preflight-needs-options-route '));
    expect(found).toHaveLength(expected.length);
    expected.forEach((key, i) => expect(found[i]).toContain(`Route ${key} (test-stack/Route`));
  });
});

describe('gateway-response-origin (several origins) follows the gateway responses, as in the CDK flavour', () => {
  const rows: Array<[string, Array<boolean | undefined>, number]> = [
    ['default gateway responses', [undefined], 1],
    ['gatewayResponses: false', [false], 0],
    ['one application with, one without', [false, true], 1],
  ];
  test.each(rows)('%s', (_name, applications, expected) => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.spaAndAdmin);
    applications.forEach((gatewayResponses, i) => {
      const api = new ApiGatewayRestApi(stack, `Api${i}`, { name: `rest${i}` });
      cors.applyToRestApi(api, { resources: [], ...(gatewayResponses !== undefined ? { gatewayResponses } : {}) });
    });
    Testing.synth(stack);
    expect(warnings(cors).filter((t) => t.startsWith('cors-constructs:gateway-response-origin '))).toHaveLength(expected);
  });
});

describe('the shared view follows each aspect pass (no stale view across synths)', () => {
  test('a policy added between two synths, first in tree order, sees the resources added since', () => {
    const { stack } = newStack();
    const early = new Construct(stack, 'Early'); // visited before P1 in every pass
    const first = new Apigatewayv2Api(stack, 'Api1', { name: 'a1', protocolType: 'HTTP' });
    new CorsPolicy(stack, 'P1', SPA).applyToHttpApi(first);
    Testing.synth(stack);
    const second = new Apigatewayv2Api(stack, 'Api2', { name: 'a2', protocolType: 'HTTP' });
    new Apigatewayv2Route(stack, 'Route', { apiId: second.id, routeKey: 'ANY /{proxy+}', authorizationType: 'JWT', authorizerId: 'abc' });
    const p2 = new CorsPolicy(early, 'P2', SPA);
    p2.applyToHttpApi(second);
    Testing.synth(stack);
    expect(warnings(p2).filter((t) => t.startsWith('cors-constructs:preflight-needs-options-route '))).toHaveLength(1);
  });
});
