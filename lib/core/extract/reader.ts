import { isIntrinsic, isOpaqueValue, opaqueIntrinsic } from './opaque';
import type { UnresolvedValue } from './types';

/** A JSON object, or `undefined`. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A Terraform nested block: JSON may write it as an object or as a list of objects. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map(asRecord).filter((v): v is Record<string, unknown> => v !== undefined);
  const record = asRecord(value);
  return record ? [record] : [];
}

/**
 * Reads template values into neutral-config values, recording every value known only at deploy
 * time (kept as an opaque string) and everything that had to be skipped.
 */
export class ValueReader {
  /** Values known only at deploy time. */
  public readonly unresolved: UnresolvedValue[] = [];
  /** What could not be read. */
  public readonly notes: string[] = [];

  private opaque(field: string, value: string): string {
    this.unresolved.push({ field, value });
    return value;
  }

  /** A string; intrinsics and interpolations become opaque strings. */
  public string(value: unknown, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return isOpaqueValue(value) ? this.opaque(field, value) : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (isIntrinsic(value)) return this.opaque(field, opaqueIntrinsic(value));
    this.notes.push(`${field}: unexpected ${Array.isArray(value) ? 'list' : typeof value}, ignored`);
    return undefined;
  }

  /** A list of strings; a list that is itself an intrinsic or interpolation becomes one opaque entry. */
  public list(value: unknown, field: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) {
      return value.map((entry, index) => this.string(entry, `${field}[${index}]`)).filter((v): v is string => v !== undefined);
    }
    if (typeof value === 'string' || isIntrinsic(value)) {
      const single = this.string(value, `${field}[0]`);
      return single === undefined ? [] : [single];
    }
    this.notes.push(`${field}: expected a list, got ${typeof value}, ignored`);
    return undefined;
  }

  /** A whole number; unresolved numbers are recorded and read as absent. */
  public number(value: unknown, field: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?[0-9]+$/.test(value.trim())) return Number(value.trim());
    const text = this.string(value, field);
    if (text !== undefined && !isOpaqueValue(text)) this.notes.push(`${field}: ${text} is not a number, ignored`);
    return undefined;
  }

  /** A boolean; an unresolved value is read as `true` (the stricter reading, as the validator reads tokens). */
  public boolean(value: unknown, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    const text = this.string(value, field);
    if (text !== undefined && isOpaqueValue(text)) {
      this.notes.push(`${field} is only known at deploy time (${text}); read as true`);
      return true;
    }
    this.notes.push(`${field}: ${String(text)} is not a boolean, read as false`);
    return false;
  }
}
