import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { REST_API_MOCK_REQUEST_TEMPLATE, RUNTIME_POLICY_ENV, normalizeCorsPolicy, renderRestApiCors } from '../../lib/core/internal';
import { CorsPolicy } from 'cors-constructs/cdk';
import { REGEX_SUBDOMAINS } from '../../lib/core/origin';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';
import { cfnValidateViolations, inlineFunction } from './helpers';

// One app, one stack per target, synthesized once: the suite stays fast.
let assembly: CloudAssembly;
const templates: Record<string, Template> = {};

function build(): App {
  const app = new App();

  const rest = new Stack(app, 'Rest');
  const restCors = new CorsPolicy(rest, 'Cors', POLICY_FIXTURES.spaAndAdmin);
  const handler = inlineFunction(rest, 'Handler');
  const api = new apigateway.RestApi(rest, 'Api', {
    defaultMethodOptions: {
      authorizer: new apigateway.TokenAuthorizer(rest, 'Authorizer', { handler: inlineFunction(rest, 'AuthorizerFn') }),
      apiKeyRequired: true,
    },
  });
  restCors.applyToRestApi(api);
  restCors.bindToFunction(handler);
  // Added after applyToRestApi: still gets a preflight.
  const items = api.root.addResource('items');
  items.addMethod('GET', new apigateway.LambdaIntegration(handler));
  items.addResource('{id}').addMethod('PUT', new apigateway.LambdaIntegration(handler));
  api.addGatewayResponse('Denied', { type: apigateway.ResponseType.ACCESS_DENIED, responseHeaders: { 'X-Custom': "'yes'" } });
  restCors.applyToRestApi(api); // idempotent

  const patterns = new Stack(app, 'RestPatterns');
  const patternCors = new CorsPolicy(patterns, 'Cors', SUBDOMAIN_PATTERN_POLICY);
  const patternApi = new apigateway.RestApi(patterns, 'Api');
  patternApi.root.addMethod('GET');
  patternCors.applyToRestApi(patternApi, { gatewayResponses: false });

  const http = new Stack(app, 'Http');
  const httpCors = new CorsPolicy(http, 'Cors', POLICY_FIXTURES.spaWithCredentials);
  const httpApi = new apigwv2.HttpApi(http, 'Api');
  httpCors.applyToHttpApi(httpApi);
  httpCors.applyToHttpApi(httpApi);

  const url = new Stack(app, 'Url');
  const urlCors = new CorsPolicy(url, 'Cors', POLICY_FIXTURES.publicReadOnly);
  const fnUrl = inlineFunction(url, 'Handler').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  urlCors.applyToFunctionUrl(fnUrl);
  const wideCors = new CorsPolicy(url, 'WideCors', POLICY_FIXTURES.wideOpen);
  wideCors.applyToFunctionUrl(inlineFunction(url, 'Other').addFunctionUrl());

  const bucketStack = new Stack(app, 'Bucket');
  const bucketCors = new CorsPolicy(bucketStack, 'Cors', { ...POLICY_FIXTURES.spaAndAdmin });
  const bucket = new s3.Bucket(bucketStack, 'Uploads');
  bucketCors.applyToBucket(bucket);
  bucketCors.applyToBucket(bucket);
  const cfnBucket = new s3.CfnBucket(bucketStack, 'Raw');
  bucketCors.applyToBucket(cfnBucket);

  const cdn = new Stack(app, 'Cdn', { env: { region: 'eu-west-1' } });
  const cdnCors = new CorsPolicy(cdn, 'Cors', POLICY_FIXTURES.spaWithCredentials);
  const site = new s3.Bucket(cdn, 'Site');
  cdnCors.applyToBucket(site);
  new cloudfront.Distribution(cdn, 'Distribution', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(site),
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      originRequestPolicy: cloudfront.OriginRequestPolicy.CORS_S3_ORIGIN,
      responseHeadersPolicy: cdnCors.responseHeadersPolicy,
    },
  });
  expect(cdnCors.responseHeadersPolicy).toBe(cdnCors.responseHeadersPolicy);
  return app;
}

