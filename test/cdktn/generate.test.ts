import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { generate, generatedFiles, GENERATED_MARK, GenerationError, rewriteSource, rewriteSpecifier } from '../../scripts/generate-cdktn';

// scripts/generate-cdktn.js: lib/cdktn is lib/cdktf with two package names rewritten in module specifiers,
// and the generation fails on anything in lib/cdktf that names cdktf in a way the rewrite does not cover.

const root = path.resolve(__dirname, '../..');
const script = path.join(root, 'scripts/generate-cdktn.js');

function problems(source: string): string[] {
  try {
    rewriteSource(source, 'lib/cdktf/x.ts');
    return [];
  } catch (error) {
    if (error instanceof GenerationError) return error.problems;
    throw error;
  }
}

// The generated source after its header (two lines and a blank one).
const body = (generated: string) => generated.split('\n').slice(3).join('\n');

describe('rewriteSpecifier', () => {
  test.each([
    ['cdktf', 'cdktn'],
    ['cdktf/lib/testing/adapters/jest', 'cdktn/lib/testing/adapters/jest'],
    ['@cdktf/provider-aws/lib/s3-bucket', '@cdktn/provider-aws/lib/s3-bucket'],
    ['@cdktf/provider-aws/lib/s3-bucket/index', '@cdktn/provider-aws/lib/s3-bucket/index'],
    ['constructs', 'constructs'],
    ['../core', '../core'],
    ['./targets/s3', './targets/s3'],
    ['node:fs', 'node:fs'],
  ])('%s -> %s', (from, to) => {
    expect(rewriteSpecifier(from)).toBe(to);
  });

  test.each([
    '@cdktf/provider-aws',
    '@cdktf/provider-aws/lib',
    '@cdktf/provider-aws/lib/index',
    '@cdktf/provider-google/lib/storage-bucket',
    '@cdktf/hcl2json',
    'cdktf-cli',
    'cdktf-local-exec',
    '../cdktf/view',
    'CDKTF',
  ])('%s is not rewritten: an error', (specifier) => {
    expect(rewriteSpecifier(specifier)).toEqual({ error: expect.any(String) });
  });
});

