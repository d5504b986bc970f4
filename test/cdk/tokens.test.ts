import { App, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RUNTIME_POLICY_ENV } from 'cors-constructs';
import { CorsPolicy, WARNING_ID_PREFIX, type CdkCorsPolicyProps } from 'cors-constructs/cdk';
import { inlineFunction } from './helpers';

// Deploy-time values (parameters, attributes of other resources, SSM) are the common case for
// origins. They cannot be validated, but they must never fail synthesis: every
// applyTo* target must synthesize with only unresolved-token warnings.

type TokenKind = 'string origin' | 'concatenated origin' | 'list origins' | 'number max age';

const TOKEN_KINDS: readonly TokenKind[] = ['string origin', 'concatenated origin', 'list origins', 'number max age'];

function tokenProps(stack: Stack, kind: TokenKind): CdkCorsPolicyProps {
  const base = { allowMethods: ['GET', 'POST'], allowHeaders: ['content-type'] };
  switch (kind) {
    case 'string origin':
      return { ...base, allowOrigins: [new CfnParameter(stack, 'Origin', { type: 'String' }).valueAsString] };
    case 'concatenated origin': {
      const site = new s3.Bucket(stack, 'Site');
      return { ...base, allowOrigins: [`https://${site.bucketRegionalDomainName}`, 'https://app.example.com'] };
    }
    case 'list origins':
      return { ...base, allowOrigins: new CfnParameter(stack, 'Origins', { type: 'CommaDelimitedList' }).valueAsList };
    case 'number max age':
      return { ...base, allowOrigins: ['https://app.example.com'], maxAgeSeconds: new CfnParameter(stack, 'MaxAge', { type: 'Number' }).valueAsNumber };
  }
}

type Target = 'REST API' | 'L2 bucket' | 'L1 bucket' | 'function URL' | 'L1 function URL' | 'HTTP API' | 'CloudFront' | 'bound function';

const APPLY: Record<Target, (stack: Stack, cors: CorsPolicy) => void> = {
  'REST API': (stack, cors) => {
    const api = new apigateway.RestApi(stack, 'Rest');
    api.root.addMethod('GET');
    cors.applyToRestApi(api);
  },
  'L2 bucket': (stack, cors) => cors.applyToBucket(new s3.Bucket(stack, 'Bucket')),
  'L1 bucket': (stack, cors) => cors.applyToBucket(new s3.CfnBucket(stack, 'RawBucket')),
  'function URL': (stack, cors) => cors.applyToFunctionUrl(inlineFunction(stack, 'UrlFn').addFunctionUrl()),
  'L1 function URL': (stack, cors) => cors.applyToFunctionUrl(new lambda.CfnUrl(stack, 'RawUrl', { authType: 'NONE', targetFunctionArn: inlineFunction(stack, 'RawUrlFn').functionArn })),
  'HTTP API': (stack, cors) => cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Api')),
  CloudFront: (_stack, cors) => void cors.responseHeadersPolicy,
  'bound function': (stack, cors) => cors.bindToFunction(inlineFunction(stack, 'Bound')),
};

function synthWith(kind: TokenKind, target: Target): { stack: Stack; cors: CorsPolicy; app: App } {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const cors = new CorsPolicy(stack, 'Cors', tokenProps(stack, kind));
  APPLY[target](stack, cors);
  return { app, stack, cors };
}

function warningIds(stack: Stack): string[] {
  const ids = new Set<string>();
  for (const construct of stack.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== 'aws:cdk:warning') continue;
      const match = /\[ack: ([^\]]+)\]/.exec(String(entry.data));
      if (match?.[1]?.startsWith(WARNING_ID_PREFIX)) ids.add(match[1]);
    }
  }
  return [...ids];
}

describe.each(TOKEN_KINDS)('a %s token', (kind) => {
  test.each((Object.keys(APPLY) as Target[]).filter((target) => !(kind === 'list origins' && target === 'REST API')))('synthesizes on a %s with only unresolved-token warnings', (target) => {
    const { app, stack } = synthWith(kind, target);
    expect(() => app.synth()).not.toThrow();
    expect(warningIds(stack)).toEqual([`${WARNING_ID_PREFIX}unresolved-token`]);
  });
});

