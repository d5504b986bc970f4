import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { detectSynthesizedKind, extractCors, type ExtractedCors } from '../core/internal';
import { readAssetManifest, readManifest, type AssetManifestReading, type ManifestEntry } from './manifest';

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
  /** The parsed JSON, read once (the situational rules read the whole document). */
  readonly document: unknown;
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

/** A file to audit, and the manifest entry that names it. */
interface FoundFile {
  /** The absolute path. */
  readonly path: string;
  /** `stack Top in cdk.out/manifest.json` when a manifest names the file. */
  readonly namedBy?: string;
  /** A CloudFormation template (which may hold no Resources): by its name, or because a cloud assembly manifest says so. */
  readonly template: boolean;
}

/** A directory to read, and the manifest entry that names it (a nested cloud assembly). */
interface PendingDirectory {
  /** The absolute path. */
  readonly path: string;
  /** `nested assembly assembly-Prod in cdk.out/manifest.json` when a manifest names the directory. */
  readonly namedBy?: string;
}

const MANIFEST = 'manifest.json';

// What a cloud assembly (tree.json, *.template.json) or a cdktf output folder (stacks/, cdk.tf.json) holds
// beside its manifest.json.
function isSynthOutputName(name: string): boolean {
  return name === 'tree.json' || name === 'stacks' || name === 'cdk.tf.json' || name.endsWith('.template.json');
}

// CDK writes a nested stack's template as a file asset of its parent stack (<id>.nested.template.json beside
// it), not as a manifest artifact, so inside a cloud assembly those are still found by name.
function isNestedStackTemplate(name: string): boolean {
  return name.endsWith('.nested.template.json');
}

