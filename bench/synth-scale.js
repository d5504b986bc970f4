#!/usr/bin/env node
/*
 * Synth cost at scale: an app with N CORS targets configured through cors-constructs' CorsPolicy
 * against the same app with the equivalent native configuration written by hand, in aws-cdk-lib
 * and in cdktf (deep imports of @cdktf/provider-aws). Plus: validating 10,000 distinct policies.
 *
 *   npm run build && node bench/synth-scale.js [--sizes 10,100,400] [--runs 5] [--frameworks cdk,cdktf]
 *                                              [--json out.json] [--keep] [--cell-budget 75] [--no-cfn-validate]
 *
 * Reports per (framework, N, variant) the median wall-clock and process CPU time of construct tree +
 * app.synth() (module load excluded), peak RSS (child maxRSS), template bytes and resource count by type,
 * then library/native ratios and the issue-8 targets. CPU time is the figure to trust on a loaded machine.
 * --no-cfn-validate sets CDK_VALIDATION=false in the cdk children: aws-cdk-lib's built-in CloudFormation
 * Validate pass costs 1-3 s per synth whatever the app and otherwise hides the library's own share.
 *
 * Every synth runs in a fresh child process (`node bench/synth-scale.js --child <fw> <variant> <n> <outdir>`),
 * library and native alternating, so module caches, JIT warm-up and GC state never leak between runs.
 * The library is loaded from the built package (dist/lib, or CORS_CONSTRUCTS_ROOT/dist/lib).
 *
 * The app: N targets, an even mix of five kinds, in N/5 "units". Unit i has its own policy (one exact
 * origin https://app<i>.example.com, four methods, two request headers, one exposed header,
 * credentials, max age 600) and holds one REST API resource, one HTTP API, one function URL
 * (Code.fromInline / a dummy zip), one bucket and one CloudFront response headers policy.
 * REST API resources are grouped ten to a REST API, configured with the policy of the group's first
 * unit (a REST API has one CORS configuration). Every REST API resource also has a MOCK GET method.
 * aws-cdk-lib: one stack per ten units (CloudFormation allows 500 resources per stack); cdktf: one stack.
 */
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(process.env.CORS_CONSTRUCTS_ROOT || path.join(__dirname, '..'));
const DIST = path.join(ROOT, 'dist', 'lib');
const REST_RESOURCES_PER_API = 10;
const RESULT_MARK = '@@synth-scale-result ';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const HEADERS = ['Content-Type', 'Authorization'];
const EXPOSE = ['X-Request-Id'];
const MAX_AGE = 600;
const INLINE_CODE = 'exports.handler = async () => ({ statusCode: 200, body: "ok" });';

/** The policy of unit i (the same props feed CorsPolicy and the hand-written native options). */
function policyProps(i) {
  return {
    allowOrigins: [`https://app${i}.example.com`],
    allowMethods: [...METHODS],
    allowHeaders: [...HEADERS],
    exposeHeaders: [...EXPOSE],
    allowCredentials: true,
    maxAgeSeconds: MAX_AGE,
  };
}

function layout(n) {
  if (n % 5 !== 0 || n <= 0) throw new Error(`N must be a positive multiple of 5 (got ${n})`);
  const units = n / 5;
  return { units, restApis: Math.ceil(units / REST_RESOURCES_PER_API) };
}

// ---------------------------------------------------------------------------------------------
// aws-cdk-lib
// ---------------------------------------------------------------------------------------------

