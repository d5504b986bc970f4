import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditExtracted, extractCors, normalizeCorsPolicy, originFromRegex, recoverPolicies, renderRestApiCors, selectExtracted, simulateCors, type ExtractedCors } from '../../lib/core/internal';

const dir = join(__dirname, '../fixtures/templates');
const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
const byId = (items: ExtractedCors[], id: string) => selectExtracted(items, id)[0]!;
const rules = (items: ExtractedCors[]) => items.flatMap((item) => auditExtracted(item).map((f) => `${item.resourceId}:${f.diagnostic.rule}`));

describe('CloudFormation extraction (hand-written template)', () => {
  const items = extractCors(read('handwritten.template.json'), { file: 'handwritten.template.json' });

  test('finds every CORS-bearing resource and skips the rest', () => {
    expect(items.map((i) => `${i.target}:${i.resourceId}`)).toEqual([
      's3:SiteBucket', 's3:AssetsBucket', 'http-api:HttpApi', 'function-url:FunctionUrl', 'cloudfront:HeadersPolicy', 'rest-api:ItemsOptions',
    ]);
    expect(byId(items, 'Shop/Assets')).toMatchObject({ resourceId: 'AssetsBucket', constructPath: 'Shop/Assets/Resource', file: 'handwritten.template.json' });
  });

  test('keeps intrinsics as opaque strings and notes them', () => {
    const url = byId(items, 'FunctionUrl');
    expect(url.config).toMatchObject({ allowOrigins: ['{"Fn::Join":["",["https://",{"Ref":"AppDomain"}]]}', 'https://app.example.com'], maxAgeSeconds: 600 });
    expect(url.unresolved).toEqual([{ field: 'allowOrigins[0]', value: '{"Fn::Join":["",["https://",{"Ref":"AppDomain"}]]}', location: { resourceId: 'FunctionUrl', path: 'Properties.Cors.AllowOrigins[0]' } }]);
  });

  test('a configuration or flag chosen at deploy time is one unresolved-token finding at its location, never an error', () => {
    const ifProd = (then: unknown) => ({ 'Fn::If': ['IsProd', then, { Ref: 'AWS::NoValue' }] });
    const template = { Resources: {
      Whole: { Type: 'AWS::ApiGatewayV2::Api', Properties: { CorsConfiguration: ifProd({ AllowOrigins: ['*'] }) } },
      Flag: { Type: 'AWS::Lambda::Url', Properties: { Cors: { AllowOrigins: ['*'], AllowCredentials: { Ref: 'Credentials' } } } },
    } };
    const findings = extractCors(template).flatMap((item) => auditExtracted(item).map((f) => [f.diagnostic.severity, f.diagnostic.rule, f.diagnostic.field, f.location?.path, f.diagnostic.message.slice(0, f.diagnostic.message.indexOf(' ('))]));
    expect(findings).toEqual([
      ['warning', 'unresolved-token', 'policy', 'Properties.CorsConfiguration', 'The whole CORS configuration is a deploy-time value'],
      ['warning', 'unresolved-token', 'allowCredentials', 'Properties.Cors.AllowCredentials', 'allowCredentials is a deploy-time value'],
    ]);
  });

  test('reads a REST OPTIONS method with its gateway responses', () => {
    expect(byId(items, 'ItemsOptions').config).toEqual({
      preflight: {
        statusCode: '200',
        staticHeaders: { 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'GET,PUT,DELETE', 'Access-Control-Allow-Headers': 'Content-Type,Authorization' },
        requestMappedHeaders: { 'Access-Control-Allow-Origin': 'Origin' },
        authorizationType: 'NONE',
        integrationType: 'MOCK',
      },
      gatewayResponses: [{ type: 'DEFAULT_4XX', headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' } }],
    });
  });

  test('the audit finds every seeded mistake', () => {
    expect(rules(items)).toEqual([
      'SiteBucket:origin-pattern-public-suffix',
      'HttpApi:origin-wildcard-with-credentials',
      'FunctionUrl:unresolved-token',
      'FunctionUrl:method-unsupported',
      'HeadersPolicy:header-wildcard-with-credentials',
      'ItemsOptions:origin-wildcard-with-credentials',
    ]);
  });

  test('records where each value is, and every audit finding points at its entry', () => {
    expect(byId(items, 'SiteBucket').locations).toMatchObject({
      '$': { resourceId: 'SiteBucket', path: 'Properties.CorsConfiguration' },
      'rules[0].allowedOrigins[0]': { resourceId: 'SiteBucket', path: 'Properties.CorsConfiguration.CorsRules[0].AllowedOrigins[0]' },
      'rules[0].maxAgeSeconds': { resourceId: 'SiteBucket', path: 'Properties.CorsConfiguration.CorsRules[0].MaxAge' },
    });
    expect(byId(items, 'ItemsOptions').locations).toMatchObject({
      'preflight.staticHeaders.Access-Control-Allow-Origin': { resourceId: 'ItemsOptions', path: 'Properties.Integration.IntegrationResponses[0].ResponseParameters["method.response.header.Access-Control-Allow-Origin"]' },
      'gatewayResponses.DEFAULT_4XX.Access-Control-Allow-Origin': { resourceId: 'Default4xx', path: 'Properties.ResponseParameters["gatewayresponse.header.Access-Control-Allow-Origin"]' },
    });
    const located = items.flatMap((item) => auditExtracted(item).map((f) => `${f.diagnostic.rule} ${f.location?.resourceId} ${f.location?.path}`));
    expect(located).toEqual([
      'origin-pattern-public-suffix SiteBucket Properties.CorsConfiguration.CorsRules[0].AllowedOrigins[0]',
      'origin-wildcard-with-credentials HttpApi Properties.CorsConfiguration.AllowOrigins[0]',
      'unresolved-token FunctionUrl Properties.Cors.AllowOrigins[0]',
      'method-unsupported FunctionUrl Properties.Cors.AllowMethods[1]',
      'header-wildcard-with-credentials HeadersPolicy Properties.ResponseHeadersPolicyConfig.CorsConfig.AccessControlAllowHeaders.Items[0]',
      'origin-wildcard-with-credentials ItemsOptions Properties.Integration.IntegrationResponses[0].ResponseParameters["method.response.header.Access-Control-Allow-Origin"]',
    ]);
  });

  test('an HTTP API or function URL without AllowMethods allows the safelisted methods: read as the default, not as an empty list', () => {
    const found = extractCors({ Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { CorsConfiguration: { AllowOrigins: ['https://app.example.com'] } } },
      Url: { Type: 'AWS::Lambda::Url', Properties: { Cors: { AllowOrigins: ['https://app.example.com'] } } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['https://app.example.com'], AllowedMethods: [] }] } } },
    } });
    expect(found.flatMap((item) => auditExtracted(item).map((f) => `${item.resourceId}:${f.diagnostic.rule}`))).toEqual(['Bucket:methods-empty']);
    expect(recoverPolicies(found[0]!)[0]).toMatchObject({ props: { allowOrigins: ['https://app.example.com'] }, notes: [expect.stringContaining('no allowed methods')] });
    expect(recoverPolicies(found[0]!)[0]!.props.allowMethods).toBeUndefined();
  });

  test('an OPTIONS method proxied to a backend holds no CORS configuration: a note, no finding; its API\'s gateway responses are still checked', () => {
    const method = (api: string) => ({ Type: 'AWS::ApiGateway::Method', Properties: { RestApiId: { Ref: api }, HttpMethod: 'OPTIONS', AuthorizationType: 'NONE', Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: 'arn' } } });
    const found = extractCors({ Resources: {
      Proxied: method('A'),
      WithResponse: method('B'),
      Default4xx: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'B' }, ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com/'" } } },
    } });
    expect(found[0]!.notes).toEqual([expect.stringContaining("the OPTIONS method's AWS_PROXY integration answers preflights from the backend")]);
    expect(found.flatMap((item) => auditExtracted(item).map((f) => `${item.resourceId}:${f.diagnostic.rule}:${f.location?.resourceId}`))).toEqual(['WithResponse:origin-trailing-slash:Default4xx']);
  });

  test('a list that is itself an intrinsic is one opaque entry located at the list', () => {
    const [url] = extractCors({ Resources: { Url: { Type: 'AWS::Lambda::Url', Properties: { Cors: { AllowOrigins: { Ref: 'Origins' }, AllowMethods: ['GET', { Bad: 1 }, 'PUT'] } } } } });
    expect(url!.locations).toMatchObject({
      'allowOrigins[0]': { resourceId: 'Url', path: 'Properties.Cors.AllowOrigins' },
      // An unreadable entry is dropped: positions in the extracted list map back to the template's.
      'allowMethods[1]': { resourceId: 'Url', path: 'Properties.Cors.AllowMethods[2]' },
    });
  });

  test('extracted configurations simulate: the reflecting REST preflight lets any origin in with credentials', () => {
    const rest = byId(items, 'ItemsOptions');
    expect(simulateCors(rest.target, rest.config, { origin: 'https://evil.example', method: 'PUT', credentials: true }, { runtimeHelper: true }).allowed).toBe(true);
    const assets = byId(items, 'AssetsBucket');
    expect(simulateCors(assets.target, assets.config, { origin: 'https://other.example', method: 'GET', credentials: true }).failure).toContain('Access-Control-Allow-Origin is *');
  });
});

