import { createHash } from 'node:crypto';

/** Options of {@link canonicalJson}. */
export interface CanonicalJsonOptions {
  /**
   * Whether the order of list items is ignored, as for Terraform set blocks (`cors_rule`, the lists of
   * a `cors_configuration`), whose order the provider does not keep.
   * @default false
   */
  readonly unorderedLists?: boolean;
}

function byText(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function stable(value: unknown, unorderedLists: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => stable(item, unorderedLists));
    if (!unorderedLists) return items;
    return items.map((item) => [JSON.stringify(item) ?? 'null', item] as const).sort(byText).map(([, item]) => item);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stable((value as Record<string, unknown>)[key], unorderedLists)]));
  }
  return value;
}

/**
 * The JSON text of a configuration with object keys sorted (members holding `undefined` left out, as
 * JSON has them), so two configurations holding the same values have the same text.
 */
export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  return JSON.stringify(stable(value, options.unorderedLists === true)) ?? 'undefined';
}

/** Whether two configurations hold the same values (key order ignored; see {@link canonicalJson}). */
export function sameConfiguration(a: unknown, b: unknown, options: CanonicalJsonOptions = {}): boolean {
  return canonicalJson(a, options) === canonicalJson(b, options);
}

/**
 * A short, stable hash of a rendered configuration: it changes exactly when the configuration does,
 * so it can trigger a redeployment (API Gateway `aws_api_gateway_deployment.triggers`).
 */
export function configFingerprint(config: unknown): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex').slice(0, 16);
}

/** Longest configuration text a message quotes (a conflict names what it found, not all of it). */
const DESCRIBED_LENGTH = 160;

/** A configuration as compact JSON for a message, cut with `...` past 160 characters. */
export function describeConfiguration(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > DESCRIBED_LENGTH ? `${text.slice(0, DESCRIBED_LENGTH - 3)}...` : text;
}
