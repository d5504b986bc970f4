/**
 * cors-constructs/testing: test the CORS of synthesized stacks before deploying them.
 *
 * ```ts
 * import { corsMatchers } from 'cors-constructs/testing';
 * expect.extend(corsMatchers);
 * expect(stack).toAllowCors('MyStack/Uploads', { origin: 'https://app.example.com', method: 'PUT', credentials: true });
 * ```
 * Works with an aws-cdk-lib `Stack` (construct paths or logical ids), a `Template` or CloudFormation
 * template object (logical ids: `Template.fromStack` drops construct paths), and a cdktf synth string
 * (`Testing.synth(stack)`: Terraform names or addresses). aws-cdk-lib is loaded only when a `Stack` is passed, so
 * cdktf-only projects do not need it.
 * @packageDocumentation
 */
import {
  describeExtracted,
  extractCors,
  selectExtracted,
  simulateCors,
  type CorsRequest,
  type CorsSimulation,
  type ExtractedCors,
  type SimulateCorsOptions,
} from '../core/internal';

export type { CorsRequest, CorsSimulation, ExtractedCors, SimulateCorsOptions } from '../core/internal';

/** What the matchers accept: a CDK `Stack` or `Template`, a template object, or a cdktf synth string. */
export type SynthesizedInput = object | string;

interface TemplateLike {
  toJSON(): unknown;
  findResources(type: string): unknown;
}

function isTemplateLike(value: object): value is TemplateLike {
  return typeof (value as Partial<TemplateLike>).toJSON === 'function' && typeof (value as Partial<TemplateLike>).findResources === 'function';
}

function looksLikeDocument(value: object): boolean {
  return 'Resources' in value || 'resource' in value;
}

interface CdkModules {
  Stack: { isStack(x: unknown): boolean };
  Template: { fromStack(stack: unknown): TemplateLike };
}

function loadCdk(): CdkModules {
  try {
    // Loaded lazily so that cdktf-only users never need aws-cdk-lib.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('aws-cdk-lib') as { Stack: CdkModules['Stack'] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const assertions = require('aws-cdk-lib/assertions') as { Template: CdkModules['Template'] };
    return { Stack: core.Stack, Template: assertions.Template };
  } catch {
    throw new TypeError('cors-constructs/testing: this value is not a template or a cdktf synth string, and aws-cdk-lib is not installed to read it as a Stack');
  }
}

interface ConstructLike {
  readonly node: { readonly path: string; findAll(): readonly ConstructLike[] };
  readonly logicalId?: unknown;
  readonly cfnResourceType?: unknown;
}

// Template.fromStack omits aws:cdk:path metadata, so paths come from the construct tree.
function constructPaths(stack: object): Record<string, string> {
  const paths: Record<string, string> = {};
  const resolver = stack as { resolve?: (value: unknown) => unknown };
  for (const child of (stack as ConstructLike).node.findAll()) {
    if (typeof child.cfnResourceType !== 'string' || child.logicalId === undefined || typeof resolver.resolve !== 'function') continue;
    const id = resolver.resolve(child.logicalId);
    if (typeof id === 'string') paths[id] = child.node.path;
  }
  return paths;
}

/** The synthesized JSON document of any supported input. */
export function synthesizedDocument(input: SynthesizedInput): unknown {
  return readInput(input).document;
}

function readInput(input: SynthesizedInput): { document: unknown; constructPaths?: Record<string, string> } {
  if (typeof input === 'string') {
    try {
      return { document: JSON.parse(input) };
    } catch {
      throw new TypeError('cors-constructs/testing: the string is not JSON; pass the output of Testing.synth(stack)');
    }
  }
  if (isTemplateLike(input)) return { document: input.toJSON() };
  if (looksLikeDocument(input)) return { document: input };
  const cdk = loadCdk();
  if (cdk.Stack.isStack(input)) return { document: cdk.Template.fromStack(input).toJSON(), constructPaths: constructPaths(input) };
  throw new TypeError('cors-constructs/testing: expected an aws-cdk-lib Stack or Template, a template object, or a cdktf synth string');
}


