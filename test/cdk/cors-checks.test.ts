import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RULE_IDS, type CorsRuleId } from 'cors-constructs';
import { CorsChecks, type CorsChecksProps } from 'cors-constructs/cdk';
import { main } from '../../lib/cli/main';
import { NATIVE_CORS_CASES, type ExpectedFinding, type NativeCorsCase } from '../fixtures/native-cors';
import { corsChecksReport, inlineFunction, trySynth, type CorsChecksReport, type CorsChecksRow } from './helpers';

const outdirs: string[] = [];
function newOutdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-checks-'));
  outdirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

interface Checked {
  readonly app: App;
  readonly outdir: string;
  /** The synthesis error message, when synthesis failed. */
  readonly error: string | undefined;
  /** What aws-cdk-lib printed (to stderr) when synthesis passed with findings. */
  readonly printed: string;
  readonly report: CorsChecksReport;
}

/** Builds the cases into one app (one stack each) with CorsChecks, synthesizes it and reads the report. */
function check(cases: readonly NativeCorsCase[], options: { props?: CorsChecksProps; context?: Record<string, unknown>; beforeSynth?: (app: App) => void } = {}): Checked {
  const outdir = newOutdir();
  const app = new App({ outdir, ...(options.context ? { context: options.context } : {}) });
  for (const c of cases) c.build(new Stack(app, c.stack));
  Validations.of(app).addPlugins(new CorsChecks(options.props));
  options.beforeSynth?.(app);
  const printed: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
  let error: string | undefined;
  try {
    error = trySynth(app);
  } finally {
    spy.mockRestore();
  }
  return { app, outdir, error, printed: printed.join('\n'), report: corsChecksReport(outdir) };
}

function caseOf(stack: string): NativeCorsCase {
  return NATIVE_CORS_CASES.find((c) => c.stack === stack)!;
}

/** Rows as the shared table writes them: severity, rule, construct path below the stack, property path. */
function asExpected(rows: readonly CorsChecksRow[]): string[] {
  return rows.map((r) => JSON.stringify([r.severity, r.rule, r.constructPath.slice(r.constructPath.indexOf('/') + 1), r.location])).sort();
}

