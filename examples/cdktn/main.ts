/**
 * The CDK Terrain flavour of the example system: the same system as examples/cdktf/main.ts (one CORS
 * policy for https://app.example.com and https://admin.example.com with cookies, applied to a REST API
 * with a Lambda proxy integration, an HTTP API, a Lambda function URL, an upload bucket and a CloudFront
 * distribution serving the app from S3), written for `cdktn` + `@cdktn/provider-aws`.
 *
 * Moving from CDKTF changes the package names only: 'cdktf' -> 'cdktn', '@cdktf/provider-aws/lib/...' ->
 * '@cdktn/provider-aws/lib/...', and 'cors-constructs/cdktf' -> 'cors-constructs/cdktn'
 * (test/cdktn/equivalence.test.ts checks that this file is the cdktf example with those names changed).
 *
 * Synthesized offline by `npm run synth` (plain node, no CLI, no `terraform init`) into cdktn.out/.
 */
import { App, Fn, TerraformOutput, TerraformStack } from 'cdktn';
import type { Construct } from 'constructs';
import { ApiGatewayDeployment } from '@cdktn/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayIntegration } from '@cdktn/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktn/provider-aws/lib/api-gateway-method';
import { ApiGatewayResource } from '@cdktn/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktn/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayStage } from '@cdktn/provider-aws/lib/api-gateway-stage';
import { Apigatewayv2Api } from '@cdktn/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Integration } from '@cdktn/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktn/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktn/provider-aws/lib/apigatewayv2-stage';
import { CloudfrontDistribution } from '@cdktn/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktn/provider-aws/lib/cloudfront-origin-access-control';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { LambdaFunction } from '@cdktn/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktn/provider-aws/lib/lambda-function-url';
import { LambdaPermission } from '@cdktn/provider-aws/lib/lambda-permission';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktn/provider-aws/lib/s3-bucket-policy';
import { CorsPolicy } from 'cors-constructs/cdktn';

// AWS managed policies (IDs are the same in every account).
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CORS_S3_ORIGIN = '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf';

class CorsExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    const cors = new CorsPolicy(this, 'Cors', {
      allowOrigins: ['https://app.example.com', 'https://admin.example.com'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['content-type', 'authorization', 'x-request-id'],
      exposeHeaders: ['etag', 'x-request-id'],
      allowCredentials: true,
      maxAgeSeconds: 600,
    });

    // Lambda code: the example only synthesizes, so the archive is a placeholder path that
    // `terraform apply` would need; synthesis never reads it.
    const role = new IamRole(this, 'HandlerRole', {
      name: 'cors-example-handler',
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    });
    new IamRolePolicyAttachment(this, 'HandlerLogs', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' });
    const handler = new LambdaFunction(this, 'ApiHandler', {
      functionName: 'cors-example-api',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: 'lambda/api.zip',
      environment: { variables: { TABLE_NAME: 'orders' } },
    });
    // The proxy integration's responses need CORS headers from the function itself: the runtime
    // helper (cors-constructs/runtime) reads the policy from this environment variable.
    cors.bindToFunction(handler);

    // REST API: /users, /users/{id}, /orders, each ANY -> Lambda proxy; CORS preflights on all of them.
    const restApi = new ApiGatewayRestApi(this, 'RestApi', { name: 'cors-example-rest' });
    const users = new ApiGatewayResource(this, 'Users', { restApiId: restApi.id, parentId: restApi.rootResourceId, pathPart: 'users' });
    const user = new ApiGatewayResource(this, 'User', { restApiId: restApi.id, parentId: users.id, pathPart: '{id}' });
    const orders = new ApiGatewayResource(this, 'Orders', { restApiId: restApi.id, parentId: restApi.rootResourceId, pathPart: 'orders' });
    const routes = [users, user, orders].flatMap((resource) => {
      const method = new ApiGatewayMethod(this, `${resource.node.id}Any`, { restApiId: restApi.id, resourceId: resource.id, httpMethod: 'ANY', authorization: 'NONE' });
      const integration = new ApiGatewayIntegration(this, `${resource.node.id}AnyIntegration`, {
        restApiId: restApi.id,
        resourceId: resource.id,
        httpMethod: method.httpMethod,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: handler.invokeArn,
      });
      return [method, integration];
    });
    const restCors = cors.applyToRestApi(restApi, { resources: [users, user, orders] });
    new LambdaPermission(this, 'RestApiInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: handler.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${restApi.executionArn}/*/*`,
    });
    // API Gateway serves the snapshot taken at deployment: redeploy whenever routes or CORS change.
    const deployment = new ApiGatewayDeployment(this, 'RestApiDeployment', {
      restApiId: restApi.id,
      triggers: {
        routes: Fn.sha1(Fn.jsonencode(routes.map((r) => r.id))),
        cors: restCors.triggerValue,
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [...routes, ...restCors.resources],
    });
    const stage = new ApiGatewayStage(this, 'RestApiStage', { restApiId: restApi.id, deploymentId: deployment.id, stageName: 'prod' });

    // HTTP API: API Gateway answers preflights itself.
    const httpApi = new Apigatewayv2Api(this, 'HttpApi', { name: 'cors-example-http', protocolType: 'HTTP' });
    cors.applyToHttpApi(httpApi);
    const httpIntegration = new Apigatewayv2Integration(this, 'HttpApiIntegration', {
      apiId: httpApi.id,
      integrationType: 'AWS_PROXY',
      integrationUri: handler.invokeArn,
      payloadFormatVersion: '2.0',
    });
    new Apigatewayv2Route(this, 'HttpApiItems', { apiId: httpApi.id, routeKey: 'GET /items', target: `integrations/${httpIntegration.id}` });
    new Apigatewayv2Stage(this, 'HttpApiStage', { apiId: httpApi.id, name: '$default', autoDeploy: true });
    new LambdaPermission(this, 'HttpApiInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: handler.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${httpApi.executionArn}/*/*`,
    });

    // A function URL for a separate upload signer (the URL adds the CORS headers; the function must not).
    const signer = new LambdaFunction(this, 'UploadSigner', {
      functionName: 'cors-example-upload-signer',
      role: role.arn,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      filename: 'lambda/signer.zip',
    });
    const signerUrl = new LambdaFunctionUrl(this, 'UploadSignerUrl', { functionName: signer.functionName, authorizationType: 'AWS_IAM' });
    cors.applyToFunctionUrl(signerUrl);

    // Browsers upload straight to this bucket with presigned URLs.
    const uploads = new S3Bucket(this, 'Uploads', { bucketPrefix: 'cors-example-uploads-' });
    cors.applyToBucket(uploads);

    // CloudFront serves the app's assets from S3 and owns the CORS headers (originOverride).
    // The S3 origin answers preflights only with its own bucket CORS, and the behavior must allow OPTIONS.
    const assets = new S3Bucket(this, 'Assets', { bucketPrefix: 'cors-example-assets-' });
    cors.applyToBucket(assets);
    const oac = new CloudfrontOriginAccessControl(this, 'AssetsAccess', {
      name: 'cors-example-assets',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const distribution = new CloudfrontDistribution(this, 'Cdn', {
      enabled: true,
      origin: [{ originId: 'assets', domainName: assets.bucketRegionalDomainName, originAccessControlId: oac.id }],
      defaultCacheBehavior: {
        targetOriginId: 'assets',
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_OPTIMIZED,
        originRequestPolicyId: CORS_S3_ORIGIN,
        responseHeadersPolicyId: cors.responseHeadersPolicy.id,
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });

    new S3BucketPolicy(this, 'AssetsReadByCdn', {
      bucket: assets.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: `${assets.arn}/*`,
          Condition: { StringEquals: { 'AWS:SourceArn': distribution.arn } },
        }],
      }),
    });

    new TerraformOutput(this, 'RestApiUrl', { value: stage.invokeUrl });
    new TerraformOutput(this, 'HttpApiUrl', { value: httpApi.apiEndpoint });
    new TerraformOutput(this, 'UploadSignerUrlOutput', { value: signerUrl.functionUrl });
    new TerraformOutput(this, 'CdnDomain', { value: distribution.domainName });
  }
}

const app = new App({ outdir: 'cdktn.out' });
new CorsExampleStack(app, 'cors-example');
app.synth();