describe('rewriteSource', () => {
  test('rewrites the specifiers of import, import type, export from, import = require and require; everything else is kept byte for byte', () => {
    const source = [
      "import { Annotations, type TerraformStack } from 'cdktf';",
      'import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";',
      "import * as region from '@cdktf/provider-aws/lib/data-aws-region';",
      "export { Fn } from 'cdktf';",
      "export * from 'cdktf/lib/terraform-functions';",
      "import jest = require('cdktf/lib/testing/adapters/jest');",
      "const { Token } = require('cdktf');",
      "import { Construct } from 'constructs';",
      "import { render } from '../core';",
      '// A comment about cdktf and @cdktf/provider-aws stays as written.',
      '/** cdktf annotations whose text starts with `cors-constructs:<rule>`. */',
      'export const x = [Annotations, region, Fn, jest, Token, Construct, render] as unknown as TerraformStack | S3Bucket;',
      '',
    ].join('\n');
    const generated = rewriteSource(source, 'lib/cdktf/x.ts');
    expect(generated.startsWith(`${GENERATED_MARK} from lib/cdktf/x.ts: do not edit.\n`)).toBe(true);
    expect(body(generated)).toBe(source
      .replace("from 'cdktf';", "from 'cdktn';").replace("from 'cdktf';", "from 'cdktn';")
      .replace('"@cdktf/provider-aws/lib/s3-bucket"', '"@cdktn/provider-aws/lib/s3-bucket"')
      .replace("'@cdktf/provider-aws/lib/data-aws-region'", "'@cdktn/provider-aws/lib/data-aws-region'")
      .replace("'cdktf/lib/terraform-functions'", "'cdktn/lib/terraform-functions'")
      .replace("require('cdktf/lib/testing/adapters/jest')", "require('cdktn/lib/testing/adapters/jest')")
      .replace("require('cdktf')", "require('cdktn')"));
    expect(body(generated)).toContain('// A comment about cdktf and @cdktf/provider-aws stays as written.');
  });

  test.each([
    ['the provider root', "import { S3Bucket } from '@cdktf/provider-aws';", /provider's root index/],
    ['the provider lib index', "import { s3Bucket } from '@cdktf/provider-aws/lib';", /provider's root index/],
    ['another @cdktf package', "import { Bucket } from '@cdktf/provider-google/lib/storage-bucket';", /no cdktn counterpart for module '@cdktf\/provider-google/],
    ['a package whose name contains cdktf', "import { LocalExec } from 'cdktf-local-exec';", /no cdktn counterpart for module 'cdktf-local-exec'/],
    ['a relative path into lib/cdktf', "import { TerraformView } from '../cdktf/view';", /no cdktn counterpart for module '..\/cdktf\/view'/],
    ['export from another @cdktf package', "export * from '@cdktf/hcl2json';", /no cdktn counterpart/],
    ['require of another @cdktf package', "const p = require('@cdktf/provider-aws');", /provider's root index/],
    ['a dynamic import', "export const load = () => import('cdktf');", /dynamic import\(\) of 'cdktf'/],
    ['a dynamic import of a computed name', "const name = 'x'; export const load = () => import(name);", /dynamic import\(\) of a computed module name/],
    ['an import() type', "export type S = import('cdktf').TerraformStack;", /import\('cdktf'\) type/],
    ['a require of a template', 'const c = require(`cdktf`);', /template literal naming cdktf/],
    ['a string naming the package', "export const level = '@cdktf/warn';", /names cdktf outside a module specifier/],
    ['a string naming the framework', "export const hint = 'run cdktf synth';", /names cdktf outside a module specifier/],
    ['a template naming the framework', 'export const hint = (x: string) => `${x} from cdktf`;', /names cdktf outside a module specifier/],
    ['a regular expression naming the framework', 'export const marker = /cdktf\\//;', /names cdktf outside a module specifier/],
    ['require.resolve of the framework', "export const where = require.resolve('cdktf');", /names cdktf outside a module specifier/],
    ['module augmentation', "declare module 'cdktf' { interface TerraformStack { x: string } }", /names cdktf outside a module specifier/],
    ['a require of a computed name', "const name = ['cd', 'ktf'].join(''); export const tf = require(name);", /require\(\) of a computed module name/],
    ['a triple-slash type reference', '/// <reference types="cdktf" />\nexport const a = 1;', /\/\/\/ <reference> of 'cdktf' is not rewritten/],
    ['a triple-slash path reference into lib/cdktf', '/// <reference path="../cdktf/globals.d.ts" />\nexport const a = 1;', /\/\/\/ <reference> of '..\/cdktf\/globals\.d\.ts'/],
  ])('%s fails the generation', (_name, source, message) => {
    const found = problems(source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^lib\/cdktf\/x\.ts:1:\d+: /);
    expect(found[0]).toMatch(message);
  });

  test.each([
    ['a named import', "import { TerraformStack } from 'cdktf';\nexport const is = (x: unknown) => x instanceof TerraformStack;"],
    ['an aliased import', "import { TerraformStack as Stack } from 'cdktf';\nexport const is = (x: unknown) => x instanceof Stack;"],
    ['a namespace import', "import * as tf from 'cdktf';\nexport const is = (x: unknown) => x instanceof tf.TerraformStack;"],
    ['a default import', "import tf from 'cdktf';\nexport const is = (x: unknown) => x instanceof tf.TerraformStack;"],
    ['a provider class', "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nexport const is = (x: unknown) => x instanceof S3Bucket;"],
    ['a required class', "const { TerraformResource } = require('cdktf');\nexport const is = (x: unknown) => x instanceof TerraformResource;"],
    ['a required namespace', "const tf = require('cdktf');\nexport const is = (x: unknown) => x instanceof tf.TerraformResource;"],
    ['import = require', "import tf = require('cdktf');\nexport const is = (x: unknown) => x instanceof tf.TerraformResource;"],
    ['a constructs class', "import { Construct } from 'constructs';\nexport const is = (x: unknown) => x instanceof Construct;"],
    ['a parenthesized cast', "import { TerraformStack } from 'cdktf';\nexport const is = (x: unknown) => x instanceof (TerraformStack as unknown as Function);"],
    ['a local alias', "import { TerraformStack } from 'cdktf'; const Stack = TerraformStack;\nexport const is = (x: unknown) => x instanceof Stack;"],
    ['a class destructured from a namespace', "import * as tf from 'cdktf'; const { TerraformResource: R } = tf;\nexport const is = (x: unknown) => x instanceof R;"],
  ])('instanceof on a framework class (%s) fails the generation', (_name, source) => {
    const found = problems(source);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^lib\/cdktf\/x\.ts:2:\d+: instanceof .* tests a class imported from a framework module/);
  });

  test('instanceof on other classes, static checks of framework classes and other references are fine', () => {
    const source = [
      '/// <reference types="node" />',
      "import { TerraformResource, TerraformStack } from 'cdktf';",
      'class Local {}',
      'export const a = (x: unknown) => x instanceof Error || x instanceof Map || x instanceof Local;',
      'export const b = (x: unknown) => TerraformStack.isStack(x) || TerraformResource.isTerraformResource(x);',
      // A value read from a framework class through a call is not an alias of it.
      'const app = TerraformStack.of(new Local() as never);',
      'export const c = (x: unknown) => x instanceof Local && app;',
    ].join('\n');
    expect(problems(source)).toEqual([]);
  });

  test('every problem of a file is reported at once, with its line', () => {
    const found = problems("import { S3Bucket } from '@cdktf/provider-aws';\nimport { App } from 'cdktf';\nexport const a = (x: unknown) => x instanceof App;\nexport const b = '@cdktf/warn';\n");
    expect(found.map((p) => p.split(': ')[0])).toEqual(['lib/cdktf/x.ts:1:26', 'lib/cdktf/x.ts:3:34', 'lib/cdktf/x.ts:4:18']);
  });
});

describe('lib/cdktf', () => {
  test('generates without a problem, and lib/cdktn is up to date', () => {
    const files = generatedFiles(root);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['index.ts', 'cors-policy.ts', 'view.ts']));
    expect(generate(root, { check: true })).toEqual({ changed: [], stale: [] });
  });

  test('every rewritten module resolves to cdktn or @cdktn/provider-aws, and lib/cdktn names no cdktf module', () => {
    const specifiers = new Set<string>();
    for (const content of Object.values(generatedFiles(root))) {
      for (const match of content.matchAll(/(?:from |require\()'([^']+)'/g)) specifiers.add(match[1]!);
    }
    const framework = [...specifiers].filter((s) => /^(@cdktn\/|cdktn)/.test(s));
    expect(framework).toContain('cdktn');
    expect(framework.some((s) => s.startsWith('@cdktn/provider-aws/lib/'))).toBe(true);
    for (const specifier of framework) expect(require.resolve(specifier, { paths: [root] })).toContain(`${path.sep}node_modules${path.sep}`);
    expect([...specifiers].filter((s) => /cdktf/i.test(s))).toEqual([]);
  });

  test('no hand-kept copy: lib/cdktn is git-ignored', () => {
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n')).toContain('/lib/cdktn/');
  });
});

describe('generate() and the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cors-constructs-generate-'));
    mkdirSync(path.join(dir, 'lib/cdktf/targets'), { recursive: true });
    writeFileSync(path.join(dir, 'lib/cdktf/index.ts'), "export { App } from 'cdktf';\n");
    writeFileSync(path.join(dir, 'lib/cdktf/targets/s3.ts'), "export { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    try {
      execFileSync(process.execPath, [script, `--root=${dir}`, ...args], { encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, stderr: '' };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { status: failed.status, stderr: failed.stderr };
    }
  };

  test('writes changed files only, removes generated files whose source is gone', () => {
    expect(generate(dir)).toEqual({ changed: ['index.ts', 'targets/s3.ts'], stale: [] });
    expect(body(readFileSync(path.join(dir, 'lib/cdktn/targets/s3.ts'), 'utf8'))).toBe("export { S3Bucket } from '@cdktn/provider-aws/lib/s3-bucket';\n");
    expect(generate(dir)).toEqual({ changed: [], stale: [] });
    rmSync(path.join(dir, 'lib/cdktf/targets/s3.ts'));
    expect(generate(dir, { check: true })).toEqual({ changed: [], stale: ['targets/s3.ts'] });
    expect(generate(dir)).toEqual({ changed: [], stale: ['targets/s3.ts'] });
    expect(existsSync(path.join(dir, 'lib/cdktn/targets/s3.ts'))).toBe(false);
    // The folder it leaves empty goes too (a renamed lib/cdktf folder leaves no empty twin); the root stays.
    expect(existsSync(path.join(dir, 'lib/cdktn/targets'))).toBe(false);
    expect(existsSync(path.join(dir, 'lib/cdktn/index.ts'))).toBe(true);
  });

  test('rewrites a file generated with the earlier `//` header instead of refusing it as hand-written', () => {
    mkdirSync(path.join(dir, 'lib/cdktn'), { recursive: true });
    writeFileSync(path.join(dir, 'lib/cdktn/index.ts'), "// GENERATED by scripts/generate-cdktn.js from lib/cdktf/index.ts: do not edit.\n// old\nexport { App } from 'cdktn';\n");
    expect(generate(dir)).toEqual({ changed: ['index.ts', 'targets/s3.ts'], stale: [] });
    expect(readFileSync(path.join(dir, 'lib/cdktn/index.ts'), 'utf8').startsWith(GENERATED_MARK)).toBe(true);
  });

  test('the header survives compilation: tsc keeps it at the top of the emitted .d.ts and in the .js', () => {
    // A documented export first, and an `import type` first (elided from the .js with the comments attached to it).
    writeFileSync(path.join(dir, 'lib/cdktf/index.ts'), "/** The entry point. */\nexport { App } from 'cdktf';\n/** Documented. */\nexport const answer = 42;\n");
    writeFileSync(path.join(dir, 'lib/cdktf/targets/s3.ts'), "import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nexport const none: S3Bucket | undefined = undefined;\n");
    generate(dir);
    const emitted: Record<string, string> = {};
    const files = ['index.ts', 'targets/s3.ts'].map((file) => path.join(dir, 'lib/cdktn', file));
    const program = ts.createProgram(files, { declaration: true, module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, outDir: path.join(dir, 'out'), noResolve: true, types: [] });
    program.emit(undefined, (file, text) => { emitted[path.basename(file)] = text; });
    for (const [name, source] of [['index', 'index.ts'], ['s3', 'targets/s3.ts']]) {
      const header = `${GENERATED_MARK} from lib/cdktf/${source}: do not edit.`;
      expect(emitted[`${name}.d.ts`]!.startsWith(header)).toBe(true);
      expect(emitted[`${name}.js`]!.startsWith(`"use strict";\n${header}`)).toBe(true);
    }
  });

  test('refuses to overwrite or remove a file in lib/cdktn that it did not generate', () => {
    mkdirSync(path.join(dir, 'lib/cdktn'), { recursive: true });
    writeFileSync(path.join(dir, 'lib/cdktn/extra.ts'), 'export const handWritten = true;\n');
    expect(() => generate(dir)).toThrow(/lib\/cdktn\/extra\.ts: not generated/);
  });

  test('exits 0 when it generates, 1 with every problem when a source names cdktf in a way it cannot rewrite', () => {
    expect(cli()).toEqual({ status: 0, stderr: '' });
    expect(cli('--check')).toEqual({ status: 0, stderr: '' });
    writeFileSync(path.join(dir, 'lib/cdktf/index.ts'), "export { App } from 'cdktf';\nexport const load = () => import('@cdktf/provider-aws');\n");
    const failed = cli();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain("lib/cdktf/index.ts:2:27: dynamic import() of '@cdktf/provider-aws' is not rewritten");
    // Nothing was written: the generated file still holds the last good generation.
    expect(body(readFileSync(path.join(dir, 'lib/cdktn/index.ts'), 'utf8'))).toBe("export { App } from 'cdktn';\n");
  });

  test('--check exits 1 when lib/cdktn is out of date', () => {
    generate(dir);
    writeFileSync(path.join(dir, 'lib/cdktf/index.ts'), "export { App, Fn } from 'cdktf';\n");
    expect(cli('--check')).toEqual({ status: 1, stderr: expect.stringContaining('lib/cdktn is out of date (index.ts)') });
  });
});