function expected(findings: readonly ExpectedFinding[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}

describe('CorsChecks over stacks written with aws-cdk-lib CORS options only', () => {
  let all: Checked;
  beforeAll(() => {
    all = check(NATIVE_CORS_CASES);
  });

  test.each(NATIVE_CORS_CASES.map((c) => [c.stack, c] as const))('%s: every finding with its rule id, construct path and property path, and nothing else', (stack, c) => {
    expect(asExpected(all.report.rows.filter((r) => r.constructPath.startsWith(`${stack}/`)))).toEqual(expected(c.findings));
  });

  test('the clean resource is not reported', () => {
    expect(all.report.rows.filter((r) => r.constructPath.startsWith('Seeded/Clean'))).toEqual([]);
  });

  test('synthesis fails on the errors; each is printed with its description and acknowledgement id', () => {
    expect(all.report.conclusion).toBe('failure');
    expect(all.error).toContain("ERROR CorsConfiguration.AllowOrigins[0]: 'https://app.example.com/' is not a usable origin");
    expect(all.error).toContain('Seeded/HttpApi/Resource (HttpApiF5A9A8A7)');
    expect(all.error).toContain("Acknowledge with 'CorsChecks::origin-trailing-slash'");
    expect(all.error).toContain('Suggested fix: ');
  });

  test('violations come in a stable order: template, logical id, property path, rule', () => {
    const order = all.report.rows.filter((r) => r.severity !== 'info').map((r) => `${r.template} ${r.logicalId} ${r.location} ${r.rule}`);
    const again = check(NATIVE_CORS_CASES).report.rows.filter((r) => r.severity !== 'info').map((r) => `${r.template} ${r.logicalId} ${r.location} ${r.rule}`);
    expect(again).toEqual(order);
    const seeded = all.report.rows.filter((r) => r.template === 'Seeded.template.json').map((r) => r.logicalId);
    expect(seeded).toEqual([...seeded].sort());
  });

  test('the same findings as `cors-constructs audit` over the same cdk.out', () => {
    let stdout = '';
    const code = main(['audit', all.outdir, '--format', 'json'], { stdout: (t) => { stdout += t; }, stderr: () => undefined, cwd: all.outdir });
    expect(code).toBe(1);
    const audit = JSON.parse(stdout) as { findings: { file: string; rule: string; severity: string; location: { resourceId: string; path: string } }[] };
    // The audit lists a deploy-time value as an unresolved-token warning; CorsChecks lists it in its info note.
    const fromCli = audit.findings.map((f) => JSON.stringify([f.rule === 'unresolved-token' ? 'info' : f.severity, f.rule, basename(f.file), f.location.resourceId, f.location.path]));
    const fromPlugin = all.report.rows.map((r) => JSON.stringify([r.severity, r.rule, r.template, r.logicalId, r.location]));
    // The audit repeats an API's gateway response finding under each preflight; the plugin reports it once.
    expect([...new Set(fromPlugin)].sort()).toEqual([...new Set(fromCli)].sort());
    expect(fromPlugin.length).toBe(new Set(fromPlugin).size);
    expect(NATIVE_CORS_CASES.every((c) => c.findings.length > 0)).toBe(true);
  });
});

test('the README excerpt is what a run prints and writes', () => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Check an existing app in one line'), readme.indexOf('## AWS CDK (`cors-constructs/cdk`)'));
  const shop: NativeCorsCase = {
    stack: 'Shop',
    build: (stack) => {
      new apigwv2.HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['https://app.example.com/'], allowCredentials: true, allowMethods: [apigwv2.CorsHttpMethod.GET] } });
      new s3.Bucket(stack, 'Uploads', { cors: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: [s3.HttpMethods.PUT], exposedHeaders: ['Content-Type'] }] });
    },
    findings: [],
  };
  const { error, outdir } = check([shop]);
  // Every report line of the excerpt but the source locations, which name the file of the run.
  const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ language: m[1], text: m[2]! }));
  const printed = blocks.find((b) => b.language === '')!.text.split('\n')
    .filter((line) => line.trim() !== '' && !/^\S+\.js:\d+:\d+$/.test(line) && line !== 'Synthesis finished with errors');
  expect(printed).toHaveLength(8);
  for (const line of printed) expect(error).toContain(line);
  const excerpt = JSON.parse(blocks.find((b) => b.language === 'json')!.text) as unknown;
  const written = (JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; violations: { violatingConstructs: { stackTraces?: unknown }[] }[] }[] })
    .pluginReports.find((p) => p.pluginName === 'CorsChecks')!;
  for (const v of written.violations) for (const c of v.violatingConstructs) delete c.stackTraces;
  expect({ ...written, violations: written.violations.slice(0, 1) }).toEqual(excerpt);
});

describe('acknowledgements', () => {
  const seeded = caseOf('Seeded');

  test('acknowledging a rule on a construct removes exactly that finding; synthesis still fails on the others', () => {
    const { error, report } = check([seeded], {
      beforeSynth: (app) => {
        const stack = app.node.findChild('Seeded');
        Validations.of(stack.node.findChild('Site')).acknowledge({ id: 'CorsChecks::origin-pattern-public-suffix', reason: 'fixture' });
        // The same rule on another construct, and another rule on this one, acknowledge nothing.
        Validations.of(stack.node.findChild('Clean')).acknowledge({ id: 'CorsChecks::origin-trailing-slash', reason: 'fixture' });
        Validations.of(stack.node.findChild('HttpApi')).acknowledge({ id: 'CorsChecks::origin-pattern-public-suffix', reason: 'fixture' });
      },
    });
    const site: ExpectedFinding = ['error', 'origin-pattern-public-suffix', 'Site/Resource', 'Properties.CorsConfiguration.CorsRules[0].AllowedOrigins[0]'];
    expect(asExpected(report.rows)).toEqual(expected(seeded.findings.filter((f) => f !== seeded.findings.find((g) => g[1] === site[1]))));
    expect(asExpected(report.acknowledged)).toEqual(expected([site]));
    expect(error).toBeDefined();
    expect(error).not.toContain('origin-pattern-public-suffix');
  });

  test('acknowledging every error lets synthesis pass', () => {
    const { error, report } = check([seeded], {
      beforeSynth: (app) => {
        const ids = [...new Set(seeded.findings.map((f) => f[1]))];
        Validations.of(app).acknowledge(...ids.map((rule) => ({ id: `CorsChecks::${rule}`, reason: 'fixture' })));
      },
    });
    expect(error).toBeUndefined();
    expect(report.conclusion).toBe('success');
    expect(report.rows).toEqual([]);
    expect(report.acknowledged).toHaveLength(seeded.findings.length);
  });
});

