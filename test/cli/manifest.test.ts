import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { App as TerraformApp, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { main } from '../../lib/cli/main';

// Real synthesized output, written once: a cloud assembly with a nested stack, a Stage (nested assembly
// assembly-Prod) holding a Stage (assembly-Prod/assembly-Prod-Eu, an empty stack), and a cdktf.out of two
// stacks; each test audits a copy it changes. Every CORS configuration is clean, so exit 2 means "not read".
let synthesized: string;
const INNER = join('assembly-Prod', 'ProdInner6AE3BBF4.template.json');

beforeAll(() => {
  synthesized = mkdtempSync(join(tmpdir(), 'cors-manifest-'));
  const app = new App({ outdir: join(synthesized, 'cdk.out') });
  const bucket = (scope: Stack, origin: string) => new Bucket(scope, 'Site', { cors: [{ allowedOrigins: [origin], allowedMethods: [HttpMethods.GET] }] });
  const top = new Stack(app, 'Top');
  bucket(top, 'https://top.example.com');
  bucket(new NestedStack(top, 'Child'), 'https://child.example.com');
  const prod = new Stage(app, 'Prod');
  bucket(new Stack(prod, 'Inner'), 'https://inner.example.com');
  // An empty stack on purpose (its template has no Resources): quiet aws-cdk-lib's validation warning about it.
  Validations.of(new Stack(new Stage(prod, 'Eu'), 'Deep')).acknowledge({ id: 'CloudFormation-Validate::F0001', reason: 'an empty stack on purpose' });
  app.synth();
  new App({ outdir: join(synthesized, 'empty.out') }).synth();

  const terraform = new TerraformApp({ outdir: join(synthesized, 'cdktf.out') });
  for (const name of ['api', 'web']) {
    const stack = new TerraformStack(terraform, name);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new S3BucketCorsConfiguration(stack, 'cors', { bucket: 'b', corsRule: [{ allowedOrigins: [`https://${name}.example.com`], allowedMethods: ['GET'] }] });
  }
  terraform.synth();
  new TerraformApp({ outdir: join(synthesized, 'empty-cdktf.out') }).synth();
}, 120_000);

/** A fresh copy of the synthesized outputs; returns its root (the working directory of `audit`). */
function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'cors-manifest-copy-'));
  cpSync(synthesized, root, { recursive: true });
  return root;
}

function audit(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['audit', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd });
  return { code, stdout, stderr };
}

// The parts of a CDK (artifacts) or cdktf (stacks) manifest these tests change.
interface Manifest {
  artifacts: Record<string, { type?: string; properties: Record<string, unknown> }>;
  stacks: Record<string, Record<string, unknown>>;
}

function editJson(path: string, edit: (document: Manifest) => void): void {
  const document = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  edit(document);
  writeFileSync(path, JSON.stringify(document));
}

function fileLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^\S.*: \d+ CORS configurations?$/.test(line));
}