// jest.config.js maps module names for the 'cdktf tests on cdktn' project by hand; it must rename exactly as
// the generator does, or that project would test something other than the published lib/cdktn.
describe("the jest project 'cdktf tests on cdktn'", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../jest.config.js') as { projects: { displayName: string; moduleNameMapper: Record<string, string> }[] };
  const mapper = config.projects.find((p) => p.displayName === 'cdktf tests on cdktn')!.moduleNameMapper;
  const mapped = (specifier: string): string => {
    for (const [pattern, replacement] of Object.entries(mapper)) {
      const match = new RegExp(pattern).exec(specifier);
      if (match) return replacement.replace(/\$(\d)/g, (_, i: string) => match[Number(i)]!);
    }
    return specifier;
  };
  const frameworkSpecifiers = (dir: string): string[] => {
    const found = new Set<string>();
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        const full = path.join(d, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          for (const m of readFileSync(full, 'utf8').matchAll(/from '((?:cdktf|@cdktf\/provider-aws)(?:\/[^']*)?)'/g)) found.add(m[1]!);
        }
      }
    };
    walk(dir);
    return [...found].sort();
  };
  const specifiers = [...new Set([...frameworkSpecifiers(path.join(root, 'lib/cdktf')), ...frameworkSpecifiers(path.join(root, 'test/cdktf'))])];

  test('finds the framework modules lib/cdktf and its tests import', () => {
    expect(specifiers).toEqual(expect.arrayContaining(['cdktf', '@cdktf/provider-aws/lib/s3-bucket']));
  });

  test.each(specifiers)('maps %s as the generator rewrites it', (specifier) => {
    expect(mapped(specifier)).toBe(rewriteSpecifier(specifier));
  });
});
