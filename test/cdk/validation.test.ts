import { Annotations as CoreAnnotations, App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CorsPolicyError, type CorsPolicyProps } from 'cors-constructs';
import { CorsPolicy, type CdkCorsPolicyProps } from 'cors-constructs/cdk';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';
import { cfnValidateViolations, inlineFunction } from './helpers';

function setup(props: CdkCorsPolicyProps): { app: App; stack: Stack; cors: CorsPolicy } {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  return { app, stack, cors: new CorsPolicy(stack, 'Cors', props) };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The synth error has a line with the construct path and the rule id. */
function errorLine(path: string, rule: string, target?: string): RegExp {
  return new RegExp(`\\[${escape(path)}\\] \\[${escape(rule)}\\] [a-zA-Z]+${target ? ` \\(${escape(target)}\\)` : ''}: `);
}

describe('synth-time errors', () => {
  test('wildcard origin with credentials', () => {
    const { app, stack, cors } = setup({ allowOrigins: ['*'], allowCredentials: true });
    cors.applyToBucket(new s3.Bucket(stack, 'Bucket'));
    expect(() => app.synth()).toThrow(errorLine('Stack/Cors', 'origin-wildcard-with-credentials'));
  });

  test('props changed after construction: synthesis validates what the targets render, not the changed props', () => {
    const origins = ['*'];
    const { app, stack, cors } = setup({ allowOrigins: origins, allowCredentials: true });
    origins[0] = 'https://app.example.com';
    cors.applyToBucket(new s3.Bucket(stack, 'Bucket'));
    expect(cors.policy.allowOrigins).toEqual(['*']);
    expect(() => app.synth()).toThrow(errorLine('Stack/Cors', 'origin-wildcard-with-credentials'));
  });

  test('a getter that throws is a policy-invalid synth error, not a crash of the constructor', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const props = { allowOrigins: ['https://app.example.com'], get allowHeaders(): string[] { throw new Error('boom'); } };
    const cors = new CorsPolicy(stack, 'Cors', props);
    cors.applyToBucket(new s3.Bucket(stack, 'Bucket'));
    expect(() => app.synth()).toThrow(/\[Stack\/Cors\] \[policy-invalid\] allowHeaders: Reading allowHeaders of the CORS policy threw \(Error: boom\)/);
  });

  test('several errors are reported together, each on its own line', () => {
    // 'HTTPS://Admin.example.com' is rendered canonical, so it only warns; the other four are errors.
    const { app } = setup({ allowOrigins: ['https://app.example.com/', 'HTTPS://Admin.example.com', 'https://*.github.io'], allowMethods: ['TRACE'], maxAgeSeconds: -1, allowCredentials: true });
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = String(error);
    }
    for (const rule of ['origin-trailing-slash', 'origin-pattern-public-suffix', 'method-forbidden', 'max-age-invalid']) {
      expect(message).toMatch(errorLine('Stack/Cors', rule));
    }
    expect(message).not.toMatch(errorLine('Stack/Cors', 'origin-not-canonical'));
  });

  test('PATCH on S3', () => {
    const { app, stack, cors } = setup({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PATCH'] });
    cors.applyToBucket(new s3.CfnBucket(stack, 'Bucket'));
    expect(() => app.synth()).toThrow(errorLine('Stack/Cors', 'method-unsupported', 's3'));
  });

  test('OPTIONS and a max age over 86400 on a function URL', () => {
    const { app, stack, cors } = setup({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'OPTIONS'], maxAge: Duration.days(2) });
    cors.applyToFunctionUrl(inlineFunction(stack, 'Fn').addFunctionUrl());
    expect(() => app.synth()).toThrow(errorLine('Stack/Cors', 'method-unsupported', 'function-url'));
    expect(() => app.synth({ force: true })).toThrow(errorLine('Stack/Cors', 'max-age-too-large', 'function-url'));
  });

  test('target limits are checked only for applied targets (PATCH is fine without S3)', () => {
    const { app, stack, cors } = setup({ allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PATCH'] });
    cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Api'));
    expect(() => app.synth()).not.toThrow();
  });

  test('maxAge and maxAgeSeconds together', () => {
    const { app } = setup({ allowOrigins: ['https://app.example.com'], maxAge: Duration.seconds(60), maxAgeSeconds: 60 });
    expect(() => app.synth()).toThrow(errorLine('Stack/Cors', 'policy-invalid'));
  });

  test('a different existing HTTP API CORS configuration is a conflict; an identical one is a no-op', () => {
    const { app, stack, cors } = setup(POLICY_FIXTURES.spaWithCredentials);
    cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Same', { corsPreflight: cors.toHttpApiCorsPreflight() }));
    cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Other', { corsPreflight: { allowOrigins: ['https://other.example.com'] } }));
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(errorLine('Stack/Cors', 'target-cors-conflict', 'http-api'));
    expect(message).toContain('HTTP API Stack/Other already has a CORS configuration');
    expect(message).not.toContain('Stack/Same');
  });

  test('a REST API with defaultCorsPreflightOptions is a conflict', () => {
    const { app, stack, cors } = setup(POLICY_FIXTURES.spaWithCredentials);
    const api = new apigateway.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] } });
    api.root.addResource('items').addMethod('GET');
    cors.applyToRestApi(api);
    expect(() => app.synth()).toThrow(/\[Stack\/Cors\] \[target-cors-conflict\] policy \(rest-api\): REST API Stack\/Api already has .*\/items \(Stack\/Api\/Default\/items\/OPTIONS\)/);
  });

  test('a user gateway response with another origin, an existing bucket rule and another policy on the same target are conflicts', () => {
    const { app, stack, cors } = setup(POLICY_FIXTURES.spaWithCredentials);
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('GET');
    api.addGatewayResponse('Unauthorized', { type: apigateway.ResponseType.UNAUTHORIZED, responseHeaders: { 'Access-Control-Allow-Origin': "'https://evil.example.com'" } });
    cors.applyToRestApi(api);
    const bucket = new s3.Bucket(stack, 'Bucket', { cors: [{ allowedOrigins: ['*'], allowedMethods: [s3.HttpMethods.GET] }] });
    cors.applyToBucket(bucket);
    const other = new CorsPolicy(stack, 'Other', POLICY_FIXTURES.publicReadOnly);
    const url = inlineFunction(stack, 'Fn').addFunctionUrl();
    cors.applyToFunctionUrl(url);
    other.applyToFunctionUrl(url);
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/\[Stack\/Cors\] \[target-cors-conflict\] policy \(rest-api\): Gateway response UNAUTHORIZED \(Stack\/Api\/Unauthorized\/Resource\)/);
    expect(message).toMatch(/\[Stack\/Cors\] \[target-cors-conflict\] policy \(s3\): Bucket Stack\/Bucket already has a CORS configuration/);
    expect(message).toMatch(/\[Stack\/Other\] \[target-cors-conflict\] policy \(function-url\): Function URL Stack\/Fn\/FunctionUrl .*applied by the CorsPolicy Stack\/Cors/);
  });

  test('builders throw when aws-cdk-lib cannot express the policy', () => {
    const { cors } = setup(SUBDOMAIN_PATTERN_POLICY);
    expect(() => cors.toRestApiCorsOptions()).toThrow(CorsPolicyError);
    expect(() => cors.toRestApiCorsOptions()).toThrow(/origin-pattern-unsupported/);
    // The same rules as the audit of a native preflight: '*' headers are sent as written.
    expect(() => setup({ allowOrigins: ['https://app.example.com'], allowHeaders: ['*'], allowCredentials: true }).cors.toRestApiCorsOptions()).toThrow(/header-wildcard-with-credentials/);
    expect(setup({ allowOrigins: ['https://app.example.com'], allowHeaders: ['*'] }).cors.toRestApiCorsOptions().allowHeaders).toEqual(['*']);
  });
});