describe('a CDK cloud assembly: the templates its manifest names', () => {
  test('every stack of every nested assembly and the nested stack templates, in path order; nothing else in cdk.out', () => {
    const root = copy();
    // A bundled asset can hold any file; before, the walk audited it as one of the app's templates.
    mkdirSync(join(root, 'cdk.out', 'asset.0123abcd'));
    writeFileSync(join(root, 'cdk.out', 'asset.0123abcd', 'vendored.template.json'), JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['https://*.com'], AllowedMethods: ['GET'] }] } } } } }));
    const { code, stdout } = audit(root, 'cdk.out');
    expect(fileLines(stdout)).toEqual([
      `${join('cdk.out', 'Top.template.json')}: 1 CORS configuration`,
      `${join('cdk.out', 'TopChild0710247D.nested.template.json')}: 1 CORS configuration`,
      `${join('cdk.out', INNER)}: 1 CORS configuration`,
      `${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu', 'ProdEuDeep6D917FF5.template.json')}: 0 CORS configurations`,
    ]);
    expect(stdout).not.toContain('vendored');
    expect(code).toBe(0);
  });

  test('a stack template the manifest names but that is missing is reported, exit 2 (text, JSON, SARIF)', () => {
    const root = copy();
    rmSync(join(root, 'cdk.out', INNER));
    const shown = join('cdk.out', INNER);
    const reason = `named by stack ProdInner6AE3BBF4 in ${join('cdk.out', 'assembly-Prod', 'manifest.json')}, but cannot read it: ENOENT`;
    const text = audit(root, 'cdk.out');
    expect(text.stdout).toContain(`not read: ${shown}: ${reason}\n`);
    expect(text.stdout).toContain('1 path not read, so the audit is incomplete');
    expect(text.code).toBe(2);
    expect((JSON.parse(audit(root, 'cdk.out', '--format', 'json').stdout) as { skipped: unknown }).skipped).toEqual([{ path: shown, reason }]);
    const sarif = JSON.parse(audit(root, 'cdk.out', '--format', 'sarif').stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean }> }> };
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
  });

  test('a nested stack template its asset manifest names but that is missing is reported, exit 2; a broken asset manifest too', () => {
    const root = copy();
    const nested = join('cdk.out', 'TopChild0710247D.nested.template.json');
    rmSync(join(root, nested));
    const missing = audit(root, 'cdk.out');
    expect(missing.stdout).toMatch(new RegExp(`not read: ${nested.replace(/[.\\]/g, '\\$&')}: named by asset [0-9a-f]{12} in ${join('cdk.out', 'Top.assets.json').replace(/[.\\]/g, '\\$&')}, but cannot read it: ENOENT\n`));
    expect(missing.code).toBe(2);
    writeFileSync(join(root, 'cdk.out', 'Top.assets.json'), '{"files": ');
    const broken = audit(root, 'cdk.out');
    expect(broken.stdout).toContain(`not read: ${join('cdk.out', 'Top.assets.json')}: named by asset manifest Top.assets in ${join('cdk.out', 'manifest.json')}, but not valid JSON (`);
    expect(broken.code).toBe(2);
  });

  test('an asset manifest without files (Docker images only: files is optional in the schema) names no template, reports nothing', () => {
    const root = copy();
    writeFileSync(join(root, 'cdk.out', 'Top.assets.json'), JSON.stringify({ version: '55.0.0', dockerImages: {} }));
    const { code, stdout } = audit(root, 'cdk.out');
    expect(stdout).not.toContain('Top.assets.json');
    expect(code).toBe(0);
  });

  test('a renamed template the manifest names is audited, an empty stack\'s one too', () => {
    const root = copy();
    const out = join(root, 'cdk.out');
    renameSync(join(out, 'Top.template.json'), join(out, 'Top.json'));
    editJson(join(out, 'manifest.json'), (m) => { m.artifacts.Top!.properties.templateFile = 'Top.json'; });
    const eu = join(out, 'assembly-Prod', 'assembly-Prod-Eu');
    renameSync(join(eu, 'ProdEuDeep6D917FF5.template.json'), join(eu, 'deep.cfn'));
    editJson(join(eu, 'manifest.json'), (m) => { m.artifacts.ProdEuDeep6D917FF5!.properties.templateFile = 'deep.cfn'; });
    const { code, stdout } = audit(root, 'cdk.out');
    expect(stdout).toContain(`${join('cdk.out', 'Top.json')}: 1 CORS configuration\n  SiteE53D7754 [s3]: ok\n`);
    expect(stdout).toContain(`${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu', 'deep.cfn')}: 0 CORS configurations\n`);
    expect(code).toBe(0);
  });

  test('a named template that is not JSON, a directory or a FIFO, and a missing nested assembly, are reported with the manifest entry', () => {
    const root = copy();
    const out = join(root, 'cdk.out');
    writeFileSync(join(out, INNER), 'Resources: {}\n');
    rmSync(join(out, 'Top.template.json'));
    mkdirSync(join(out, 'Top.template.json'));
    // Opening a FIFO waits for a writer forever: a named one is reported, never opened.
    const deep = join(out, 'assembly-Prod', 'assembly-Prod-Eu', 'ProdEuDeep6D917FF5.template.json');
    rmSync(deep);
    execFileSync('mkfifo', [deep]);
    let { code, stdout } = audit(root, 'cdk.out');
    expect(stdout).toContain(`not read: ${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu', 'ProdEuDeep6D917FF5.template.json')}: named by stack ProdEuDeep6D917FF5 in ${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu', 'manifest.json')}, but not a regular file (a FIFO, socket or device), not opened\n`);
    expect(code).toBe(2);
    rmSync(join(out, 'assembly-Prod', 'assembly-Prod-Eu'), { recursive: true });
    ({ code, stdout } = audit(root, 'cdk.out'));
    expect(stdout).toContain(`not read: ${join('cdk.out', 'Top.template.json')}: named by stack Top in ${join('cdk.out', 'manifest.json')}, but a directory, not opened\n`);
    expect(stdout).toMatch(new RegExp(`not read: ${join('cdk.out', INNER).replace(/[.\\]/g, '\\$&')}: is not valid JSON \\(.*\\); YAML templates are not supported: synthesize to JSON \\(named by stack ProdInner6AE3BBF4 in .*manifest\\.json\\)\n`));
    expect(stdout).toContain(`not read: ${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu')}: named by nested assembly assembly-Prod-Eu in ${join('cdk.out', 'assembly-Prod', 'manifest.json')}, but cannot read the directory: ENOENT\n`);
    expect(code).toBe(2);
  });

  test('a template the walk finds and a manifest names is audited once, not reported as read twice', () => {
    const root = copy();
    symlinkSync(join(root, 'cdk.out', 'Top.template.json'), join(root, 'Top.template.json'));
    const { code, stdout } = audit(root, '.');
    expect(fileLines(stdout).filter((line) => line.includes('Top.template.json'))).toEqual(['Top.template.json: 1 CORS configuration']);
    expect(stdout).not.toContain('not read');
    expect(code).toBe(0);
  });

  test('a stack entry without a template file, or naming a path outside the assembly, is reported', () => {
    const root = copy();
    writeFileSync(join(root, 'outside.template.json'), JSON.stringify({ Resources: {} }));
    editJson(join(root, 'cdk.out', 'manifest.json'), (m) => {
      m.artifacts.Top!.properties.templateFile = '../outside.template.json';
      m.artifacts.Odd = { type: 'aws:cloudformation:stack', properties: {} };
      (m.artifacts as Record<string, unknown>).Untyped = 42;
    });
    const { code, stdout } = audit(root, 'cdk.out');
    const manifest = join('cdk.out', 'manifest.json');
    expect(stdout).toContain(`not read: ${manifest}: stack Top names ../outside.template.json, outside the directory of the manifest, not read\n`);
    expect(stdout).toContain(`not read: ${manifest}: stack Odd has no properties.templateFile, so the audit cannot find it\n`);
    expect(stdout).toContain(`not read: ${manifest}: artifact Untyped has no type, so whether it is a stack is unknown\n`);
    expect(stdout).not.toContain('outside.template.json:');
    expect(code).toBe(2);
  });
});

