import { RUNTIME_POLICY_ENV, targetCorsConflict, type CorsDiagnostic } from '../../core/internal';
import { Fn } from 'cdktf';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import type { TargetContext } from '../context';
import { LIST_TOKEN } from '../tokens';
import type { TerraformView } from '../view';

// What `bindToFunction` found in the function's `environment.variables`.
type EnvironmentState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'unmergeable' };

// Reads one variable of the function's `environment.variables`.
function readEnvironmentVariable(fn: LambdaFunction, name: string): EnvironmentState {
  const variables = fn.environmentInput?.variables;
  if (variables === undefined) return { kind: 'absent' };
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables) || !isPlainRecord(variables)) return { kind: 'unmergeable' };
  return Object.prototype.hasOwnProperty.call(variables, name) ? { kind: 'value', value: variables[name] } : { kind: 'absent' };
}

// Sets one variable, keeping every other variable of `environment.variables`.
function setEnvironmentVariable(fn: LambdaFunction, name: string, value: string): void {
  const variables = fn.environmentInput?.variables ?? {};
  fn.putEnvironment({ variables: { ...variables, [name]: value } });
}

// A token (IResolvable) map cannot be merged at synth time.
function isPlainRecord(value: object): value is Record<string, string> {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { resolve?: unknown }).resolve !== 'function';
}

/**
 * The functions a policy bound to the runtime helper (`bindToFunction`): the variable it sets, the
 * conflicts with another value, and which functions other targets' facts refer to.
 * @internal
 */
export class LambdaFunctionBindings {
  private readonly functions: LambdaFunction[] = [];
  private runtimeJson?: string;

  constructor(private readonly ctx: TargetContext) {}

  /** Whether any function is bound (the facts that need one are not gathered otherwise). */
  public get any(): boolean {
    return this.functions.length > 0;
  }

  /** Sets the runtime variable on the function; a different value already there is a conflict. */
  public bind(fn: LambdaFunction): void {
    if (this.functions.includes(fn)) return;
    const value = this.runtimePolicyJson();
    const current = readEnvironmentVariable(fn, RUNTIME_POLICY_ENV);
    if (current.kind === 'unmergeable') {
      this.ctx.addConflict(targetCorsConflict(fn.node.path, undefined, 'environment.variables is a token, so the policy variable cannot be added to it'));
    } else {
      if (current.kind === 'value' && current.value !== value) {
        this.ctx.addConflict(targetCorsConflict(fn.node.path, undefined, `${RUNTIME_POLICY_ENV}=${String(current.value)}`));
      }
      setEnvironmentVariable(fn, RUNTIME_POLICY_ENV, value);
    }
    this.functions.push(fn);
  }

  /** The first bound function a Terraform value refers to (e.g. a `function_name` or an integration `uri`). */
  public boundFunction(view: TerraformView, value: unknown): LambdaFunction | undefined {
    return this.functions.find((fn) => view.refersTo(value, fn));
  }

  /** A bound variable removed or changed since (bound functions add no warning of their own: they are facts of other targets). */
  public conflicts(): CorsDiagnostic[] {
    const found: CorsDiagnostic[] = [];
    for (const fn of this.functions) {
      const current = readEnvironmentVariable(fn, RUNTIME_POLICY_ENV);
      if (current.kind === 'absent' || (current.kind === 'value' && current.value !== this.runtimePolicyJson())) {
        found.push(targetCorsConflict(fn.node.path, undefined, `environment.variables.${RUNTIME_POLICY_ENV} was ${current.kind === 'absent' ? 'removed' : 'changed'} after bindToFunction`));
      }
    }
    return found;
  }

  /**
   * The value of the runtime variable. A list token cannot be embedded in a string, so a policy holding
   * one is encoded by Terraform (`jsonencode`), which also escapes the deployed items. Every other policy
   * is plain JSON (string and number tokens become `${...}` interpolations in it).
   */
  private runtimePolicyJson(): string {
    // Memoized: jsonencode gives a new token each call, and the value is compared at validation.
    if (this.runtimeJson === undefined) {
      const json = JSON.stringify(this.ctx.policy);
      this.runtimeJson = LIST_TOKEN.test(json) ? Fn.jsonencode(this.ctx.policy) : json;
    }
    return this.runtimeJson;
  }
}
