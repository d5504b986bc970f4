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

/** The opaque string kept for a CloudFormation intrinsic: its JSON text. */
export function opaqueIntrinsic(value: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(value);
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
