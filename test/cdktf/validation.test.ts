import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TerraformVariable, Testing } from 'cdktf';
import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import type { Construct } from 'constructs';
import { formatDiagnostic, normalizeCorsPolicy, RUNTIME_POLICY_ENV, validateCorsPolicy } from 'cors-constructs';
import { CorsPolicy } from 'cors-constructs/cdktf';
import { POLICY_FIXTURES } from '../fixtures/policies';
import { newStack, synthError, synthJson, warnings } from './helpers';

const SPA = POLICY_FIXTURES.spaWithCredentials;

function lambda(scope: Construct, id = 'Handler', variables?: Record<string, string>): LambdaFunction {
  return new LambdaFunction(scope, id, {
    functionName: id.toLowerCase(), role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip',
    ...(variables ? { environment: { variables } } : {}),
  });
}

function appSynthError(app: { synth(): void }): string {
  try {
    app.synth();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

test('props changed after construction: synthesis validates what the targets render, not the changed props', () => {
  const { stack } = newStack();
  const origins = ['*'];
  const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: origins, allowCredentials: true });
  origins[0] = 'https://app.example.com';
  cors.applyToBucket(new S3Bucket(stack, 'Bucket', {}));
  expect(cors.policy.allowOrigins).toEqual(['*']);
  expect(cors.props.allowOrigins).toEqual(['*']);
  expect(Object.isFrozen(cors.props)).toBe(true);
  expect(synthError(stack)).toContain('origin-wildcard-with-credentials');
});

describe('synth-time errors', () => {
  test('app.synth() fails with every error, the construct path, the rule id and the fix', () => {
    const { app, stack } = newStack('api-stack');
    const props = { allowOrigins: ['*'], allowCredentials: true, maxAgeSeconds: -5, allowMethods: ['TRACE'] };
    new CorsPolicy(stack, 'Cors', props);
    const message = appSynthError(app);
    const errors = validateCorsPolicy(props).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(3);
    // Every error, each with the core's full message (what, why, fix), prefixed by the construct path.
    for (const error of errors) expect(message).toContain(`[api-stack/Cors] cors-constructs:${error.rule} ${formatDiagnostic(error)}`);
    expect(message).toContain('[api-stack/Cors] cors-constructs:origin-wildcard-with-credentials');
    expect(message).toContain('[api-stack/Cors] cors-constructs:max-age-invalid');
    expect(message).toContain('[api-stack/Cors] cors-constructs:method-forbidden');
  });

  test('Testing.synth skips node validations unless asked; Testing.synth(stack, true) runs them', () => {
    const { stack } = newStack();
    new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://app.example.com/'] });
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(synthError(stack)).toContain('[test-stack/Cors] cors-constructs:origin-trailing-slash');
  });

  test('a valid policy synthesizes with app.synth()', () => {
    const { app, stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToBucket(new S3Bucket(stack, 'Bucket', {}));
    expect(appSynthError(app)).toBe('');
    expect(readFileSync(path.join(app.outdir, 'stacks/test-stack/cdk.tf.json'), 'utf8')).toContain('aws_s3_bucket_cors_configuration');
  });

  test('target limits are checked only for applied targets, when validation runs', () => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PATCH'] });
    expect(synthError(stack)).toBe('');
    cors.applyToBucket(new S3Bucket(stack, 'Bucket', {}));
    const message = synthError(stack);
    expect(message).toContain('cors-constructs:method-unsupported [method-unsupported] allowMethods (s3)');
    expect(message).toContain('test-stack/Cors');
  });

  test('a builder counts as a target: its limits are checked too', () => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://*.example.com'] });
    expect(synthError(stack)).toBe('');
    cors.toFunctionUrlCors();
    expect(synthError(stack)).toContain('cors-constructs:origin-pattern-unsupported');
  });
});

