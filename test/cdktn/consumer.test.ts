import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

// A TypeScript consumer of a cdktn app, compiled with tsc against the package as published: the real
// package.json (exports, typesVersions) over declarations emitted from lib/ into node_modules/cors-constructs/dist,
// under moduleResolution node (node10: typesVersions), node16 and bundler (exports).
// Every subpath resolves in every mode; cdk and testing get stub declarations (emitting them costs seconds of
// aws-cdk-lib typings and their content is not what this checks), the others their real ones.

const root = path.resolve(__dirname, '../..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);
let dir: string;

const EMITTED = ['core', 'cdktf', 'cdktn', 'runtime'];
const STUBBED = ['cdk', 'testing'];

const CONSUMER = `
import { App, TerraformStack } from 'cdktn';
import { Apigatewayv2Api, type Apigatewayv2ApiCorsConfiguration } from '@cdktn/provider-aws/lib/apigatewayv2-api';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';
import type { S3BucketCorsConfiguration } from '@cdktn/provider-aws/lib/s3-bucket-cors-configuration';
import { S3Bucket as CdktfS3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { validateCorsPolicy } from 'cors-constructs';
import { CorsPolicy, type CorsPolicyProps, type HttpApiCorsConfiguration } from 'cors-constructs/cdktn';
import type * as cdktfFlavour from 'cors-constructs/cdktf';
import type * as cdk from 'cors-constructs/cdk';
import type * as runtime from 'cors-constructs/runtime';
import type * as testing from 'cors-constructs/testing';

const app = new App();
const stack = new TerraformStack(app, 'web');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const props: CorsPolicyProps = { allowOrigins: ['https://app.example.com'], allowCredentials: true };
const cors = new CorsPolicy(stack, 'Cors', props);
const created: S3BucketCorsConfiguration = cors.applyToBucket(new S3Bucket(stack, 'Uploads', {}));
const ours: HttpApiCorsConfiguration = cors.toHttpApiCorsConfiguration();
const config: Apigatewayv2ApiCorsConfiguration = ours;
cors.applyToHttpApi(new Apigatewayv2Api(stack, 'Api', { name: 'api', protocolType: 'HTTP', corsConfiguration: config }));
// @ts-expect-error a cdktf resource in a cdktn app is a type error
cors.applyToBucket(new CdktfS3Bucket(stack, 'Mixed', {}));

export const used = [created, ours, validateCorsPolicy(props), runtimeHelper];
declare const runtimeHelper: typeof runtime.withCors;
export type OtherEntries = [typeof cdktfFlavour.CorsPolicy, typeof cdk.stub, typeof testing.stub];
`;

const MODES = [
  { moduleResolution: 'node', module: 'commonjs' },
  { moduleResolution: 'node16', module: 'node16' },
  { moduleResolution: 'bundler', module: 'esnext' },
] as const;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'cors-constructs-consumer-')));
  const pkg = path.join(dir, 'node_modules/cors-constructs');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
  for (const name of ['cdktn', '@cdktn/provider-aws', 'cdktf', '@cdktf/provider-aws', 'constructs']) {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  writeFileSync(path.join(dir, 'tsconfig.emit.json'), JSON.stringify({
    // The published build's options (stripInternal included), so these are the declarations users get.
    extends: path.join(root, 'tsconfig.build.json'),
    compilerOptions: { noEmit: false, emitDeclarationOnly: true, declaration: true, types: ['node'], typeRoots: [path.join(root, 'node_modules/@types')], paths: {}, rootDir: root, outDir: path.join(pkg, 'dist') },
    include: [],
    files: EMITTED.map((entry) => path.join(root, 'lib', entry, 'index.ts')),
  }));
  execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.emit.json')], { cwd: root, stdio: 'pipe' });
  for (const entry of STUBBED) {
    mkdirSync(path.join(pkg, 'dist/lib', entry), { recursive: true });
    writeFileSync(path.join(pkg, 'dist/lib', entry, 'index.d.ts'), 'export declare const stub: true;\n');
  }
  writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER);
  for (const mode of MODES) {
    writeFileSync(path.join(dir, `tsconfig.${mode.moduleResolution}.json`), JSON.stringify({
      compilerOptions: { ...mode, target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['consumer.ts'],
    }));
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(MODES.map((m) => [m.moduleResolution, m] as const))('compiles under moduleResolution %s, each entry point from its dist/lib/<entry>/index.d.ts', async (_name, mode) => {
  const { stdout } = await run(process.execPath, [tsc, '-p', `tsconfig.${mode.moduleResolution}.json`, '--listFiles'], { cwd: dir }).catch((error: { stdout: string }) => {
    throw new Error(`tsc failed under moduleResolution ${mode.moduleResolution}:\n${error.stdout.split('\n').filter((line) => line.includes('error TS')).join('\n')}`);
  });
  const files = stdout.split('\n').map((f) => f.trim().split(path.sep).join('/'));
  for (const entry of [...EMITTED, ...STUBBED]) {
    expect(files).toContain(`${dir.split(path.sep).join('/')}/node_modules/cors-constructs/dist/lib/${entry}/index.d.ts`);
  }
  // The cdktn flavour's declarations name the cdktn packages: the bucket is cdktn's own class.
  expect(files.some((f) => f.endsWith('/node_modules/@cdktn/provider-aws/lib/s3-bucket/index.d.ts'))).toBe(true);
}, 60_000);

test('the declarations hold no @internal member and type-check on their own (skipLibCheck off)', async () => {
  const dist = path.join(dir, 'node_modules/cors-constructs/dist/lib');
  const restApi = readFileSync(path.join(dist, 'cdktf/targets/rest-api.d.ts'), 'utf8');
  expect(restApi).toContain('export declare class RestApiCors');
  expect(restApi).not.toMatch(/_preflights|_gatewayResponses|_template/);
  // A stripped constructor would leave an implicit zero-argument one: `new RestApiCors()` would type-check.
  expect(restApi).toMatch(/constructor\(\s*\/\*\* The REST API\. \*\/\s*api: ApiGatewayRestApi,/);
  writeFileSync(path.join(dir, 'tsconfig.declarations.json'), JSON.stringify({
    compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'ES2022', lib: ['ES2022'], strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(root, 'node_modules/@types')] },
    include: ['node_modules/cors-constructs/dist/lib/**/*.d.ts'],
  }));
  const output = await run(process.execPath, [tsc, '-p', 'tsconfig.declarations.json'], { cwd: dir }).then(() => '', (error: { stdout: string }) => error.stdout);
  // Only our declarations are judged: a framework's own typings are not this package's to fix.
  expect(output.split('\n').filter((line) => line.startsWith('node_modules/cors-constructs/'))).toEqual([]);
}, 120_000);