describe('a manifest the audit cannot use is reported, and the directory walked by file name', () => {
  test.each([
    ['not JSON', '{"artifacts": ', /not valid JSON \(.+\), so the templates it names are unknown; the directory was walked by file name instead/],
    ['of an unknown shape', '{"name": "my-app", "icons": []}', /neither a CDK cloud assembly manifest \(an artifacts object\) nor a cdktf manifest \(a stacks object\), so the templates it names are unknown/],
  ])('a manifest.json %s', (_, text, reason) => {
    const root = copy();
    writeFileSync(join(root, 'cdk.out', 'manifest.json'), text);
    const { code, stdout } = audit(root, 'cdk.out');
    expect(stdout).toMatch(new RegExp(`not read: ${join('cdk.out', 'manifest.json').replace(/[.\\]/g, '\\$&')}: ${reason.source}`));
    // The walk still reads every template by name.
    expect(stdout).toContain(`${join('cdk.out', INNER)}: 1 CORS configuration`);
    expect(code).toBe(2);
  });

  test("another tool's manifest.json beside no synthesized output (a web app manifest) is walked past, not reported", () => {
    const root = copy();
    const site = join(root, 'site', 'public');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'manifest.json'), '{"name": "my-app", "icons": []}');
    mkdirSync(join(root, 'site', 'broken'));
    writeFileSync(join(root, 'site', 'broken', 'manifest.json'), '{');
    const { code, stdout } = audit(root, '.');
    expect(stdout).not.toContain(join('site', 'public', 'manifest.json'));
    expect(stdout).not.toContain(join('site', 'broken'));
    expect(stdout).toContain(`${join('cdk.out', INNER)}: 1 CORS configuration`);
    expect(code).not.toBe(2);
  });

  test('a broken manifest of a nested assembly is reported even with no synthesized output beside it', () => {
    const root = copy();
    const eu = join(root, 'cdk.out', 'assembly-Prod', 'assembly-Prod-Eu');
    rmSync(eu, { recursive: true });
    mkdirSync(eu);
    writeFileSync(join(eu, 'manifest.json'), '{');
    const { code, stdout } = audit(root, 'cdk.out');
    expect(stdout).toContain(`not read: ${join('cdk.out', 'assembly-Prod', 'assembly-Prod-Eu', 'manifest.json')}: not valid JSON (`);
    expect(code).toBe(2);
  });

  test('a manifest with no stack: nothing to audit, exit 2 (CDK and cdktf)', () => {
    const root = copy();
    expect(audit(root, 'empty.out')).toMatchObject({ code: 2, stdout: '', stderr: `cors-constructs: empty.out holds no stack: ${join('empty.out', 'manifest.json')} names none; synthesize an app that defines at least one stack\n` });
    expect(audit(root, 'empty-cdktf.out')).toMatchObject({ code: 2, stderr: expect.stringContaining(`empty-cdktf.out holds no stack: ${join('empty-cdktf.out', 'manifest.json')} names none`) });
  });
});

