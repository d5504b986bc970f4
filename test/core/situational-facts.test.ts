import { auditSituational, auditSynthesized, extractCors } from '../../lib/core';

// Hand-written templates: the facts the extractors gather, and the deploy-time values that are never a finding.
type Json = Record<string, unknown>;

const situational = (document: Json) => auditSituational(document, extractCors(document))
  .map((f) => ({ rule: f.diagnostic.rule, severity: f.diagnostic.severity, resource: f.resource.resourceId, ...(f.location ? { at: `${f.location.resourceId} ${f.location.path}` } : {}) }));
const rules = (document: Json) => situational(document).map((f) => f.rule);

describe('CloudFormation', () => {
  const rhp = (methods: unknown = { Items: ['GET', 'PUT'] }): Json => ({
    Type: 'AWS::CloudFront::ResponseHeadersPolicy',
    Properties: { ResponseHeadersPolicyConfig: { Name: 'cors', CorsConfig: { AccessControlAllowOrigins: { Items: ['https://app.example.com'] }, AccessControlAllowMethods: methods, AccessControlAllowHeaders: { Items: [] }, AccessControlAllowCredentials: false, OriginOverride: true } } },
  });
  const distribution = (behavior: Json, extra: Json = {}): Json => ({
    Type: 'AWS::CloudFront::Distribution',
    Metadata: { 'aws:cdk:path': 'Stack/Cdn/Resource' },
    Properties: { DistributionConfig: { Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all', ...behavior } } },
    ...extra,
  });
  const cdn = (behavior: Json, policy: Json = rhp(), extra: Json = {}) => ({ Resources: { Policy: policy, Cdn: distribution(behavior, extra) } });

  test.each<[string, Json, string[]]>([
    ['AllowedMethods absent: CloudFront default GET and HEAD', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' } }), ['preflight-not-forwarded']],
    ['GET and HEAD, the policy referenced by Fn::GetAtt Id', cdn({ ResponseHeadersPolicyId: { 'Fn::GetAtt': ['Policy', 'Id'] }, AllowedMethods: ['GET', 'HEAD'] }), ['preflight-not-forwarded']],
    ['OPTIONS allowed', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' }, AllowedMethods: ['GET', 'HEAD', 'OPTIONS'] }), []],
    ['AllowedMethods chosen at deploy time', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' }, AllowedMethods: { 'Fn::If': ['Open', ['GET', 'HEAD', 'OPTIONS'], ['GET', 'HEAD']] } }), []],
    ['a deploy-time entry in AllowedMethods', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' }, AllowedMethods: ['GET', 'HEAD', { Ref: 'Extra' }] }), []],
    ['a conditional distribution', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' } }, rhp(), { Condition: 'WithCdn' }), []],
    ['another policy (a managed policy id)', cdn({ ResponseHeadersPolicyId: '60669652-455b-4ae9-85a4-c4c02393f86c' }), []],
    ['a policy without preflights', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' } }, rhp({ Items: ['GET'] })), []],
    // Only known entries decide: GET plus a deploy-time method may or may not need preflights.
    ['a policy whose only non-simple method would be deploy-time', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' } }, rhp({ Items: ['GET', { Ref: 'Method' }] })), []],
    ['a policy with a deploy-time entry beside PUT', cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' } }, rhp({ Items: ['PUT', { Ref: 'Method' }] })), ['preflight-not-forwarded']],
  ])('preflight-not-forwarded: %s', (_name, template, expected) => {
    expect(rules(template)).toEqual(expected);
  });

  test('preflight-not-forwarded is about the response headers policy and points at the behavior', () => {
    const template = cdn({ ResponseHeadersPolicyId: { Ref: 'Policy' }, AllowedMethods: ['GET', 'HEAD'] });
    (template.Resources.Cdn.Properties as { DistributionConfig: Json }).DistributionConfig['CacheBehaviors'] = [
      { PathPattern: '/api/*', TargetOriginId: 'o', ViewerProtocolPolicy: 'allow-all', ResponseHeadersPolicyId: { Ref: 'Policy' } },
    ];
    const found = auditSituational(template, extractCors(template));
    expect(found.map((f) => [f.resource.resourceId, f.location])).toEqual([
      ['Policy', { resourceId: 'Cdn', path: 'Properties.DistributionConfig.DefaultCacheBehavior.AllowedMethods' }],
      ['Policy', { resourceId: 'Cdn', path: 'Properties.DistributionConfig.CacheBehaviors[0]' }],
    ]);
    expect(found[1]!.diagnostic.message).toMatch(/^Cdn \(Stack\/Cdn\/Resource\) behavior '\/api\/\*' uses this policy's response headers policy but does not allow OPTIONS/);
  });

  const httpApi = (routes: Record<string, Json>) => ({
    Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['https://app.example.com'], AllowMethods: ['GET', 'PUT'] } } },
      Other: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'b', ProtocolType: 'HTTP' } },
      ...Object.fromEntries(Object.entries(routes).map(([id, props]) => [id, { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, ...props } }])),
    },
  });
  const proxy = { RouteKey: 'ANY /{proxy+}', AuthorizationType: 'JWT', AuthorizerId: { Ref: 'Jwt' } };

  test.each<[string, Json, string[]]>([
    ['JWT ANY /{proxy+}', httpApi({ Proxy: proxy }), ['preflight-needs-options-route']],
    ['an open OPTIONS /{proxy+} route', httpApi({ Proxy: proxy, Options: { RouteKey: 'OPTIONS /{proxy+}' } }), []],
    ['a route of another API', httpApi({ Proxy: { ...proxy, ApiId: { Ref: 'Other' } } }), []],
    ['a deploy-time authorization type on the authorized route', httpApi({ Proxy: { ...proxy, AuthorizationType: { Ref: 'Auth' } } }), []],
    // The OPTIONS route might be open at deploy time, and would then take the preflights.
    ['an OPTIONS route with a deploy-time authorization type', httpApi({ Proxy: proxy, Options: { RouteKey: 'OPTIONS /{proxy+}', AuthorizationType: { Ref: 'Auth' } } }), []],
    ['a route with a deploy-time route key', httpApi({ Proxy: proxy, Other: { RouteKey: { Ref: 'Key' } } }), []],
  ])('preflight-needs-options-route: %s', (_name, template, expected) => {
    expect(rules(template)).toEqual(expected);
  });

  test('a conditional open OPTIONS route leaves the authorized route undecided', () => {
    const template = httpApi({ Proxy: proxy, Options: { RouteKey: 'OPTIONS /{proxy+}' } });
    (template.Resources as Record<string, Json>)['Options']!['Condition'] = 'Open';
    expect(rules(template)).toEqual([]);
  });

  test('preflight-needs-options-route points at the route', () => {
    expect(situational(httpApi({ Proxy: proxy }))).toEqual([{ rule: 'preflight-needs-options-route', severity: 'warning', resource: 'Api', at: 'Proxy Properties.AuthorizationType' }]);
  });

  const fn = (variables?: unknown, extra: Json = {}): Json => ({ Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', ...(variables === undefined ? {} : { Environment: { Variables: variables } }) }, ...extra });
  const uri = (target: unknown) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:lambda:path/2015-03-31/functions/', target, '/invocations']] });
  const restApi = (handler: Json, integrationUri: unknown = uri({ 'Fn::GetAtt': ['Handler', 'Arn'] }), preflightType = 'MOCK'): Json => ({
    Resources: {
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'r' } },
      Items: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: 'items' } },
      Item: { Type: 'AWS::ApiGateway::Resource', Properties: { RestApiId: { Ref: 'Api' }, ParentId: { Ref: 'Items' }, PathPart: '{id}' } },
      ItemOptions: {
        Type: 'AWS::ApiGateway::Method',
        Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: 'Item' }, HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: { Type: preflightType, IntegrationResponses: [{ StatusCode: '204', ResponseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'", 'method.response.header.Access-Control-Allow-Methods': "'GET,PUT'" } }] } },
      },
      ItemGet: { Type: 'AWS::ApiGateway::Method', Metadata: { 'aws:cdk:path': 'Stack/Api/Default/items/{id}/GET/Resource' }, Properties: { RestApiId: { Ref: 'Api' }, ResourceId: { Ref: 'Item' }, HttpMethod: 'GET', AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: integrationUri } } },
      Handler: handler,
    },
  });

  test.each<[string, Json, string[]]>([
    ['an unbound function', restApi(fn()), ['proxy-responses-uncovered']],
    ['a function with other variables', restApi(fn({ TABLE: 'orders' })), ['proxy-responses-uncovered']],
    ['a bound function', restApi(fn({ CORS_CONSTRUCTS_POLICY: '{}' })), []],
    // The URI form AWS documents for hand-written templates.
    ['an unbound function behind an Fn::Sub URI', restApi(fn(), { 'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations' }), ['proxy-responses-uncovered']],
    ['a bound function behind an Fn::Sub URI', restApi(fn({ CORS_CONSTRUCTS_POLICY: '{}' }), { 'Fn::Sub': 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${Handler.Arn}/invocations' }), []],
    ['an Fn::Sub variable named like the function is the variable, not the function', restApi(fn(), { 'Fn::Sub': ['arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${Handler}/invocations', { Handler: { 'Fn::ImportValue': 'HandlerArn' } }] }), []],
    ['variables chosen at deploy time', restApi(fn({ 'Fn::If': ['Bound', { CORS_CONSTRUCTS_POLICY: '{}' }, {}] })), []],
    ['a conditional function', restApi(fn(undefined, { Condition: 'WithHandler' })), []],
    ['a function defined elsewhere', restApi(fn(), uri({ 'Fn::ImportValue': 'HandlerArn' })), []],
    // The OPTIONS method is proxied too: the backend answers preflights, and the API has no CORS of its own.
    ['a proxied OPTIONS method', restApi(fn(), undefined, 'AWS_PROXY'), []],
  ])('proxy-responses-uncovered: %s', (_name, template, expected) => {
    expect(rules(template)).toEqual(expected);
  });

  test('proxy-responses-uncovered names the method and path and points at the integration', () => {
    const template = restApi(fn());
    const found = auditSituational(template, extractCors(template));
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toEqual({ resourceId: 'ItemGet', path: 'Properties.Integration.Uri' });
    expect(found[0]!.diagnostic.message).toContain('(GET /items/{id} (ItemGet (Stack/Api/Default/items/{id}/GET/Resource)))');
  });

  const functionUrl = (handler: Json, url: Json = {}) => ({
    Resources: {
      Handler: handler,
      Url: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Handler', 'Arn'] }, Cors: { AllowOrigins: ['https://app.example.com'] }, ...url } },
    },
  });

  test.each<[string, Json, string[]]>([
    ['a bound function', functionUrl(fn({ CORS_CONSTRUCTS_POLICY: '{}' })), ['duplicate-cors-headers']],
    ['a bound function by Ref', functionUrl(fn({ CORS_CONSTRUCTS_POLICY: '{}' }), { TargetFunctionArn: { Ref: 'Handler' } }), ['duplicate-cors-headers']],
    ['an unbound function', functionUrl(fn()), []],
    ['a qualified URL (an alias)', functionUrl(fn({ CORS_CONSTRUCTS_POLICY: '{}' }), { Qualifier: 'live' }), []],
    ['no origins allowed', functionUrl(fn({ CORS_CONSTRUCTS_POLICY: '{}' }), { Cors: { AllowMethods: ['GET'] } }), []],
    ['variables chosen at deploy time', functionUrl(fn({ Ref: 'Variables' })), []],
  ])('duplicate-cors-headers: %s', (_name, template, expected) => {
    expect(rules(template)).toEqual(expected);
  });

  test('auditSynthesized puts each situational finding after the findings of its configuration', () => {
    const template = functionUrl(fn({ CORS_CONSTRUCTS_POLICY: '{}' }), { Cors: { AllowOrigins: ['https://app.example.com/'] } });
    expect(auditSynthesized(template).map((f) => `${f.resource.resourceId} ${f.diagnostic.rule}`)).toEqual(['Url origin-trailing-slash', 'Url duplicate-cors-headers']);
  });
});

describe('Terraform JSON', () => {
  const lambda = (extra: Json = {}): Json => ({ function_name: 'handler', role: 'r', ...extra });
  const tf = (resource: Record<string, Record<string, Json>>) => ({ resource });

  const cdn = (behavior: Json, distribution: Json = {}) => tf({
    aws_cloudfront_response_headers_policy: { cors: { name: 'cors', cors_config: { access_control_allow_origins: { items: ['https://app.example.com'] }, access_control_allow_methods: { items: ['GET', 'PUT'] }, access_control_allow_headers: { items: [] }, access_control_allow_credentials: false, origin_override: true } } },
    aws_cloudfront_distribution: { cdn: { enabled: true, default_cache_behavior: { target_origin_id: 'o', cached_methods: ['GET', 'HEAD'], response_headers_policy_id: '${aws_cloudfront_response_headers_policy.cors.id}', ...behavior }, ...distribution } },
  });

  test.each<[string, Json, string[]]>([
    ['GET and HEAD', cdn({ allowed_methods: ['GET', 'HEAD'] }), ['preflight-not-forwarded']],
    ['OPTIONS allowed', cdn({ allowed_methods: ['GET', 'HEAD', 'OPTIONS'] }), []],
    ['allowed methods from a variable', cdn({ allowed_methods: '${var.methods}' }), []],
    ['a variable entry', cdn({ allowed_methods: ['GET', '${var.method}'] }), []],
    ['a distribution repeated by count', cdn({ allowed_methods: ['GET', 'HEAD'] }, { count: 1 }), []],
    ['another policy id', cdn({ allowed_methods: ['GET', 'HEAD'], response_headers_policy_id: '60669652-455b-4ae9-85a4-c4c02393f86c' }), []],
  ])('preflight-not-forwarded: %s', (_name, document, expected) => {
    expect(rules(document)).toEqual(expected);
  });

  const routes = (extra: Record<string, Json>) => tf({
    aws_apigatewayv2_api: { http: { name: 'h', protocol_type: 'HTTP', cors_configuration: { allow_origins: ['https://app.example.com'] } } },
    aws_apigatewayv2_route: { proxy: { api_id: '${aws_apigatewayv2_api.http.id}', route_key: 'ANY /{proxy+}', authorization_type: 'JWT' }, ...extra },
  });

  test.each<[string, Json, string[]]>([
    ['JWT ANY /{proxy+}', routes({}), ['preflight-needs-options-route']],
    ['an open OPTIONS /{proxy+} route', routes({ options: { api_id: '${aws_apigatewayv2_api.http.id}', route_key: 'OPTIONS /{proxy+}' } }), []],
    ['an OPTIONS route with an authorization type from a variable', routes({ options: { api_id: '${aws_apigatewayv2_api.http.id}', route_key: 'OPTIONS /{proxy+}', authorization_type: '${var.auth}' } }), []],
    ['an OPTIONS route repeated by for_each', routes({ options: { api_id: '${aws_apigatewayv2_api.http.id}', route_key: 'OPTIONS /{proxy+}', for_each: '${var.apis}' } }), []],
  ])('preflight-needs-options-route: %s', (_name, document, expected) => {
    expect(rules(document)).toEqual(expected);
  });

  const rest = (handler: Json, uri = '${aws_lambda_function.handler.invoke_arn}', optionsType = 'MOCK') => tf({
    aws_api_gateway_rest_api: { api: { name: 'r' } },
    aws_api_gateway_resource: { items: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', parent_id: '${aws_api_gateway_rest_api.api.root_resource_id}', path_part: 'items' } },
    aws_api_gateway_method: {
      options: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: '${aws_api_gateway_resource.items.id}', http_method: 'OPTIONS', authorization: 'NONE' },
      get: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: '${aws_api_gateway_resource.items.id}', http_method: 'GET', authorization: 'NONE' },
    },
    aws_api_gateway_integration: {
      options: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: '${aws_api_gateway_resource.items.id}', http_method: '${aws_api_gateway_method.options.http_method}', type: optionsType },
      get: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: '${aws_api_gateway_resource.items.id}', http_method: '${aws_api_gateway_method.get.http_method}', type: 'AWS_PROXY', uri },
    },
    aws_api_gateway_integration_response: {
      options: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: '${aws_api_gateway_resource.items.id}', http_method: '${aws_api_gateway_method.options.http_method}', status_code: '204', response_parameters: { 'method.response.header.Access-Control-Allow-Origin': "'https://app.example.com'" } },
    },
    aws_lambda_function: { handler },
  });

  test.each<[string, Json, string[]]>([
    ['an unbound function', rest(lambda()), ['proxy-responses-uncovered']],
    ['a bound function', rest(lambda({ environment: { variables: { CORS_CONSTRUCTS_POLICY: '{}' } } })), []],
    ['a bound function, environment as a block list', rest(lambda({ environment: [{ variables: { CORS_CONSTRUCTS_POLICY: '{}' } }] })), []],
    ['variables from an expression', rest(lambda({ environment: { variables: '${var.env}' } })), []],
    ['a dynamic "environment" block (known at plan time)', rest(lambda({ dynamic: { environment: { for_each: '${var.envs}', content: { variables: { CORS_CONSTRUCTS_POLICY: '{}' } } } } })), []],
    ['a function repeated by count', rest(lambda({ count: 1 })), []],
    ['a function from a data source', rest(lambda(), '${data.aws_lambda_function.other.invoke_arn}'), []],
    ['a proxied OPTIONS method', rest(lambda(), undefined, 'AWS_PROXY'), []],
  ])('proxy-responses-uncovered: %s', (_name, document, expected) => {
    expect(rules(document)).toEqual(expected);
  });

  test('proxy-responses-uncovered names the method and path', () => {
    const [finding] = auditSituational(rest(lambda()), extractCors(rest(lambda())));
    expect(finding!.resource.resourceId).toBe('aws_api_gateway_method.options');
    expect(finding!.diagnostic.message).toContain('(GET /items (aws_api_gateway_integration.get))');
  });

  const url = (handler: Json, extra: Json = {}) => tf({
    aws_lambda_function: { handler },
    aws_lambda_function_url: { url: { function_name: '${aws_lambda_function.handler.function_name}', authorization_type: 'NONE', cors: { allow_origins: ['https://app.example.com'] }, ...extra } },
  });
  const bound = lambda({ environment: { variables: { CORS_CONSTRUCTS_POLICY: '{}' } } });

  test.each<[string, Json, string[]]>([
    ['a bound function', url(bound), ['duplicate-cors-headers']],
    ['a bound function by ARN', url(bound, { function_name: '${aws_lambda_function.handler.arn}' }), ['duplicate-cors-headers']],
    ['an unbound function', url(lambda()), []],
    ['a qualified URL', url(bound, { qualifier: 'live' }), []],
    ['a function named by a variable', url(bound, { function_name: '${var.fn}' }), []],
  ])('duplicate-cors-headers: %s', (_name, document, expected) => {
    expect(rules(document)).toEqual(expected);
  });
});
