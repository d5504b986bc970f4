import { isIntrinsic, isOpaqueValue, opaqueIntrinsic } from './opaque';
import type { SourceLocation, UnresolvedValue } from './types';

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

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The property path of `key` inside the object at `path`, in the notation of aws-cdk-lib's
 * validation report: `Properties.Cors`, and `ResponseParameters["method.response.header.Vary"]`
 * for keys that are not plain names.
 */
export function propertyPath(path: string, key: string): string {
  return PLAIN_KEY.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Reads template values into neutral-config values, recording every value known only at deploy
 * time (kept as an opaque string), everything that had to be skipped and, when given the template
 * path a value was read from (`at`), where each neutral field came from.
 */
export class ValueReader {
  /** Values known only at deploy time. */
  public readonly unresolved: UnresolvedValue[] = [];
  /** What could not be read. */
  public readonly notes: string[] = [];
  /** Where each neutral field was read from; only with a resource id. */
  public readonly locations: Record<string, SourceLocation> = {};

  /** @param resourceId the resource whose values are read, to record locations in it */
  constructor(private readonly resourceId?: string) {}

  // The template path `at` in the resource read, when both are known.
  private where(at: string | undefined): SourceLocation | undefined {
    return this.resourceId !== undefined && at !== undefined ? { resourceId: this.resourceId, path: at } : undefined;
  }

  /** Records that the neutral `field` was read from the template path `at` (a no-op without both). */
  public locate(field: string, at: string | undefined): void {
    const location = this.where(at);
    if (location) this.locations[field] = location;
  }

  private opaque(field: string, value: string, at: string | undefined): string {
    const location = this.where(at);
    this.unresolved.push({ field, value, ...(location ? { location } : {}) });
    return value;
  }

  // A string without recording where the neutral field came from (list entries are located by their kept position).
  private convert(value: unknown, field: string, at: string | undefined): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return isOpaqueValue(value) ? this.opaque(field, value, at) : value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (isIntrinsic(value)) return this.opaque(field, opaqueIntrinsic(value), at);
    this.notes.push(`${field}: unexpected ${Array.isArray(value) ? 'list' : typeof value}, ignored`);
    return undefined;
  }

  /** A string; intrinsics and interpolations become opaque strings. */
  public string(value: unknown, field: string, at?: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    this.locate(field, at);
    return this.convert(value, field, at);
  }

  /**
   * Whether a value that should be an object (a whole CORS configuration, one S3 rule, a CloudFront
   * `{ Items }` list) is an intrinsic, chosen at deploy time (`Fn::If`, ...). If so it is recorded as
   * unresolved, so that the caller can skip it instead of reading it as an empty configuration.
   */
  public opaqueObject(value: unknown, field: string, at?: string): boolean {
    if (!isIntrinsic(value)) return false;
    this.opaque(field, opaqueIntrinsic(value), at);
    return true;
  }

  /**
   * A list of strings; a list that is itself an intrinsic or interpolation becomes one opaque entry.
   * Locations are recorded by position in the returned list (entries that cannot be read are dropped).
   */
  public list(value: unknown, field: string, at?: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    this.locate(field, at);
    if (Array.isArray(value)) {
      const values: string[] = [];
      value.forEach((entry, index) => {
        const read = this.convert(entry, `${field}[${index}]`, at === undefined ? undefined : `${at}[${index}]`);
        if (read === undefined) return;
        this.locate(`${field}[${values.length}]`, at === undefined ? undefined : `${at}[${index}]`);
        values.push(read);
      });
      return values;
    }
    if (typeof value === 'string' || isIntrinsic(value)) {
      const single = this.string(value, `${field}[0]`, at);
      return single === undefined ? [] : [single];
    }
    this.notes.push(`${field}: expected a list, got ${typeof value}, ignored`);
    return undefined;
  }

  /** A whole number; unresolved numbers are recorded and read as absent. */
  public number(value: unknown, field: string, at?: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    this.locate(field, at);
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^-?[0-9]+$/.test(value.trim())) return Number(value.trim());
    const text = this.convert(value, field, at);
    if (text !== undefined && !isOpaqueValue(text)) this.notes.push(`${field}: ${text} is not a number, ignored`);
    return undefined;
  }

  /** A boolean; an unresolved value is read as `true` (the stricter reading, as the validator reads tokens). */
  public boolean(value: unknown, field: string, at?: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    this.locate(field, at);
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    const text = this.convert(value, field, at);
    if (text !== undefined && isOpaqueValue(text)) {
      this.notes.push(`${field} is only known at deploy time (${text}); read as true`);
      return true;
    }
    this.notes.push(`${field}: ${String(text)} is not a boolean, read as false`);
    return false;
  }
}
