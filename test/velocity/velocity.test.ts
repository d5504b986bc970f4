import { normalizeCorsPolicy, originMatches, parsedOrigins, renderRestApiCors, serviceModel, type CorsPolicyProps, type RestApiCorsConfig } from '../../lib/core/internal';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';
import { renderWithVelocity, velocityUnavailable, type VelocityCase } from './velocity';

// The REST preflight's integration response template, rendered by the real Apache Velocity 1.7 engine, must
// answer every request the way the core's model (restApiModel, which reads the template) says, and echo an
// Origin exactly when the policy allows it (originMatches, the rule the runtime helper also applies). The
// model is written to read our templates; Velocity is the independent engine it is checked against.

const POLICIES: Readonly<Record<string, CorsPolicyProps>> = {
  ...POLICY_FIXTURES,
  subdomainPattern: SUBDOMAIN_PATTERN_POLICY,
  portPattern: { allowOrigins: ['http://localhost:*', 'https://app.example.com'], allowCredentials: true },
  schemePattern: { allowOrigins: ['https://*', 'http://localhost:3000'] },
  patternWithPort: { allowOrigins: ['https://*.example.com:8443', 'https://*.example.org'], allowHeaders: ['*'], allowCredentials: true },
  manyOrigins: { allowOrigins: Array.from({ length: 40 }, (_, i) => `https://app${i}.example.com`), allowHeaders: ['*'] },
  customScheme: { allowOrigins: ['capacitor://localhost', 'https://app.example.com'] },
};

// Characters where Java's and JavaScript's `\s`, `.` and case rules differ, and the ones a header can carry.
const ODD_CHARACTERS = [' ', '\t', '\u000b', '\f', '\u001c', '\u0085', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0130', '\u212a', 'é', '😀', '\\', "'", '"', '$', '#', '|'];

function candidateOrigins(policy: CorsPolicyProps): string[] {
  const candidates = new Set<string>(['null', 'https://attacker.example', 'http://localhost:123456', 'http://localhost:', 'https://', 'https://.example.com', 'https://a..example.com', 'https://example.com', 'https://xexample.com']);
  for (const entry of policy.allowOrigins) {
    const bases = entry.includes('*') ? [entry.replace('*', 'a'), entry.replace('*', 'a.b'), entry.replace('*', '12345'), entry.replace('*', '65536'), entry.replace('*', 'A'), entry.replace('*.', ''), entry.replace('*', '')] : [entry];
    for (const base of bases) {
      candidates.add(base);
      candidates.add(base.toUpperCase());
      candidates.add(`${base}/`);
      candidates.add(`${base}:443`);
      candidates.add(`${base}.evil.example`);
      for (const odd of ODD_CHARACTERS) {
        candidates.add(`${odd}${base}`);
        candidates.add(`${base}${odd}`);
        candidates.add(base.replace('://', `://${odd}`));
        candidates.add(base.replace('://', `://a${odd}b.`));
      }
    }
    if (entry.includes('*.')) {
      // ~2,000 labels: a regex with a repeated group overflows Java's stack on this.
      candidates.add(entry.replace('*', Array.from({ length: 2000 }, () => 'a').join('.')));
    }
  }
  return [...candidates];
}

interface Row {
  readonly policy: string;
  readonly origin: string;
  readonly headerName: 'Origin' | 'origin';
  readonly requestHeaders?: string;
}

const unavailable = velocityUnavailable();
if (unavailable !== undefined && process.env.CI !== undefined) throw new Error(unavailable);

describe('REST preflight templates in Apache Velocity 1.7', () => {
  const configs = Object.fromEntries(Object.entries(POLICIES).map(([name, props]) => [name, renderRestApiCors(normalizeCorsPolicy(props))])) as Record<string, RestApiCorsConfig>;
  const rows: Row[] = Object.entries(POLICIES).flatMap(([name, props]) => {
    if (configs[name]!.preflight.responseTemplate === undefined) return [];
    return candidateOrigins(props).flatMap((origin): Row[] => [
      { policy: name, origin, headerName: origin.length % 2 === 0 ? 'Origin' : 'origin' },
      ...(props.allowHeaders?.includes('*') ? [{ policy: name, origin, headerName: 'Origin' as const, requestHeaders: 'content-type,x-api-key' }] : []),
    ]);
  });

  test('the fixtures hold templates and requests to check', () => {
    expect(unavailable).toBeUndefined();
    expect(Object.values(configs).filter((c) => c.preflight.responseTemplate !== undefined).length).toBeGreaterThanOrEqual(7);
    expect(rows.length).toBeGreaterThan(1000);
  });

  test('every request gets the headers the model predicts, and an echoed Origin only when the policy allows it', () => {
    const cases: VelocityCase[] = rows.map((row) => ({
      template: configs[row.policy]!.preflight.responseTemplate!,
      headers: { [row.headerName]: row.origin, ...(row.requestHeaders !== undefined ? { 'Access-Control-Request-Headers': row.requestHeaders } : {}) },
    }));
    const results = renderWithVelocity(cases);
    const disagreements: string[] = [];
    results.forEach((result, i) => {
      const row = rows[i]!;
      const config = configs[row.policy]!;
      const label = `${row.policy} ${JSON.stringify(row.origin.length > 80 ? `${row.origin.slice(0, 60)}…(${row.origin.length})` : row.origin)}`;
      if ('error' in result) {
        disagreements.push(`${label}: Velocity failed: ${result.error}`);
        return;
      }
      const engine = { ...config.preflight.staticHeaders, ...result.overrides };
      const model = serviceModel('rest-api', config).preflight({ origin: row.origin, method: 'OPTIONS', requestMethod: 'GET', credentials: false, ...(row.requestHeaders !== undefined ? { requestHeaders: row.requestHeaders.split(',') } : {}) }).headers;
      if (JSON.stringify(engine) !== JSON.stringify(Object.fromEntries(Object.keys(engine).map((k) => [k, model[k]]))) || Object.keys(model).length !== Object.keys(engine).length) {
        disagreements.push(`${label}: Velocity ${JSON.stringify(engine)} model ${JSON.stringify(model)}`);
      }
      const allowed = parsedOrigins(normalizeCorsPolicy(POLICIES[row.policy]!)).some((entry) => originMatches(entry, row.origin));
      const echoed = result.overrides['Access-Control-Allow-Origin'];
      if (echoed !== undefined && (echoed !== row.origin || !allowed)) disagreements.push(`${label}: Velocity echoed ${JSON.stringify(echoed)}, policy allows it: ${allowed}`);
      if (echoed === undefined && allowed && engine['Access-Control-Allow-Origin'] === undefined) disagreements.push(`${label}: the policy allows it, Velocity did not echo it`);
    });
    expect(disagreements).toEqual([]);
  });
});

// CloudFormation's documented semantics for the intrinsics a deploy-time origin is rendered with.
function evaluate(value: unknown, parameters: Readonly<Record<string, string>>): unknown {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, parameters));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('Ref' in record) return parameters[record['Ref'] as string] ?? `<${String(record['Ref'])}>`;
  if ('Fn::Join' in record) {
    const [delimiter, items] = record['Fn::Join'] as [string, unknown];
    return (evaluate(items, parameters) as unknown[]).flat().join(delimiter);
  }
  if ('Fn::Split' in record) {
    const [delimiter, source] = record['Fn::Split'] as [string, unknown];
    return String(evaluate(source, parameters)).split(delimiter);
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, evaluate(v, parameters)]));
}