describe('situational rules on an app written without CorsPolicy (issue 16)', () => {
  // aws-cdk-lib's own CORS options around the resources that make each situational rule fire.
  const native = (stack: Stack): void => {
    const cors = { allowOrigins: ['https://app.example.com'], allowMethods: ['GET', 'PUT'], allowHeaders: ['content-type'] };
    const headers = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', {
      corsBehavior: { accessControlAllowOrigins: cors.allowOrigins, accessControlAllowMethods: cors.allowMethods, accessControlAllowHeaders: cors.allowHeaders, accessControlAllowCredentials: false, originOverride: true },
    });
    // AllowedMethods left out: aws-cdk-lib writes none, and CloudFront's default is GET and HEAD.
    new cloudfront.Distribution(stack, 'Cdn', { defaultBehavior: { origin: new origins.HttpOrigin('origin.example.com'), responseHeadersPolicy: headers } });
    const http = new apigwv2.HttpApi(stack, 'Http', { corsPreflight: { allowOrigins: cors.allowOrigins, allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.PUT] } });
    http.addRoutes({ path: '/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new HttpUrlIntegration('Backend', 'https://backend.example.com'), authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['app'] }) });
    const api = new apigateway.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: cors.allowOrigins } });
    api.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(inlineFunction(stack, 'Items')));
    // Bound to the runtime helper by hand (the variable cors.bindToFunction sets), behind a function URL with CORS.
    const signer = inlineFunction(stack, 'Signer');
    signer.addEnvironment('CORS_CONSTRUCTS_POLICY', JSON.stringify(cors));
    signer.addFunctionUrl({ cors: { allowedOrigins: cors.allowOrigins } });
  };
  const row = (r: CorsChecksRow) => [r.severity, r.rule, r.constructPath, r.location];

  test('each finding is a violation located at the behavior, route, integration or URL, acknowledgeable there', () => {
    const { error, report } = check([{ stack: 'Native', build: native, findings: [] }], {
      beforeSynth: (app) => Validations.of(app.node.findChild('Native').node.findChild('Cdn')).acknowledge({ id: 'CorsChecks::preflight-not-forwarded', reason: 'the origin answers OPTIONS elsewhere' }),
    });
    expect(error).toBeUndefined();
    expect(report.rows.map(row).sort()).toEqual([
      ['warning', 'proxy-responses-uncovered', 'Native/Api/Default/items/GET/Resource', 'Properties.Integration.Uri'],
      ['warning', 'preflight-needs-options-route', 'Native/Http/ANY--{proxy+}/Resource', 'Properties.AuthorizationType'],
      ['warning', 'duplicate-cors-headers', 'Native/Signer/FunctionUrl/Resource', 'Properties.Cors'],
    ].sort());
    expect(report.acknowledged.map(row)).toEqual([['warning', 'preflight-not-forwarded', 'Native/Cdn/Resource', 'Properties.DistributionConfig.DefaultCacheBehavior']]);
  });
});

