import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { NagRuleCompliance, rules } from 'cdk-nag';
import { CorsPolicy } from 'cors-constructs/cdk';
import { inlineFunction } from './helpers';

// DESIGN.md section 2: cdk-nag's AwsSolutions-APIG4 (and COG4, the same shape check) exempt an OPTIONS
// method only when every method response is 204 with an Access-Control-Allow-* parameter
// (cdk-nag rules/apigw/APIGWAuthorization). The preflights this library generates must have that shape.
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
    const get = methods.find((m) => m.node.path === 'Stack/Api/Default/items/{id}/GET/Resource')!;
    expect(rules.apigw.APIGWAuthorization(get)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
