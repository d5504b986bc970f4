// One table of situational cases (issue 16): each case builds the same app in aws-cdk-lib and in cdktf/cdktn with
// CorsPolicy, and every front end (the constructs, CorsChecks, the audit of the synthesized output) must give the
// same verdicts: the set of situational rule ids with their severities. A front end that differs by design is listed
// in `differs` with its verdicts and the reason, never left out. situational.test.ts runs the table.
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Stack } from 'aws-cdk-lib';
import type { TerraformStack } from 'cdktf';
import type { CorsPolicyProps } from 'cors-constructs';
import type { CorsPolicy as CdkCorsPolicy } from 'cors-constructs/cdk';
import type { CorsPolicy as TfCorsPolicy } from 'cors-constructs/cdktf';
import { inlineFunction } from '../cdk/helpers';
import type { Flavour } from '../cdktf/flavours';
import { POLICY_FIXTURES } from '../fixtures/policies';

/** The rules the table is about. */
export const SITUATIONAL_RULES = ['preflight-not-forwarded', 'preflight-needs-options-route', 'proxy-responses-uncovered', 'duplicate-cors-headers'] as const;

/** Who reports: the constructs of each framework, CorsChecks, and the audit CLI on each synthesized output. */
export const FRONT_ENDS = ['cdk', 'CorsChecks', 'audit cdk.out', 'cdktf', 'audit cdktf.out', 'cdktn', 'audit cdktn.out'] as const;
export type FrontEnd = (typeof FRONT_ENDS)[number];

/** `rule:severity`, sorted: what every front end must agree on. */
export type Verdicts = readonly string[];

export interface SituationalCase {
  readonly name: string;
  /** The rule the case is about: it fires there, or the case is that rule's passing neighbour. */
  readonly about: string;
  /** The policy (it needs preflights: PUT and DELETE, request headers). */
  readonly props: CorsPolicyProps;
  readonly verdicts: Verdicts;
  readonly cdk: (stack: Stack, cors: CdkCorsPolicy) => void;
  readonly terraform: (f: Flavour, stack: TerraformStack, cors: TfCorsPolicy) => void;
  /** Front ends whose verdicts differ by design, with the reason (README, "What the audit reports"). */
  readonly differs?: Partial<Record<FrontEnd, { readonly verdicts: Verdicts; readonly reason: string }>>;
}

const SPA = POLICY_FIXTURES.spaWithCredentials;

const tfLambda = (f: Flavour, stack: TerraformStack, id = 'Handler') => new f.aws.LambdaFunction(stack, id, {
  functionName: id.toLowerCase(), role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip',
});

const cdkDistribution = (stack: Stack, cors: CdkCorsPolicy, allowedMethods: cloudfront.AllowedMethods) => new cloudfront.Distribution(stack, 'Cdn', {
  defaultBehavior: { origin: new origins.HttpOrigin('origin.example.com'), allowedMethods, responseHeadersPolicy: cors.responseHeadersPolicy },
});
const tfDistribution = (f: Flavour, stack: TerraformStack, cors: TfCorsPolicy, allowedMethods: string[]) => new f.aws.CloudfrontDistribution(stack, 'Cdn', {
  enabled: true,
  origin: [{ originId: 'origin', domainName: 'origin.example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
  defaultCacheBehavior: { allowedMethods, cachedMethods: ['GET', 'HEAD'], targetOriginId: 'origin', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', responseHeadersPolicyId: cors.responseHeadersPolicy.id },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
});

const cdkHttpApi = (stack: Stack, cors: CdkCorsPolicy, openOptions: boolean) => {
  const api = new apigwv2.HttpApi(stack, 'Http');
  const integration = new HttpUrlIntegration('Backend', 'https://backend.example.com');
  const authorizer = new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['app'] });
  api.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration, authorizer });
  if (openOptions) api.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.OPTIONS], integration });
  cors.applyToHttpApi(api);
};
const tfHttpApi = (f: Flavour, stack: TerraformStack, cors: TfCorsPolicy, openOptions: boolean) => {
  const api = new f.aws.Apigatewayv2Api(stack, 'Http', { name: 'http', protocolType: 'HTTP' });
  new f.aws.Apigatewayv2Route(stack, 'Proxy', { apiId: api.id, routeKey: 'ANY /{proxy+}', authorizationType: 'JWT', authorizerId: 'jwt' });
  if (openOptions) new f.aws.Apigatewayv2Route(stack, 'Options', { apiId: api.id, routeKey: 'OPTIONS /{proxy+}' });
  cors.applyToHttpApi(api);
};

const cdkRestApi = (stack: Stack, cors: CdkCorsPolicy, fn: lambda.IFunction) => {
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(fn));
  cors.applyToRestApi(api);
};
const tfRestApi = (f: Flavour, stack: TerraformStack, cors: TfCorsPolicy, uri: string) => {
  const api = new f.aws.ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
  const items = new f.aws.ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
  const method = new f.aws.ApiGatewayMethod(stack, 'ItemsGet', { restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorization: 'NONE' });
  new f.aws.ApiGatewayIntegration(stack, 'ItemsGetIntegration', { restApiId: api.id, resourceId: items.id, httpMethod: method.httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri });
  cors.applyToRestApi(api, { resources: [items] });
};