describe('warnings', () => {
  test('an app with only warnings synthesizes; the warnings are printed and reported', () => {
    const result = check([caseOf('WarningsOnly')]);
    expect(result.error).toBeUndefined();
    expect(result.report.conclusion).toBe('success');
    expect(asExpected(result.report.rows)).toEqual(expected(caseOf('WarningsOnly').findings));
    const text = result.printed;
    expect(text).toContain("WARNING CorsConfiguration.CorsRules[0].AllowedOrigins[1]: 'https://app.example.com' is listed more than once; remove the repeated entry. (CorsChecks)");
    expect(text).toContain("Acknowledge with 'CorsChecks::origin-duplicate'");
  });

  test('@aws-cdk/core:strictCfnValidateErrors makes warnings fail synthesis (aws-cdk-lib applies it to every plugin)', () => {
    // Only a CorsChecks warning here (no CloudFormation Validate finding), so it alone fails synthesis.
    const cacheTooLong: NativeCorsCase = {
      stack: 'Strict',
      build: (stack) => new apigwv2.HttpApi(stack, 'HttpApi', { corsPreflight: { allowOrigins: ['https://app.example.com'], maxAge: Duration.hours(3) } }),
      findings: [['warning', 'max-age-browser-cap', 'HttpApi/Resource', 'Properties.CorsConfiguration.MaxAge']],
    };
    expect(check([cacheTooLong]).error).toBeUndefined();
    const strict = check([cacheTooLong], { context: { '@aws-cdk/core:strictCfnValidateErrors': true } });
    expect(asExpected(strict.report.rows)).toEqual(expected(cacheTooLong.findings));
    expect(strict.error).toContain("Acknowledge with 'CorsChecks::max-age-browser-cap'");
  });
});

describe('options', () => {
  test('rules.disable: a disabled rule is neither reported nor listed in ruleIds', () => {
    const { report } = check([caseOf('Seeded')], { props: { rules: { disable: ['origin-trailing-slash', 'origin-not-canonical'] } } });
    expect(asExpected(report.rows)).toEqual(expected(caseOf('Seeded').findings.filter((f) => f[1] !== 'origin-trailing-slash' && f[1] !== 'origin-not-canonical')));
    const plugin = new CorsChecks({ rules: { disable: ['origin-trailing-slash'] } });
    expect(plugin.ruleIds).toHaveLength(RULE_IDS.length - 1);
    expect(plugin.ruleIds).not.toContain('origin-trailing-slash');
  });

  test('reportWarnings: false reports errors only; the app with warnings only reports nothing', () => {
    expect(check([caseOf('WarningsOnly')], { props: { reportWarnings: false } }).report).toEqual({ conclusion: 'absent', rows: [], acknowledged: [] });
    const limits = check([caseOf('Limits')], { props: { reportWarnings: false } }).report;
    expect(asExpected(limits.rows)).toEqual(expected(caseOf('Limits').findings.filter((f) => f[0] === 'error')));
  });

  test('unknown rule ids and wrong types throw a clear error at construction', () => {
    expect(() => new CorsChecks({ rules: { disable: ['origin-trailing-slashes' as CorsRuleId] } })).toThrow(/^CorsChecks: unknown rule id 'origin-trailing-slashes' in rules\.disable; the rule ids are: policy-invalid, /);
    expect(() => new CorsChecks({ rules: { disable: ['CorsChecks::origin-duplicate' as CorsRuleId] } })).toThrow("CorsChecks: rules.disable takes bare rule ids: write 'origin-duplicate', not 'CorsChecks::origin-duplicate'.");
    expect(() => new CorsChecks({ rules: { disable: 'origin-duplicate' as unknown as CorsRuleId[] } })).toThrow('CorsChecks: rules.disable must be a list of rule ids, got string.');
    expect(() => new CorsChecks({ reportWarnings: 'no' as unknown as boolean })).toThrow('CorsChecks: reportWarnings must be true or false, got no.');
  });

  test('name, version (the package version) and rule ids', () => {
    const plugin = new CorsChecks();
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(plugin.name).toBe('CorsChecks');
    expect(plugin.version).toBe(pkg.version);
    expect(plugin.ruleIds).toEqual(RULE_IDS);
  });
});