describe('a cdktf.out: the stacks its manifest names', () => {
  test('a missing stack is reported (exit 2), a renamed one audited', () => {
    const root = copy();
    const out = join(root, 'cdktf.out');
    rmSync(join(out, 'stacks', 'api', 'cdk.tf.json'));
    renameSync(join(out, 'stacks', 'web', 'cdk.tf.json'), join(out, 'stacks', 'web', 'web.json'));
    editJson(join(out, 'manifest.json'), (m) => { m.stacks.web!.synthesizedStackPath = 'stacks/web/web.json'; });
    const { code, stdout } = audit(root, 'cdktf.out');
    expect(stdout).toContain(`not read: ${join('cdktf.out', 'stacks', 'api', 'cdk.tf.json')}: named by stack api in ${join('cdktf.out', 'manifest.json')}, but cannot read it: ENOENT\n`);
    expect(fileLines(stdout)).toEqual([`${join('cdktf.out', 'stacks', 'web', 'web.json')}: 1 CORS configuration`]);
    expect(code).toBe(2);
  });

  test('a stack without synthesizedStackPath is reported', () => {
    const root = copy();
    editJson(join(root, 'cdktf.out', 'manifest.json'), (m) => { delete m.stacks.api!.synthesizedStackPath; });
    const { code, stdout } = audit(root, 'cdktf.out');
    expect(stdout).toContain(`not read: ${join('cdktf.out', 'manifest.json')}: stack api has no synthesizedStackPath, so the audit cannot find it\n`);
    expect(fileLines(stdout)).toEqual([`${join('cdktf.out', 'stacks', 'web', 'cdk.tf.json')}: 1 CORS configuration`]);
    expect(code).toBe(2);
  });
});
