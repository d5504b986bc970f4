import { TerraformStack, Testing } from 'cdktn';
import { type Apigatewayv2ApiCorsConfiguration } from '@cdktn/provider-aws/lib/apigatewayv2-api';
import { type CloudfrontResponseHeadersPolicyCorsConfig } from '@cdktn/provider-aws/lib/cloudfront-response-headers-policy';
import { type LambdaFunctionUrlCors } from '@cdktn/provider-aws/lib/lambda-function-url';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket, type S3BucketCorsRule } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration, type S3BucketCorsConfigurationCorsRule } from '@cdktn/provider-aws/lib/s3-bucket-cors-configuration';
import { S3Bucket as CdktfS3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { CorsPolicy } from 'cors-constructs/cdktn';
import { CorsPolicy as CdktfCorsPolicy } from 'cors-constructs/cdktf';
import { POLICY_FIXTURES } from '../fixtures/policies';

// cors-constructs/cdktn in cdktn's own types (tsc checks this file in `npm run typecheck`): the builders are
// assignable to the @cdktn/provider-aws config types, apply methods take and return cdktn resources, and a
// cdktf resource is rejected where a cdktn one is expected (and the other way round).

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test-stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}

test('builders are assignable to the @cdktn/provider-aws config types', () => {
  const cors = new CorsPolicy(newStack(), 'Cors', POLICY_FIXTURES.spaWithCredentials);
  const standalone: S3BucketCorsConfigurationCorsRule[] = cors.toBucketCorsRules();
  const inline: S3BucketCorsRule[] = cors.toBucketCorsRules();
  const http: Apigatewayv2ApiCorsConfiguration = cors.toHttpApiCorsConfiguration();
  const url: LambdaFunctionUrlCors = cors.toFunctionUrlCors();
  const cloudfront: CloudfrontResponseHeadersPolicyCorsConfig = cors.toResponseHeadersPolicyCorsConfig();
  expect(standalone).toEqual(inline);
  expect([http.maxAge, url.maxAge, cloudfront.accessControlMaxAgeSec]).toEqual([600, 600, 600]);
});

test('apply methods take and return @cdktn/provider-aws resources', () => {
  const stack = newStack();
  const created: S3BucketCorsConfiguration = new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.publicReadOnly).applyToBucket(new S3Bucket(stack, 'Bucket', {}));
  expect(S3BucketCorsConfiguration.isTerraformResource(created)).toBe(true);
  expect(JSON.parse(Testing.synth(stack)).resource.aws_s3_bucket_cors_configuration).toBeDefined();
});

test('the two flavours reject each other\'s resources at compile time', () => {
  // Never called: only the type errors matter (a missing error fails `npm run typecheck`).
  const mixed = (stack: TerraformStack, cdktfBucket: CdktfS3Bucket) => {
    // @ts-expect-error a cdktf bucket is not a cdktn bucket
    new CorsPolicy(stack, 'Cors', POLICY_FIXTURES.publicReadOnly).applyToBucket(cdktfBucket);
    // @ts-expect-error a cdktn bucket is not a cdktf bucket (any construct is a scope of either)
    new CdktfCorsPolicy(stack, 'Cors', POLICY_FIXTURES.publicReadOnly).applyToBucket(new S3Bucket(stack, 'Bucket', {}));
  };
  expect(typeof mixed).toBe('function');
});
