import { isAbsolute, relative, resolve } from 'node:path';

/** A file or directory a manifest names, resolved against the manifest's directory. */
export interface ManifestEntry {
  /** The artifact id (CDK) or stack name (cdktf). */
  readonly id: string;
  /** The absolute path. */
  readonly path: string;
}

/** What a CDK cloud assembly or cdktf manifest names. */
export interface KnownManifest {
  /** `cdk` for a cloud assembly's manifest, `cdktf` for a cdktf (or CDK Terrain) output's. */
  readonly kind: 'cdk' | 'cdktf';
  /** The stack templates (CloudFormation) or synthesized stacks (Terraform JSON), in path order. */
  readonly templates: readonly ManifestEntry[];
  /** The nested cloud assemblies (CDK stages), in path order. */
  readonly assemblies: readonly ManifestEntry[];
  /** The asset manifests (CDK), which name the nested stack templates, in path order. */
  readonly assetManifests: readonly ManifestEntry[];
  /** Entries that name no usable path: each one is a template the audit cannot find. */
  readonly problems: readonly string[];
}

/** A `manifest.json` of neither shape. */
export interface UnknownManifest {
  /** Always `unknown`. */
  readonly kind: 'unknown';
  /** Why it is not read as a manifest. */
  readonly reason: string;
}

/** The reading of a parsed `manifest.json`. */
export type ManifestReading = KnownManifest | UnknownManifest;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Code-unit order, not localeCompare: the same output on every machine whatever its locale.
function byPath(a: ManifestEntry, b: ManifestEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

// Synthesizers write every name relative to the manifest's directory and inside it; a manifest naming a path
// outside it (absolute or climbing with ..) is not one they wrote, so the audit does not read that path.
function within(dir: string, name: string): string | undefined {
  const path = resolve(dir, name);
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? path : undefined;
}

interface Collected {
  readonly templates: ManifestEntry[];
  readonly assemblies: ManifestEntry[];
  readonly assetManifests: ManifestEntry[];
  readonly problems: string[];
}

function collected(): Collected {
  return { templates: [], assemblies: [], assetManifests: [], problems: [] };
}

function collect(dir: string, into: ManifestEntry[], problems: string[], id: string, label: string, field: string, name: unknown): void {
  if (typeof name !== 'string' || name === '') {
    problems.push(`${label} ${id} has no ${field}, so the audit cannot find it`);
    return;
  }
  const path = within(dir, name);
  if (path === undefined) problems.push(`${label} ${id} names ${name}, outside the directory of the manifest, not read`);
  else into.push({ id, path });
}

// A cloud assembly manifest (the cloud assembly schema, package @aws-cdk/cloud-assembly-schema,
// https://github.com/aws/aws-cdk-cli/tree/main/packages/%40aws-cdk/cloud-assembly-schema): artifacts of type
// aws:cloudformation:stack name their template in properties.templateFile, artifacts of type
// cdk:cloud-assembly (a Stage) their directory in properties.directoryName, and artifacts of type
// cdk:asset-manifest their asset manifest in properties.file (it names the nested stack templates), all relative
// to the manifest's directory. Other artifact types (the tree, feature flag reports) hold no template.
function readCloudAssembly(dir: string, artifacts: Record<string, unknown>): Collected {
  const found = collected();
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact) || typeof artifact.type !== 'string') {
      found.problems.push(`artifact ${id} has no type, so whether it is a stack is unknown`);
      continue;
    }
    const properties = isRecord(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'aws:cloudformation:stack') collect(dir, found.templates, found.problems, id, 'stack', 'properties.templateFile', properties.templateFile);
    else if (artifact.type === 'cdk:cloud-assembly') collect(dir, found.assemblies, found.problems, id, 'nested assembly', 'properties.directoryName', properties.directoryName);
    else if (artifact.type === 'cdk:asset-manifest') collect(dir, found.assetManifests, found.problems, id, 'asset manifest', 'properties.file', properties.file);
  }
  return found;
}

// cdktf's manifest (cdktf.out/manifest.json, as cdktf 0.21 and CDK Terrain 0.24 write it): each stack names its
// Terraform JSON in stacks.<name>.synthesizedStackPath, relative to the output directory.
function readCdktfManifest(dir: string, stacks: Record<string, unknown>): Collected {
  const found = collected();
  for (const [id, stack] of Object.entries(stacks)) {
    collect(dir, found.templates, found.problems, id, 'stack', 'synthesizedStackPath', isRecord(stack) ? stack.synthesizedStackPath : undefined);
  }
  return found;
}

/**
 * Reads a parsed `manifest.json` found in `dir`: a CDK cloud assembly's (`artifacts`) or a cdktf output's
 * (`stacks`), else an unknown shape. Entries are returned in path order, so the audit's order does not
 * depend on the order of the manifest's keys.
 */
export function readManifest(document: unknown, dir: string): ManifestReading {
  let kind: 'cdk' | 'cdktf';
  let found: Collected;
  if (isRecord(document) && isRecord(document.artifacts) && !('stacks' in document)) {
    kind = 'cdk';
    found = readCloudAssembly(dir, document.artifacts);
  } else if (isRecord(document) && isRecord(document.stacks) && !('artifacts' in document)) {
    kind = 'cdktf';
    found = readCdktfManifest(dir, document.stacks);
  } else {
    return { kind: 'unknown', reason: 'neither a CDK cloud assembly manifest (an artifacts object) nor a cdktf manifest (a stacks object)' };
  }
  return { kind, templates: found.templates.sort(byPath), assemblies: found.assemblies.sort(byPath), assetManifests: found.assetManifests.sort(byPath), problems: found.problems };
}

/** What an asset manifest names: the nested stack templates among its file assets. */
export interface AssetManifestReading {
  /** The nested stack templates, in path order. */
  readonly templates: readonly ManifestEntry[];
  /** Entries that name no usable path. */
  readonly problems: readonly string[];
}

/**
 * Reads a parsed asset manifest (`<stack>.assets.json`, the same cloud assembly schema), which lists each nested
 * stack's template as a file asset: `files.<hash>.source.path`, relative to the assembly directory. The
 * templates are the file assets named `*.nested.template.json`, as aws-cdk-lib's NestedStack writes them; other
 * assets (Lambda code, a top-level stack's own template) are not. `files` is optional in the schema (a manifest
 * of Docker images only): then none; `undefined` when the document is not an object or `files` is not one.
 */
export function readAssetManifest(document: unknown, dir: string): AssetManifestReading | undefined {
  if (!isRecord(document) || (document.files !== undefined && !isRecord(document.files))) return undefined;
  const templates: ManifestEntry[] = [];
  const problems: string[] = [];
  for (const [id, asset] of Object.entries(isRecord(document.files) ? document.files : {})) {
    const source = isRecord(asset) && isRecord(asset.source) ? asset.source : {};
    if (typeof source.path === 'string' && source.path.endsWith('.nested.template.json')) {
      collect(dir, templates, problems, id, 'nested stack template of asset', 'source.path', source.path);
    }
  }
  return { templates: templates.sort(byPath), problems };
}
