import { Stack, Stage } from 'aws-cdk-lib';
import type { CorsDiagnostic, CorsTarget, NormalizedCorsPolicy } from '../core/internal';
import { configFingerprint, sameConfiguration, targetCorsConflict } from '../core/internal';
import type { Construct, IConstruct } from 'constructs';

/**
 * What a target adapter gets from the {@link CorsPolicy} construct: the normalized policy and a way
 * to report findings that can only be computed once the whole construct tree exists.
 * @internal
 */
export interface AdapterContext {
  /** The CorsPolicy construct: owner of every finding and of the resources it creates outside a target. */
  readonly owner: Construct;
  /** The policy in canonical form (never throws: broken entries are dropped, the validator reports them). */
  readonly policy: NormalizedCorsPolicy;
  /** Registers a check that runs at validation time (after aspects and prepare) and returns its findings. */
  addCheck(check: () => CorsDiagnostic[]): void;
}

const APPLIED = Symbol.for('cors-constructs/cdk.applied');
const OWNED = Symbol.for('cors-constructs/cdk.owned');
const BOUND = Symbol.for('cors-constructs/cdk.bound');

interface AppliedMark {
  readonly owner: Construct;
  readonly fingerprint: string;
}

/**
 * Records that a policy is applied to a target object. Returns `first` when nothing was applied
 * before, `same` when this or another CorsPolicy already applied an identical configuration (nothing
 * to do), `conflict` when another policy applied a different one (reported as `target-cors-conflict`).
 * @internal
 */
export function claimTarget(target: object, ctx: AdapterContext, config: unknown, label: string, corsTarget: CorsTarget): 'first' | 'same' | 'conflict' {
  const fingerprint = configFingerprint(plain(config));
  const existing = (target as { [APPLIED]?: AppliedMark })[APPLIED];
  if (existing === undefined) {
    Object.defineProperty(target, APPLIED, { value: { owner: ctx.owner, fingerprint }, enumerable: false, configurable: true });
    return 'first';
  }
  if (existing.fingerprint === fingerprint) return 'same';
  ctx.addCheck(() => [targetCorsConflict(label, corsTarget, `applied by the CorsPolicy ${existing.owner.node.path}`)]);
  return 'conflict';
}

/** Marks a construct as created by cors-constructs. @internal */
export function markOwned(construct: IConstruct): void {
  Object.defineProperty(construct, OWNED, { value: true, enumerable: false });
}

/** Whether cors-constructs created the construct. @internal */
export function isOwned(construct: IConstruct): boolean {
  return (construct as { [OWNED]?: boolean })[OWNED] === true;
}

/** Marks a Lambda function as bound to the runtime helper by a policy. @internal */
export function markBound(fn: IConstruct, owner: Construct, json: string): { readonly owner: Construct; readonly json: string } | undefined {
  const existing = (fn as { [BOUND]?: { owner: Construct; json: string } })[BOUND];
  if (existing === undefined) Object.defineProperty(fn, BOUND, { value: { owner, json }, enumerable: false });
  return existing;
}

/** Whether a construct is a Lambda function bound to the runtime helper. @internal */
export function isBound(construct: IConstruct): boolean {
  return (construct as { [BOUND]?: unknown })[BOUND] !== undefined;
}

/** A JSON value without `undefined` members, so configurations compare by content. @internal */
export function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Whether two configurations hold the same values (key order and `undefined` members ignored). @internal */
export function sameConfig(a: unknown, b: unknown): boolean {
  return sameConfiguration(plain(a), plain(b));
}

/** The value with every token resolved in the stack of `scope`, as JSON-compatible data. @internal */
export function resolveIn(scope: IConstruct, value: unknown): unknown {
  return plain(Stack.of(scope).resolve(value));
}

// One construct list per app and validation pass, shared by every check of every CorsPolicy: a findAll
// of the whole app per check made validation O(policies x app size).
const passes = new WeakMap<IConstruct, { all?: IConstruct[] }>();
const coordinated = new WeakSet<IConstruct>();
let validating = 0;

/**
 * Makes each validation pass start a new shared construct list: validateTree visits the stage before
 * anything inside it (pre-order), so a validation on the stage runs before every CorsPolicy's. @internal
 */
export function coordinateValidation(scope: IConstruct): void {
  const stage: IConstruct = Stage.of(scope) ?? scope.node.root;
  if (coordinated.has(stage)) return;
  coordinated.add(stage);
  const root = scope.node.root;
  stage.node.addValidation({ validate: () => { passes.set(root, {}); return []; } });
}

/** Runs `fn` as part of a validation pass: allConstructs may reuse the pass's list. @internal */
export function duringValidation<T>(fn: () => T): T {
  validating++;
  try {
    return fn();
  } finally {
    validating--;
  }
}

/** Every construct of the app the scope belongs to, in a stable (depth-first, creation) order. @internal */
export function allConstructs(scope: IConstruct): IConstruct[] {
  const root = scope.node.root;
  const pass = validating > 0 ? passes.get(root) : undefined;
  if (pass === undefined) return root.node.findAll();
  return (pass.all ??= root.node.findAll());
}