describe('a deploy-time origin in a CDK REST API, deployed with a hostile value', () => {
  test("the value is compared as one literal: it cannot close the literal and allow every origin", () => {
    // Required here, not at the top: aws-cdk-lib takes a second to load and the other tests do not need it.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { App, CfnParameter, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const { Template } = require('aws-cdk-lib/assertions') as typeof import('aws-cdk-lib/assertions');
    const apigateway = require('aws-cdk-lib/aws-apigateway') as typeof import('aws-cdk-lib/aws-apigateway');
    const { CorsPolicy } = require('cors-constructs/cdk') as typeof import('cors-constructs/cdk');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const stack = new Stack(new App(), 'Stack');
    const origin = new CfnParameter(stack, 'Origin', { type: 'String' }).valueAsString;
    const cors = new CorsPolicy(stack, 'Cors', { allowOrigins: ['https://app.example.com', origin], allowCredentials: true });
    const api = new apigateway.RestApi(stack, 'Rest');
    api.root.addMethod('GET');
    cors.applyToRestApi(api);
    const methods = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }));
    const hostile = "x' || 'a' == 'a";
    const templates = methods.map((m) => (evaluate(m['Properties'], { Origin: hostile }) as { Integration: { IntegrationResponses: Array<{ ResponseTemplates: Record<string, string> }> } }).Integration.IntegrationResponses[0]!.ResponseTemplates['application/json']!);
    expect(templates.length).toBeGreaterThan(0);
    const requests = ['https://evil.example', 'https://app.example.com', hostile, 'x'];
    const results = renderWithVelocity(templates.flatMap((template) => requests.map((o) => ({ template, headers: { Origin: o } }))));
    const echoed = results.map((r) => ('error' in r ? r.error : r.overrides['Access-Control-Allow-Origin'] ?? null));
    expect(echoed).toEqual(templates.flatMap(() => [null, 'https://app.example.com', hostile, null]));
  });
});
