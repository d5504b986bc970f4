import { Testing, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Apigatewayv2Api, type Apigatewayv2ApiCorsConfiguration } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { CloudfrontResponseHeadersPolicy, type CloudfrontResponseHeadersPolicyCorsConfig } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl, type LambdaFunctionUrlCors } from '@cdktf/provider-aws/lib/lambda-function-url';
import { S3Bucket, type S3BucketCorsRule } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration, type S3BucketCorsConfigurationCorsRule } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { REST_API_MOCK_REQUEST_TEMPLATE, type CorsPolicyProps } from '../../lib/core/internal';
import { CorsPolicy } from 'cors-constructs/cdktf';
import { POLICY_FIXTURES } from '../fixtures/policies';
import { newStack, synthJson } from './helpers';

Testing.setupJest();

const SPA = POLICY_FIXTURES.spaWithCredentials;

function fn(scope: Construct, id = 'Handler'): LambdaFunction {
  return new LambdaFunction(scope, id, { functionName: id.toLowerCase(), role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip' });
}

describe('S3 bucket', () => {
  test('creates one aws_s3_bucket_cors_configuration with the provider property names', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'Uploads', {});
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    const created = cors.applyToBucket(bucket);
    expect(cors.applyToBucket(bucket)).toBe(created);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(S3BucketCorsConfiguration, {
      bucket: '${aws_s3_bucket.Uploads.id}',
      cors_rule: [{
        allowed_origins: ['https://app.example.com'],
        allowed_methods: ['GET', 'POST', 'PUT', 'DELETE'],
        allowed_headers: ['content-type', 'authorization', 'x-request-id'],
        expose_headers: ['etag', 'x-request-id'],
        max_age_seconds: 600,
      }],
    });
    expect(Object.keys(synthJson(stack).resource.aws_s3_bucket_cors_configuration!)).toHaveLength(1);
    expect(synthesized).not.toHaveResourceWithProperties(S3BucketCorsConfiguration, { cors_rule: [{ allowed_origins: ['https://other.example.com'] }] });
    expect(synthesized).toMatchSnapshot();
  });

  test('the builder is assignable to both provider rule types', () => {
    const { stack } = newStack();
    const rules = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.wideOpen).toBucketCorsRules();
    const standalone: S3BucketCorsConfigurationCorsRule[] = rules;
    const inline: S3BucketCorsRule[] = rules;
    expect(standalone).toEqual([{ allowedOrigins: ['*'], allowedMethods: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'], allowedHeaders: ['*', 'authorization'], exposeHeaders: ['*'] }]);
    expect(inline).toBe(standalone);
  });
});

describe('HTTP API', () => {
  test('sets cors_configuration', () => {
    const { stack } = newStack();
    const api = new Apigatewayv2Api(stack, 'HttpApi', { name: 'http', protocolType: 'HTTP' });
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToHttpApi(api);
    cors.applyToHttpApi(api);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Api, {
      name: 'http',
      cors_configuration: {
        allow_origins: ['https://app.example.com'],
        allow_methods: ['GET', 'POST', 'PUT', 'DELETE'],
        allow_headers: ['content-type', 'authorization', 'x-request-id'],
        expose_headers: ['etag', 'x-request-id'],
        allow_credentials: true,
        max_age: 600,
      },
    });
    expect(synthesized).toMatchSnapshot();
  });

  test('omits empty lists and max age; the builder is assignable to the provider type', () => {
    const { stack } = newStack();
    const config: Apigatewayv2ApiCorsConfiguration = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.publicReadOnly).toHttpApiCorsConfiguration();
    expect(config).toEqual({ allowOrigins: ['*'], allowMethods: ['GET', 'HEAD'], allowCredentials: false });
  });
});

describe('Lambda function URL', () => {
  test('sets cors', () => {
    const { stack } = newStack();
    const url = new LambdaFunctionUrl(stack, 'Url', { functionName: fn(stack).functionName, authorizationType: 'NONE' });
    new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.wideOpen).applyToFunctionUrl(url);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(LambdaFunctionUrl, {
      cors: {
        allow_origins: ['*'],
        allow_methods: ['*'],
        allow_headers: ['*', 'authorization'],
        expose_headers: ['*'],
        allow_credentials: false,
      },
    });
    expect(JSON.stringify(synthJson(stack).resource.aws_lambda_function_url)).not.toContain('max_age');
    expect(synthesized).toMatchSnapshot();
  });

  test('the builder is assignable to the provider type', () => {
    const { stack } = newStack();
    const cors: LambdaFunctionUrlCors = new CorsPolicy(stack, 'Cors', SPA).toFunctionUrlCors();
    expect(cors.maxAge).toBe(600);
  });
});

