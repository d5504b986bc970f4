import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { TerraformStack } from 'cdktf';
import type { CorsPolicyProps, CorsTarget } from 'cors-constructs';
import { POLICY_FIXTURES, SUBDOMAIN_PATTERN_POLICY } from '../fixtures/policies';
import { NEUTRAL_CASES } from '../shared/neutral-config';
import { allWarnings, applyToTarget, CDKTF, CDKTN, newFlavourStack, type Flavour } from '../cdktf/flavours';
import { rewriteSpecifier } from '../../scripts/generate-cdktn';

// The cdktf test table, run in both flavours: every scenario is built once with cdktf and once with cdktn
// (cors-constructs/cdktn, generated from lib/cdktf), and both must give the same Terraform JSON except the
// framework's version stamp and `terraform.required_providers`, the same synth error (every rule id, construct
// path and message) and the same warnings. What each scenario must produce is asserted by the cdktf tests
// (test/cdktf, test/shared); the rule ids listed here only keep the comparison from passing on two empty results.

const SPA = POLICY_FIXTURES.spaWithCredentials;

interface Scenario {
  readonly name: string;
  readonly build: (f: Flavour, stack: TerraformStack) => void;
  /** Every rule id of the synth errors, in order of first appearance (none by default). */
  readonly errors?: readonly string[];
  /** Rule ids among the warnings. */
  readonly warnings?: readonly string[];
}

