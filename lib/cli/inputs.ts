import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { detectSynthesizedKind, extractCors, type ExtractedCors } from '../core';

/** A clear, user-facing input problem: the CLI prints it and exits 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** One synthesized file and what it holds. */
export interface LoadedFile {
  /** The path as shown to the user (relative to the working directory when inside it). */
  readonly path: string;
  /** The file's text (to locate resources for SARIF). */
  readonly text: string;
  /** Every CORS configuration in it. */
  readonly items: readonly ExtractedCors[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'asset-output']);

function isSynthesizedFile(name: string): boolean {
  return name.endsWith('.template.json') || name.endsWith('.tf.json');
}

// cdk.out: every *.template.json, nested assemblies (assembly-<stage>/) included;
// cdktf.out: stacks/<stack>/cdk.tf.json. Both are found by walking the directory.
function findFiles(dir: string, depth = 0): string[] {
  if (depth > 6) return [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : findFiles(path, depth + 1);
    return entry.isFile() && isSynthesizedFile(entry.name) ? [path] : [];
  });
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/** Reads one file as CloudFormation or Terraform JSON; throws {@link InputError} naming the file. */
export function loadFile(path: string, cwd: string): LoadedFile {
  const shown = display(path, cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${shown} is not valid JSON (${(error as Error).message}); YAML templates are not supported: synthesize to JSON`);
  }
  if (detectSynthesizedKind(document) === undefined) {
    throw new InputError(`${shown} is neither a CloudFormation template (no Resources) nor Terraform JSON (no resource)`);
  }
  return { path: shown, text, items: extractCors(document, { file: shown }) };
}

/** Reads a file, or every synthesized file of a cdk.out / cdktf.out directory. */
export function loadInput(input: string, cwd: string): LoadedFile[] {
  const path = resolve(cwd, input);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(`${input} does not exist`);
  }
  if (!stats.isDirectory()) return [loadFile(path, cwd)];
  let files: string[];
  try {
    files = findFiles(path);
  } catch (error) {
    throw new InputError(`cannot read the directory ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (files.length === 0) throw new InputError(`${input} holds no CloudFormation template (*.template.json) or Terraform JSON (cdk.tf.json, *.tf.json)`);
  return files.map((file) => loadFile(file, cwd));
}