describe('CloudFront response headers policy', () => {
  test('created once, lists as { items }, originOverride true, deterministic name <stack>-<region>-<path> as in the CDK flavour', () => {
    const { stack } = newStack('web-stack');
    const cors = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.spaAndAdmin);
    expect(cors.responseHeadersPolicy).toBe(cors.responseHeadersPolicy);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      name: 'web-stack-${data.aws_region.CorsConstructsRegion.region}-Cors',
      cors_config: {
        access_control_allow_origins: { items: ['https://app.example.com', 'https://admin.example.com'] },
        access_control_allow_methods: { items: ['GET', 'POST', 'PUT', 'DELETE'] },
        access_control_allow_headers: { items: ['content-type', 'authorization'] },
        access_control_expose_headers: { items: ['etag'] },
        access_control_allow_credentials: true,
        access_control_max_age_sec: 3600,
        origin_override: true,
      },
    });
    expect(Object.keys(synthJson(stack).resource.aws_cloudfront_response_headers_policy!)).toHaveLength(1);
    expect(synthesized).toMatchSnapshot();
  });

  test('one data.aws_region per stack, shared by every policy that names a response headers policy', () => {
    const { stack } = newStack('web-stack');
    const a = new CorsPolicy(stack, 'A', SPA);
    const b = new CorsPolicy(new Construct(stack, 'Nested'), 'B', POLICY_FIXTURES.spaAndAdmin);
    new CorsPolicy(stack, 'Unused', SPA).toBucketCorsRules();
    void a.responseHeadersPolicy;
    void b.responseHeadersPolicy;
    const json = synthJson(stack);
    expect(Object.keys(json.data?.['aws_region'] ?? {})).toEqual(['CorsConstructsRegion']);
    const names = Object.values(json.resource.aws_cloudfront_response_headers_policy!).map((r) => r['name']);
    expect(names).toEqual([
      'web-stack-${data.aws_region.CorsConstructsRegion.region}-A',
      'web-stack-${data.aws_region.CorsConstructsRegion.region}-Nested-B',
    ]);
    // A stack without a response headers policy has no data source.
    const { stack: other } = newStack('other');
    new CorsPolicy(other, 'Cors', SPA).toBucketCorsRules();
    expect(synthJson(other).data).toBeUndefined();
  });

  test('a long construct path is shortened to at most 128 characters with a hash, deterministically', () => {
    const names = [1, 2].map(() => {
      const { stack } = newStack('s'.repeat(60));
      let scope: Construct = stack;
      for (let i = 0; i < 6; i += 1) scope = new Construct(scope, `Level${i}-${'x'.repeat(20)}`);
      const cors = new CorsPolicy(scope, 'Cors', SPA);
      void cors.responseHeadersPolicy;
      return String(Object.values(synthJson(stack).resource.aws_cloudfront_response_headers_policy!)[0]!['name']);
    });
    expect(names[0]).toBe(names[1]);
    // The stack part is cut at 48 characters with a hash, the path part at what the region leaves.
    const [, stackPart, pathPart] = /^(.*)-\$\{data\.aws_region\.[^}]+\}-(.*)$/.exec(names[0]!)!;
    expect(stackPart).toMatch(/^s{39}-[0-9a-f]{8}$/);
    expect(pathPart).toMatch(/^Level0-x+-Level1-.*-[0-9a-f]{8}$/);
    expect(`${stackPart}-ap-southeast-7-${pathPart}`.length).toBeLessThanOrEqual(128);
  });

  test('the builder is assignable to the provider type', () => {
    const { stack } = newStack();
    const config: CloudfrontResponseHeadersPolicyCorsConfig = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.publicReadOnly).toResponseHeadersPolicyCorsConfig();
    expect(config.accessControlAllowHeaders.items).toEqual(['accept']);
    expect(config.accessControlExposeHeaders).toBeUndefined();
  });
});

