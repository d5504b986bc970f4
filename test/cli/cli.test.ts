import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { main } from '../../lib/cli/main';

const fixtures = join(__dirname, '../fixtures/templates');

function run(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: fixtures });
  return { code, stdout, stderr };
}

describe('audit', () => {
  test('text: every seeded mistake of a hand-written template, exit 1', () => {
    const { code, stdout } = run('audit', 'handwritten.template.json');
    expect(code).toBe(1);
    expect(stdout).toContain('SiteBucket [s3]\n    error   origin-pattern-public-suffix');
    expect(stdout).toContain('AssetsBucket (Shop/Assets/Resource) [s3]: ok');
    expect(stdout).toContain('note    Access-Control-Allow-Origin reflects the request\'s Origin');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('5 errors, 1 warning in 6 CORS configurations (1 file)');
  });

  test('cdktf.out: reads stacks/*/cdk.tf.json', () => {
    const { code, stdout } = run('audit', 'cdktf.out', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: { resourceId: string; rule: string; file: string }[]; summary: { errors: number; files: number } };
    // 6 since issue 15: '*' methods with credentials (aws_apigatewayv2_api.orders) is a warning.
    expect(report.summary).toMatchObject({ errors: 6, files: 1 });
    expect(report.findings[0]).toMatchObject({ file: 'cdktf.out/stacks/app/cdk.tf.json', resourceId: 'aws_s3_bucket_cors_configuration.site_cors', rule: 'origin-trailing-slash' });
  });

  test('json: each finding carries the entry index and the property path of the offending value', () => {
    const { stdout } = run('audit', 'handwritten.template.json', '--format', 'json');
    const report = JSON.parse(stdout) as { findings: { resourceId: string; rule: string; index?: number; location?: { resourceId: string; path: string } }[] };
    expect(report.findings.find((f) => f.rule === 'method-unsupported')).toMatchObject({ resourceId: 'FunctionUrl', index: 1, location: { resourceId: 'FunctionUrl', path: 'Properties.Cors.AllowMethods[1]' } });
  });

  test('sarif: SARIF 2.1.0 with rules, levels and a line per result', () => {
    const { stdout } = run('audit', 'cdk.out', '--format', 'sarif');
    const sarif = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.name).toBe('cors-constructs');
    expect(run0.results.map((r) => `${r.level}:${r.ruleId}`)).toContain('error:origin-pattern-public-suffix');
    for (const result of run0.results) {
      expect(run0.tool.driver.rules.map((r) => r.id)).toContain(result.ruleId);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('cdk.out/Shop.template.json');
      expect(result.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(1);
    }
  });

  test('situational findings in text, JSON and SARIF: a function URL with CORS whose function is bound (issue 16)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-situational-'));
    const file = join(dir, 'Url.template.json');
    writeFileSync(file, JSON.stringify({
      Resources: {
        Signer: { Type: 'AWS::Lambda::Function', Metadata: { 'aws:cdk:path': 'App/Signer/Resource' }, Properties: { Environment: { Variables: { CORS_CONSTRUCTS_POLICY: '{}' } } } },
        SignerUrl: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['Signer', 'Arn'] }, Cors: { AllowOrigins: ['https://app.example.com'] } } },
      },
    }));
    const text = run('audit', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('  SignerUrl [function-url]\n    warning duplicate-cors-headers: Signer (App/Signer/Resource) has CORS on its function URL and the runtime helper bound too');
    const json = JSON.parse(run('audit', file, '--format', 'json').stdout) as { findings: { resourceId: string; rule: string; severity: string; location?: unknown }[] };
    expect(json.findings).toEqual([expect.objectContaining({ resourceId: 'SignerUrl', rule: 'duplicate-cors-headers', severity: 'warning', location: { resourceId: 'SignerUrl', path: 'Properties.Cors' } })]);
    const sarif = JSON.parse(run('audit', file, '--format', 'sarif').stdout) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => `${r.level}:${r.ruleId}`)).toEqual(['warning:duplicate-cors-headers']);
  });

  test('a clean template exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-audit-'));
    const file = join(dir, 'ok.template.json');
    writeFileSync(file, JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['GET'] }] } } } } }));
    expect(run('audit', file).code).toBe(0);
  });

  test('malformed, missing and foreign input: a clear error naming the file, exit 2, no stack trace', () => {
    const malformed = run('audit', 'malformed.template.json');
    expect(malformed).toMatchObject({ code: 2, stdout: '' });
    expect(malformed.stderr).toMatch(/^cors-constructs: malformed\.template\.json is not valid JSON/);
    expect(malformed.stderr).not.toMatch(/\n\s+at /);
    expect(run('audit', 'missing.json')).toMatchObject({ code: 2, stderr: 'cors-constructs: missing.json does not exist\n' });
    expect(run('audit', join(__dirname))).toMatchObject({ code: 2, stderr: expect.stringContaining('holds no CloudFormation template') });
    expect(run('audit', join(__dirname, '../../package.json')).stderr).toContain('neither a CloudFormation template');
  });

  const bucket = (origin: string) => JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: [origin], AllowedMethods: ['GET'] }] } } } } });

  test('the directory walk follows symbolic links, reads nested assemblies at any depth, and reports every path it did not read', () => {
    const root = mkdtempSync(join(tmpdir(), 'cors-walk-'));
    const out = join(root, 'cdk.out');
    const deep = join(out, 'assembly-Prod', 'assembly-Prod-Eu', 'a', 'b', 'c', 'd', 'e', 'f');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'Deep.template.json'), bucket('https://deep.example.com/'));
    writeFileSync(join(out, 'assembly-Prod', 'Stage.template.json'), bucket('https://stage.example.com'));
    writeFileSync(join(root, 'Shared.template.json'), bucket('https://shared.example.com'));
    symlinkSync(join(root, 'Shared.template.json'), join(out, 'Linked.template.json'));
    symlinkSync(out, join(out, 'assembly-Prod', 'loop'));
    symlinkSync(join(root, 'gone.template.json'), join(out, 'Broken.template.json'));
    const { code, stdout } = run('audit', out);
    expect(stdout).toContain(join('assembly-Prod', 'assembly-Prod-Eu', 'a', 'b', 'c', 'd', 'e', 'f', 'Deep.template.json'));
    expect(stdout).toContain('origin-trailing-slash');
    expect(stdout).toContain(join('assembly-Prod', 'Stage.template.json'));
    expect(stdout).toContain('Linked.template.json: 1 CORS configuration');
    expect(stdout).toMatch(/not read: .*loop: the same target \(.*cdk\.out\) as .*cdk\.out, read once/);
    expect(stdout).toMatch(/not read: .*Broken\.template\.json: cannot read it: ENOENT \(a broken symbolic link\)/);
    expect(stdout).toContain('2 paths not read, so the audit is incomplete');
    expect(code).toBe(1);
    const json = JSON.parse(run('audit', out, '--format', 'json').stdout) as { skipped: Array<{ path: string }> };
    expect(json.skipped.map((p) => p.path.replace(/.*cdk\.out/, 'cdk.out'))).toEqual([join('cdk.out', 'Broken.template.json'), join('cdk.out', 'assembly-Prod', 'loop')]);
    const sarif = JSON.parse(run('audit', out, '--format', 'sarif').stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }> }> };
    expect(sarif.runs[0]!.invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [expect.anything(), expect.anything()] });
  });

  test('a clean directory that skipped a path exits 2, not 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'cors-walk-'));
    writeFileSync(join(out, 'Ok.template.json'), bucket('https://app.example.com'));
    symlinkSync(join(out, 'nowhere'), join(out, 'Gone.template.json'));
    const { code, stdout } = run('audit', out);
    expect(stdout).not.toMatch(/\n0 errors, 0 warnings in 1 CORS configuration \(1 file\)\n$/);
    expect(code).toBe(2);
  });

  test('a UTF-8 byte order mark is read as the start of the JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-bom-'));
    writeFileSync(join(dir, 'Bom.template.json'), `\uFEFF${bucket('https://app.example.com')}`);
    expect(run('audit', join(dir, 'Bom.template.json'))).toMatchObject({ code: 0, stderr: '' });
  });

  test('a FIFO is reported, never opened (opening one waits forever)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-fifo-'));
    const fifo = join(dir, 'Pipe.template.json');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(join(dir, 'Ok.template.json'), bucket('https://app.example.com'));
    expect(run('audit', fifo)).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a regular file (a FIFO, socket or device)') });
    const walked = run('audit', dir);
    expect(walked.stdout).toMatch(/not read: .*Pipe\.template\.json: not a regular file/);
    expect(walked.code).toBe(2);
  });

  test('control and bidi characters from a template are escaped in text output, and written as \\u escapes in JSON and SARIF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cors-esc-'));
    const hostile = 'https://app.example.com\u001b[2K\u001b[1A\u202eok\u0007';
    writeFileSync(join(dir, 'Esc.template.json'), bucket(hostile));
    const text = run('audit', join(dir, 'Esc.template.json'));
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text.stdout).toContain('\\u{1b}[2K\\u{1b}[1A\\u{202e}ok\\u{7}');
    for (const format of ['json', 'sarif']) {
      const out = run('audit', join(dir, 'Esc.template.json'), '--format', format).stdout;
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      if (format === 'json') expect(JSON.stringify(JSON.parse(out))).toContain(JSON.stringify(hostile));
    }
  });

  test('bad arguments exit 2 with the usage', () => {
    expect(run('audit', 'cdk.out', '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be text, json or sarif') });
    expect(run('audit', 'cdk.out', '--bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage:') });
    expect(run('frobnicate').code).toBe(2);
  });
});