function buildCdk(variant, n, outdir) {
  const cdk = require('aws-cdk-lib');
  const apigw = require('aws-cdk-lib/aws-apigateway');
  const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
  const lambda = require('aws-cdk-lib/aws-lambda');
  const s3 = require('aws-cdk-lib/aws-s3');
  const cloudfront = require('aws-cdk-lib/aws-cloudfront');
  const lib = variant === 'library' ? require(path.join(DIST, 'cdk')) : undefined;
  const loaded = performance.now();
  const cpuLoaded = process.cpuUsage();

  const app = new cdk.App({ outdir });
  const { units } = layout(n);
  let stack;
  const policies = [];
  const restApis = [];

  for (let i = 0; i < units; i++) {
    // One stack per group of ten units (about 130 resources: CloudFormation allows 500 per stack).
    if (i % REST_RESOURCES_PER_API === 0) {
      stack = new cdk.Stack(app, `Bench${i / REST_RESOURCES_PER_API}`, { env: { account: '123456789012', region: 'us-east-1' } });
    }
    const props = policyProps(i);
    const cors = lib ? new lib.CorsPolicy(stack, `Cors${i}`, props) : undefined;
    policies.push(cors);

    // REST API: one per group of ten units, configured with the group's first policy.
    if (i % REST_RESOURCES_PER_API === 0) {
      const api = new apigw.RestApi(stack, `Rest${i / REST_RESOURCES_PER_API}`, {
        cloudWatchRole: false,
        ...(cors ? {} : {
          defaultCorsPreflightOptions: {
            allowOrigins: props.allowOrigins,
            allowMethods: props.allowMethods,
            allowHeaders: props.allowHeaders,
            allowCredentials: true,
            maxAge: cdk.Duration.seconds(MAX_AGE),
            statusCode: 204,
          },
        }),
      });
      if (cors) cors.applyToRestApi(api);
      restApis.push(api);
    }
    const api = restApis[restApis.length - 1];
    const resource = api.root.addResource(`r${i}`);
    resource.addMethod('GET', new apigw.MockIntegration({
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
      integrationResponses: [{ statusCode: '200' }],
    }), { methodResponses: [{ statusCode: '200' }] });

    // HTTP API
    const httpCors = {
      allowOrigins: props.allowOrigins,
      allowMethods: METHODS.map((m) => apigwv2.CorsHttpMethod[m]),
      allowHeaders: HEADERS.map((h) => h.toLowerCase()),
      exposeHeaders: EXPOSE.map((h) => h.toLowerCase()),
      allowCredentials: true,
      maxAge: cdk.Duration.seconds(MAX_AGE),
    };
    const httpApi = new apigwv2.HttpApi(stack, `Http${i}`, cors ? {} : { corsPreflight: httpCors });
    if (cors) cors.applyToHttpApi(httpApi);

    // Function URL
    const fn = new lambda.Function(stack, `Fn${i}`, {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(INLINE_CODE),
    });
    const url = fn.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      ...(cors ? {} : {
        cors: {
          allowedOrigins: props.allowOrigins,
          allowedMethods: METHODS.map((m) => lambda.HttpMethod[m]),
          allowedHeaders: HEADERS.map((h) => h.toLowerCase()),
          exposedHeaders: EXPOSE.map((h) => h.toLowerCase()),
          allowCredentials: true,
          maxAge: cdk.Duration.seconds(MAX_AGE),
        },
      }),
    });
    if (cors) cors.applyToFunctionUrl(url);

    // Bucket
    const bucket = new s3.Bucket(stack, `Bucket${i}`, cors ? {} : {
      cors: [{
        allowedOrigins: props.allowOrigins,
        allowedMethods: METHODS.map((m) => s3.HttpMethods[m]),
        allowedHeaders: HEADERS,
        exposedHeaders: EXPOSE,
        maxAge: MAX_AGE,
      }],
    });
    if (cors) cors.applyToBucket(bucket);

    // CloudFront response headers policy
    if (cors) {
      void cors.responseHeadersPolicy;
    } else {
      new cloudfront.ResponseHeadersPolicy(stack, `Rhp${i}`, {
        corsBehavior: {
          accessControlAllowOrigins: props.allowOrigins,
          accessControlAllowMethods: METHODS,
          accessControlAllowHeaders: HEADERS,
          accessControlExposeHeaders: EXPOSE,
          accessControlAllowCredentials: true,
          accessControlMaxAge: cdk.Duration.seconds(MAX_AGE),
          originOverride: true,
        },
      });
    }
  }
  const built = performance.now();
  app.synth();
  const synthesized = performance.now();
  const cpu = process.cpuUsage(cpuLoaded);
  return { loaded, built, synthesized, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function measureCdkOutput(outdir) {
  let bytes = 0;
  const types = {};
  for (const file of fs.readdirSync(outdir)) {
    if (!file.endsWith('.template.json')) continue;
    const text = fs.readFileSync(path.join(outdir, file));
    bytes += text.length;
    for (const resource of Object.values(JSON.parse(text).Resources || {})) {
      types[resource.Type] = (types[resource.Type] || 0) + 1;
    }
  }
  return { bytes, types };
}

// ---------------------------------------------------------------------------------------------
// cdktf (deep imports only)
// ---------------------------------------------------------------------------------------------

function buildCdktf(variant, n, outdir) {
  const { App, TerraformStack, Fn } = require('cdktf');
  const p = (name) => require(`@cdktf/provider-aws/lib/${name}`);
  const { AwsProvider } = p('provider');
  const { ApiGatewayRestApi } = p('api-gateway-rest-api');
  const { ApiGatewayResource } = p('api-gateway-resource');
  const { ApiGatewayMethod } = p('api-gateway-method');
  const { ApiGatewayIntegration } = p('api-gateway-integration');
  const { ApiGatewayMethodResponse } = p('api-gateway-method-response');
  const { ApiGatewayIntegrationResponse } = p('api-gateway-integration-response');
  const { ApiGatewayDeployment } = p('api-gateway-deployment');
  const { Apigatewayv2Api } = p('apigatewayv2-api');
  const { IamRole } = p('iam-role');
  const { LambdaFunction } = p('lambda-function');
  const { LambdaFunctionUrl } = p('lambda-function-url');
  const { S3Bucket } = p('s3-bucket');
  const { S3BucketCorsConfiguration } = p('s3-bucket-cors-configuration');
  const { CloudfrontResponseHeadersPolicy } = p('cloudfront-response-headers-policy');
  const lib = variant === 'library' ? require(path.join(DIST, 'cdktf')) : undefined;
  const loaded = performance.now();
  const cpuLoaded = process.cpuUsage();

  const app = new App({ outdir, skipValidation: false });
  const stack = new TerraformStack(app, 'bench');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const { units } = layout(n);
  const assumeRolePolicy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });

  // Hand-written REST preflight for one resource: what the library renders (204, MOCK, literals).
  function nativePreflight(prefix, api, resourceId, props) {
    const method = new ApiGatewayMethod(stack, `${prefix}Options`, {
      restApiId: api.id, resourceId, httpMethod: 'OPTIONS', authorization: 'NONE', apiKeyRequired: false,
    });
    const integration = new ApiGatewayIntegration(stack, `${prefix}OptionsIntegration`, {
      restApiId: api.id, resourceId, httpMethod: method.httpMethod, type: 'MOCK',
      requestTemplates: { 'application/json': '{"statusCode": 200}' },
    });
    const headers = {
      'Access-Control-Allow-Origin': props.allowOrigins[0],
      'Access-Control-Allow-Methods': METHODS.join(','),
      'Access-Control-Allow-Headers': HEADERS.join(','),
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Max-Age': String(MAX_AGE),
    };
    const methodResponse = new ApiGatewayMethodResponse(stack, `${prefix}OptionsMethodResponse`, {
      restApiId: api.id, resourceId, httpMethod: method.httpMethod, statusCode: '204',
      responseParameters: Object.fromEntries(Object.keys(headers).map((h) => [`method.response.header.${h}`, true])),
    });
    const integrationResponse = new ApiGatewayIntegrationResponse(stack, `${prefix}OptionsIntegrationResponse`, {
      restApiId: api.id, resourceId, httpMethod: method.httpMethod, statusCode: '204',
      responseParameters: Object.fromEntries(Object.entries(headers).map(([h, v]) => [`method.response.header.${h}`, `'${v}'`])),
      dependsOn: [integration, methodResponse],
    });
    return [method, integration, methodResponse, integrationResponse];
  }

  let group = [];
  const flushGroup = () => {
    if (group.length === 0) return;
    const { api, resources, cors, props, index, nativeParts } = group[0].rest;
    let triggers;
    if (cors) {
      const restCors = cors.applyToRestApi(api, { resources });
      triggers = restCors.triggerValue;
    } else {
      nativeParts.push(...nativePreflight(`Rest${index}Root`, api, api.rootResourceId, props));
      resources.forEach((r, j) => nativeParts.push(...nativePreflight(`Rest${index}R${j}`, api, r.id, props)));
      triggers = Fn.sha1(Fn.jsonencode(nativeParts.map((x) => x.id)));
    }
    new ApiGatewayDeployment(stack, `Rest${index}Deployment`, {
      restApiId: api.id,
      triggers: { redeployment: typeof triggers === 'string' ? triggers : Fn.sha1(Fn.jsonencode(triggers)) },
      lifecycle: { createBeforeDestroy: true },
    });
    group = [];
  };

  let rest;
  for (let i = 0; i < units; i++) {
    const props = policyProps(i);
    const cors = lib ? new lib.CorsPolicy(stack, `Cors${i}`, props) : undefined;

    if (i % REST_RESOURCES_PER_API === 0) {
      flushGroup();
      const index = i / REST_RESOURCES_PER_API;
      rest = { api: new ApiGatewayRestApi(stack, `Rest${index}`, { name: `bench-rest-${index}` }), resources: [], cors, props, index, nativeParts: [] };
    }
    const resource = new ApiGatewayResource(stack, `Rest${rest.index}R${i}`, { restApiId: rest.api.id, parentId: rest.api.rootResourceId, pathPart: `r${i}` });
    const get = new ApiGatewayMethod(stack, `Rest${rest.index}R${i}Get`, { restApiId: rest.api.id, resourceId: resource.id, httpMethod: 'GET', authorization: 'NONE' });
    const getIntegration = new ApiGatewayIntegration(stack, `Rest${rest.index}R${i}GetIntegration`, {
      restApiId: rest.api.id, resourceId: resource.id, httpMethod: get.httpMethod, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' },
    });
    rest.resources.push(resource);
    rest.nativeParts.push(resource, get, getIntegration);
    group.push({ rest });

    // HTTP API
    const corsConfiguration = {
      allowOrigins: props.allowOrigins,
      allowMethods: METHODS,
      allowHeaders: HEADERS.map((h) => h.toLowerCase()),
      exposeHeaders: EXPOSE.map((h) => h.toLowerCase()),
      allowCredentials: true,
      maxAge: MAX_AGE,
    };
    const httpApi = new Apigatewayv2Api(stack, `Http${i}`, { name: `bench-http-${i}`, protocolType: 'HTTP', ...(cors ? {} : { corsConfiguration }) });
    if (cors) cors.applyToHttpApi(httpApi);

    // Function URL
    const role = new IamRole(stack, `Fn${i}Role`, { name: `bench-fn-${i}`, assumeRolePolicy });
    const fn = new LambdaFunction(stack, `Fn${i}`, {
      functionName: `bench-fn-${i}`, role: role.arn, runtime: 'nodejs24.x', handler: 'index.handler', filename: 'function.zip',
    });
    const url = new LambdaFunctionUrl(stack, `Fn${i}Url`, {
      functionName: fn.functionName,
      authorizationType: 'NONE',
      ...(cors ? {} : {
        cors: {
          allowOrigins: props.allowOrigins,
          allowMethods: METHODS,
          allowHeaders: HEADERS.map((h) => h.toLowerCase()),
          exposeHeaders: EXPOSE.map((h) => h.toLowerCase()),
          allowCredentials: true,
          maxAge: MAX_AGE,
        },
      }),
    });
    if (cors) cors.applyToFunctionUrl(url);

    // Bucket
    const bucket = new S3Bucket(stack, `Bucket${i}`, { bucket: `bench-bucket-${i}` });
    if (cors) {
      cors.applyToBucket(bucket);
    } else {
      new S3BucketCorsConfiguration(stack, `Bucket${i}Cors`, {
        bucket: bucket.id,
        corsRule: [{ allowedOrigins: props.allowOrigins, allowedMethods: METHODS, allowedHeaders: HEADERS, exposeHeaders: EXPOSE, maxAgeSeconds: MAX_AGE }],
      });
    }

    // CloudFront response headers policy
    if (cors) {
      void cors.responseHeadersPolicy;
    } else {
      new CloudfrontResponseHeadersPolicy(stack, `Rhp${i}`, {
        name: `bench-cors-${i}`,
        corsConfig: {
          accessControlAllowOrigins: { items: props.allowOrigins },
          accessControlAllowMethods: { items: METHODS },
          accessControlAllowHeaders: { items: HEADERS },
          accessControlExposeHeaders: { items: EXPOSE },
          accessControlAllowCredentials: true,
          accessControlMaxAgeSec: MAX_AGE,
          originOverride: true,
        },
      });
    }
  }
  flushGroup();
  const built = performance.now();
  app.synth();
  const synthesized = performance.now();
  const cpu = process.cpuUsage(cpuLoaded);
  return { loaded, built, synthesized, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function measureCdktfOutput(outdir) {
  let bytes = 0;
  const types = {};
  const stacks = path.join(outdir, 'stacks');
  for (const name of fs.readdirSync(stacks)) {
    const file = path.join(stacks, name, 'cdk.tf.json');
    const text = fs.readFileSync(file);
    bytes += text.length;
    const config = JSON.parse(text);
    for (const [type, instances] of Object.entries(config.resource || {})) types[type] = (types[type] || 0) + Object.keys(instances).length;
    // Data sources are listed (prefixed "data.") but not counted as resources.
    for (const [type, instances] of Object.entries(config.data || {})) types[`data.${type}`] = (types[`data.${type}`] || 0) + Object.keys(instances).length;
  }
  return { bytes, types };
}

// ---------------------------------------------------------------------------------------------
// Validation throughput: 10,000 distinct policies
// ---------------------------------------------------------------------------------------------

function distinctPolicies(count) {
  const tlds = ['com', 'org', 'net', 'io', 'co.uk', 'dev'];
  const policies = [];
  for (let i = 0; i < count; i++) {
    const host = `svc${i}.team${i % 97}.example.${tlds[i % tlds.length]}`;
    const origins = [`https://${host}`];
    if (i % 3 === 0) origins.push(`https://*.tenant${i}.example.com`);
    if (i % 4 === 0) origins.push(`http://localhost:${3000 + (i % 1000)}`);
    if (i % 50 === 0) origins.push('http://localhost:*');
    const methods = i % 5 === 0 ? ['*'] : ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].slice(0, 1 + (i % 5));
    const headers = i % 7 === 0 ? ['*'] : ['Content-Type', 'Authorization', `X-Custom-${i}`].slice(0, 1 + (i % 3));
    policies.push({
      allowOrigins: origins,
      allowMethods: methods,
      allowHeaders: headers,
      exposeHeaders: i % 2 === 0 ? [`X-Trace-${i}`] : [],
      allowCredentials: i % 2 === 1 && methods[0] !== '*' && headers[0] !== '*',
      ...(i % 3 === 0 ? {} : { maxAgeSeconds: (i % 7200) + 1 }),
    });
  }
  return policies;
}