describe('warnings', () => {
  test('are cdktf annotations with cors-constructs:<rule>, emitted once however often the stack is synthesized', () => {
    const { app, stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://a.example.com', 'https://a.example.com'], maxAgeSeconds: 86400 });
    Testing.synth(stack);
    Testing.synth(stack);
    const texts = warnings(cors);
    expect(texts.filter((t) => t.startsWith('cors-constructs:origin-duplicate '))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('cors-constructs:max-age-browser-cap '))).toHaveLength(1);
    expect(appSynthError(app)).toBe('');
    const manifest = JSON.parse(readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    const annotations = manifest.stacks['test-stack'].annotations as Array<{ constructPath: string; level: string; message: string }>;
    expect(annotations.filter((a) => a.message.startsWith('cors-constructs:origin-duplicate'))).toEqual([
      expect.objectContaining({ constructPath: 'test-stack/Cors', level: '@cdktf/warn' }),
    ]);
  });

  test('deploy-time tokens pass through untouched, with an unresolved-token warning and no error', () => {
    const { stack } = newStack();
    const origin = new TerraformVariable(stack, 'origin', { type: 'string' });
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: [origin.stringValue], allowCredentials: true });
    cors.applyToHttpApi(new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' }));
    expect(synthError(stack)).toBe('');
    expect(warnings(cors).some((t) => t.startsWith('cors-constructs:unresolved-token'))).toBe(true);
    expect((synthJson(stack).resource.aws_apigatewayv2_api!['Api']!['cors_configuration'] as Record<string, unknown>)['allow_origins']).toEqual(['${var.origin}']);
  });

  test('proxy-responses-uncovered for Lambda proxy integrations whose function is not bound, and not once it is', () => {
    const build = (bind: boolean) => {
      const { stack } = newStack();
      const fn = lambda(stack);
      const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
      const items = new ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
      const method = new ApiGatewayMethod(stack, 'ItemsGet', { restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorization: 'NONE' });
      new ApiGatewayIntegration(stack, 'ItemsGetIntegration', { restApiId: api.id, resourceId: items.id, httpMethod: method.httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: fn.invokeArn });
      const cors = new CorsPolicy(stack, 'Cors', SPA);
      cors.applyToRestApi(api, { resources: [items] });
      if (bind) cors.bindToFunction(fn);
      Testing.synth(stack);
      return warnings(cors).filter((t) => t.startsWith('cors-constructs:proxy-responses-uncovered'));
    };
    const unbound = build(false);
    expect(unbound).toHaveLength(1);
    expect(unbound[0]).toContain('(GET /items (test-stack/ItemsGetIntegration))');
    expect(build(true)).toEqual([]);
  });

  test('duplicate-cors-headers when the function behind a CORS function URL is bound to the runtime helper', () => {
    const { stack } = newStack();
    const fn = lambda(stack);
    const other = lambda(stack, 'Other');
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToFunctionUrl(new LambdaFunctionUrl(stack, 'Url', { functionName: fn.functionName, authorizationType: 'NONE' }));
    cors.bindToFunction(other);
    Testing.synth(stack);
    expect(warnings(cors).filter((t) => t.startsWith('cors-constructs:duplicate-cors-headers'))).toEqual([]);
    cors.bindToFunction(fn);
    Testing.synth(stack);
    expect(warnings(cors).filter((t) => t.startsWith('cors-constructs:duplicate-cors-headers'))).toEqual([expect.stringContaining('test-stack/Handler')]);
  });

  test('preflight-needs-options-route for an authorized route that matches OPTIONS', () => {
    const { stack } = newStack();
    const api = new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' });
    new Apigatewayv2Route(stack, 'Open', { apiId: api.id, routeKey: 'GET /public' });
    new Apigatewayv2Route(stack, 'Proxy', { apiId: api.id, routeKey: 'ANY /{proxy+}', authorizationType: 'JWT', authorizerId: 'abc' });
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToHttpApi(api);
    Testing.synth(stack);
    const found = warnings(cors).filter((t) => t.startsWith('cors-constructs:preflight-needs-options-route'));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('ANY /{proxy+}');
  });
});