describe('deploy-time values', () => {
  test('are skipped with one info note listing every location; synthesis passes', () => {
    const { error, report, outdir, printed } = check([caseOf('Tokens')]);
    expect(error).toBeUndefined();
    expect(report.conclusion).toBe('success');
    const raw = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; description: string }[] }[] };
    const violations = raw.pluginReports.find((p) => p.pluginName === 'CorsChecks')!.violations;
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ ruleName: 'unresolved-token', severity: 'info', description: expect.stringMatching(/^CORS values only known at deploy time/) });
    // Printed once per resource.
    expect(printed.match(/^INFO /gm)).toHaveLength(new Set(caseOf('Tokens').findings.map((f) => f[2])).size);
  });

  test('rules.disable: [\'unresolved-token\'] drops the note', () => {
    expect(check([caseOf('Tokens')], { props: { rules: { disable: ['unresolved-token'] } } }).report.conclusion).toBe('absent');
  });
});

describe('false positives', () => {
  test("the library's own example app (examples/cdk/app.ts, which registers CorsChecks) passes with no open finding", () => {
    const outdir = newOutdir();
    const previous = process.env.CDK_OUTDIR;
    process.env.CDK_OUTDIR = outdir;
    try {
      // The example synthesizes when loaded; with an error, loading it throws.
      jest.isolateModules(() => {
        jest.requireActual('../../examples/cdk/app');
      });
    } finally {
      if (previous === undefined) delete process.env.CDK_OUTDIR;
      else process.env.CDK_OUTDIR = previous;
    }
    const report = corsChecksReport(outdir);
    expect(report.conclusion).toBe('success');
    expect(report.rows).toEqual([]);
    // Only the acknowledged warning that error responses name one of the two origins.
    expect([...new Set(report.acknowledged.map((r) => r.rule))]).toEqual(['gateway-response-origin']);
  });

  test("AWS's documented examples pass (the CloudFormation reference and aws-cdk-lib's READMEs)", () => {
    const documented: NativeCorsCase = {
      stack: 'Documented',
      build: (stack) => {
        // CloudFormation Template Reference, AWS::S3::Bucket CorsConfiguration, "Enable cross-origin resource sharing".
        new s3.CfnBucket(stack, 'S3Bucket', {
          corsConfiguration: {
            corsRules: [
              { allowedHeaders: ['*'], allowedMethods: ['GET'], allowedOrigins: ['*'], exposedHeaders: ['Date'], id: 'myCORSRuleId1', maxAge: 3600 },
              { allowedHeaders: ['x-amz-*'], allowedMethods: ['DELETE'], allowedOrigins: ['http://www.example.com', 'http://www.example.net'], exposedHeaders: ['Connection', 'Server', 'Date'], id: 'myCORSRuleId2', maxAge: 1800 },
            ],
          },
        });
        // aws-cdk-lib aws-lambda README, "Function URL" CORS.
        inlineFunction(stack, 'Fn').addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE, cors: { allowedOrigins: ['https://example.com'] } });
        // aws-cdk-lib aws-cloudfront README, "Response headers policy".
        new cloudfront.ResponseHeadersPolicy(stack, 'ResponseHeadersPolicy', {
          corsBehavior: {
            accessControlAllowCredentials: false,
            accessControlAllowHeaders: ['X-Custom-Header-1', 'X-Custom-Header-2'],
            accessControlAllowMethods: ['GET', 'POST'],
            accessControlAllowOrigins: ['*'],
            accessControlExposeHeaders: ['X-Custom-Header-1', 'X-Custom-Header-2'],
            accessControlMaxAge: Duration.seconds(600),
            originOverride: true,
          },
        });
        // aws-cdk-lib aws-apigateway README, "Cross Origin Resource Sharing (CORS)": both examples.
        new apigateway.RestApi(stack, 'api', { defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS, allowMethods: apigateway.Cors.ALL_METHODS } }).root.addMethod('GET');
        const myResource = new apigateway.RestApi(stack, 'Other').root.addResource('myResource');
        myResource.addMethod('GET');
        myResource.addCorsPreflight({ allowOrigins: ['https://amazon.com'], allowMethods: ['GET', 'PUT'] });
      },
      findings: [],
    };
    const { error, report } = check([documented]);
    expect(error).toBeUndefined();
    expect(report.rows).toEqual([]);
  });

  test("a max age of -1 where the service documents it as 'no caching' (aws-cdk-lib's disableCache on a REST preflight, an HTTP API's MaxAge) is not an error", () => {
    const noCache: NativeCorsCase = {
      stack: 'NoCache',
      build: (stack) => {
        // aws-cdk-lib CorsOptions.disableCache: "Sets Access-Control-Max-Age to -1, which means that caching is disabled".
        new apigateway.RestApi(stack, 'Rest', { defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'], disableCache: true } }).root.addMethod('GET');
        // AWS::ApiGatewayV2::Api Cors MaxAge: -1 to 86400 (the API Gateway v2 model), -1 disables caching.
        new apigwv2.CfnApi(stack, 'Http', { name: 'http', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['https://app.example.com'], maxAge: -1 } });
      },
      findings: [],
    };
    const { error, report } = check([noCache]);
    expect(report.rows).toEqual([]);
    expect(error).toBeUndefined();
  });

  test('a max age of -1 where the service rejects it (S3, function URL) is still an error', () => {
    const negative: NativeCorsCase = {
      stack: 'Negative',
      build: (stack) => {
        new s3.CfnBucket(stack, 'Bucket', { corsConfiguration: { corsRules: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: ['GET'], maxAge: -1 }] } });
        new lambda.CfnUrl(stack, 'Url', { authType: 'NONE', targetFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', cors: { allowOrigins: ['https://app.example.com'], maxAge: -1 } });
      },
      findings: [],
    };
    expect(asExpected(check([negative]).report.rows)).toEqual(expected([
      ['error', 'max-age-invalid', 'Bucket', 'Properties.CorsConfiguration.CorsRules[0].MaxAge'],
      ['error', 'max-age-invalid', 'Url', 'Properties.Cors.MaxAge'],
    ]));
  });

  test("aws-cdk-lib's HTTP API README example is the documented exception: a 10-day max age, over the HTTP API limit (AWS::ApiGatewayV2::Api Cors MaxAge is -1 to 86400)", () => {
    const readmeExample: NativeCorsCase = {
      stack: 'HttpReadme',
      build: (stack) => {
        new apigwv2.HttpApi(stack, 'HttpProxyApi', {
          corsPreflight: {
            allowHeaders: ['Authorization'],
            allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.HEAD, apigwv2.CorsHttpMethod.OPTIONS, apigwv2.CorsHttpMethod.POST],
            allowOrigins: ['*'],
            maxAge: Duration.days(10),
          },
        });
      },
      findings: [],
    };
    expect(asExpected(check([readmeExample]).report.rows)).toEqual(expected([
      ['error', 'max-age-too-large', 'HttpProxyApi/Resource', 'Properties.CorsConfiguration.MaxAge'],
      ['warning', 'max-age-browser-cap', 'HttpProxyApi/Resource', 'Properties.CorsConfiguration.MaxAge'],
    ]));
  });
});

// Issue 11: aws-cdk-lib's own default for function URL CORS is allowedMethods ['*']; with credentials GET, HEAD
// and POST still work, so the finding is a warning and synthesis passes.
test("aws-cdk-lib's default function URL CORS with credentials (allowedMethods ['*']) is a warning, not an error", () => {
  const result = check([{ stack: 'FnUrlDefaultMethods', build: (stack: Stack) => { inlineFunction(stack, 'Fn').addFunctionUrl({ cors: { allowedOrigins: ['https://app.example.com'], allowCredentials: true } }); }, findings: [] } as unknown as NativeCorsCase]);
  expect(result.error).toBeUndefined();
  expect(result.report.rows.map((row) => [row.severity, row.rule])).toEqual([['warning', 'method-wildcard-with-credentials']]);
});
