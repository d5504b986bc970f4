// The two Terraform flavours of the library, behind one shape, so a test table runs against both:
// cors-constructs/cdktf with cdktf + @cdktf/provider-aws, and cors-constructs/cdktn (generated from lib/cdktf)
// with cdktn + @cdktn/provider-aws. The cdktn values are typed as their cdktf twins: the runtime shapes are
// the same (that is what the generation relies on), and the cdktn typings are checked on their own in
// test/cdktn/types.test.ts and test/cdktn/consumer.test.ts.
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import * as tfApiGatewayGatewayResponse from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import * as tfApiGatewayIntegration from '@cdktf/provider-aws/lib/api-gateway-integration';
import * as tfApiGatewayMethod from '@cdktf/provider-aws/lib/api-gateway-method';
import * as tfApiGatewayResource from '@cdktf/provider-aws/lib/api-gateway-resource';
import * as tfApiGatewayRestApi from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import * as tfApigatewayv2Api from '@cdktf/provider-aws/lib/apigatewayv2-api';
import * as tfApigatewayv2Route from '@cdktf/provider-aws/lib/apigatewayv2-route';
import * as tfCloudfrontDistribution from '@cdktf/provider-aws/lib/cloudfront-distribution';
import * as tfLambdaFunction from '@cdktf/provider-aws/lib/lambda-function';
import * as tfLambdaFunctionUrl from '@cdktf/provider-aws/lib/lambda-function-url';
import * as tfProvider from '@cdktf/provider-aws/lib/provider';
import * as tfS3Bucket from '@cdktf/provider-aws/lib/s3-bucket';
import * as tfS3BucketCorsConfiguration from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import * as tnApiGatewayGatewayResponse from '@cdktn/provider-aws/lib/api-gateway-gateway-response';
import * as tnApiGatewayIntegration from '@cdktn/provider-aws/lib/api-gateway-integration';
import * as tnApiGatewayMethod from '@cdktn/provider-aws/lib/api-gateway-method';
import * as tnApiGatewayResource from '@cdktn/provider-aws/lib/api-gateway-resource';
import * as tnApiGatewayRestApi from '@cdktn/provider-aws/lib/api-gateway-rest-api';
import * as tnApigatewayv2Api from '@cdktn/provider-aws/lib/apigatewayv2-api';
import * as tnApigatewayv2Route from '@cdktn/provider-aws/lib/apigatewayv2-route';
import * as tnCloudfrontDistribution from '@cdktn/provider-aws/lib/cloudfront-distribution';
import * as tnLambdaFunction from '@cdktn/provider-aws/lib/lambda-function';
import * as tnLambdaFunctionUrl from '@cdktn/provider-aws/lib/lambda-function-url';
import * as tnProvider from '@cdktn/provider-aws/lib/provider';
import * as tnS3Bucket from '@cdktn/provider-aws/lib/s3-bucket';
import * as tnS3BucketCorsConfiguration from '@cdktn/provider-aws/lib/s3-bucket-cors-configuration';
import type { Construct } from 'constructs';
import type { CorsTarget } from 'cors-constructs';
import * as libCdktf from 'cors-constructs/cdktf';
import * as libCdktn from 'cors-constructs/cdktn';

/** The provider resources the shared tables use, as classes of the flavour's provider package. */
export interface AwsResources {
  readonly AwsProvider: typeof tfProvider.AwsProvider;
  readonly ApiGatewayGatewayResponse: typeof tfApiGatewayGatewayResponse.ApiGatewayGatewayResponse;
  readonly ApiGatewayIntegration: typeof tfApiGatewayIntegration.ApiGatewayIntegration;
  readonly ApiGatewayMethod: typeof tfApiGatewayMethod.ApiGatewayMethod;
  readonly ApiGatewayResource: typeof tfApiGatewayResource.ApiGatewayResource;
  readonly ApiGatewayRestApi: typeof tfApiGatewayRestApi.ApiGatewayRestApi;
  readonly Apigatewayv2Api: typeof tfApigatewayv2Api.Apigatewayv2Api;
  readonly Apigatewayv2Route: typeof tfApigatewayv2Route.Apigatewayv2Route;
  readonly CloudfrontDistribution: typeof tfCloudfrontDistribution.CloudfrontDistribution;
  readonly LambdaFunction: typeof tfLambdaFunction.LambdaFunction;
  readonly LambdaFunctionUrl: typeof tfLambdaFunctionUrl.LambdaFunctionUrl;
  readonly S3Bucket: typeof tfS3Bucket.S3Bucket;
  readonly S3BucketCorsConfiguration: typeof tfS3BucketCorsConfiguration.S3BucketCorsConfiguration;
}

export interface Flavour {
  readonly name: 'cdktf' | 'cdktn';
  /** The framework module (`cdktf` or `cdktn`). */
  readonly fw: typeof cdktf;
  /** The library entry point (`cors-constructs/cdktf` or `cors-constructs/cdktn`). */
  readonly lib: typeof libCdktf;
  readonly aws: AwsResources;
  /** `terraform.required_providers.aws` as the flavour's provider package declares it. */
  readonly requiredProvider: { readonly source: string; readonly version: string };
}

