import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
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

/** A path the audit did not read, and why; any of them makes the audit incomplete (exit 2). */
export interface SkippedPath {
  /** The path as shown to the user. */
  readonly path: string;
  /** Why it was not read. */
  readonly reason: string;
}

/** Every synthesized file of an input, and the paths that could not be read. */
export interface LoadedInput {
  /** The files read, in path order. */
  readonly files: readonly LoadedFile[];
  /** What was not read, in path order. */
  readonly skipped: readonly SkippedPath[];
}

// Never synthesized output: dependencies, git metadata and CDK's bundling scratch directory.
const EXCLUDED_DIRS = new Set(['node_modules', '.git', 'asset-output']);

function isSynthesizedFile(name: string): boolean {
  return name.endsWith('.template.json') || name.endsWith('.tf.json');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

// cdk.out: every *.template.json, nested assemblies (assembly-<stage>/) included; cdktf.out:
// stacks/<stack>/cdk.tf.json. Walked without a depth limit and without recursion, following symbolic links;
// a directory or file reached twice (a link loop, two links to one target) is read once and reported.
function findFiles(root: string, cwd: string): { files: string[]; skipped: SkippedPath[] } {
  const files: string[] = [];
  const skipped: SkippedPath[] = [];
  const seen = new Map<string, string>();
  const firstVisit = (path: string): boolean => {
    const real = realpathSync(path);
    const earlier = seen.get(real);
    if (earlier !== undefined) {
      skipped.push({ path: display(path, cwd), reason: `the same ${real === path ? 'path' : `target (${display(real, cwd)})`} as ${display(earlier, cwd)}, read once` });
      return false;
    }
    seen.set(real, path);
    return true;
  };
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let names: string[];
    try {
      if (!firstVisit(dir)) continue;
      names = readdirSync(dir).sort((a, b) => a.localeCompare(b));
    } catch (error) {
      skipped.push({ path: display(dir, cwd), reason: `cannot read the directory: ${errorCode(error)}` });
      continue;
    }
    const subdirectories: string[] = [];
    for (const name of names) {
      const path = join(dir, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        const code = errorCode(error);
        if (isSynthesizedFile(name)) skipped.push({ path: display(path, cwd), reason: `cannot read it: ${code}${code === 'ENOENT' ? ' (a broken symbolic link)' : ''}` });
        continue;
      }
      if (stats.isDirectory()) {
        if (!EXCLUDED_DIRS.has(name)) subdirectories.push(path);
      } else if (isSynthesizedFile(name)) {
        if (!stats.isFile()) skipped.push({ path: display(path, cwd), reason: 'not a regular file (a FIFO, socket or device), not opened' });
        else if (firstVisit(path)) files.push(path);
      }
    }
    // Depth first, in name order: the reverse order on a stack.
    pending.push(...subdirectories.reverse());
  }
  return { files, skipped };
}

function display(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

// The top-level sections of a CloudFormation template other than Resources (template anatomy,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html).
const TEMPLATE_SECTIONS = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Outputs'];

function isResourcelessTemplate(document: unknown): boolean {
  return typeof document === 'object' && document !== null && !Array.isArray(document) && TEMPLATE_SECTIONS.some((key) => key in document);
}

/** Reads one file as CloudFormation or Terraform JSON; throws {@link InputError} naming the file. */
export function loadFile(path: string, cwd: string): LoadedFile {
  const shown = display(path, cwd);
  let text: string;
  try {
    // A byte order mark is legal at the start of a UTF-8 file and is not part of the JSON text (RFC 8259 §8.1).
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new InputError(`cannot read ${shown}: ${errorCode(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${shown} is not valid JSON (${(error as Error).message}); YAML templates are not supported: synthesize to JSON`);
  }
  if (detectSynthesizedKind(document) === undefined) {
    // A stack without resources (aws-cdk-lib writes only Parameters and Rules for an empty Stack) holds no CORS.
    if (path.endsWith('.template.json') && isResourcelessTemplate(document)) return { path: shown, text, items: [] };
    throw new InputError(`${shown} is neither a CloudFormation template (no Resources) nor Terraform JSON (no resource)`);
  }
  return { path: shown, text, items: extractCors(document, { file: shown }) };
}

/** Reads a file, or every synthesized file of a cdk.out / cdktf.out directory. */
export function loadInput(input: string, cwd: string): LoadedInput {
  const path = resolve(cwd, input);
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new InputError(`${input} does not exist`);
  }
  if (stats.isFile()) return { files: [loadFile(path, cwd)], skipped: [] };
  // Opening a FIFO waits for a writer forever.
  if (!stats.isDirectory()) throw new InputError(`${input} is not a regular file (a FIFO, socket or device): pass a template file or a cdk.out / cdktf.out directory`);
  const { files, skipped } = findFiles(path, cwd);
  if (files.length === 0 && skipped.length === 0) throw new InputError(`${input} holds no CloudFormation template (*.template.json) or Terraform JSON (cdk.tf.json, *.tf.json)`);
  // One file that cannot be read is listed with the others, not the end of the audit of every other file.
  const loaded: LoadedFile[] = [];
  const unread = [...skipped];
  for (const file of files) {
    try {
      loaded.push(loadFile(file, cwd));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const shown = display(file, cwd);
      unread.push({ path: shown, reason: error.message.startsWith(`${shown} `) ? error.message.slice(shown.length + 1) : error.message });
    }
  }
  return { files: loaded, skipped: unread };
}