describe('target-cors-conflict', () => {
  test('an HTTP API with a different cors_configuration', () => {
    const { stack } = newStack();
    const api = new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['https://other.example.com'] } });
    new CorsPolicy(stack, 'Cors', SPA).applyToHttpApi(api);
    const message = synthError(stack);
    expect(message).toContain('cors-constructs:target-cors-conflict');
    expect(message).toContain('test-stack/Api');
    expect(message).toContain('https://other.example.com');
  });

  test('no conflict when the API was built with the same configuration (builder at construction)', () => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    const api = new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP', corsConfiguration: cors.toHttpApiCorsConfiguration() });
    cors.applyToHttpApi(api);
    expect(synthError(stack)).toBe('');
  });

  test('a cors_configuration replaced after applyToHttpApi', () => {
    const { stack } = newStack();
    const api = new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' });
    new CorsPolicy(stack, 'Cors', SPA).applyToHttpApi(api);
    api.putCorsConfiguration({ allowOrigins: ['*'] });
    expect(synthError(stack)).toContain('cors-constructs:target-cors-conflict');
  });

  test('a function URL with a different cors block', () => {
    const { stack } = newStack();
    const url = new LambdaFunctionUrl(stack, 'Url', { functionName: lambda(stack).functionName, authorizationType: 'NONE', cors: { allowOrigins: ['*'] } });
    new CorsPolicy(stack, 'Cors', SPA).applyToFunctionUrl(url);
    expect(synthError(stack)).toMatch(/\[test-stack\/Cors\] cors-constructs:target-cors-conflict .*test-stack\/Url/);
  });

  test('a conflict added after a synth is seen by a later direct validation (the pass view is not reused)', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'Bucket', {});
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToBucket(bucket);
    Testing.synth(stack, true);
    expect(cors.node.validate()).toEqual([]);
    new S3BucketCorsConfiguration(stack, 'Mine', { bucket: bucket.id, corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] });
    expect(cors.node.validate().join('\n')).toMatch(/target-cors-conflict.*test-stack\/Mine/);
  });

  test('a bucket with another aws_s3_bucket_cors_configuration or inline cors_rule', () => {
    const other = newStack();
    const bucket = new S3Bucket(other.stack, 'Bucket', {});
    new S3BucketCorsConfiguration(other.stack, 'Mine', { bucket: bucket.id, corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] });
    new CorsPolicy(other.stack, 'Cors', SPA).applyToBucket(bucket);
    expect(synthError(other.stack)).toMatch(/target-cors-conflict.*test-stack\/Mine/);

    const inline = newStack();
    const inlineBucket = new S3Bucket(inline.stack, 'Bucket', { corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] });
    new CorsPolicy(inline.stack, 'Cors', SPA).applyToBucket(inlineBucket);
    expect(synthError(inline.stack)).toMatch(/target-cors-conflict.*inline cors_rule/);
  });

  test('another aws_s3_bucket_cors_configuration holding the same rule with its keys in another order is no conflict', () => {
    const { stack } = newStack();
    const bucket = new S3Bucket(stack, 'Bucket', {});
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    const [rule] = cors.toBucketCorsRules();
    // cors_rule is a set of blocks: a block compares by its values, whatever order its keys were written in.
    const reordered = Object.fromEntries(Object.entries(rule!).reverse()) as typeof rule;
    new S3BucketCorsConfiguration(stack, 'Mine', { bucket: bucket.id, corsRule: [reordered!] });
    cors.applyToBucket(bucket);
    expect(synthError(stack)).toBe('');
  });

  test('a conflict quotes at most 160 characters of the configuration it found, cut with ...', () => {
    const { stack } = newStack();
    const origins = Array.from({ length: 20 }, (_, i) => `https://site${i}.example.com`);
    const bucket = new S3Bucket(stack, 'Bucket', { corsRule: [{ allowedMethods: ['GET'], allowedOrigins: origins }] });
    new CorsPolicy(stack, 'Cors', SPA).applyToBucket(bucket);
    const quoted = /inline cors_rule (.*?)\) that differs/.exec(synthError(stack))?.[1] ?? '';
    expect(quoted).toHaveLength(160);
    expect(quoted.endsWith('...')).toBe(true);
  });

  test('a REST API resource that already has an OPTIONS method, and a user DEFAULT_4XX gateway response', () => {
    const { stack } = newStack();
    const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
    const items = new ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
    const orders = new ApiGatewayResource(stack, 'Orders', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' });
    new ApiGatewayMethod(stack, 'ItemsOptions', { restApiId: api.id, resourceId: items.id, httpMethod: 'OPTIONS', authorization: 'NONE' });
    new ApiGatewayGatewayResponse(stack, 'My4xx', { restApiId: api.id, responseType: 'DEFAULT_4XX' });
    new CorsPolicy(stack, 'Cors', SPA).applyToRestApi(api, { resources: [items, orders] });
    const message = synthError(stack);
    expect(message).toMatch(/target-cors-conflict.*test-stack\/Items .*test-stack\/ItemsOptions/);
    expect(message).toMatch(/target-cors-conflict.*DEFAULT_4XX gateway response not created by this policy: test-stack\/My4xx/);
    expect(message).not.toMatch(/test-stack\/Orders/);
  });

  test('the checks read attributes from the resources, and addOverride still counts as it does in the output', () => {
    const { stack } = newStack();
    const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
    const items = new ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
    const orders = new ApiGatewayResource(stack, 'Orders', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' });
    // Becomes an OPTIONS method on Items only through an override; the one on Orders is overridden away from OPTIONS.
    new ApiGatewayMethod(stack, 'ItemsOverridden', { restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorization: 'NONE' }).addOverride('http_method', 'OPTIONS');
    new ApiGatewayMethod(stack, 'OrdersOverridden', { restApiId: api.id, resourceId: orders.id, httpMethod: 'OPTIONS', authorization: 'NONE' }).addOverride('http_method', 'GET');
    new CorsPolicy(stack, 'Cors', SPA).applyToRestApi(api, { resources: [items, orders] });
    const message = synthError(stack);
    expect(message).toMatch(/target-cors-conflict.*test-stack\/Items .*test-stack\/ItemsOverridden/);
    expect(message).not.toMatch(/OrdersOverridden/);
  });

  test('no conflict for the same REST API applied twice, nor for another API with its own OPTIONS methods', () => {
    const { stack } = newStack();
    const api = new ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
    const other = new ApiGatewayRestApi(stack, 'Other', { name: 'other' });
    const items = new ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
    new ApiGatewayMethod(stack, 'OtherRootOptions', { restApiId: other.id, resourceId: other.rootResourceId, httpMethod: 'OPTIONS', authorization: 'NONE' });
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.applyToRestApi(api, { resources: [items] });
    cors.applyToRestApi(api, { resources: [items] });
    expect(synthError(stack)).toBe('');
  });
});

