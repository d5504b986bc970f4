import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { CorsPolicy } from 'cors-constructs/cdktf';
import { POLICY_FIXTURES } from '../fixtures/policies';
import { newStack } from './helpers';

// Every target, built in a fresh app each time.
function build(app: App) {
  const { stack } = newStack('system', app);
  const cors = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.spaAndAdmin);
  const fn = new LambdaFunction(stack, 'Handler', { functionName: 'handler', role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip' });
  cors.bindToFunction(fn);
  const api = new ApiGatewayRestApi(stack, 'RestApi', { name: 'rest' });
  const users = new ApiGatewayResource(stack, 'Users', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'users' });
  const user = new ApiGatewayResource(stack, 'User', { restApiId: api.id, parentId: users.id, pathPart: '{id}' });
  const rest = cors.applyToRestApi(api, { resources: [users, user] });
  cors.applyToHttpApi(new Apigatewayv2Api(stack, 'HttpApi', { name: 'http', protocolType: 'HTTP' }));
  cors.applyToFunctionUrl(new LambdaFunctionUrl(stack, 'Url', { functionName: 'signer', authorizationType: 'AWS_IAM' }));
  cors.applyToBucket(new S3Bucket(stack, 'Uploads', {}));
  void cors.responseHeadersPolicy;
  return { stack, rest };
}

test('two synths of the same system are byte-identical (Testing.synth and app.synth files)', () => {
  const first = build(Testing.app());
  const second = build(Testing.app());
  expect(Testing.synth(second.stack)).toBe(Testing.synth(first.stack));
  expect(second.rest.fingerprint).toBe(first.rest.fingerprint);

  const apps = [Testing.app(), Testing.app()];
  const files = apps.map((app) => {
    build(app);
    app.synth();
    return readFileSync(path.join(app.outdir, 'stacks/system/cdk.tf.json'), 'utf8');
  });
  expect(files[1]).toBe(files[0]);
  expect(files[0]).toContain('aws_cloudfront_response_headers_policy');
});

test('Terraform resource names of everything created are part of the output contract', () => {
  const { stack } = build(Testing.app());
  const resources = JSON.parse(Testing.synth(stack)).resource as Record<string, Record<string, unknown>>;
  const created = Object.entries(resources).flatMap(([type, byName]) => Object.keys(byName).filter((name) => name.startsWith('Cors_')).map((name) => `${type}.${name}`)).sort();
  expect(created).toMatchSnapshot();
});
