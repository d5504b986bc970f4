import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditExtracted, extractCors, originFromRegex, recoverPolicies, selectExtracted, simulateCors, type ExtractedCors } from 'cors-constructs';

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
  expect(originFromRegex('https://([^./:?#@\\s]+\\.)+example\\.com')).toBe('https://*.example.com');
  expect(originFromRegex('http://localhost:[0-9]+')).toBe('http://localhost:*');
  expect(originFromRegex('https://.*\\.example\\.com')).toBeUndefined();
});

test('extractors never throw on junk', () => {
  for (const junk of [null, 1, 'x', [], { Resources: { A: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: 'no' } } } } }, { resource: { aws_lambda_function_url: { u: { cors: 7 } } } }]) {
    expect(() => extractCors(junk)).not.toThrow();
  }
});