describe('REST API', () => {
  function restStack(props: CorsPolicyProps = POLICY_FIXTURES.spaAndAdmin) {
    const { stack } = newStack();
    const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
    const users = new ApiGatewayResource(stack, 'Users', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'users' });
    const user = new ApiGatewayResource(stack, 'User', { restApiId: api.id, parentId: users.id, pathPart: '{id}' });
    const cors = new CorsPolicy(stack, 'Cors', props);
    return { stack, api, users, user, cors };
  }

  test('OPTIONS MOCK preflight on the root and each resource, gateway responses, 204 with boolean method response parameters', () => {
    const { stack, api, users, user, cors } = restStack();
    const applied = cors.applyToRestApi(api, { resources: [users, user] });
    expect(applied.preflights.map((p) => p.resource)).toEqual([undefined, users, user]);
    expect(applied.gatewayResponses).toHaveLength(2);
    expect(applied.resources).toHaveLength(3 * 4 + 2);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      http_method: 'OPTIONS', authorization: 'NONE', api_key_required: false, resource_id: '${aws_api_gateway_rest_api.Api.root_resource_id}',
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, { http_method: 'OPTIONS', resource_id: '${aws_api_gateway_resource.User.id}' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, { type: 'MOCK', request_templates: { 'application/json': REST_API_MOCK_REQUEST_TEMPLATE }, resource_id: '${aws_api_gateway_resource.Users.id}' });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethodResponse, {
      status_code: '204',
      response_parameters: {
        'method.response.header.Access-Control-Allow-Origin': true,
        'method.response.header.Vary': true,
        'method.response.header.Access-Control-Allow-Methods': true,
        'method.response.header.Access-Control-Allow-Headers': true,
        'method.response.header.Access-Control-Allow-Credentials': true,
        'method.response.header.Access-Control-Max-Age': true,
      },
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegrationResponse, {
      status_code: '204',
      response_parameters: {
        'method.response.header.Vary': "'Origin'",
        'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PUT,DELETE'",
        'method.response.header.Access-Control-Allow-Headers': "'content-type,authorization'",
        'method.response.header.Access-Control-Allow-Credentials': "'true'",
        'method.response.header.Access-Control-Max-Age': "'3600'",
      },
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayGatewayResponse, {
      response_type: 'DEFAULT_4XX',
      response_parameters: {
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
        'gatewayresponse.header.Access-Control-Expose-Headers': "'etag'",
      },
    });
    const integrationResponses = Object.values(synthJson(stack).resource.aws_api_gateway_integration_response!);
    for (const response of integrationResponses) {
      const dependsOn = response['depends_on'] as string[];
      expect(dependsOn).toHaveLength(2);
      expect(dependsOn[0]).toMatch(/^aws_api_gateway_integration\./);
      expect(dependsOn[1]).toMatch(/^aws_api_gateway_method_response\./);
      expect((response['response_templates'] as Record<string, string>)['application/json']).toContain("$origin == 'https://admin.example.com'");
    }
    expect(synthesized).toMatchSnapshot();
  });

  test('includeRoot: false and gatewayResponses: false; applying again adds only new resources and returns the same object', () => {
    const { stack, api, users, user, cors } = restStack(SPA);
    const first = cors.applyToRestApi(api, { resources: [users], includeRoot: false, gatewayResponses: false });
    const trigger = first.fingerprint;
    const second = cors.applyToRestApi(api, { resources: [users, user], includeRoot: false, gatewayResponses: false });
    expect(second).toBe(first);
    expect(first.fingerprint).not.toBe(trigger);
    const json = synthJson(stack);
    expect(Object.keys(json.resource.aws_api_gateway_method!)).toHaveLength(2);
    expect(JSON.stringify(json.resource.aws_api_gateway_method)).not.toContain('root_resource_id');
    expect(json.resource.aws_api_gateway_gateway_response).toBeUndefined();
  });

  test('triggerValue hashes the fingerprint and every created resource id, for aws_api_gateway_deployment.triggers', () => {
    const { stack, api, users, cors } = restStack(SPA);
    const applied = cors.applyToRestApi(api, { resources: [users] });
    new TerraformOutput(stack, 'Trigger', { value: applied.triggerValue });
    const value = String((synthJson(stack) as unknown as { output: Record<string, { value: string }> }).output['Trigger']!.value);
    expect(value.startsWith('${sha1(jsonencode([')).toBe(true);
    expect(value).toContain(`"${applied.fingerprint}"`);
    expect(value.match(/aws_api_gateway_[a-z_]+\.[^.]+\.id/g)).toHaveLength(2 * 4 + 2);
  });

  test('the fingerprint changes with the policy and not otherwise', () => {
    const fingerprint = (props: CorsPolicyProps) => {
      const { api, users, cors } = restStack(props);
      return cors.applyToRestApi(api, { resources: [users] }).fingerprint;
    };
    expect(fingerprint(SPA)).toBe(fingerprint(SPA));
    expect(fingerprint(SPA)).not.toBe(fingerprint(POLICY_FIXTURES.spaAndAdmin));
  });
});