describe('simulate', () => {
  test('allowed: verdict, headers and steps, exit 0', () => {
    const { code, stdout } = run('simulate', 'cdk.out', '--resource', 'Shop/Api/Default/OPTIONS', '--origin', 'https://admin.example.com', '--method', 'PUT', '--header', 'Content-Type: application/json', '--credentials', '--runtime-helper');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ALLOWED: PUT from https:\/\/admin\.example\.com to ApiOPTIONS5886EA5D \(Shop\/Api\/Default\/OPTIONS\/Resource\) \[rest-api\]/);
    expect(stdout).toContain('preflight: 204 passed\n');
    expect(stdout).toContain('    Access-Control-Allow-Origin: https://admin.example.com');
  });

  test('blocked: the reason, exit 1', () => {
    const { code, stdout } = run('simulate', 'cdktf.out', '--resource', 'orders', '--origin', 'https://x.example', '--method', 'GET', '--header', 'x-api-key');
    expect(code).toBe(1);
    expect(stdout).toContain('  reason: Access-Control-Allow-Headers does not list x-api-key');
  });

  test('json output', () => {
    const { stdout } = run('simulate', 'handwritten.template.json', '--resource', 'HttpApi', '--origin', 'https://x.example', '--method', 'GET', '--credentials', '--format', 'json');
    expect(JSON.parse(stdout)).toMatchObject({ resourceId: 'HttpApi', target: 'http-api', allowed: false, failure: expect.stringContaining('Access-Control-Allow-Origin is *') });
  });

  test('an unknown or ambiguous resource, or a missing option, exits 2', () => {
    expect(run('simulate', 'cdk.out', '--resource', 'Nope', '--origin', 'https://a.example', '--method', 'GET')).toMatchObject({ code: 2, stderr: expect.stringContaining('found: Uploads') });
    expect(run('simulate', 'cdk.out', '--resource', 'Shop', '--origin', 'https://a.example', '--method', 'GET')).toMatchObject({ code: 2, stderr: expect.stringContaining('matches 3 configurations') });
    expect(run('simulate', 'cdk.out', '--origin', 'https://a.example', '--method', 'GET')).toMatchObject({ code: 2, stderr: expect.stringContaining('needs --resource') });
  });
});

