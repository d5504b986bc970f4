import type { CorsDiagnostic, CorsField, CorsSeverity } from '../diagnostic';
import type { CorsTarget } from '../props';
import { RULE_CATALOGUE, type CorsRuleId } from './catalogue';

/** Optional parts of a diagnostic. */
export interface DiagnosticDetails {
  readonly value?: string;
  readonly target?: CorsTarget;
  /** Position of the entry in the field's list as given. */
  readonly index?: number;
  /** Overrides the catalogue severity, for rules whose severity depends on the policy. */
  readonly severity?: CorsSeverity;
}

/** Builds a diagnostic with the catalogue's severity unless overridden. */
export function diagnostic(rule: CorsRuleId, field: CorsField, message: string, details: DiagnosticDetails = {}): CorsDiagnostic {
  return {
    rule,
    severity: details.severity ?? RULE_CATALOGUE[rule].severity,
    field,
    ...(details.target !== undefined ? { target: details.target } : {}),
    ...(details.value !== undefined ? { value: details.value } : {}),
    ...(details.index !== undefined ? { index: details.index } : {}),
    message,
  };
}

/** Collects diagnostics in the order rules report them. */
export class DiagnosticSink {
  readonly diagnostics: CorsDiagnostic[] = [];

  add(rule: CorsRuleId, field: CorsField, message: string, details?: DiagnosticDetails): void {
    this.diagnostics.push(diagnostic(rule, field, message, details));
  }
}

/** Quotes a value for a message, so whitespace and empty strings stay visible. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
