// A realistic cors-constructs stack: one policy for a SPA and an admin console, applied to a REST API,
// an HTTP API, a function URL, an upload bucket and a CloudFront distribution.
// Synthesize offline with `npm run synth` (writes cdk.out/). Lambda code is inline: no bundling.
import { Annotations, App, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CorsChecks, CorsPolicy } from 'cors-constructs/cdk';
import type { Construct } from 'constructs';

const HANDLER = `
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ path: event.rawPath ?? event.path }),
});
`;

function inlineFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(HANDLER),
    timeout: Duration.seconds(10),
  });
}

class CorsExampleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const cors = new CorsPolicy(this, 'Cors', {
      allowOrigins: ['https://app.example.com', 'https://admin.example.com'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['content-type', 'authorization', 'x-request-id'],
      exposeHeaders: ['etag', 'x-request-id'],
      allowCredentials: true,
      maxAge: Duration.minutes(10),
    });

    // REST API: nested resources, a Lambda proxy integration whose function adds the CORS headers
    // to its own responses through the runtime helper (bindToFunction).
    const apiHandler = inlineFunction(this, 'ApiHandler');
    cors.bindToFunction(apiHandler);
    const restApi = new apigateway.RestApi(this, 'RestApi', { deployOptions: { stageName: 'v1' } });
    const proxy = new apigateway.LambdaIntegration(apiHandler);
    const items = restApi.root.addResource('items');
    items.addMethod('GET', proxy);
    items.addMethod('POST', proxy);
    const item = items.addResource('{id}');
    item.addMethod('GET', proxy);
    item.addMethod('PUT', proxy);
    item.addMethod('DELETE', proxy);
    item.addResource('attachments').addMethod('GET', proxy);
    cors.applyToRestApi(restApi);
    // Error responses can name one origin only: the SPA's users see error bodies, the admin console gets a CORS error.
    // The policy warns about it once; CorsChecks (below) reports it on every preflight it reads.
    Annotations.of(this).acknowledgeWarning('cors-constructs:gateway-response-origin', 'Admin console shows a generic error message');
    Validations.of(restApi).acknowledge({ id: 'CorsChecks::gateway-response-origin', reason: 'Admin console shows a generic error message' });

    // HTTP API: API Gateway answers preflights and adds the headers itself.
    const httpApi = new apigwv2.HttpApi(this, 'HttpApi');
    httpApi.addRoutes({ path: '/reports/{id}', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.DELETE], integration: new HttpLambdaIntegration('Reports', inlineFunction(this, 'ReportsHandler')) });
    cors.applyToHttpApi(httpApi);

    // Function URL: the URL service answers preflights (the function is not bound: never both).
    const exportUrl = inlineFunction(this, 'ExportHandler').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    cors.applyToFunctionUrl(exportUrl);

    // Upload bucket: browsers PUT with presigned URLs.
    const uploads = new s3.Bucket(this, 'Uploads', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
    });
    cors.applyToBucket(uploads);

    // CloudFront in front of a static bucket: CloudFront owns the CORS headers (originOverride),
    // OPTIONS is allowed and forwarded with the CORS request headers to a bucket that answers it.
    const assets = new s3.Bucket(this, 'Assets', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, enforceSSL: true });
    cors.applyToBucket(assets);
    const distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(assets),
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD_OPTIONS,
        originRequestPolicy: cloudfront.OriginRequestPolicy.CORS_S3_ORIGIN,
        responseHeadersPolicy: cors.responseHeadersPolicy,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
    });

    new CfnOutput(this, 'RestApiUrl', { value: restApi.url });
    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'ExportUrl', { value: exportUrl.url });
    new CfnOutput(this, 'UploadBucket', { value: uploads.bucketName });
    new CfnOutput(this, 'CdnDomain', { value: distribution.distributionDomainName });
  }
}

const app = new App();
new CorsExampleStack(app, 'CorsConstructsExample');
// Checks the CORS of every resource of the app from the synthesized templates, as `cors-constructs audit cdk.out` does.
Validations.of(app).addPlugins(new CorsChecks());
app.synth();
