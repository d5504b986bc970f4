import { App, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { CorsTarget } from 'cors-constructs';
import { CorsPolicy } from 'cors-constructs/cdk';
import { inlineFunction } from '../cdk/helpers';
import { comparableNeutral, NEUTRAL_CASES, type NeutralCase } from './neutral-config';

type Json = Record<string, unknown>;
interface CfnResource {
  readonly Type: string;
  readonly Properties?: Json;
}
type Resources = Record<string, CfnResource>;

// CloudFormation JSON (as synthesized) back to the core's neutral shapes. Absent keys stay absent:
// a property the adapter drops or adds shows up as a difference.
const optional = <K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> => (value === undefined ? {} : ({ [key]: value } as Record<K, unknown>));
const only = (resources: Resources, type: string): Json[] => Object.values(resources).filter((r) => r.Type === type).map((r) => r.Properties ?? {});
const unquote = (value: unknown) => String(value).replace(/^'(.*)'$/s, '$1');
const stripPrefix = (params: Json | undefined, prefix: string) => Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k.slice(prefix.length), v]));

function single(resources: Resources, type: string): Json {
  const found = only(resources, type);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const FROM_CDK: Record<CorsTarget, (resources: Resources) => unknown> = {
  's3': (resources) => {
    const rules = (single(resources, 'AWS::S3::Bucket')['CorsConfiguration'] as { CorsRules: Json[] }).CorsRules;
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    return {
      allowedOrigins: rule['AllowedOrigins'],
      allowedMethods: rule['AllowedMethods'],
      ...optional('allowedHeaders', rule['AllowedHeaders']),
      ...optional('exposedHeaders', rule['ExposedHeaders']),
      ...optional('maxAgeSeconds', rule['MaxAge']),
    };
  },
  'http-api': (resources) => lambdaStyle(single(resources, 'AWS::ApiGatewayV2::Api')['CorsConfiguration'] as Json),
  'function-url': (resources) => lambdaStyle(single(resources, 'AWS::Lambda::Url')['Cors'] as Json),
  'cloudfront': (resources) => {
    const cors = (single(resources, 'AWS::CloudFront::ResponseHeadersPolicy')['ResponseHeadersPolicyConfig'] as { CorsConfig: Json }).CorsConfig;
    const items = (key: string) => (cors[key] as { Items: string[] } | undefined)?.Items;
    return {
      allowOrigins: items('AccessControlAllowOrigins'),
      allowMethods: items('AccessControlAllowMethods'),
      allowHeaders: items('AccessControlAllowHeaders'),
      ...optional('exposeHeaders', items('AccessControlExposeHeaders')),
      allowCredentials: cors['AccessControlAllowCredentials'],
      ...optional('maxAgeSeconds', cors['AccessControlMaxAgeSec']),
      originOverride: cors['OriginOverride'],
    };
  },
  'rest-api': (resources) => {
    const options = only(resources, 'AWS::ApiGateway::Method').filter((m) => m['HttpMethod'] === 'OPTIONS');
    // The root and /items: every covered resource holds the same preflight. Read one, check the others are equal.
    expect(options).toHaveLength(2);
    const preflights = options.map((method) => {
      const methodResponses = method['MethodResponses'] as Json[];
      const integrationResponses = (method['Integration'] as { IntegrationResponses: Json[] }).IntegrationResponses;
      expect(methodResponses).toHaveLength(1);
      expect(integrationResponses).toHaveLength(1);
      const integrationResponse = integrationResponses[0]!;
      const template = (integrationResponse['ResponseTemplates'] as Record<string, string> | undefined)?.['application/json'];
      expect(integrationResponse['StatusCode']).toBe(methodResponses[0]!['StatusCode']);
      return {
        statusCode: methodResponses[0]!['StatusCode'],
        responseHeaders: Object.keys(stripPrefix(methodResponses[0]!['ResponseParameters'] as Json, 'method.response.header.')).sort(),
        staticHeaders: Object.fromEntries(Object.entries(stripPrefix(integrationResponse['ResponseParameters'] as Json, 'method.response.header.')).map(([k, v]) => [k, unquote(v)])),
        ...optional('responseTemplate', template),
      };
    });
    expect(new Set(preflights.map((p) => JSON.stringify(p))).size).toBe(1);
    return {
      preflight: preflights[0],
      gatewayResponses: only(resources, 'AWS::ApiGateway::GatewayResponse').map((response) => ({
        type: response['ResponseType'],
        headers: Object.fromEntries(Object.entries(stripPrefix(response['ResponseParameters'] as Json, 'gatewayresponse.header.')).map(([k, v]) => [k, unquote(v)])),
      })),
    };
  },
};

function lambdaStyle(cors: Json): unknown {
  return {
    allowOrigins: cors['AllowOrigins'],
    allowMethods: cors['AllowMethods'],
    ...optional('allowHeaders', cors['AllowHeaders']),
    ...optional('exposeHeaders', cors['ExposeHeaders']),
    allowCredentials: cors['AllowCredentials'],
    ...optional('maxAgeSeconds', cors['MaxAge']),
  };
}

function apply(stack: Stack, cors: CorsPolicy, target: CorsTarget): void {
  switch (target) {
    case 's3': cors.applyToBucket(new s3.Bucket(stack, 'Bucket')); break;
    case 'http-api': cors.applyToHttpApi(new apigwv2.HttpApi(stack, 'HttpApi')); break;
    case 'function-url': cors.applyToFunctionUrl(inlineFunction(stack, 'Fn').addFunctionUrl()); break;
    case 'cloudfront': void cors.responseHeadersPolicy; break;
    case 'rest-api': {
      const api = new apigateway.RestApi(stack, 'RestApi');
      api.root.addResource('items').addMethod('GET');
      cors.applyToRestApi(api);
      break;
    }
  }
}

// One app, one stack per case, synthesized once (CDK synthesis dominates the suite's time).
const stackName = (c: NeutralCase) => `${c.name}-${c.target}`;
const resourcesByCase = new Map<string, Resources>();

beforeAll(() => {
  const app = new App();
  for (const c of NEUTRAL_CASES) {
    const stack = new Stack(app, stackName(c));
    apply(stack, new CorsPolicy(stack, 'Cors', c.props), c.target);
  }
  const assembly = app.synth();
  for (const c of NEUTRAL_CASES) resourcesByCase.set(stackName(c), (assembly.getStackByName(stackName(c)).template as { Resources: Resources }).Resources);
});

describe('cdk renders the neutral configuration of the core renderer', () => {
  test('every case has its own stack', () => {
    expect(new Set(NEUTRAL_CASES.map(stackName)).size).toBe(NEUTRAL_CASES.length);
  });

  test.each(NEUTRAL_CASES.map((c) => [c.name, c.target, c] as const))('%s on %s', (_name, target, c) => {
    const resources = resourcesByCase.get(stackName(c))!;
    expect(comparableNeutral(target, FROM_CDK[target](resources))).toEqual(comparableNeutral(target, c.expected));
  });
});