function runValidationChild(count) {
  const t0 = performance.now();
  const core = require(path.join(DIST, 'core'));
  const loaded = performance.now();
  const policies = distinctPolicies(count);
  const targets = ['rest-api', 'http-api', 'function-url', 's3', 'cloudfront'];
  // Plain rules only, then every target's limits too (each on its own fresh set of policies,
  // so nothing the validator might cache per object carries over).
  const t1 = performance.now();
  let diagnostics = 0;
  for (const p of policies) diagnostics += core.validateCorsPolicy(p).length;
  const t2 = performance.now();
  const again = distinctPolicies(count);
  const t3 = performance.now();
  let targetDiagnostics = 0;
  for (const p of again) targetDiagnostics += core.validateCorsPolicy(p, { targets }).length;
  const t4 = performance.now();
  return {
    count,
    loadMs: loaded - t0,
    plainMs: t2 - t1,
    allTargetsMs: t4 - t3,
    diagnostics,
    targetDiagnostics,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

// ---------------------------------------------------------------------------------------------
// Child entry
// ---------------------------------------------------------------------------------------------

function runChild(argv) {
  const [framework, variant, nText, outdir] = argv;
  if (framework === 'validate') {
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(runValidationChild(Number(nText)))}\n`);
    return;
  }
  const n = Number(nText);
  const start = performance.now();
  const times = framework === 'cdk' ? buildCdk(variant, n, outdir) : buildCdktf(variant, n, outdir);
  const maxRssKb = process.resourceUsage().maxRSS;
  const output = framework === 'cdk' ? measureCdkOutput(outdir) : measureCdktfOutput(outdir);
  const resources = Object.entries(output.types).filter(([type]) => !type.startsWith('data.')).reduce((a, [, c]) => a + c, 0);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify({
    framework, variant, n,
    loadMs: times.loaded - start,
    buildMs: times.built - times.loaded,
    synthMs: times.synthesized - times.built,
    totalMs: times.synthesized - times.loaded,
    cpuMs: times.cpuMs,
    maxRssKb,
    bytes: output.bytes,
    resources,
    types: output.types,
  })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const args = { sizes: [10, 100, 400], runs: 5, cellBudgetS: 75, frameworks: ['cdk', 'cdktf'], json: process.env.BENCH_JSON || undefined, keep: false, validate: 10000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--sizes') args.sizes = next().split(',').map(Number);
    else if (a === '--runs') args.runs = Number(next());
    else if (a === '--frameworks') args.frameworks = next().split(',').filter(Boolean);
    else if (a === '--json') args.json = next();
    else if (a === '--keep') args.keep = true;
    else if (a === '--cell-budget') args.cellBudgetS = Number(next());
    else if (a === '--no-cfn-validate') args.noCfnValidate = true;
    else if (a === '--validate') args.validate = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

function spawnChild(args, extraEnv = {}) {
  const result = spawnSync(process.execPath, [__filename, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CHECKPOINT_DISABLE: '1', ...extraEnv },
  });
  if (result.status !== 0) {
    throw new Error(`child ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-2000)}`);
  }
  const line = result.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (!line) throw new Error(`child ${args.join(' ')} printed no result:\n${result.stdout.slice(-2000)}`);
  return JSON.parse(line.slice(RESULT_MARK.length));
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(value, digits = 0) {
  return value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function typeDiff(lib, native) {
  const diff = [];
  for (const type of new Set([...Object.keys(lib), ...Object.keys(native)])) {
    const d = (lib[type] || 0) - (native[type] || 0);
    if (d !== 0) diff.push(`${type} ${d > 0 ? '+' : ''}${d}`);
  }
  return diff.join(', ') || 'none';
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const libraryBuilt = fs.existsSync(path.join(DIST, 'core', 'index.js'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cors-synth-scale-'));
  const results = { machine: machine(), targets: {}, synth: [], validation: undefined, notes: [] };
  const log = (s) => process.stderr.write(`${s}\n`);

  for (const framework of args.frameworks) {
    const hasLibrary = fs.existsSync(path.join(DIST, framework, 'index.js'));
    if (!hasLibrary) results.notes.push(`${framework}: ${path.join(DIST, framework)} not built; native half only`);
    const variants = hasLibrary ? ['library', 'native'] : ['native'];
    for (const n of args.sizes) {
      const runs = { library: [], native: [] };
      const cellStart = Date.now();
      for (let r = 0; r < args.runs; r++) {
        // Keep `npm run bench` bounded: a very slow cell stops after 3 alternating runs (noted in the output).
        if (r >= 3 && Date.now() - cellStart > args.cellBudgetS * 1000) {
          results.notes.push(`${framework} N=${n}: ${r} runs per variant instead of ${args.runs} (cell over its ${args.cellBudgetS} s budget)`);
          break;
        }
        // Alternate which variant goes first so neither always runs on a warmer machine.
        const order = r % 2 === 0 ? variants : [...variants].reverse();
        for (const variant of order) {
          const outdir = path.join(tmp, `${framework}-${variant}-${n}-${r}`);
          fs.mkdirSync(outdir, { recursive: true });
          // CDK_VALIDATION=false turns off aws-cdk-lib's built-in CloudFormation Validate pass (about 1-3 s
          // of fixed cost per synth), which otherwise hides the part of synth the library can change.
          const res = spawnChild([framework, variant, String(n), outdir], args.noCfnValidate ? { CDK_VALIDATION: 'false' } : {});
          runs[variant].push(res);
          if (!args.keep) fs.rmSync(outdir, { recursive: true, force: true });
          log(`${framework} N=${n} ${variant} run ${r + 1}/${args.runs}: ${fmt(res.totalMs)} ms (build ${fmt(res.buildMs)}, synth ${fmt(res.synthMs)}; CPU ${fmt(res.cpuMs)} ms), ${fmt(res.maxRssKb / 1024)} MB, ${res.resources} resources, load ${os.loadavg()[0].toFixed(1)}`);
        }
      }
      for (const variant of variants) {
        const rs = runs[variant];
        results.synth.push({
          framework, variant, n, runs: rs.length,
          totalMs: median(rs.map((x) => x.totalMs)),
          cpuMs: median(rs.map((x) => x.cpuMs)),
          buildMs: median(rs.map((x) => x.buildMs)),
          synthMs: median(rs.map((x) => x.synthMs)),
          loadMs: median(rs.map((x) => x.loadMs)),
          maxRssKb: median(rs.map((x) => x.maxRssKb)),
          bytes: rs[0].bytes,
          resources: rs[0].resources,
          types: rs[0].types,
        });
      }
    }
  }

  if (libraryBuilt && args.validate > 0) {
    const v = [];
    for (let r = 0; r < 3; r++) v.push(spawnChild(['validate', '-', String(args.validate)]));
    results.validation = {
      count: args.validate,
      plainMs: median(v.map((x) => x.plainMs)),
      allTargetsMs: median(v.map((x) => x.allTargetsMs)),
      loadMs: median(v.map((x) => x.loadMs)),
      diagnostics: v[0].diagnostics,
      targetDiagnostics: v[0].targetDiagnostics,
    };
  }
  if (!args.keep) fs.rmSync(tmp, { recursive: true, force: true });
  results.machine.loadAfter = os.loadavg();

  // Ratios and targets.
  const get = (fw, variant, n) => results.synth.find((s) => s.framework === fw && s.variant === variant && s.n === n);
  const rows = [];
  for (const s of results.synth) {
    const native = get(s.framework, 'native', s.n);
    const isLib = s.variant === 'library' && native;
    rows.push([
      s.framework, s.n, s.variant, fmt(s.totalMs), fmt(s.cpuMs), fmt(s.buildMs), fmt(s.synthMs), fmt(s.maxRssKb / 1024), s.bytes, s.resources,
      isLib ? fmt(s.totalMs / native.totalMs, 2) : '', isLib ? fmt(s.cpuMs / native.cpuMs, 2) : '', isLib ? fmt(s.maxRssKb / native.maxRssKb, 2) : '',
      isLib ? fmt(s.bytes / native.bytes, 2) : '', isLib ? typeDiff(s.types, native.types) : '',
    ]);
  }
  const checks = [];
  const largest = Math.max(...args.sizes);
  for (const fw of args.frameworks) {
    const lib = get(fw, 'library', largest);
    const nat = get(fw, 'native', largest);
    if (lib && nat) {
      for (const [what, key] of [['wall', 'totalMs'], ['CPU', 'cpuMs']]) {
        const ratio = lib[key] / nat[key];
        checks.push({ name: `${fw} synth ${what} time library/native at N=${largest}`, value: ratio.toFixed(2), target: '<= 1.10', met: ratio <= 1.10 });
      }
    }
    if (args.sizes.includes(100) && args.sizes.includes(400)) {
      for (const variant of ['library', 'native']) {
        const a = get(fw, variant, 100);
        const b = get(fw, variant, 400);
        if (a && b) {
          for (const [what, key] of [['wall', 'totalMs'], ['CPU', 'cpuMs']]) {
            const growth = b[key] / a[key];
            checks.push({ name: `${fw} ${variant} ${what} time growth N=100->400`, value: `${growth.toFixed(2)}x`, target: '<= 4.5x', met: growth <= 4.5 });
          }
          // The same with the N=10 time subtracted as fixed cost (process, framework and validation
          // start-up): linear growth gives (400-10)/(100-10) = 4.33x, quadratic about 19x.
          const small = get(fw, variant, 10);
          if (small && a.cpuMs > small.cpuMs) {
            const net = (b.cpuMs - small.cpuMs) / (a.cpuMs - small.cpuMs);
            checks.push({ name: `${fw} ${variant} CPU growth net of N=10 cost, 100->400`, value: `${net.toFixed(2)}x`, target: 'linear 4.33x', met: true, info: true });
          }
        }
      }
    }
    for (const n of args.sizes) {
      const l = get(fw, 'library', n);
      const nn = get(fw, 'native', n);
      if (!l || !nn) continue;
      const expected = fw === 'cdk' ? 2 * layout(n).restApis : 2 * layout(n).restApis;
      const extra = l.resources - nn.resources;
      checks.push({ name: `${fw} resource count N=${n} (library - native)`, value: `${extra >= 0 ? '+' : ''}${extra}`, target: `+${expected} (2 gateway responses x ${layout(n).restApis} REST APIs)`, met: extra === expected });
    }
  }
  if (results.validation) {
    const ms = Math.max(results.validation.plainMs, results.validation.allTargetsMs);
    checks.push({ name: `validate ${results.validation.count} distinct policies (all targets)`, value: `${fmt(results.validation.allTargetsMs)} ms (plain ${fmt(results.validation.plainMs)} ms)`, target: '< 1000 ms', met: ms < 1000 });
  }
  results.checks = checks;

  const out = [];
  out.push(`synth-scale: ${results.machine.cpus} x ${results.machine.cpu}, node ${process.version}, load ${results.machine.loadBefore.map((x) => x.toFixed(2)).join(' ')} -> ${results.machine.loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
  if (args.noCfnValidate) out.push('CDK_VALIDATION=false: aws-cdk-lib\'s built-in CloudFormation Validate pass is off in every cdk child.');
  out.push(`wall/CPU = construct tree + app.synth() in a fresh process (module load excluded): wall-clock and process CPU (user+system, all threads) time, median of ${args.runs} runs; RSS = child maxRSS, median. Under load, trust CPU.`);
  out.push('');
  out.push(table(['fw', 'N', 'variant', 'wall ms', 'CPU ms', 'build ms', 'synth ms', 'RSS MB', 'bytes', 'resources', 'wall x', 'CPU x', 'RSS x', 'bytes x', 'resource types (library - native)'], rows));
  if (results.validation) {
    out.push('');
    out.push(`validateCorsPolicy x ${results.validation.count} distinct policies: ${fmt(results.validation.plainMs)} ms without targets, ${fmt(results.validation.allTargetsMs)} ms with all five targets (median of 3 fresh processes; module load ${fmt(results.validation.loadMs)} ms excluded)`);
  }
  out.push('');
  out.push(table(['target', 'value', 'goal', 'met'], checks.map((c) => [c.name, c.value, c.target, c.info ? '(info)' : c.met ? 'yes' : 'NO'])));
  for (const note of results.notes) out.push(`note: ${note}`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(results, null, 2));
}

function machine() {
  const cpus = os.cpus();
  return { cpus: cpus.length, cpu: cpus[0] ? cpus[0].model : 'unknown', memGb: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.type()} ${os.release()}`, loadBefore: os.loadavg() };
}

if (process.argv[2] === '--child') {
  runChild(process.argv.slice(3));
} else {
  main();
}