/** Every CORS configuration in a synthesized stack, made by this library or not. */
export function findCorsConfigurations(input: SynthesizedInput): ExtractedCors[] {
  const { document, constructPaths: paths } = readInput(input);
  return extractCors(document, paths !== undefined ? { constructPaths: paths } : {});
}

/**
 * The one CORS configuration a selector names (construct path, logical id, Terraform address or
 * name); throws listing the candidates when none or several match.
 */
export function findCorsConfiguration(input: SynthesizedInput, selector: string): ExtractedCors {
  const items = findCorsConfigurations(input);
  const selected = selectExtracted(items, selector);
  if (selected.length === 1) return selected[0]!;
  const known = items.map(describeExtracted).join(', ') || 'none';
  throw new Error(selected.length === 0
    ? `no CORS configuration matches '${selector}'; found: ${known}`
    : `'${selector}' matches ${selected.length} CORS configurations: ${selected.map(describeExtracted).join(', ')}; use a logical id or a longer path`);
}

/** Simulates a request against the CORS configuration a selector names. */
export function simulateCorsFor(input: SynthesizedInput, selector: string, request: CorsRequest, options: SimulateCorsOptions = {}): CorsSimulation & { readonly resource: ExtractedCors } {
  const resource = findCorsConfiguration(input, selector);
  return { ...simulateCors(resource.target, resource.config, request, options), resource };
}

/** The result of a matcher, as jest expects it. */
export interface CorsMatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The failure message. */
  readonly message: () => string;
}

function describeRequest(request: CorsRequest): string {
  const headers = request.headers === undefined ? [] : Array.isArray(request.headers) ? (request.headers as readonly string[]) : Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`);
  return `${request.method} from ${request.origin}${headers.length > 0 ? ` with ${headers.join(', ')}` : ''}${request.credentials ? ' with credentials' : ''}`;
}

/**
 * `expect(stack).toAllowCors(selector, request, options?)`: passes when a browser on
 * `request.origin` can make the request and read the response. The failure message states the
 * reason, e.g. "Access-Control-Allow-Headers does not list x-api-key". A selector that matches no
 * CORS configuration, or several, throws (with or without `.not`).
 */
function toAllowCors(this: { readonly isNot?: boolean } | void, received: SynthesizedInput, selector: string, request: CorsRequest, options?: SimulateCorsOptions): CorsMatcherResult {
  let result: CorsSimulation & { readonly resource: ExtractedCors };
  try {
    result = simulateCorsFor(received, selector, request, options);
  } catch (error) {
    // A selector that names nothing (or unreadable input) must fail under `.not` too: returning
    // `pass: false` would make `expect(x).not.toAllowCors('typo', …)` pass silently.
    throw new Error(`toAllowCors: ${error instanceof Error ? error.message : String(error)}`);
  }
  const what = `${describeRequest(request)} to ${describeExtracted(result.resource)} [${result.resource.target}]`;
  const steps = result.reasons.map((r) => `  - ${r}`).join('\n');
  return {
    pass: result.allowed,
    message: () => result.allowed
      ? `expected ${what} to be blocked, but it is allowed:\n${steps}`
      : `expected ${what} to be allowed, but it is blocked: ${result.failure}\n${steps}`,
  };
}

/** The matchers, for `expect.extend(corsMatchers)`. */
export const corsMatchers = { toAllowCors };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // Declaration merging must repeat jest's own type parameters.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> {
      /**
       * Passes when a browser on `request.origin` can make `request` against the CORS configuration
       * `selector` names (construct path, logical id, Terraform address or name) and read the response.
       * Receives an aws-cdk-lib `Stack` or `Template`, a template object, or a cdktf synth string.
       */
      toAllowCors(selector: string, request: CorsRequest, options?: SimulateCorsOptions): R;
    }
  }
}