describe('REST values sent as written (aws-cdk-lib, hand-written) and values matched or echoed (this library)', () => {
  const at = (header: string) => `Properties.Integration.IntegrationResponses[0].ResponseParameters["method.response.header.${header}"]`;
  const TEMPLATE = 'Properties.Integration.IntegrationResponses[0].ResponseTemplates["application/json"]';
  const options = (parameters: Record<string, string>, template?: string) => ({
    Type: 'AWS::ApiGateway::Method',
    Properties: {
      RestApiId: { Ref: 'Api' }, HttpMethod: 'OPTIONS', AuthorizationType: 'NONE',
      Integration: { Type: 'MOCK', IntegrationResponses: [{ StatusCode: '204', ResponseParameters: parameters, ...(template !== undefined ? { ResponseTemplates: { 'application/json': template } } : {}) }] },
    },
  });
  const param = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`method.response.header.${k}`, `'${v}'`]));
  // aws-cdk-lib's addCorsPreflight template for its second and later origins: exact comparisons.
  const cdkTemplate = (...origins: string[]) => ['#set($origin = $input.params().header.get("Origin"))', '#if($origin == "")', '  #set($origin = $input.params().header.get("origin"))', '#end',
    `#if(${origins.map((o) => `$origin == "${o}"`).join(' || ')})`, '  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)', '#end'].join('\n');
  const audit = (resources: Record<string, unknown>) => extractCors({ Resources: resources }).flatMap((item) => auditExtracted(item).map((f) => [f.diagnostic.rule, f.diagnostic.value, f.location?.resourceId, f.location?.path]));

  test("a pattern origin in a static header or in aws-cdk-lib's exact comparison never matches: origin-pattern-unsupported at the value", () => {
    expect(audit({
      Static: options(param({ 'Access-Control-Allow-Origin': 'https://*.example.com', 'Access-Control-Allow-Methods': 'GET' })),
      Compared: options(param({ 'Access-Control-Allow-Origin': 'https://a.example.com', 'Access-Control-Allow-Methods': 'GET' }), cdkTemplate('http://localhost:*')),
    })).toEqual([
      ['origin-pattern-unsupported', 'https://*.example.com', 'Static', at('Access-Control-Allow-Origin')],
      ['origin-pattern-unsupported', 'http://localhost:*', 'Compared', TEMPLATE],
    ]);
    const [finding] = auditExtracted(extractCors({ Resources: { Static: options(param({ 'Access-Control-Allow-Origin': 'https://*.example.com' })) } })[0]!);
    expect(finding!.diagnostic.message).toContain("browsers never send '*' in an Origin header, so it never matches");
    expect(finding!.diagnostic.message).toContain('CorsPolicy.applyToRestApi');
  });

  test("'*' request headers in a static header with credentials are a header named '*': header-wildcard-with-credentials; without credentials, header-authorization-wildcard", () => {
    expect(audit({
      Credentialed: options(param({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Credentials': 'true' })),
      Public: options(param({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*' })),
      Listed: options(param({ 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*,Authorization' })),
    })).toEqual([
      ['header-wildcard-with-credentials', '*', 'Credentialed', at('Access-Control-Allow-Headers')],
      ['header-authorization-wildcard', '*', 'Public', at('Access-Control-Allow-Headers')],
    ]);
  });

  test("this library's anchored regex match and header echo are read as patterns and '*' and pass; recoverPolicies says which values are literal", () => {
    const rendered = renderRestApiCors(normalizeCorsPolicy({ allowOrigins: ['https://a.example.com', 'https://*.example.com', 'http://localhost:*'], allowHeaders: ['*'], allowCredentials: true }));
    const parameters = param(rendered.preflight.staticHeaders);
    const ours = extractCors({ Resources: { Ours: options(parameters, rendered.preflight.responseTemplate) } })[0]!;
    expect(recoverPolicies(ours)[0]).toMatchObject({
      props: { allowOrigins: ['https://a.example.com', 'https://*.example.com', 'http://localhost:*'], allowHeaders: ['*'], allowCredentials: true },
      literal: { allowOrigins: [0], allowHeaders: false },
    });
    expect(auditExtracted(ours).map((f) => f.diagnostic.rule)).toEqual(['origin-pattern-with-credentials']);
    const cdk = extractCors({ Resources: { Cdk: options(param({ 'Access-Control-Allow-Origin': 'https://a.example.com', 'Access-Control-Allow-Headers': '*' }), cdkTemplate('https://*.example.com')) } })[0]!;
    expect(recoverPolicies(cdk)[0]).toMatchObject({ props: { allowOrigins: ['https://a.example.com', 'https://*.example.com'], allowHeaders: ['*'] }, literal: { allowOrigins: [0, 1], allowHeaders: true } });
  });

  test("a gateway response sends its pattern origin as written; gateway-response-origin does not describe the gateway responses' own origin", () => {
    expect(audit({
      Default4xx: { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Api' }, ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://*.example.com'" } } },
    })).toEqual([['origin-pattern-unsupported', 'https://*.example.com', 'Default4xx', 'Properties.ResponseParameters["gatewayresponse.header.Access-Control-Allow-Origin"]']]);
  });

  test('CORS inside an OpenAPI body is not read, and the notes say so; no crash', () => {
    const gatewayResponse = { Type: 'AWS::ApiGateway::GatewayResponse', Properties: { RestApiId: { Ref: 'Spec' }, ResponseType: 'DEFAULT_4XX', ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'" } } };
    const found = extractCors({ Resources: {
      Spec: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: { openapi: '3.0.1', paths: { '/': { options: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } } } },
      FromBucket: { Type: 'AWS::ApiGateway::RestApi', Properties: { BodyS3Location: { Bucket: 'b', Key: 'api.yaml' } } },
      Http: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: { 'x-amazon-apigateway-cors': { allowOrigins: ['*'], allowCredentials: true } } } },
      Default4xx: gatewayResponse,
    } });
    expect(found.map((i) => `${i.target}:${i.resourceId}`)).toEqual(['rest-api:Default4xx']);
    expect(found[0]!.notes).toEqual([expect.stringContaining('defined by an OpenAPI body, which is not read')]);
    expect(found.flatMap((i) => auditExtracted(i))).toEqual([]);
  });
});

describe('REST values sent as written, in Terraform', () => {
  const configuration = (headers: Record<string, string>, body?: unknown) => ({ resource: {
    aws_api_gateway_rest_api: { api: { name: 'api', ...(body !== undefined ? { body } : {}) } },
    aws_api_gateway_method: { options: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: 'r', http_method: 'OPTIONS', authorization: 'NONE' } },
    aws_api_gateway_integration: { options: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: 'r', http_method: '${aws_api_gateway_method.options.http_method}', type: 'MOCK' } },
    aws_api_gateway_integration_response: { options: {
      rest_api_id: '${aws_api_gateway_rest_api.api.id}', resource_id: 'r', http_method: '${aws_api_gateway_method.options.http_method}', status_code: '204',
      response_parameters: Object.fromEntries(Object.entries(headers).map(([k, v]) => [`method.response.header.${k}`, `'${v}'`])),
    } },
  } });

  test('the Terraform extractor shares the reading: a static pattern origin and static * headers with credentials', () => {
    const found = extractCors(configuration({ 'Access-Control-Allow-Origin': 'https://*.example.com', 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Credentials': 'true' }));
    expect(found.flatMap((i) => auditExtracted(i).map((f) => `${f.diagnostic.rule} ${f.diagnostic.value}`))).toEqual([
      'origin-pattern-with-credentials https://*.example.com',
      'origin-pattern-unsupported https://*.example.com',
      'header-wildcard-with-credentials *',
    ]);
  });

  test('a gateway response of an API defined by an OpenAPI body is noted as such', () => {
    const config = { resource: {
      aws_api_gateway_rest_api: { spec: { name: 'spec', body: '{"openapi":"3.0.1"}' } },
      aws_api_gateway_gateway_response: { d4: { rest_api_id: '${aws_api_gateway_rest_api.spec.id}', response_type: 'DEFAULT_4XX', response_parameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'" } } },
    } };
    const [item] = extractCors(config);
    expect(item!.notes).toEqual([expect.stringContaining('defined by an OpenAPI body, which is not read')]);
    expect(auditExtracted(item!)).toEqual([]);
  });
});

describe('Terraform extraction (hand-written cdktf JSON)', () => {
  const items = extractCors(readFileSync(join(dir, 'cdktf.out/stacks/app/cdk.tf.json'), 'utf8'));

  test('finds every CORS-bearing resource with addresses and construct paths', () => {
    expect(items.map((i) => `${i.target}:${i.resourceId}`)).toEqual([
      's3:aws_s3_bucket_cors_configuration.site_cors',
      'http-api:aws_apigatewayv2_api.orders',
      'function-url:aws_lambda_function_url.fn_url',
      'cloudfront:aws_cloudfront_response_headers_policy.spa',
      'rest-api:aws_api_gateway_method.items_options',
    ]);
    expect(byId(items, 'site_cors').constructPath).toBe('app/site_cors');
    // Locations are recorded for CloudFormation templates only.
    expect(items.map((i) => i.locations)).toEqual(items.map(() => undefined));
  });

  test('joins the REST integration response through ${...http_method} references', () => {
    const rest = byId(items, 'aws_api_gateway_method.items_options');
    expect(rest.config).toMatchObject({ preflight: { statusCode: '204', staticHeaders: { 'Access-Control-Allow-Origin': 'https://app.example.com', 'Access-Control-Allow-Methods': 'GET,delete' }, authorizationType: 'COGNITO_USER_POOLS' } });
    expect(rest.notes.join('\n')).toContain('preflights carry no credentials');
    expect(simulateCors(rest.target, rest.config, { origin: 'https://app.example.com', method: 'DELETE' }).preflight.status).toBe(401);
  });

  test('the audit finds every seeded mistake', () => {
    expect(rules(items)).toEqual([
      'aws_s3_bucket_cors_configuration.site_cors:origin-trailing-slash',
      'aws_s3_bucket_cors_configuration.site_cors:method-unsupported',
      'aws_apigatewayv2_api.orders:origin-wildcard-with-credentials',
      'aws_apigatewayv2_api.orders:method-wildcard-with-credentials',
      'aws_apigatewayv2_api.orders:max-age-browser-cap',
      'aws_apigatewayv2_api.orders:max-age-too-large',
      'aws_lambda_function_url.fn_url:method-unsupported',
      'aws_cloudfront_response_headers_policy.spa:unresolved-token',
      'aws_api_gateway_method.items_options:method-not-normalized',
    ]);
  });
});

describe('CDK-synthesized template (aws-cdk-lib constructs, not this library)', () => {
  const items = extractCors(read('cdk.out/Shop.template.json'));

  test('reads aws-cdk-lib\'s own REST preflight template and echoes only its listed origins', () => {
    const rest = byId(items, 'Shop/Api/Default/OPTIONS');
    const put = (origin: string) => simulateCors(rest.target, rest.config, { origin, method: 'PUT', credentials: true }, { runtimeHelper: true });
    expect(put('https://admin.example.com').allowed).toBe(true);
    expect(put('https://app.example.com').allowed).toBe(true);
    expect(put('https://evil.example').failure).toBe('preflight: Access-Control-Allow-Origin is https://app.example.com, not the request\'s origin https://evil.example');
  });
});

test('originFromRegex reverses only the regexes the renderer writes', () => {
  for (const pattern of ['https://*.example.com', 'https://*.example.com:8443', 'http://localhost:*', 'https://*']) {
    const { preflight } = renderRestApiCors(normalizeCorsPolicy({ allowOrigins: [pattern, 'https://app.example.com'] }));
    expect(originFromRegex(/matches\('([^']*)'\)/.exec(preflight.responseTemplate!)![1]!)).toBe(pattern);
  }
  expect(originFromRegex('https://([^./:?#@\\s]+\\.)+example\\.com')).toBeUndefined();
  expect(originFromRegex('https://.*\\.example\\.com')).toBeUndefined();
});

test('an intrinsic nested 10,000 levels deep is one unresolved value, not a RangeError', () => {
  let deep: unknown = { Ref: 'Origin' };
  for (let i = 0; i < 10_000; i++) deep = { 'Fn::Join': ['', [deep]] };
  const templates = {
    cloudformation: { Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: {} }, Options: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'OPTIONS', RestApiId: deep, ResourceId: 'r', Integration: { Type: 'MOCK' } } }, Site: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: [deep], AllowedMethods: ['GET'] }] } } } } },
    terraform: { resource: { aws_api_gateway_method: { m: { rest_api_id: deep, resource_id: 'r', http_method: 'OPTIONS' } }, aws_s3_bucket_cors_configuration: { site: { bucket: 'b', cors_rule: [{ allowed_origins: [deep], allowed_methods: ['GET'] }] } } } },
  };
  for (const template of Object.values(templates)) {
    const s3 = extractCors(template).find((item) => item.target === 's3')!;
    expect(s3.unresolved.map((u) => u.value)).toEqual(['{"Fn::Join":"<nested 30001 levels deep, not shown>"}']);
    expect(auditExtracted(s3).map((f) => f.diagnostic.rule)).toContain('unresolved-token');
  }
});

test('extractors never throw on junk', () => {
  for (const junk of [null, 1, 'x', [], { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: 'no' } } } } }, { resource: { aws_lambda_function_url: { u: { cors: 7 } } } }]) {
    expect(() => extractCors(junk)).not.toThrow();
  }
});