const policy = (f: Flavour, stack: TerraformStack, props: CorsPolicyProps = SPA, id = 'Cors') => new f.lib.CorsPolicy(stack, id, props);
const lambda = (f: Flavour, stack: TerraformStack, id = 'Handler', variables?: Record<string, string>) => new f.aws.LambdaFunction(stack, id, {
  functionName: id.toLowerCase(), role: 'arn:aws:iam::123456789012:role/r', runtime: 'nodejs22.x', handler: 'index.handler', filename: 'code.zip',
  ...(variables ? { environment: { variables } } : {}),
});
const restApi = (f: Flavour, stack: TerraformStack) => {
  const api = new f.aws.ApiGatewayRestApi(stack, 'Api', { name: 'rest' });
  const items = new f.aws.ApiGatewayResource(stack, 'Items', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'items' });
  return { api, items };
};
const distribution = (f: Flavour, stack: TerraformStack, policyId: string, allowedMethods: string[]) => new f.aws.CloudfrontDistribution(stack, 'Cdn', {
  enabled: true,
  origin: [{ originId: 'origin', domainName: 'origin.example.com', customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
  defaultCacheBehavior: { allowedMethods, cachedMethods: ['GET', 'HEAD'], targetOriginId: 'origin', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', responseHeadersPolicyId: policyId },
  restrictions: { geoRestriction: { restrictionType: 'none' } },
  viewerCertificate: { cloudfrontDefaultCertificate: true },
});

function applyTo(f: Flavour, stack: TerraformStack, props: CorsPolicyProps, target: CorsTarget): void {
  applyToTarget(f, stack, policy(f, stack, props), target);
}

const SCENARIOS: readonly Scenario[] = [
  // The shared fixture table (test/shared/neutral-config.ts): every policy fixture on every target it fits.
  ...NEUTRAL_CASES.map((c): Scenario => ({ name: `${c.name} on ${c.target}`, build: (f, stack) => applyTo(f, stack, c.props, c.target) })),
  ...(['http-api', 'function-url'] as const).map((target): Scenario => ({
    name: `subdomainPattern on ${target}`, build: (f, stack) => applyTo(f, stack, SUBDOMAIN_PATTERN_POLICY, target), errors: ['origin-pattern-unsupported'],
  })),
  {
    name: 'every target in one stack, with a deployment trigger and a distribution',
    build: (f, stack) => {
      const cors = policy(f, stack, POLICY_FIXTURES.spaAndAdmin);
      const fn = lambda(f, stack);
      cors.bindToFunction(fn);
      const api = new f.aws.ApiGatewayRestApi(stack, 'RestApi', { name: 'rest' });
      const users = new f.aws.ApiGatewayResource(stack, 'Users', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'users' });
      const user = new f.aws.ApiGatewayResource(stack, 'User', { restApiId: api.id, parentId: users.id, pathPart: '{id}' });
      const method = new f.aws.ApiGatewayMethod(stack, 'UsersAny', { restApiId: api.id, resourceId: users.id, httpMethod: 'ANY', authorization: 'NONE' });
      new f.aws.ApiGatewayIntegration(stack, 'UsersAnyIntegration', { restApiId: api.id, resourceId: users.id, httpMethod: method.httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: fn.invokeArn });
      const rest = cors.applyToRestApi(api, { resources: [users, user] });
      new f.fw.TerraformOutput(stack, 'Trigger', { value: rest.triggerValue });
      cors.applyToHttpApi(new f.aws.Apigatewayv2Api(stack, 'HttpApi', { name: 'http', protocolType: 'HTTP' }));
      cors.applyToFunctionUrl(new f.aws.LambdaFunctionUrl(stack, 'Url', { functionName: 'signer', authorizationType: 'AWS_IAM' }));
      cors.applyToBucket(new f.aws.S3Bucket(stack, 'Uploads', {}));
      distribution(f, stack, cors.responseHeadersPolicy.id, ['GET', 'HEAD', 'OPTIONS']);
    },
    warnings: ['gateway-response-origin'],
  },
  {
    name: 'policy errors',
    build: (f, stack) => applyTo(f, stack, { allowOrigins: ['*'], allowCredentials: true, maxAgeSeconds: -5, allowMethods: ['TRACE'] }, 's3'),
    errors: ['origin-wildcard-with-credentials', 'method-forbidden', 'max-age-invalid'],
  },
  {
    name: 'target limits of an applied target and of a builder',
    build: (f, stack) => {
      const cors = policy(f, stack, { allowOrigins: ['https://*.example.com'], allowMethods: ['GET', 'PATCH'] });
      cors.applyToBucket(new f.aws.S3Bucket(stack, 'Bucket', {}));
      cors.toFunctionUrlCors();
    },
    errors: ['origin-pattern-unsupported', 'method-unsupported'],
  },
  {
    name: 'policy warnings',
    build: (f, stack) => applyTo(f, stack, { allowOrigins: ['https://a.example.com', 'https://a.example.com', 'null'], maxAgeSeconds: 86400 }, 'http-api'),
    warnings: ['origin-null', 'origin-duplicate', 'max-age-browser-cap'],
  },
  ...([
    ['a string variable origin on an HTTP API', (f: Flavour, stack: TerraformStack) => ({ allowOrigins: [new f.fw.TerraformVariable(stack, 'origin', { type: 'string' }).stringValue] }), 'http-api'],
    ['a list variable of origins on a bucket', (f: Flavour, stack: TerraformStack) => ({ allowOrigins: new f.fw.TerraformVariable(stack, 'origins', { type: 'list(string)' }).listValue }), 's3'],
    ['split origins on CloudFront', (f: Flavour, stack: TerraformStack) => ({ allowOrigins: f.fw.Token.asList(f.fw.Fn.split(',', new f.fw.TerraformVariable(stack, 'joined', { type: 'string' }).stringValue)) }), 'cloudfront'],
    ['a number variable max age on a function URL', (f: Flavour, stack: TerraformStack) => ({ allowOrigins: ['https://app.example.com'], maxAgeSeconds: new f.fw.TerraformVariable(stack, 'max_age', { type: 'number' }).numberValue }), 'function-url'],
    ['a concatenated origin on a REST API', (f: Flavour, stack: TerraformStack) => ({ allowOrigins: [`https://${new f.aws.S3Bucket(stack, 'Site', {}).bucketRegionalDomainName}`, 'https://app.example.com'] }), 'rest-api'],
  ] as const).map(([name, props, target]): Scenario => ({ name: `deploy-time tokens: ${name}`, build: (f, stack) => applyTo(f, stack, props(f, stack), target), warnings: ['unresolved-token'] })),
  {
    name: 'deploy-time tokens: a list variable of origins on a REST API and a bound function',
    build: (f, stack) => {
      const cors = policy(f, stack, { allowOrigins: new f.fw.TerraformVariable(stack, 'origins', { type: 'list(string)' }).listValue });
      cors.applyToRestApi(new f.aws.ApiGatewayRestApi(stack, 'Rest', { name: 'r' }), { resources: [] });
      cors.bindToFunction(lambda(f, stack, 'Bound'));
    },
    errors: ['unresolved-token'],
  },
  {
    name: 'proxy-responses-uncovered',
    build: (f, stack) => {
      const fn = lambda(f, stack);
      const { api, items } = restApi(f, stack);
      const method = new f.aws.ApiGatewayMethod(stack, 'ItemsGet', { restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorization: 'NONE' });
      new f.aws.ApiGatewayIntegration(stack, 'ItemsGetIntegration', { restApiId: api.id, resourceId: items.id, httpMethod: method.httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: fn.invokeArn });
      policy(f, stack).applyToRestApi(api, { resources: [items] });
    },
    warnings: ['proxy-responses-uncovered'],
  },
  {
    name: 'duplicate-cors-headers',
    build: (f, stack) => {
      const fn = lambda(f, stack);
      const cors = policy(f, stack);
      cors.applyToFunctionUrl(new f.aws.LambdaFunctionUrl(stack, 'Url', { functionName: fn.functionName, authorizationType: 'NONE' }));
      cors.bindToFunction(fn);
    },
    warnings: ['duplicate-cors-headers'],
  },
  {
    name: 'preflight-needs-options-route',
    build: (f, stack) => {
      const api = new f.aws.Apigatewayv2Api(stack, 'Api', { name: 'a', protocolType: 'HTTP' });
      new f.aws.Apigatewayv2Route(stack, 'Open', { apiId: api.id, routeKey: 'OPTIONS /items' });
      new f.aws.Apigatewayv2Route(stack, 'Items', { apiId: api.id, routeKey: 'ANY /items', authorizationType: 'JWT', authorizerId: 'abc' });
      new f.aws.Apigatewayv2Route(stack, 'Proxy', { apiId: api.id, routeKey: 'ANY /{proxy+}', authorizationType: 'JWT', authorizerId: 'abc' });
      policy(f, stack).applyToHttpApi(api);
    },
    warnings: ['preflight-needs-options-route'],
  },
  {
    name: 'preflight-not-forwarded',
    build: (f, stack) => void distribution(f, stack, policy(f, stack).responseHeadersPolicy.id, ['GET', 'HEAD']),
    warnings: ['preflight-not-forwarded'],
  },
  {
    name: 'target-cors-conflict: HTTP API and function URL configured otherwise, before and after',
    build: (f, stack) => {
      const cors = policy(f, stack);
      cors.applyToHttpApi(new f.aws.Apigatewayv2Api(stack, 'Before', { name: 'a', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['https://other.example.com'] } }));
      const after = new f.aws.Apigatewayv2Api(stack, 'After', { name: 'b', protocolType: 'HTTP' });
      cors.applyToHttpApi(after);
      after.putCorsConfiguration({ allowOrigins: ['*'] });
      cors.applyToFunctionUrl(new f.aws.LambdaFunctionUrl(stack, 'Url', { functionName: 'fn', authorizationType: 'NONE', cors: { allowOrigins: ['*'] } }));
      const same = policy(f, stack, SPA, 'Same');
      same.applyToHttpApi(new f.aws.Apigatewayv2Api(stack, 'Built', { name: 'c', protocolType: 'HTTP', corsConfiguration: same.toHttpApiCorsConfiguration() }));
    },
    errors: ['target-cors-conflict'],
  },
  {
    name: 'target-cors-conflict: buckets with another configuration or inline rules',
    build: (f, stack) => {
      const bucket = new f.aws.S3Bucket(stack, 'Bucket', {});
      new f.aws.S3BucketCorsConfiguration(stack, 'Mine', { bucket: bucket.id, corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] });
      const cors = policy(f, stack);
      cors.applyToBucket(bucket);
      cors.applyToBucket(new f.aws.S3Bucket(stack, 'Inline', { corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] }));
    },
    errors: ['target-cors-conflict'],
  },
  {
    name: 'target-cors-conflict: REST API OPTIONS methods (one through addOverride) and a DEFAULT_4XX of the user',
    build: (f, stack) => {
      const { api, items } = restApi(f, stack);
      const orders = new f.aws.ApiGatewayResource(stack, 'Orders', { restApiId: api.id, parentId: api.rootResourceId, pathPart: 'orders' });
      new f.aws.ApiGatewayMethod(stack, 'ItemsGet', { restApiId: api.id, resourceId: items.id, httpMethod: 'GET', authorization: 'NONE' }).addOverride('http_method', 'OPTIONS');
      new f.aws.ApiGatewayMethod(stack, 'OrdersOptions', { restApiId: api.id, resourceId: orders.id, httpMethod: 'OPTIONS', authorization: 'NONE' });
      new f.aws.ApiGatewayGatewayResponse(stack, 'My4xx', { restApiId: api.id, responseType: 'DEFAULT_4XX' });
      policy(f, stack).applyToRestApi(api, { resources: [items, orders] });
    },
    errors: ['target-cors-conflict'],
  },
  {
    name: 'a stack-level resource override',
    build: (f, stack) => {
      const bucket = new f.aws.S3Bucket(stack, 'Bucket', {});
      new f.aws.S3BucketCorsConfiguration(stack, 'Mine', { bucket: 'elsewhere', corsRule: [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }] });
      policy(f, stack).applyToBucket(bucket);
      stack.addOverride('resource.aws_s3_bucket_cors_configuration.Mine.bucket', '${aws_s3_bucket.Bucket.id}');
    },
    errors: ['target-cors-conflict'],
  },
  {
    name: 'user gateway responses: merged, kept, conflicting, deploy-time map',
    build: (f, stack) => {
      const { api, items } = restApi(f, stack);
      new f.aws.ApiGatewayGatewayResponse(stack, 'Denied', { restApiId: api.id, responseType: 'ACCESS_DENIED', responseParameters: { 'gatewayresponse.header.X-Custom': "'yes'" } });
      new f.aws.ApiGatewayGatewayResponse(stack, 'Same', { restApiId: api.id, responseType: 'UNAUTHORIZED', responseParameters: { 'gatewayresponse.header.access-control-allow-origin': "'https://app.example.com'" } });
      new f.aws.ApiGatewayGatewayResponse(stack, 'Throttled', { restApiId: api.id, responseType: 'THROTTLED', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" } });
      const variable = new f.fw.TerraformVariable(stack, 'params', { type: 'map(string)' });
      new f.aws.ApiGatewayGatewayResponse(stack, 'Mapped', { restApiId: api.id, responseType: 'WAF_FILTERED', responseParameters: f.fw.Token.asStringMap(variable.value) });
      policy(f, stack).applyToRestApi(api, { resources: [items] });
      new f.aws.ApiGatewayGatewayResponse(stack, 'Later', { restApiId: api.id, responseType: 'MISSING_AUTHENTICATION_TOKEN', statusCode: '403' });
    },
    errors: ['target-cors-conflict'],
    warnings: ['unresolved-token'],
  },
  {
    name: 'bindToFunction: kept variables, a different value, two policies on one function',
    build: (f, stack) => {
      const a = policy(f, stack, SPA, 'Spa');
      a.bindToFunction(lambda(f, stack, 'Kept', { TABLE: 'orders' }));
      a.bindToFunction(lambda(f, stack, 'Taken', { CORS_CONSTRUCTS_POLICY: '{"allowOrigins":["*"]}' }));
      const shared = lambda(f, stack, 'Shared');
      a.bindToFunction(shared);
      policy(f, stack, POLICY_FIXTURES.publicReadOnly, 'Public').bindToFunction(shared);
    },
    errors: ['target-cors-conflict'],
  },
];

interface Outcome {
  /** `Testing.synth(stack)` without `terraform.required_providers`, key order kept. */
  readonly terraform: string;
  readonly requiredProviders: unknown;
  /** `app.synth()`'s error message, '' when it synthesizes. */
  readonly error: string;
  /** The stack file `app.synth()` wrote (without the version stamp and required_providers), key order kept. */
  readonly stackFile: string | undefined;
  readonly stamp: unknown;
  readonly annotations: unknown;
  readonly warnings: string[];
}

function outcome(f: Flavour, scenario: Scenario): Outcome {
  const { app, stack } = newFlavourStack(f);
  try {
    scenario.build(f, stack);
    const terraform = JSON.parse(f.fw.Testing.synth(stack)) as { terraform?: { required_providers?: unknown } };
    const requiredProviders = terraform.terraform?.required_providers;
    delete terraform.terraform;
    let error = '';
    let stackFile: string | undefined;
    let stamp: unknown;
    let annotations: unknown;
    try {
      app.synth();
      const file = JSON.parse(readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as { '//': { metadata: { version?: string } }; terraform: { required_providers?: unknown } };
      stamp = file['//'].metadata.version;
      delete file['//'].metadata.version;
      expect(file.terraform.required_providers).toEqual(requiredProviders);
      delete file.terraform.required_providers;
      stackFile = JSON.stringify(file, null, 1);
      annotations = (JSON.parse(readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: unknown }> }).stacks[stack.node.id]!.annotations;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    return { terraform: JSON.stringify(terraform, null, 1), requiredProviders, error, stackFile, stamp, annotations, warnings: allWarnings(stack) };
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

const frameworkVersion = (f: Flavour) => (JSON.parse(readFileSync(require.resolve(`${f.name}/package.json`), 'utf8')) as { version: string }).version;
const ruleIdsIn = (texts: readonly string[]) => [...new Set(texts.flatMap((t) => [...t.matchAll(/cors-constructs:([a-z0-9-]+)/g)].map((m) => m[1]!)))];

describe('cdktf and cdktn give the same output for the same construct code', () => {
  test.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
    const tf = outcome(CDKTF, scenario);
    const tn = outcome(CDKTN, scenario);
    expect(tn.terraform).toBe(tf.terraform);
    expect(tn.error).toBe(tf.error);
    expect(tn.stackFile).toBe(tf.stackFile);
    expect(tn.annotations).toEqual(tf.annotations);
    expect(tn.warnings).toEqual(tf.warnings);
    // The two differences: the provider each flavour pins, and the framework's own version stamp.
    expect(tf.requiredProviders).toEqual({ aws: CDKTF.requiredProvider });
    expect(tn.requiredProviders).toEqual({ aws: CDKTN.requiredProvider });
    if (tf.error === '') {
      expect(tf.stamp).toBe(frameworkVersion(CDKTF));
      expect(tn.stamp).toBe(frameworkVersion(CDKTN));
    }
    // Not two empty results: the scenario's own findings, with the construct path in every error line.
    const errorLines = tf.error.split('\n').filter((line) => line.includes('cors-constructs:'));
    expect(ruleIdsIn(errorLines)).toEqual([...(scenario.errors ?? [])]);
    for (const line of errorLines) expect(line).toMatch(/^\s*\[test-stack\/[^\]]+\] cors-constructs:[a-z0-9-]+ \[/);
    expect(ruleIdsIn(tf.warnings)).toEqual(expect.arrayContaining([...(scenario.warnings ?? [])]));
    expect(JSON.parse(tf.terraform)).toHaveProperty('resource');
  });

  test('the flavours really are different frameworks (the comparison is not cdktf against itself)', () => {
    expect(CDKTN.fw.TerraformStack).not.toBe(CDKTF.fw.TerraformStack);
    expect(CDKTN.lib.CorsPolicy).not.toBe(CDKTF.lib.CorsPolicy);
    expect(CDKTN.aws.S3Bucket).not.toBe(CDKTF.aws.S3Bucket);
    expect(require.resolve('cdktn')).toContain(`${path.sep}node_modules${path.sep}cdktn${path.sep}`);
  });
});

test('examples/cdktn/main.ts is examples/cdktf/main.ts with the package names changed', () => {
  const root = path.resolve(__dirname, '../..');
  const code = (file: string) => readFileSync(path.join(root, file), 'utf8').replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
  const rewritten = code('examples/cdktf/main.ts')
    .replace(/from '([^']+)'/g, (_m, specifier: string) => `from '${specifier === 'cors-constructs/cdktf' ? 'cors-constructs/cdktn' : String(rewriteSpecifier(specifier))}'`)
    .replace("outdir: 'cdktf.out'", "outdir: 'cdktn.out'");
  expect(code('examples/cdktn/main.ts')).toBe(rewritten);
});