describe('builders', () => {
  test('return aws-cdk-lib types holding the rendered policy', () => {
    const { cors } = setup(POLICY_FIXTURES.spaAndAdmin);
    expect(cors.toRestApiCorsOptions()).toEqual({
      allowOrigins: ['https://app.example.com', 'https://admin.example.com'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowHeaders: ['content-type', 'authorization'],
      exposeHeaders: ['etag'],
      allowCredentials: true,
      maxAge: Duration.seconds(3600),
      statusCode: 204,
    });
    expect(cors.toHttpApiCorsPreflight().allowMethods).toEqual([apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST, apigwv2.CorsHttpMethod.PUT, apigwv2.CorsHttpMethod.DELETE]);
    expect(cors.toFunctionUrlCors()).toMatchObject({ allowedOrigins: ['https://app.example.com', 'https://admin.example.com'], allowedHeaders: ['content-type', 'authorization'], allowCredentials: true });
    expect(cors.toFunctionUrlCors().maxAge?.toSeconds()).toBe(3600);
    expect(cors.toBucketCorsRules()).toEqual([{ allowedOrigins: ['https://app.example.com', 'https://admin.example.com'], allowedMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowedHeaders: ['content-type', 'authorization'], exposedHeaders: ['etag'], maxAge: 3600 }]);
    expect(cors.toResponseHeadersPolicyCors()).toMatchObject({ accessControlAllowOrigins: ['https://app.example.com', 'https://admin.example.com'], accessControlAllowMethods: ['GET', 'POST', 'PUT', 'DELETE'], originOverride: true });
  });
});

describe('warnings', () => {
  const warning = (rule: string) => `cors-constructs:${rule}`;
  const policy: CorsPolicyProps = POLICY_FIXTURES.spaWithCredentials;

  function warningsApp(options: { bind: boolean; acknowledge?: string }): Stack {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const cors = new CorsPolicy(stack, 'Cors', policy);
    if (options.acknowledge) CoreAnnotations.of(stack).acknowledgeWarning(options.acknowledge, 'tested');
    const fn = inlineFunction(stack, 'Handler');
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addResource('items').addMethod('ANY', new apigateway.LambdaIntegration(fn));
    cors.applyToRestApi(api);
    const url = fn.addFunctionUrl();
    cors.applyToFunctionUrl(url);
    if (options.bind) cors.bindToFunction(fn);

    const httpApi = new apigwv2.HttpApi(stack, 'Http');
    httpApi.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new HttpUrlIntegration('Backend', 'https://backend.example.com'), authorizer: new HttpIamAuthorizer() });
    cors.applyToHttpApi(httpApi);

    const bucket = new s3.Bucket(stack, 'Site');
    new cloudfront.Distribution(stack, 'Cdn', {
      defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), responseHeadersPolicy: cors.responseHeadersPolicy },
      additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, responseHeadersPolicy: cors.responseHeadersPolicy } },
    });
    // Validation may run more than once: each warning is added once.
    cors.node.validate();
    return stack;
  }

  test('behaviour warnings appear in the assembly with their ids, once each', () => {
    const stack = warningsApp({ bind: false });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Cors', Match.stringLikeRegexp('\\[proxy-responses-uncovered\\].*\\(ANY /items \\(Stack/Api/Default/items/ANY\\)\\).*\\[ack: cors-constructs:proxy-responses-uncovered\\]'));
    annotations.hasWarning('/Stack/Cors', Match.stringLikeRegexp('\\[preflight-needs-options-route\\].*ANY /\\{proxy\\+\\}'));
    annotations.hasWarning('/Stack/Cors', Match.stringLikeRegexp('\\[preflight-not-forwarded\\].*Stack/Cdn default behavior'));
    expect(annotations.findWarning('/Stack/Cors', Match.stringLikeRegexp("\\[preflight-not-forwarded\\].*behavior '/api/\\*'"))).toHaveLength(0);
    expect(annotations.findWarning('/Stack/Cors', Match.stringLikeRegexp('duplicate-cors-headers'))).toHaveLength(0);
    expect(annotations.findWarning('/Stack/Cors', Match.stringLikeRegexp('proxy-responses-uncovered'))).toHaveLength(1);
  });

  test('binding the function removes proxy-responses-uncovered and reports duplicate-cors-headers for its URL', () => {
    const annotations = Annotations.fromStack(warningsApp({ bind: true }));
    expect(annotations.findWarning('/Stack/Cors', Match.stringLikeRegexp('proxy-responses-uncovered'))).toHaveLength(0);
    annotations.hasWarning('/Stack/Cors', Match.stringLikeRegexp('\\[duplicate-cors-headers\\].*Stack/Handler has CORS on its function URL'));
  });

  test('warnings can be acknowledged by id', () => {
    const annotations = Annotations.fromStack(warningsApp({ bind: false, acknowledge: warning('preflight-not-forwarded') }));
    expect(annotations.findWarning('/Stack/Cors', Match.stringLikeRegexp('preflight-not-forwarded'))).toHaveLength(0);
    annotations.hasWarning('/Stack/Cors', Match.stringLikeRegexp('proxy-responses-uncovered'));
  });

  test('an unauthenticated OPTIONS /{proxy+} route silences preflight-needs-options-route', () => {
    const { stack, cors } = setup(policy);
    const httpApi = new apigwv2.HttpApi(stack, 'Http');
    const integration = new HttpUrlIntegration('Backend', 'https://backend.example.com');
    httpApi.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration, authorizer: new HttpIamAuthorizer() });
    httpApi.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.OPTIONS], integration });
    cors.applyToHttpApi(httpApi);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Cors', Match.stringLikeRegexp('preflight-needs-options-route'))).toHaveLength(0);
  });

  test('target warnings from the validator: credentials-implicit on S3', () => {
    const { stack, cors } = setup({ allowOrigins: ['https://app.example.com'], allowCredentials: false });
    cors.applyToBucket(new s3.CfnBucket(stack, 'Bucket'));
    Annotations.fromStack(stack).hasWarning('/Stack/Cors', Match.stringLikeRegexp('^\\[credentials-implicit\\] allowCredentials \\(s3\\)'));
  });
});

test('the validation report helper sees a CloudFormation Validate violation when there is one', () => {
  const app = new App();
  new s3.CfnBucket(new Stack(app, 'Raw'), 'Bucket', { corsConfiguration: { corsRules: [{ allowedOrigins: ['*'], allowedMethods: ['PATCH'] }] } });
  // Silence aws-cdk-lib's console report of the deliberate violation.
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(cfnValidateViolations(app.synth().directory)).toEqual([expect.stringMatching(/^Raw\/Bucket: W3030 .*'PATCH'/)]);
  } finally {
    spy.mockRestore();
  }
});

test('function URL auth type is untouched', () => {
  const { app, stack, cors } = setup(POLICY_FIXTURES.publicReadOnly);
  const url = new lambda.FunctionUrl(stack, 'Url', { function: inlineFunction(stack, 'Fn'), authType: lambda.FunctionUrlAuthType.AWS_IAM });
  cors.applyToFunctionUrl(url);
  expect(() => app.synth()).not.toThrow();
});