beforeAll(() => {
  const app = build();
  assembly = app.synth();
  for (const stack of app.node.children) if (stack instanceof Stack) templates[stack.stackName] = Template.fromStack(stack);
});

function resourcesOfType(template: Template, type: string): Record<string, unknown> {
  return template.findResources(type);
}

describe('REST API', () => {
  const config = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin));

  test('every resource, including ones added after applyToRestApi, gets one MOCK OPTIONS preflight without authorizer or API key', () => {
    const t = templates['Rest']!;
    const options = t.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } });
    expect(Object.keys(options).sort()).toEqual(['ApiCorsPreflightE8EEB6DD', 'ApiitemsCorsPreflightE12FC3C3', 'ApiitemsidCorsPreflight7FBE1653'].sort());
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      ResourceId: { Ref: Match.stringLikeRegexp('^Apiitemsid') },
      AuthorizationType: 'NONE',
      ApiKeyRequired: false,
      AuthorizerId: Match.absent(),
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': REST_API_MOCK_REQUEST_TEMPLATE },
        IntegrationResponses: [{
          StatusCode: '204',
          ResponseParameters: {
            'method.response.header.Vary': "'Origin'",
            'method.response.header.Access-Control-Allow-Methods': "'GET,POST,PUT,DELETE'",
            'method.response.header.Access-Control-Allow-Headers': "'content-type,authorization'",
            'method.response.header.Access-Control-Allow-Credentials': "'true'",
            'method.response.header.Access-Control-Max-Age': "'3600'",
          },
          ResponseTemplates: { 'application/json': config.preflight.responseTemplate },
        }],
      },
      MethodResponses: [{
        StatusCode: '204',
        ResponseParameters: Object.fromEntries(config.preflight.responseHeaders.map((h) => [`method.response.header.${h}`, true])),
      }],
    });
    // The API's defaultMethodOptions still apply to the user's methods.
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'CUSTOM', AuthorizerId: Match.anyValue(), ApiKeyRequired: true });
  });

  test('the echo template compares the Origin exactly with each allowed origin', () => {
    expect(config.preflight.responseTemplate).toContain("$origin == 'https://app.example.com' || $origin == 'https://admin.example.com'");
  });

  test('DEFAULT_4XX/5XX gateway responses carry the first origin; user-defined responses get the headers merged in', () => {
    const t = templates['Rest']!;
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: type,
        ResponseParameters: {
          'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
          'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
          'gatewayresponse.header.Access-Control-Expose-Headers': "'etag'",
        },
      });
    }
    expect(Object.keys(resourcesOfType(t, 'AWS::ApiGateway::GatewayResponse')).sort()).toEqual(['ApiCorsGatewayResponse4XX4E54E4CA', 'ApiCorsGatewayResponse5XX17F3A6F3', 'ApiDenied704AF71F'].sort());
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'ACCESS_DENIED',
      ResponseParameters: {
        'gatewayresponse.header.X-Custom': "'yes'",
        'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'",
      },
    });
  });

  test('bindToFunction sets the runtime policy variable', () => {
    templates['Rest']!.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [RUNTIME_POLICY_ENV]: JSON.stringify(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin)) } },
    });
  });

  test('patterns are matched by an anchored, escaped regex; gatewayResponses: false adds none', () => {
    const t = templates['RestPatterns']!;
    t.resourceCountIs('AWS::ApiGateway::GatewayResponse', 0);
    const [method] = Object.values(t.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } })) as Array<{ Properties: { Integration: { IntegrationResponses: Array<{ ResponseTemplates: Record<string, string> }> } } }>;
    const template = method!.Properties.Integration.IntegrationResponses[0]!.ResponseTemplates['application/json']!;
    expect(template).toContain("$origin.matches('");
    expect(template).toContain(`'https://${REGEX_SUBDOMAINS}example\\.com')`);
    expect(template).toContain("$origin == 'http://localhost:3000'");
  });

  test('snapshot', () => {
    expect({
      methods: resourcesOfType(templates['Rest']!, 'AWS::ApiGateway::Method'),
      gatewayResponses: resourcesOfType(templates['Rest']!, 'AWS::ApiGateway::GatewayResponse'),
    }).toMatchSnapshot();
  });
});

