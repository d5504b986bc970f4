import type { CorsTarget } from './props';
import type { CorsRuleId } from './rules/catalogue';

/** The policy field a {@link CorsDiagnostic} is about; `policy` for findings about the whole policy. */
export type CorsField =
  | 'allowOrigins'
  | 'allowMethods'
  | 'allowHeaders'
  | 'exposeHeaders'
  | 'allowCredentials'
  | 'maxAgeSeconds'
  | 'policy';

/** `error` fails synthesis; `warning` is reported and can be acknowledged. */
export type CorsSeverity = 'error' | 'warning';

/** One finding of the validator: data, so each framework adapter decides how to surface it. */
export interface CorsDiagnostic {
  /** Stable rule id from the catalogue, e.g. `origin-wildcard-with-credentials`. */
  readonly rule: CorsRuleId;
  /** Whether the finding fails synthesis. */
  readonly severity: CorsSeverity;
  /** The policy field the finding is about. */
  readonly field: CorsField;
  /** The target whose limit was broken, when the rule is a target limit. */
  readonly target?: CorsTarget;
  /** The offending entry, where there is one. */
  readonly value?: string;
  /**
   * The position of the offending entry in the field's list as given (before any entry is dropped),
   * when the finding is about one entry; lets tools point at the exact place in a template.
   */
  readonly index?: number;
  /** What is wrong, why browsers or AWS reject it, and how to fix it. */
  readonly message: string;
}

/** Thrown by {@link normalizeCorsPolicy} when a policy has errors; carries every diagnostic. */
export class CorsPolicyError extends Error {
  /** Every diagnostic of the policy, errors and warnings. */
  public readonly diagnostics: CorsDiagnostic[];

  constructor(diagnostics: CorsDiagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(`Invalid CORS policy (${errors.length} error${errors.length === 1 ? '' : 's'}):\n${errors.map(formatDiagnostic).join('\n')}`);
    this.name = 'CorsPolicyError';
    this.diagnostics = diagnostics;
  }
}

/** One line per diagnostic: `[rule] field (target): message`. */
export function formatDiagnostic(diagnostic: CorsDiagnostic): string {
  const where = diagnostic.target ? `${diagnostic.field} (${diagnostic.target})` : diagnostic.field;
  return `[${diagnostic.rule}] ${where}: ${diagnostic.message}`;
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly CorsDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