test('child process: the bundled CLI exits 0, 1 and 2 and prints no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-cli-'));
  const out = join(dir, 'main.js');
  buildSync({ entryPoints: [join(__dirname, '../../lib/cli/main.ts')], bundle: true, platform: 'node', outfile: out, logLevel: 'silent' });
  expect(readFileSync(out, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  const cli = (...args: string[]) => spawnSync(process.execPath, [out, ...args], { cwd: fixtures, encoding: 'utf8' });
  expect(execFileSync(process.execPath, [out, '--help'], { encoding: 'utf8' })).toContain('Usage:');
  expect(cli('audit', 'handwritten.template.json').status).toBe(1);
  const bad = cli('audit', 'malformed.template.json');
  expect(bad.status).toBe(2);
  expect(bad.stderr).not.toMatch(/\n\s+at /);
  expect(cli('simulate', 'cdk.out', '--resource', 'Uploads4F6EB0FD', '--origin', 'https://a.github.io', '--method', 'PUT').status).toBe(0);
});

test('audit of a directory: a stack without resources holds no CORS, and one file that cannot be read is listed, not the end of the audit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-empty-'));
  // aws-cdk-lib's template for an empty Stack: Parameters and Rules, no Resources.
  writeFileSync(join(dir, 'Empty.template.json'), JSON.stringify({ Parameters: { BootstrapVersion: { Type: 'String' } }, Rules: {} }));
  writeFileSync(join(dir, 'Site.template.json'), JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['https://*.com'], AllowedMethods: ['GET'] }] } } } } }));
  expect(run('audit', dir)).toMatchObject({ code: 1, stdout: expect.stringContaining('Empty.template.json: 0 CORS configurations\n') });
  writeFileSync(join(dir, 'Yaml.template.json'), 'Resources: {}\n');
  const { code, stdout } = run('audit', dir);
  expect(stdout).toContain('error   origin-pattern-public-suffix');
  expect(stdout).toMatch(/not read: .*Yaml\.template\.json: is not valid JSON/);
  expect(code).toBe(1);
});