export const CDKTF: Flavour = {
  name: 'cdktf',
  fw: cdktf,
  lib: libCdktf,
  aws: {
    AwsProvider: tfProvider.AwsProvider,
    ApiGatewayGatewayResponse: tfApiGatewayGatewayResponse.ApiGatewayGatewayResponse,
    ApiGatewayIntegration: tfApiGatewayIntegration.ApiGatewayIntegration,
    ApiGatewayMethod: tfApiGatewayMethod.ApiGatewayMethod,
    ApiGatewayResource: tfApiGatewayResource.ApiGatewayResource,
    ApiGatewayRestApi: tfApiGatewayRestApi.ApiGatewayRestApi,
    Apigatewayv2Api: tfApigatewayv2Api.Apigatewayv2Api,
    Apigatewayv2Route: tfApigatewayv2Route.Apigatewayv2Route,
    CloudfrontDistribution: tfCloudfrontDistribution.CloudfrontDistribution,
    LambdaFunction: tfLambdaFunction.LambdaFunction,
    LambdaFunctionUrl: tfLambdaFunctionUrl.LambdaFunctionUrl,
    S3Bucket: tfS3Bucket.S3Bucket,
    S3BucketCorsConfiguration: tfS3BucketCorsConfiguration.S3BucketCorsConfiguration,
  },
  requiredProvider: { source: 'aws', version: '6.25.0' },
};

// Same runtime shape as CDKTF; distinct (nominally incompatible) types.
const asTwin = <T>(value: unknown): T => value as T;

export const CDKTN: Flavour = {
  name: 'cdktn',
  fw: asTwin(cdktn),
  lib: asTwin(libCdktn),
  aws: asTwin<AwsResources>({
    AwsProvider: tnProvider.AwsProvider,
    ApiGatewayGatewayResponse: tnApiGatewayGatewayResponse.ApiGatewayGatewayResponse,
    ApiGatewayIntegration: tnApiGatewayIntegration.ApiGatewayIntegration,
    ApiGatewayMethod: tnApiGatewayMethod.ApiGatewayMethod,
    ApiGatewayResource: tnApiGatewayResource.ApiGatewayResource,
    ApiGatewayRestApi: tnApiGatewayRestApi.ApiGatewayRestApi,
    Apigatewayv2Api: tnApigatewayv2Api.Apigatewayv2Api,
    Apigatewayv2Route: tnApigatewayv2Route.Apigatewayv2Route,
    CloudfrontDistribution: tnCloudfrontDistribution.CloudfrontDistribution,
    LambdaFunction: tnLambdaFunction.LambdaFunction,
    LambdaFunctionUrl: tnLambdaFunctionUrl.LambdaFunctionUrl,
    S3Bucket: tnS3Bucket.S3Bucket,
    S3BucketCorsConfiguration: tnS3BucketCorsConfiguration.S3BucketCorsConfiguration,
  }),
  requiredProvider: { source: 'hashicorp/aws', version: '6.66.0' },
};

export const FLAVOURS: readonly Flavour[] = [CDKTF, CDKTN];

/** A stack with the AWS provider in a fresh Testing app of the flavour (real version stamp, no stack traces). */
export function newFlavourStack(f: Flavour, name = 'test-stack'): { app: cdktf.App; stack: cdktf.TerraformStack } {
  const app = f.fw.Testing.app({ stubVersion: false });
  const stack = new f.fw.TerraformStack(app, name);
  new f.aws.AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return { app, stack };
}

/** `<construct path>: <text>` of every warning annotation under a scope, in tree order. */
export function allWarnings(scope: Construct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type.endsWith('/warn')).map((m) => `${c.node.path}: ${String(m.data)}`));
}

/**
 * Applies `cors` to a new resource of `target` in `stack`, as the shared tables do: a bucket, an HTTP API, a function
 * URL, the response headers policy, or a REST API `Api` with one resource `Items` (`/items`).
 */
export function applyToTarget(f: Flavour, stack: cdktf.TerraformStack, cors: libCdktf.CorsPolicy, target: CorsTarget): void {
  switch (target) {
    case 's3': cors.applyToBucket(new f.aws.S3Bucket(stack, 'Bucket', {})); break;
    case 'http-api': cors.applyToHttpApi(new f.aws.Apigatewayv2Api(stack, 'HttpApi', { name: 'http', protocolType: 'HTTP' })); break;
    case 'function-url': cors.applyToFunctionUrl(new f.aws.LambdaFunctionUrl(stack, 'Url', { functionName: 'fn', authorizationType: 'NONE' })); break;
    case 'cloudfront': void cors.responseHeadersPolicy; break;
    case 'rest-api': {
      const api = new f.aws.ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
      cors.applyToRestApi(api, { resources: [new f.aws.ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' })] });
      break;
    }
  }
}
