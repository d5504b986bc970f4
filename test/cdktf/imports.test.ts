import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

// The import rules (README, "Import cost": a CDK user never loads cdktf, a cdktf user never the provider root), checked on the real module graph: each entry is transpiled
// file by file (no bundling, so every require stays a require) and loaded in a fresh node process,
// which reports Object.keys(require.cache).
const root = path.resolve(__dirname, '../..');
let outdir: string;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

function loadedModules(entry: 'core' | 'cdk' | 'cdktf' | 'cdktn'): string[] {
  const script = `require(${JSON.stringify(path.join(outdir, 'lib', entry, 'index.js'))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const output = execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') } });
  return JSON.parse(output) as string[];
}

const normalized = (files: string[]) => files.map((f) => f.split(path.sep).join('/'));
const isFramework = (file: string, names: string[]) => names.some((name) => file.includes(`/node_modules/${name}/`));

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'cors-constructs-imports-'));
  buildSync({
    // lib/cdktn is generated from lib/cdktf (scripts/generate-cdktn.js; jest's global setup ran it).
    entryPoints: ['core', 'cdk', 'cdktf', 'cdktn'].flatMap((dir) => sources(path.join(root, 'lib', dir))),
    outdir: path.join(outdir, 'lib'),
    outbase: path.join(root, 'lib'),
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'error',
  });
  // Files import each other by package name too ('cors-constructs'): a package.json with the same
  // subpath exports lets node resolve them by self-reference, as it does in dist/.
  writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({
    name: 'cors-constructs',
    exports: { '.': './lib/core/index.js', './cdk': './lib/cdk/index.js', './cdktf': './lib/cdktf/index.js', './cdktn': './lib/cdktn/index.js' },
  }));
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('cors-constructs/cdktf never loads the @cdktf/provider-aws root index, only lib/<resource> modules', () => {
  const loaded = normalized(loadedModules('cdktf'));
  expect(loaded.some((f) => f.endsWith('@cdktf/provider-aws/lib/index.js'))).toBe(false);
  const provider = loaded.filter((f) => f.includes('/node_modules/@cdktf/provider-aws/'));
  expect(provider.length).toBeGreaterThan(0);
  for (const file of provider) expect(file).toMatch(/\/@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js$/);
  // Sanity: the check sees the module graph (cdktf itself and our own files are there).
  expect(loaded.some((f) => f.endsWith('/node_modules/cdktf/lib/index.js'))).toBe(true);
  expect(loaded.some((f) => f.endsWith('/lib/cdktf/cors-policy.js'))).toBe(true);
  expect(loaded.some((f) => isFramework(f, ['aws-cdk-lib']))).toBe(false);
});

test('cors-constructs/cdktf never loads cdktn or @cdktn/provider-aws', () => {
  const loaded = normalized(loadedModules('cdktf'));
  expect(loaded.some((f) => f.endsWith('/lib/cdktf/index.js'))).toBe(true);
  expect(loaded.filter((f) => isFramework(f, ['cdktn', '@cdktn']))).toEqual([]);
});

test('cors-constructs/cdktn loads cdktn and deep @cdktn/provider-aws/lib/<resource> modules only: never cdktf, @cdktf/* or the @cdktn/provider-aws root', () => {
  const loaded = normalized(loadedModules('cdktn'));
  expect(loaded.filter((f) => isFramework(f, ['cdktf', '@cdktf', 'aws-cdk-lib']))).toEqual([]);
  expect(loaded.some((f) => f.endsWith('@cdktn/provider-aws/lib/index.js'))).toBe(false);
  const provider = loaded.filter((f) => f.includes('/node_modules/@cdktn/provider-aws/'));
  expect(provider.length).toBeGreaterThan(0);
  for (const file of provider) expect(file).toMatch(/\/@cdktn\/provider-aws\/lib\/[a-z0-9-]+\/index\.js$/);
  // Sanity: the same provider modules as the cdktf flavour, and our generated files are what loaded.
  const resources = (files: string[], scope: string) => files.filter((f) => f.includes(`/node_modules/${scope}/provider-aws/lib/`)).map((f) => f.replace(/^.*\/provider-aws\/lib\//, '')).sort();
  expect(resources(loaded, '@cdktn')).toEqual(resources(normalized(loadedModules('cdktf')), '@cdktf'));
  expect(loaded.some((f) => f.endsWith('/node_modules/cdktn/lib/index.js'))).toBe(true);
  expect(loaded.some((f) => f.endsWith('/lib/cdktn/cors-policy.js'))).toBe(true);
  expect(loaded.some((f) => f.includes('/lib/cdktf/'))).toBe(false);
});

test('cors-constructs/cdk loads no cdktf module', () => {
  const loaded = normalized(loadedModules('cdk'));
  expect(loaded.some((f) => f.endsWith('/lib/cdk/index.js'))).toBe(true);
  expect(loaded.filter((f) => isFramework(f, ['cdktf', '@cdktf', 'cdktn', '@cdktn']))).toEqual([]);
});

test('cors-constructs (core) loads no framework at all', () => {
  const loaded = normalized(loadedModules('core'));
  expect(loaded.filter((f) => isFramework(f, ['aws-cdk-lib', 'constructs', 'cdktf', '@cdktf', 'cdktn', '@cdktn']))).toEqual([]);
});
