import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NagRuleCompliance, rules } from 'cdk-nag';
import { CorsPolicy } from 'cors-constructs/cdk';
import { inlineFunction, trySynth } from './helpers';

// cdk-nag's AwsSolutions-APIG4 exempts an OPTIONS method only when every method
// response is 204 with an Access-Control-Allow-* parameter (cdk-nag 3.0.2 rules/apigw/APIGWAuthorization,
// checkCORSMethodResponses). The preflights this library generates must have that shape. COG4 is not the
// same check: it exempts every OPTIONS method (rules/cognito/CognitoUserPoolAPIGWAuthorizer).
describe('cdk-nag', () => {
  test('every generated preflight is exempt from AwsSolutions-APIG4; a non-CORS OPTIONS method is not', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const api = new apigateway.RestApi(stack, 'Api');
    const items = api.root.addResource('items');
    items.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(inlineFunction(stack, 'Handler')));
    // A hand-written OPTIONS method elsewhere (another API: on this one it would be a target-cors-conflict).
    new apigateway.RestApi(stack, 'Legacy').root.addMethod('OPTIONS', new apigateway.MockIntegration(), { methodResponses: [{ statusCode: '200' }] });
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://app.example.com', 'https://admin.example.com'], allowMethods: ['GET', 'PUT'], allowHeaders: ['*'], allowCredentials: true });
    cors.applyToRestApi(api);
    app.synth(); // runs the aspect that adds the preflights

    const methods = stack.node.findAll().filter((c): c is apigateway.CfnMethod => c instanceof apigateway.CfnMethod);
    const preflights = methods.filter((m) => m.node.path.includes('/CorsPreflight/'));
    expect(preflights.map((m) => m.node.path).sort()).toEqual([
      'Stack/Api/Default/CorsPreflight/Resource',
      'Stack/Api/Default/items/CorsPreflight/Resource',
      'Stack/Api/Default/items/{id}/CorsPreflight/Resource',
    ]);
    for (const method of preflights) expect(rules.apigw.APIGWAuthorization(method)).toBe(NagRuleCompliance.NOT_APPLICABLE);

    const legacy = methods.find((m) => m.node.path === 'Stack/Legacy/Default/OPTIONS/Resource')!;
    expect(rules.apigw.APIGWAuthorization(legacy)).toBe(NagRuleCompliance.NON_COMPLIANT);
    for (const method of [...preflights, legacy]) expect(rules.cognito.CognitoUserPoolAPIGWAuthorizer(method)).toBe(NagRuleCompliance.NOT_APPLICABLE);
    const get = methods.find((m) => m.node.path === 'Stack/Api/Default/items/{id}/GET/Resource')!;
    expect(rules.apigw.APIGWAuthorization(get)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  // cdk-nag 3 is an aws-cdk-lib validation plugin: run the whole AwsSolutions pack over the same app
  // without CORS, with aws-cdk-lib's own CORS options (the hand-written equivalent), and with this library.
  type Variant = 'none' | 'native' | 'library';
  function awsSolutionsFindings(variant: Variant): { findings: string[]; preflights: number } {
    const outdir = mkdtempSync(join(tmpdir(), 'cors-nag-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Stack');
      const handler = inlineFunction(stack, 'Handler');
      const nativeRest = variant === 'native' ? { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PUT'], allowCredentials: true } } : {};
      const api = new apigateway.RestApi(stack, 'Api', { defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM }, ...nativeRest });
      const items = api.root.addResource('items');
      items.addMethod('GET', new apigateway.LambdaIntegration(handler));
      items.addResource('{id}').addMethod('PUT', new apigateway.LambdaIntegration(handler));
      const nativeHttp = variant === 'native' ? { corsPreflight: { allowOrigins: ['https://app.example.com'], allowMethods: [apigwv2.CorsHttpMethod.GET] } } : {};
      const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', nativeHttp);
      httpApi.addRoutes({ path: '/reports', methods: [apigwv2.HttpMethod.GET], integration: new HttpLambdaIntegration('Reports', handler) });
      const url = handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM, ...(variant === 'native' ? { cors: { allowedOrigins: ['https://app.example.com'] } } : {}) });
      const bucket = new s3.Bucket(stack, 'Uploads', { enforceSSL: true, ...(variant === 'native' ? { cors: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: [s3.HttpMethods.GET] }] } : {}) });
      let responseHeadersPolicy: cloudfront.IResponseHeadersPolicy | undefined;
      if (variant === 'native') {
        responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { corsBehavior: { accessControlAllowOrigins: ['https://app.example.com'], accessControlAllowCredentials: true, accessControlAllowHeaders: ['content-type'], accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'], originOverride: true } });
      } else if (variant === 'library') {
        const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://app.example.com', 'https://admin.example.com'], allowMethods: ['GET', 'PUT'], allowHeaders: ['content-type'], allowCredentials: true });
        cors.applyToRestApi(api);
        cors.bindToFunction(handler);
        cors.applyToHttpApi(httpApi);
        cors.applyToBucket(bucket);
        responseHeadersPolicy = cors.responseHeadersPolicy;
        // The function URL gets its own policy: the handler is bound to the runtime helper (never both).
        new CorsPolicy(stack, 'UrlCors', { allowOrigins: ['https://app.example.com'] }).applyToFunctionUrl(url);
      }
      new cloudfront.Distribution(stack, 'Cdn', {
        defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS, ...(responseHeadersPolicy ? { responseHeadersPolicy } : {}) },
      });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      trySynth(app); // AwsSolutions reports errors on the rest of the app (logging, WAF, ...): synthesis fails
      const preflights = stack.node.findAll().filter((c) => c instanceof apigateway.CfnMethod && c.httpMethod === 'OPTIONS').length;
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[] };
      const findings = report.pluginReports.filter((p) => p.pluginName === 'AwsSolutions')
        .flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)))
        .sort();
      return { findings, preflights };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  test('AwsSolutionsChecks: nothing this library creates is reported, and it adds no finding a hand-written equivalent does not have', () => {
    const none = awsSolutionsFindings('none').findings;
    const native = awsSolutionsFindings('native');
    const { findings: library, preflights } = awsSolutionsFindings('library');
    expect(none.length).toBeGreaterThan(0); // the pack did run
    expect({ native: native.preflights, library: preflights }).toEqual({ native: 3, library: 3 }); // root, items, items/{id}
    expect(library.filter((f) => / Stack\/(Api\/Default\/.*OPTIONS|.*CorsPreflight|.*CorsGatewayResponse|Cors\/|UrlCors\/)/.test(f))).toEqual([]);
    expect(library.filter((f) => !none.includes(f))).toEqual([]);
    expect(library.filter((f) => !native.findings.includes(f))).toEqual([]);
  });
});