test('a list token on a REST API is one clear unresolved-token error, not a resolution crash', () => {
  const { app } = synthWith('list origins', 'REST API');
  expect(() => app.synth()).toThrow(/\[Stack\/Cors\] \[unresolved-token\] allowOrigins \(rest-api\): allowOrigins holds a deploy-time list .* Stack\/Rest cannot use/);
});

describe('tokens reach the template', () => {
  test('a list token becomes the parameter reference itself', () => {
    const { stack } = synthWith('list origins', 'HTTP API');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: { Ref: 'Origins' } } });
  });

  test('bindToFunction with a list token builds the JSON with Fn::Join, not a broken string', () => {
    const { app, stack } = synthWith('list origins', 'bound function');
    app.synth();
    const fn = stack.node.findChild('Bound').node.defaultChild as lambda.CfnFunction;
    const value = (stack.resolve(fn.environment) as { variables: Record<string, unknown> }).variables[RUNTIME_POLICY_ENV];
    expect(JSON.stringify(value)).toContain('Fn::Join');
    expect(JSON.stringify(value)).toContain('{"Ref":"Origins"}');
    // Built in the template itself: no custom resource (and its provider function) is added.
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::Lambda::Function'))).toHaveLength(1);
    expect(Object.keys(Template.fromStack(stack).toJSON()['Resources'] as object).filter((id) => id.includes('JsonStringify'))).toEqual([]);
    // What CloudFormation will compute with Origins = a,b: a JSON policy with both origins.
    const deployed = evaluate(value, { Origins: ['https://a.example.com', 'https://b.example.com'] });
    expect(JSON.parse(deployed)).toEqual(expect.objectContaining({ allowOrigins: ['https://a.example.com', 'https://b.example.com'], allowMethods: ['GET', 'POST'] }));
  });

  test('bindToFunction with a string and a number token is valid JSON once deployed', () => {
    for (const [kind, parameters, check] of [
      ['string origin', { Origin: 'https://a.example.com' }, { allowOrigins: ['https://a.example.com'] }],
      ['number max age', { MaxAge: 600 }, { maxAgeSeconds: 600 }],
    ] as const) {
      const { app, stack } = synthWith(kind, 'bound function');
      app.synth();
      const fn = stack.node.findChild('Bound').node.defaultChild as lambda.CfnFunction;
      const value = (stack.resolve(fn.environment) as { variables: Record<string, unknown> }).variables[RUNTIME_POLICY_ENV];
      expect(JSON.parse(evaluate(value, parameters))).toEqual(expect.objectContaining(check));
    }
  });

  test('the same bound policy applied twice to a function is not a conflict', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const cors = new CorsPolicy(stack, 'Cors', tokenProps(stack, 'list origins'));
    const fn = inlineFunction(stack, 'Bound');
    cors.bindToFunction(fn);
    cors.bindToFunction(fn);
    expect(() => app.synth()).not.toThrow();
  });
});

test('Token.asList of a string attribute is handled like valueAsList', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const list = Token.asList(Fn.split(',', new CfnParameter(stack, 'Joined', { type: 'String' }).valueAsString));
  const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: list });
  cors.applyToBucket(new s3.Bucket(stack, 'Bucket'));
  cors.applyToFunctionUrl(inlineFunction(stack, 'UrlFn').addFunctionUrl());
  cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Api'));
  cors.bindToFunction(inlineFunction(stack, 'Bound'));
  expect(() => app.synth()).not.toThrow();
  expect(warningIds(stack)).toEqual([`${WARNING_ID_PREFIX}unresolved-token`]);
});

/** A tiny evaluator for the intrinsics the environment value may hold: Ref (to parameters), Fn::Join, Fn::Split. */
function evaluate(value: unknown, parameters: Record<string, unknown>): string {
  const run = (v: unknown): unknown => {
    if (typeof v === 'string' || typeof v === 'number') return v;
    if (Array.isArray(v)) return v.map(run);
    const node = v as Record<string, unknown>;
    if ('Ref' in node) {
      const ref = String(node['Ref']);
      if (!(ref in parameters)) throw new Error(`unknown Ref ${ref}`);
      return parameters[ref];
    }
    if ('Fn::Join' in node) {
      const [sep, parts] = node['Fn::Join'] as [string, unknown];
      const items = run(parts) as unknown[];
      return items.flatMap((item) => (Array.isArray(item) ? item : [item])).map(String).join(sep);
    }
    throw new Error(`unsupported intrinsic ${JSON.stringify(node)}`);
  };
  return String(run(value));
}