// A directory holding a CDK cloud assembly or cdktf manifest.json: exactly the templates the manifest names
// (and, for CDK, the nested stack templates beside them and the nested assemblies it names, read the same
// way); a named template that is missing is reported, and a template renamed so its name does not end in
// .template.json is still read. Any other directory (or one whose manifest.json cannot be read as either) is
// walked by file name: cdk.out's *.template.json, cdktf.out's stacks/<stack>/cdk.tf.json. Walked without a
// depth limit and without recursion, following symbolic links; a directory or file reached twice (a link loop,
// two links to one target) is read once and reported, except a file a manifest names, which is one template.
function findFiles(root: string, cwd: string): { files: FoundFile[]; skipped: SkippedPath[]; manifests: string[] } {
  const files: FoundFile[] = [];
  const skipped: SkippedPath[] = [];
  const manifests: string[] = [];
  const skip = (path: string, reason: string) => skipped.push({ path: display(path, cwd), reason });
  const seen = new Map<string, { readonly path: string; readonly named: boolean }>();
  const firstVisit = (path: string, named = false): boolean => {
    const real = realpathSync(path);
    const earlier = seen.get(real);
    if (earlier !== undefined) {
      if (!named && !earlier.named) skip(path, `the same ${real === path ? 'path' : `target (${display(real, cwd)})`} as ${display(earlier.path, cwd)}, read once`);
      return false;
    }
    seen.set(real, { path, named });
    return true;
  };
  // Stat before opening: a FIFO is never opened (opening one waits for a writer forever).
  const addFile = (path: string, file: Omit<FoundFile, 'path'>, brokenLink: boolean) => {
    const prefix = file.namedBy !== undefined ? `named by ${file.namedBy}, but ` : '';
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = errorCode(error);
      skip(path, `${prefix}cannot read it: ${code}${brokenLink && code === 'ENOENT' ? ' (a broken symbolic link)' : ''}`);
      return;
    }
    if (!stats.isFile()) skip(path, `${prefix}${stats.isDirectory() ? 'a directory' : 'not a regular file (a FIFO, socket or device)'}, not opened`);
    else if (firstVisit(path, file.namedBy !== undefined)) files.push({ path, ...file });
  };
  // The nested stack templates an asset manifest names: one it names but that is missing is reported.
  const readAssets = (assets: ManifestEntry, manifest: string) => {
    const namedBy = `asset manifest ${assets.id} in ${manifest}`;
    let reading: AssetManifestReading | undefined;
    try {
      reading = readAssetManifest(JSON.parse(readFileSync(assets.path, 'utf8').replace(/^\uFEFF/, '')), dirname(assets.path));
    } catch (error) {
      skip(assets.path, `named by ${namedBy}, but ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot read it: ${errorCode(error)}`}, so the nested stack templates it names are unknown`);
      return;
    }
    if (reading === undefined) {
      skip(assets.path, `named by ${namedBy}, but it is not an object with a files object, so the nested stack templates it names are unknown`);
      return;
    }
    const shown = display(assets.path, cwd);
    for (const problem of reading.problems) skip(assets.path, problem);
    for (const template of reading.templates) addFile(template.path, { namedBy: `asset ${template.id.slice(0, 12)} in ${shown}`, template: true }, false);
  };
  // The nested assemblies to read next, or undefined when dir/manifest.json is not a manifest the audit can use.
  const readAssembly = (dir: string, names: readonly string[], namedBy: string | undefined): PendingDirectory[] | undefined => {
    const path = join(dir, MANIFEST);
    const instead = 'so the templates it names are unknown; the directory was walked by file name instead';
    // A manifest.json beside no synthesized output, in a directory no manifest named, is another tool's (a web
    // app manifest in public/, say): walked past, not reported, so `audit .` on a project root does not fail on it.
    const unusable = (reason: string) => {
      // A nested assembly's manifest (named by its parent's) is always the assembly's, so always reported.
      if (namedBy !== undefined || names.some(isSynthOutputName)) skip(path, `${reason}, ${instead}`);
      return undefined;
    };
    let document: unknown;
    try {
      if (!statSync(path).isFile()) return unusable('not a regular file, not opened');
      document = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      return unusable(error instanceof SyntaxError ? `not valid JSON (${error.message})` : `cannot read it: ${errorCode(error)}`);
    }
    const reading = readManifest(document, dir);
    if (reading.kind === 'unknown') return unusable(reading.reason);
    const shown = display(path, cwd);
    manifests.push(shown);
    for (const problem of reading.problems) skip(path, problem);
    for (const template of reading.templates) addFile(template.path, { namedBy: `stack ${template.id} in ${shown}`, template: reading.kind === 'cdk' }, false);
    for (const assets of reading.assetManifests) readAssets(assets, shown);
    if (reading.kind === 'cdk') {
      // Nested templates no asset manifest names (another synthesizer's) are still found by name.
      for (const name of names.filter(isNestedStackTemplate)) addFile(join(dir, name), { template: true }, true);
    }
    return reading.assemblies.map((assembly) => ({ path: assembly.path, namedBy: `nested assembly ${assembly.id} in ${shown}` }));
  };
  const pending: PendingDirectory[] = [{ path: root }];
  while (pending.length > 0) {
    const { path: dir, namedBy } = pending.pop()!;
    const prefix = namedBy !== undefined ? `named by ${namedBy}, but ` : '';
    let names: string[];
    try {
      if (!firstVisit(dir)) continue;
      names = readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-unit order: the same on every locale
    } catch (error) {
      skip(dir, `${prefix}cannot read the directory: ${errorCode(error)}`);
      continue;
    }
    if (names.includes(MANIFEST)) {
      const assemblies = readAssembly(dir, names, namedBy);
      if (assemblies !== undefined) {
        // Depth first, in path order: the reverse order on a stack.
        pending.push(...assemblies.reverse());
        continue;
      }
    } else if (namedBy !== undefined) {
      skip(dir, `${prefix}it holds no ${MANIFEST}, so the templates of that assembly are unknown; the directory was walked by file name instead`);
    }
    const subdirectories: PendingDirectory[] = [];
    for (const name of names) {
      const path = join(dir, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        const code = errorCode(error);
        if (isSynthesizedFile(name)) skip(path, `cannot read it: ${code}${code === 'ENOENT' ? ' (a broken symbolic link)' : ''}`);
        continue;
      }
      if (stats.isDirectory()) {
        if (!EXCLUDED_DIRS.has(name)) subdirectories.push({ path });
      } else if (isSynthesizedFile(name)) {
        if (!stats.isFile()) skip(path, 'not a regular file (a FIFO, socket or device), not opened');
        else if (firstVisit(path)) files.push({ path, template: name.endsWith('.template.json') });
      }
    }
    // Depth first, in name order: the reverse order on a stack.
    pending.push(...subdirectories.reverse());
  }
  return { files, skipped, manifests };
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

/** How {@link loadFile} reads a file. */
export interface LoadFileOptions {
  /**
   * Read it as a CloudFormation template, which may hold no `Resources` (an empty stack), whatever its name.
   * @default - only when the name ends in `.template.json`
   */
  readonly template?: boolean;
}

/** Reads one file as CloudFormation or Terraform JSON; throws {@link InputError} naming the file. */
export function loadFile(path: string, cwd: string, options: LoadFileOptions = {}): LoadedFile {
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
    if ((options.template ?? path.endsWith('.template.json')) && isResourcelessTemplate(document)) return { path: shown, text, document, items: [] };
    throw new InputError(`${shown} is neither a CloudFormation template (no Resources) nor Terraform JSON (no resource)`);
  }
  return { path: shown, text, document, items: extractCors(document, { file: shown }) };
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
  const { files, skipped, manifests } = findFiles(path, cwd);
  if (files.length === 0 && skipped.length === 0) {
    if (manifests.length > 0) throw new InputError(`${input} holds no stack: ${manifests.join(', ')} ${manifests.length === 1 ? 'names' : 'name'} none; synthesize an app that defines at least one stack`);
    throw new InputError(`${input} holds no CloudFormation template (*.template.json) or Terraform JSON (cdk.tf.json, *.tf.json)`);
  }
  // One file that cannot be read is listed with the others, not the end of the audit of every other file.
  const loaded: LoadedFile[] = [];
  const unread = [...skipped];
  for (const file of files) {
    try {
      loaded.push(loadFile(file.path, cwd, { template: file.template }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const shown = display(file.path, cwd);
      const reason = error.message.startsWith(`${shown} `) ? error.message.slice(shown.length + 1) : error.message;
      unread.push({ path: shown, reason: file.namedBy !== undefined ? `${reason} (named by ${file.namedBy})` : reason });
    }
  }
  return { files: loaded, skipped: unread };
}
