import { rmSync } from 'node:fs';
import type { CorsTarget } from 'cors-constructs';
import { applyToTarget, FLAVOURS, newFlavourStack } from '../cdktf/flavours';
import { comparableNeutral, NEUTRAL_CASES } from './neutral-config';

type Json = Record<string, unknown>;
type Resources = Record<string, Record<string, Json>>;

// Provider JSON (snake_case, as synthesized; the same in both flavours) back to the core's neutral shapes. Absent keys stay absent.
const optional = <K extends string>(key: K, value: unknown): Partial<Record<K, unknown>> => (value === undefined ? {} : ({ [key]: value } as Record<K, unknown>));
const only = (resources: Resources, type: string): Json[] => Object.values(resources[type] ?? {});
const unquote = (value: unknown) => String(value).replace(/^'(.*)'$/s, '$1');
const stripPrefix = (params: Json, prefix: string) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k.slice(prefix.length), v]));

const FROM_CDKTF: Record<CorsTarget, (resources: Resources) => unknown> = {
  's3': (resources) => {
    const [configuration] = only(resources, 'aws_s3_bucket_cors_configuration');
    const [rule] = configuration!['cors_rule'] as Json[];
    return {
      allowedOrigins: rule!['allowed_origins'],
      allowedMethods: rule!['allowed_methods'],
      ...optional('allowedHeaders', rule!['allowed_headers']),
      ...optional('exposedHeaders', rule!['expose_headers']),
      ...optional('maxAgeSeconds', rule!['max_age_seconds']),
    };
  },
  'http-api': (resources) => lambdaStyle(only(resources, 'aws_apigatewayv2_api')[0]!['cors_configuration'] as Json),
  'function-url': (resources) => lambdaStyle(only(resources, 'aws_lambda_function_url')[0]!['cors'] as Json),
  'cloudfront': (resources) => {
    const cors = only(resources, 'aws_cloudfront_response_headers_policy')[0]!['cors_config'] as Record<string, { items: string[] } | boolean | number>;
    const items = (key: string) => (cors[key] as { items: string[] } | undefined)?.items;
    return {
      allowOrigins: items('access_control_allow_origins'),
      allowMethods: items('access_control_allow_methods'),
      allowHeaders: items('access_control_allow_headers'),
      ...optional('exposeHeaders', items('access_control_expose_headers')),
      allowCredentials: cors['access_control_allow_credentials'],
      ...optional('maxAgeSeconds', cors['access_control_max_age_sec']),
      originOverride: cors['origin_override'],
    };
  },
  'rest-api': (resources) => {
    const methodResponses = only(resources, 'aws_api_gateway_method_response');
    const integrationResponses = only(resources, 'aws_api_gateway_integration_response');
    // Every covered resource holds the same preflight: read one, check the others are equal.
    const preflights = methodResponses.map((methodResponse, i) => {
      const integrationResponse = integrationResponses[i]!;
      const template = (integrationResponse['response_templates'] as Record<string, string> | undefined)?.['application/json'];
      return {
        statusCode: methodResponse['status_code'],
        responseHeaders: Object.keys(stripPrefix(methodResponse['response_parameters'] as Json, 'method.response.header.')).sort(),
        staticHeaders: Object.fromEntries(Object.entries(stripPrefix(integrationResponse['response_parameters'] as Json, 'method.response.header.')).map(([k, v]) => [k, unquote(v)])),
        ...optional('responseTemplate', template),
      };
    });
    expect(new Set(preflights.map((p) => JSON.stringify(p))).size).toBe(1);
    return {
      preflight: preflights[0],
      gatewayResponses: only(resources, 'aws_api_gateway_gateway_response').map((response) => ({
        type: response['response_type'],
        headers: Object.fromEntries(Object.entries(stripPrefix(response['response_parameters'] as Json, 'gatewayresponse.header.')).map(([k, v]) => [k, unquote(v)])),
      })),
    };
  },
};

function lambdaStyle(cors: Json): unknown {
  return {
    allowOrigins: cors['allow_origins'],
    allowMethods: cors['allow_methods'],
    ...optional('allowHeaders', cors['allow_headers']),
    ...optional('exposeHeaders', cors['expose_headers']),
    allowCredentials: cors['allow_credentials'] ?? false,
    ...optional('maxAgeSeconds', cors['max_age']),
  };
}

// Both Terraform flavours: cors-constructs/cdktf, and cors-constructs/cdktn generated from it.
describe.each(FLAVOURS.map((f) => [f.name, f] as const))('%s renders the neutral configuration of the core renderer', (_flavour, f) => {
  test.each(NEUTRAL_CASES.map((c) => [c.name, c.target, c] as const))('%s on %s', (_name, target, c) => {
    const { app, stack } = newFlavourStack(f);
    applyToTarget(f, stack, new f.lib.CorsPolicy(stack, 'Cors', c.props), target);
    const resources = (JSON.parse(f.fw.Testing.synth(stack, true)) as { resource: Resources }).resource;
    expect(comparableNeutral(target, FROM_CDKTF[target](resources))).toEqual(comparableNeutral(target, c.expected));
    rmSync(app.outdir, { recursive: true, force: true });
  });
});
