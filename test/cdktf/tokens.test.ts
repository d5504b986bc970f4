import { Fn, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { RUNTIME_POLICY_ENV, type CorsPolicyProps } from 'cors-constructs';
import { CorsPolicy } from 'cors-constructs/cdktf';
import { newStack, synthError, synthJson, warnings } from './helpers';

// The cdktf flavour with the same deploy-time values as test/cdk/tokens.test.ts: every target must
// synthesize with only unresolved-token warnings, and the tokens must reach the configuration.

type TokenKind = 'string origin' | 'concatenated origin' | 'list origins' | 'split origins' | 'number max age';

const TOKEN_KINDS: readonly TokenKind[] = ['string origin', 'concatenated origin', 'list origins', 'split origins', 'number max age'];

function tokenProps(stack: TerraformStack, kind: TokenKind): CorsPolicyProps {
  const base = { allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'] };
  switch (kind) {
    case 'string origin':
      return { ...base, allowOrigins: [new TerraformVariable(stack, 'origin', { type: 'string' }).stringValue] };
    case 'concatenated origin': {
      const site = new S3Bucket(stack, 'Site', {});
      return { ...base, allowOrigins: [`https://${site.bucketRegionalDomainName}`, 'https://app.example.com'] };
    }
    case 'list origins':
      return { ...base, allowOrigins: new TerraformVariable(stack, 'origins', { type: 'list(string)' }).listValue };
    case 'split origins':
      return { ...base, allowOrigins: Token.asList(Fn.split(',', new TerraformVariable(stack, 'joined', { type: 'string' }).stringValue)) };
    case 'number max age':
      return { ...base, allowOrigins: ['https://app.example.com'], maxAgeSeconds: new TerraformVariable(stack, 'max_age', { type: 'number' }).numberValue };
  }
}

function lambda(stack: TerraformStack, id: string): LambdaFunction {
  return new LambdaFunction(stack, id, { functionName: id.toLowerCase(), role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip' });
}

type Target = 'bucket' | 'function URL' | 'HTTP API' | 'REST API' | 'CloudFront' | 'bound function';

const APPLY: Record<Target, (stack: TerraformStack, cors: CorsPolicy) => void> = {
  bucket: (stack, cors) => void cors.applyToBucket(new S3Bucket(stack, 'Bucket', {})),
  'function URL': (stack, cors) => cors.applyToFunctionUrl(new LambdaFunctionUrl(stack, 'Url', { functionName: lambda(stack, 'UrlFn').functionName, authorizationType: 'NONE' })),
  'HTTP API': (stack, cors) => cors.applyToHttpApi(new Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' })),
  'REST API': (stack, cors) => void cors.applyToRestApi(new ApiGatewayRestApi(stack, 'Rest', { name: 'r' }), { resources: [] }),
  CloudFront: (_stack, cors) => void cors.responseHeadersPolicy,
  'bound function': (stack, cors) => cors.bindToFunction(lambda(stack, 'Bound')),
};

function build(kind: TokenKind, target: Target): { stack: TerraformStack; cors: CorsPolicy } {
  const { stack } = newStack();
  const cors = new CorsPolicy(stack, 'Cors', tokenProps(stack, kind));
  APPLY[target](stack, cors);
  return { stack, cors };
}

function ruleIds(texts: string[]): string[] {
  return [...new Set(texts.map((text) => text.split(' ')[0]!))];
}

describe.each(TOKEN_KINDS)('a %s token', (kind) => {
  test.each((Object.keys(APPLY) as Target[]).filter((target) => !(kind.endsWith('origins') && target === 'REST API')))('synthesizes on a %s with only unresolved-token warnings', (target) => {
    const { stack, cors } = build(kind, target);
    expect(synthError(stack)).toBe('');
    // REST API gateway responses carry the first origin: gateway-response-origin may also apply.
    expect(ruleIds(warnings(cors)).filter((id) => id !== 'cors-constructs:gateway-response-origin')).toEqual(['cors-constructs:unresolved-token']);
  });
});

test.each(['list origins', 'split origins'] as const)('%s on a REST API are one clear unresolved-token error, not a resolution crash', (kind) => {
  const { stack, cors } = build(kind, 'REST API');
  cors.applyToRestApi(stack.node.findChild('Rest') as ApiGatewayRestApi, { resources: [] });
  const error = synthError(stack);
  expect(error.match(/cors-constructs:unresolved-token \[unresolved-token\] allowOrigins \(rest-api\): allowOrigins holds a deploy-time list .* test-stack\/Rest cannot use/g)).toHaveLength(1);
  expect(synthJson(stack).resource['aws_api_gateway_method']).toBeUndefined();
});

describe('tokens reach the configuration', () => {
  test('a list variable becomes the variable reference itself', () => {
    const { stack } = build('list origins', 'HTTP API');
    const api = synthJson(stack).resource['aws_apigatewayv2_api']!['Api']!;
    expect((api['cors_configuration'] as Record<string, unknown>)['allow_origins']).toEqual('${var.origins}');
  });

  test('bindToFunction with a list token lets Terraform encode the policy (jsonencode), so it is valid JSON once deployed', () => {
    const { stack } = build('list origins', 'bound function');
    const value = (synthJson(stack).resource['aws_lambda_function']!['Bound']!['environment'] as { variables: Record<string, string> }).variables[RUNTIME_POLICY_ENV]!;
    expect(value).toBe('${jsonencode({"allowOrigins" = var.origins, "allowMethods" = ["GET", "POST"], "allowHeaders" = ["content-type"], "exposeHeaders" = [], "allowCredentials" = false})}');
  });

  test('bindToFunction with a string and a number token gives valid JSON once deployed', () => {
    for (const [kind, variables, check] of [
      ['string origin', { 'var.origin': 'https://a.example.com' }, { allowOrigins: ['https://a.example.com'] }],
      ['number max age', { 'var.max_age': 600 }, { maxAgeSeconds: 600 }],
    ] as const) {
      const { stack } = build(kind, 'bound function');
      const value = (synthJson(stack).resource['aws_lambda_function']!['Bound']!['environment'] as { variables: Record<string, string> }).variables[RUNTIME_POLICY_ENV]!;
      expect(JSON.parse(evaluateTerraform(value, variables))).toEqual(expect.objectContaining(check));
    }
  });

  test('binding the same token policy twice is no conflict', () => {
    const { stack } = newStack();
    const cors = new CorsPolicy(stack, 'Cors', tokenProps(stack, 'list origins'));
    const fn = lambda(stack, 'Bound');
    cors.bindToFunction(fn);
    cors.bindToFunction(fn);
    expect(synthError(stack)).toBe('');
  });
});

/** Evaluates the Terraform template string of the environment value: `${var.x}` interpolations only. */
function evaluateTerraform(template: string, variables: Record<string, unknown>): string {
  return template.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
    if (!(expression.trim() in variables)) throw new Error(`unsupported expression ${expression}`);
    return String(variables[expression.trim()]);
  });
}
