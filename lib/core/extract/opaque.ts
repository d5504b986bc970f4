import { isUnresolvedToken } from '../token';

/**
 * Values that are only known at deploy time. Extractors keep them as opaque strings so that nothing
 * is lost: a CloudFormation intrinsic (`{"Ref": ...}`, `{"Fn::Join": ...}`) becomes its JSON text, a
 * Terraform expression (`${var.origin}`) stays as written.
 */

/** Whether a value read from a template is a CloudFormation intrinsic function or `Ref`. */
export function isIntrinsic(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition');
}

// Deeper than any template a tool writes (CloudFormation itself limits a template to 1 MB), shallow enough for
// JSON.stringify, which recurses and throws RangeError at a few thousand levels.
const MAX_SHOWN_DEPTH = 64;

// The nesting depth of a JSON value, counted without recursion.
function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: Array<readonly [unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The opaque string kept for a CloudFormation intrinsic: its JSON text, or for one nested deeper than
 * {@link MAX_SHOWN_DEPTH} levels, its function name and depth (still an intrinsic's JSON, so still opaque).
 */
export function opaqueIntrinsic(value: Readonly<Record<string, unknown>>): string {
  const depth = depthOf(value);
  if (depth <= MAX_SHOWN_DEPTH) return JSON.stringify(value);
  return JSON.stringify({ [Object.keys(value)[0]!]: `<nested ${depth} levels deep, not shown>` });
}

/** JSON text of any template value, as a key or for a message; never throws on deep nesting. */
export function jsonText(value: unknown): string {
  const depth = depthOf(value);
  return depth <= MAX_SHOWN_DEPTH ? JSON.stringify(value) ?? 'undefined' : JSON.stringify(`<nested ${depth} levels deep, not shown>`);
}

const TERRAFORM_EXPRESSION = /\$\{[^}]*\}/;

/**
 * Whether a string is an unresolved value: the JSON text of a CloudFormation intrinsic, a Terraform
 * interpolation `${...}`, or a CDK/cdktf token. Such an entry never matches a request in the simulator.
 */
export function isOpaqueValue(value: string): boolean {
  if (isUnresolvedToken(value) || TERRAFORM_EXPRESSION.test(value)) return true;
  if (!value.startsWith('{')) return false;
  try {
    return isIntrinsic(JSON.parse(value));
  } catch {
    return false;
  }
}
