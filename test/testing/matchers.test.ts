import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { TerraformStack, Testing } from 'cdktf';
import { corsMatchers, findCorsConfigurations, simulateCorsFor } from 'cors-constructs/testing';

expect.extend(corsMatchers);

const APP = 'https://app.example.com';

function cdkStack(): Stack {
  const stack = new Stack(new App(), 'Shop');
  new Bucket(stack, 'Uploads', { cors: [{ allowedOrigins: [APP], allowedMethods: [HttpMethods.PUT, HttpMethods.GET], allowedHeaders: ['content-type'] }] });
  new CfnApi(stack, 'Orders', { name: 'orders', protocolType: 'HTTP', corsConfiguration: { allowOrigins: [APP], allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'], allowCredentials: true } });
  return stack;
}

describe('toAllowCors on a CDK Stack and Template', () => {
  const stack = cdkStack();

  test('passes, and .not passes, with the construct path or the logical id', () => {
    expect(stack).toAllowCors('Shop/Uploads', { origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' }, credentials: true });
    expect(stack).not.toAllowCors('Shop/Uploads', { origin: 'https://evil.example', method: 'GET' });
    const logicalId = findCorsConfigurations(stack).find((c) => c.target === 'http-api')!.resourceId;
    expect(Template.fromStack(stack)).toAllowCors(logicalId, { origin: APP, method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: true });
  });

  test('the failure message states the reason', () => {
    expect(() => expect(stack).toAllowCors('Shop/Orders', { origin: APP, method: 'POST', headers: { 'X-Api-Key': 'k' } }))
      .toThrow(/to be allowed, but it is blocked: Access-Control-Allow-Headers does not list x-api-key/);
    expect(() => expect(stack).not.toAllowCors('Shop/Orders', { origin: APP, method: 'GET' }))
      .toThrow(/to be blocked, but it is allowed/);
  });

  test('an unknown selector fails and lists what exists', () => {
    expect(() => expect(stack).toAllowCors('Shop/Nope', { origin: APP, method: 'GET' })).toThrow(/no CORS configuration matches 'Shop\/Nope'; found: .*Shop\/Uploads/);
    // Under .not too: a typo must never make a negative expectation pass.
    expect(() => expect(stack).not.toAllowCors('Shop/Nope', { origin: APP, method: 'GET' })).toThrow(/toAllowCors: no CORS configuration matches 'Shop\/Nope'/);
  });
});

describe('toAllowCors on a cdktf synth string', () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'site');
  new S3BucketCorsConfiguration(stack, 'cors', { bucket: 'b', corsRule: [{ allowedOrigins: ['https://*.example.com'], allowedMethods: ['GET'], maxAgeSeconds: 60 }] });
  const synth = Testing.synth(stack);

  test('selects by Terraform name or address (Testing.synth drops construct paths)', () => {
    expect(synth).toAllowCors('cors', { origin: APP, method: 'GET', credentials: true });
    expect(synth).not.toAllowCors('aws_s3_bucket_cors_configuration.cors', { origin: 'https://example.com', method: 'GET' });
    expect(simulateCorsFor(synth, 'cors', { origin: APP, method: 'GET' }).resource.resourceId).toBe('aws_s3_bucket_cors_configuration.cors');
  });

  test('a string that is not JSON is a clear failure', () => {
    expect(() => expect('not json').toAllowCors('x', { origin: APP, method: 'GET' })).toThrow(/Testing.synth/);
  });
});
