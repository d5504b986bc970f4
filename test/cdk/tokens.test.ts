import { App, CfnParameter, Fn, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CorsPolicy, WARNING_ID_PREFIX, type CdkCorsPolicyProps } from 'cors-constructs/cdk';
import { inlineFunction } from './helpers';

// Deploy-time values (parameters, attributes of other resources, SSM) are the common case for
// origins. They cannot be validated, but they must never fail synthesis (DESIGN §1): every
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

type Target = 'L2 bucket' | 'L1 bucket' | 'function URL' | 'L1 function URL' | 'HTTP API' | 'CloudFront';

const APPLY: Record<Target, (stack: Stack, cors: CorsPolicy) => void> = {
  'L2 bucket': (stack, cors) => cors.applyToBucket(new s3.Bucket(stack, 'Bucket')),
  'L1 bucket': (stack, cors) => cors.applyToBucket(new s3.CfnBucket(stack, 'RawBucket')),
  'function URL': (stack, cors) => cors.applyToFunctionUrl(inlineFunction(stack, 'UrlFn').addFunctionUrl()),
  'L1 function URL': (stack, cors) => cors.applyToFunctionUrl(new lambda.CfnUrl(stack, 'RawUrl', { authType: 'NONE', targetFunctionArn: inlineFunction(stack, 'RawUrlFn').functionArn })),
  'HTTP API': (stack, cors) => cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'Api')),
  CloudFront: (_stack, cors) => void cors.responseHeadersPolicy,
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
  test.each(Object.keys(APPLY) as Target[])('synthesizes on a %s with only unresolved-token warnings', (target) => {
    const { app, stack } = synthWith(kind, target);
    expect(() => app.synth()).not.toThrow();
    expect(warningIds(stack)).toEqual([`${WARNING_ID_PREFIX}unresolved-token`]);
  });
});

describe('tokens reach the template', () => {
  test('a list token becomes the parameter reference itself', () => {
    const { stack } = synthWith('list origins', 'HTTP API');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: { Ref: 'Origins' } } });
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
  expect(() => app.synth()).not.toThrow();
  expect(warningIds(stack)).toEqual([`${WARNING_ID_PREFIX}unresolved-token`]);
});