const cdkFunctionUrl = (stack: Stack, cors: CdkCorsPolicy, bind: boolean) => {
  const fn = inlineFunction(stack, 'Handler');
  cors.applyToFunctionUrl(fn.addFunctionUrl());
  if (bind) cors.bindToFunction(fn);
};
const tfFunctionUrl = (f: Flavour, stack: TerraformStack, cors: TfCorsPolicy, bind: boolean) => {
  const fn = tfLambda(f, stack);
  cors.applyToFunctionUrl(new f.aws.LambdaFunctionUrl(stack, 'Url', { functionName: fn.functionName, authorizationType: 'NONE' }));
  if (bind) cors.bindToFunction(fn);
};

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:elsewhere';

export const SITUATIONAL_CASES: readonly SituationalCase[] = [
  {
    name: 'CloudFront behavior allowing GET and HEAD only',
    about: 'preflight-not-forwarded',
    props: SPA,
    verdicts: ['preflight-not-forwarded:warning'],
    cdk: (stack, cors) => void cdkDistribution(stack, cors, cloudfront.AllowedMethods.ALLOW_GET_HEAD),
    terraform: (f, stack, cors) => void tfDistribution(f, stack, cors, ['GET', 'HEAD']),
  },
  {
    name: 'CloudFront behavior forwarding OPTIONS',
    about: 'preflight-not-forwarded',
    props: SPA,
    verdicts: [],
    cdk: (stack, cors) => void cdkDistribution(stack, cors, cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS),
    terraform: (f, stack, cors) => void tfDistribution(f, stack, cors, ['GET', 'HEAD', 'OPTIONS']),
  },
  {
    name: 'HTTP API ANY /{proxy+} with a JWT authorizer',
    about: 'preflight-needs-options-route',
    props: SPA,
    verdicts: ['preflight-needs-options-route:warning'],
    cdk: (stack, cors) => cdkHttpApi(stack, cors, false),
    terraform: (f, stack, cors) => tfHttpApi(f, stack, cors, false),
  },
  {
    name: 'HTTP API authorized route plus an open OPTIONS /{proxy+} route',
    about: 'preflight-needs-options-route',
    props: SPA,
    verdicts: [],
    cdk: (stack, cors) => cdkHttpApi(stack, cors, true),
    terraform: (f, stack, cors) => tfHttpApi(f, stack, cors, true),
  },
  {
    name: 'REST API Lambda proxy method, function not bound',
    about: 'proxy-responses-uncovered',
    props: SPA,
    verdicts: ['proxy-responses-uncovered:warning'],
    cdk: (stack, cors) => cdkRestApi(stack, cors, inlineFunction(stack, 'Handler')),
    terraform: (f, stack, cors) => tfRestApi(f, stack, cors, tfLambda(f, stack).invokeArn),
  },
  {
    name: 'REST API Lambda proxy method, function bound',
    about: 'proxy-responses-uncovered',
    props: SPA,
    verdicts: [],
    cdk: (stack, cors) => {
      const fn = inlineFunction(stack, 'Handler');
      cors.bindToFunction(fn);
      cdkRestApi(stack, cors, fn);
    },
    terraform: (f, stack, cors) => {
      const fn = tfLambda(f, stack);
      cors.bindToFunction(fn);
      tfRestApi(f, stack, cors, fn.invokeArn);
    },
  },
  {
    name: 'REST API Lambda proxy method to a function defined elsewhere',
    about: 'proxy-responses-uncovered',
    props: SPA,
    verdicts: ['proxy-responses-uncovered:warning'],
    cdk: (stack, cors) => cdkRestApi(stack, cors, lambda.Function.fromFunctionArn(stack, 'Imported', FUNCTION_ARN)),
    terraform: (f, stack, cors) => tfRestApi(f, stack, cors, `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`),
    differs: Object.fromEntries((['CorsChecks', 'audit cdk.out', 'audit cdktf.out', 'audit cdktn.out'] as const).map((f) => [f, {
      verdicts: [],
      reason: 'the function is not in the synthesized output, so whether it is bound is not known there (never a finding); the constructs know the policy was not bound to it',
    }])),
  },
  {
    name: 'function URL with CORS, function bound to the runtime helper',
    about: 'duplicate-cors-headers',
    props: SPA,
    verdicts: ['duplicate-cors-headers:warning'],
    cdk: (stack, cors) => cdkFunctionUrl(stack, cors, true),
    terraform: (f, stack, cors) => tfFunctionUrl(f, stack, cors, true),
  },
  {
    name: 'function URL with CORS, function not bound',
    about: 'duplicate-cors-headers',
    props: SPA,
    verdicts: [],
    cdk: (stack, cors) => cdkFunctionUrl(stack, cors, false),
    terraform: (f, stack, cors) => tfFunctionUrl(f, stack, cors, false),
  },
];
