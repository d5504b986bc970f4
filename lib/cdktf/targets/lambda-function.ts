import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';

/** What `bindToFunction` found in the function's `environment.variables`. */
export type EnvironmentState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'unmergeable' };

/** Reads one variable of the function's `environment.variables`. */
export function readEnvironmentVariable(fn: LambdaFunction, name: string): EnvironmentState {
  const variables = fn.environmentInput?.variables;
  if (variables === undefined) return { kind: 'absent' };
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables) || !isPlainRecord(variables)) return { kind: 'unmergeable' };
  return Object.prototype.hasOwnProperty.call(variables, name) ? { kind: 'value', value: variables[name] } : { kind: 'absent' };
}

/** Sets one variable, keeping every other variable of `environment.variables`. */
export function setEnvironmentVariable(fn: LambdaFunction, name: string, value: string): void {
  const variables = fn.environmentInput?.variables ?? {};
  fn.putEnvironment({ variables: { ...variables, [name]: value } });
}

// A token (IResolvable) map cannot be merged at synth time.
function isPlainRecord(value: object): value is Record<string, string> {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { resolve?: unknown }).resolve !== 'function';
}