describe('bindToFunction', () => {
  test('adds the normalized policy JSON and keeps the other variables; binding twice is idempotent', () => {
    const { stack } = newStack();
    const fn = lambda(stack, 'Handler', { TABLE: 'orders' });
    const cors = new CorsPolicy(stack, 'Cors', SPA);
    cors.bindToFunction(fn);
    cors.bindToFunction(fn);
    const variables = ((synthJson(stack).resource.aws_lambda_function!['Handler']!['environment'] as { variables: Record<string, string> }).variables);
    expect(Object.keys(variables).sort()).toEqual([RUNTIME_POLICY_ENV, 'TABLE']);
    expect(JSON.parse(variables[RUNTIME_POLICY_ENV]!)).toEqual(normalizeCorsPolicy(SPA));
    expect(synthError(stack)).toBe('');
  });

  test('a different value already in the variable is a conflict, as is removing it afterwards', () => {
    const { stack } = newStack();
    new CorsPolicy(stack, 'Cors', SPA).bindToFunction(lambda(stack, 'Handler', { [RUNTIME_POLICY_ENV]: '{"allowOrigins":["*"]}' }));
    expect(synthError(stack)).toMatch(/target-cors-conflict.*test-stack\/Handler/);

    const later = newStack();
    const fn = lambda(later.stack);
    new CorsPolicy(later.stack, 'Cors', SPA).bindToFunction(fn);
    fn.putEnvironment({ variables: { OTHER: 'x' } });
    expect(synthError(later.stack)).toMatch(/target-cors-conflict.*removed after bindToFunction/);
  });

  test('two policies bound to one function conflict', () => {
    const { stack } = newStack();
    const fn = lambda(stack);
    new CorsPolicy(stack, 'Spa', SPA).bindToFunction(fn);
    new CorsPolicy(stack, 'Public', POLICY_FIXTURES.publicReadOnly).bindToFunction(fn);
    expect(synthError(stack)).toMatch(/\[test-stack\/(Spa|Public)\] cors-constructs:target-cors-conflict/);
  });
});