describe('HTTP API', () => {
  test('sets the L1 CorsConfiguration, lowercase headers, once', () => {
    templates['Http']!.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://app.example.com'],
        AllowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
        AllowHeaders: ['content-type', 'authorization', 'x-request-id'],
        ExposeHeaders: ['etag', 'x-request-id'],
        AllowCredentials: true,
        MaxAge: 600,
      },
    });
  });

  test('snapshot', () => {
    expect(resourcesOfType(templates['Http']!, 'AWS::ApiGatewayV2::Api')).toMatchSnapshot();
  });
});

describe('function URL', () => {
  test('renders lists only when non-empty', () => {
    const t = templates['Url']!;
    t.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      Cors: { AllowOrigins: ['*'], AllowMethods: ['GET', 'HEAD'], AllowCredentials: false, AllowHeaders: Match.absent(), ExposeHeaders: Match.absent(), MaxAge: Match.absent() },
    });
    t.hasResourceProperties('AWS::Lambda::Url', {
      Cors: { AllowOrigins: ['*'], AllowMethods: ['*'], AllowHeaders: ['*', 'authorization'], ExposeHeaders: ['*'], AllowCredentials: false },
    });
  });

  test('snapshot', () => {
    expect(resourcesOfType(templates['Url']!, 'AWS::Lambda::Url')).toMatchSnapshot();
  });
});

describe('S3', () => {
  test('one rule on the L2 Bucket (applied twice) and on the L1 CfnBucket', () => {
    const t = templates['Bucket']!;
    const rule = {
      AllowedOrigins: ['https://app.example.com', 'https://admin.example.com'],
      AllowedMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      AllowedHeaders: ['content-type', 'authorization'],
      ExposedHeaders: ['etag'],
      MaxAge: 3600,
    };
    const buckets = Object.values(resourcesOfType(t, 'AWS::S3::Bucket')) as Array<{ Properties: { CorsConfiguration: unknown } }>;
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) expect(bucket.Properties.CorsConfiguration).toEqual({ CorsRules: [rule] });
  });

  test('snapshot', () => {
    expect(resourcesOfType(templates['Bucket']!, 'AWS::S3::Bucket')).toMatchSnapshot();
  });
});

describe('CloudFront', () => {
  test('one response headers policy with originOverride, a name holding stack, region and path', () => {
    const t = templates['Cdn']!;
    t.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 1);
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        Name: 'Cdn-eu-west-1-Cors',
        CorsConfig: {
          AccessControlAllowOrigins: { Items: ['https://app.example.com'] },
          AccessControlAllowMethods: { Items: ['GET', 'POST', 'PUT', 'DELETE'] },
          AccessControlAllowHeaders: { Items: ['content-type', 'authorization', 'x-request-id'] },
          AccessControlExposeHeaders: { Items: ['etag', 'x-request-id'] },
          AccessControlAllowCredentials: true,
          AccessControlMaxAgeSec: 600,
          OriginOverride: true,
        },
      },
    });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('^CorsResponseHeadersPolicy') } } },
    });
  });

  test('snapshot', () => {
    expect(resourcesOfType(templates['Cdn']!, 'AWS::CloudFront::ResponseHeadersPolicy')).toMatchSnapshot();
  });
});

test('the CloudFormation Validate report has no violation in these stacks', () => {
  expect(cfnValidateViolations(assembly.directory)).toEqual([]);
});

test('two synths of the same app are byte-identical', () => {
  const again = build().synth();
  for (const stack of assembly.stacks) {
    const first = fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8');
    const second = fs.readFileSync(path.join(again.directory, stack.templateFile), 'utf8');
    expect(second).toEqual(first);
  }
});
