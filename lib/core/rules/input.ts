import { isUnresolvedToken } from '../token';
import type { CorsField } from '../diagnostic';
import { DEFAULT_ALLOW_METHODS } from '../props';
import { DiagnosticSink, quote } from './sink';

/** The policy as read from an untrusted caller: every field checked for type, tokens set aside. */
export interface PolicyInput {
  readonly origins: readonly string[];
  readonly methods: readonly string[];
  readonly headers: readonly string[];
  readonly exposeHeaders: readonly string[];
  /** `true` only for a literal `true`; a token counts as `true` (the stricter reading). */
  readonly credentials: boolean;
  /** Whether the caller wrote `allowCredentials: false` explicitly. */
  readonly credentialsExplicitlyFalse: boolean;
  readonly maxAge: unknown;
  /**
   * For each list, the position in the caller's list of every entry kept above (tokens and
   * non-strings are dropped), so a finding can name the entry's place in a template. Empty for
   * the default methods, which the caller did not write.
   */
  readonly positions: Readonly<Record<PolicyList, readonly number[]>>;
}

/** The list fields of {@link PolicyInput}. */
export type PolicyList = 'origins' | 'methods' | 'headers' | 'exposeHeaders';

/** The caller's position of the `i`-th kept entry of a list, as diagnostic details. */
export function at(input: PolicyInput, list: PolicyList, i: number): { index?: number } {
  const index = input.positions[list][i];
  return index !== undefined ? { index } : {};
}

const KNOWN_FIELDS = new Set(['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'maxAgeSeconds']);

type ListRule = 'origin-malformed' | 'method-invalid' | 'header-invalid' | 'expose-invalid';

interface ReadList {
  readonly values: string[];
  readonly positions: number[];
}

function readList(raw: unknown, field: CorsField, rule: ListRule, sink: DiagnosticSink): ReadList | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (isUnresolvedToken(raw)) {
    sink.add('unresolved-token', field, `${field} is a deploy-time token, so its entries cannot be checked at synth time; pass a literal list to have them validated.`);
    return { values: [], positions: [] };
  }
  if (!Array.isArray(raw)) {
    sink.add(rule, field, `${field} must be a list of strings, got ${typeof raw}: wrap the value in [ ].`, { value: String(raw) });
    return { values: [], positions: [] };
  }
  const values: string[] = [];
  const positions: number[] = [];
  raw.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') {
      sink.add(rule, field, `${field}[${index}] is ${entry === null ? 'null' : typeof entry}, not a string: every entry must be a string.`, { value: String(entry), index });
    } else if (isUnresolvedToken(entry)) {
      sink.add('unresolved-token', field, `${field}[${index}] is a deploy-time token, so it cannot be checked at synth time; make sure the deployed value follows the same rules.`, { value: entry, index });
    } else {
      values.push(entry);
      positions.push(index);
    }
  });
  return { values, positions };
}

// What a thrown value says, even when printing it throws too.
function thrownText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'a value that cannot be printed';
  }
}

/** The caller's props as {@link readPropsOnce} copied them. */
export interface PropsRead {
  /** Every readable property, lists copied. */
  readonly record: Readonly<Record<string, unknown>>;
  /** Whether the props were an object at all (not a primitive, `null` or an array). */
  readonly isObject: boolean;
}

const PLAIN_OBJECT_FIX = 'pass a plain object literal (or a copy: { ...props }), not a Proxy or an object whose getters throw';

/**
 * Copies the caller's props into a plain object, reading every property (and list) exactly once: a getter or
 * Proxy trap that throws, or returns something else on a second read, cannot break or fool the checks and the
 * renderers. A property that cannot be read is reported with what threw and left out. Never throws.
 */
export function readPropsOnce(props: unknown, sink: DiagnosticSink = new DiagnosticSink()): PropsRead {
  const isObject = typeof props === 'object' && props !== null && !Array.isArray(props);
  if (!isObject) return { record: {}, isObject };
  const source = props as Record<string, unknown>;
  let keys: string[];
  try {
    keys = Object.keys(source);
  } catch (error) {
    sink.add('policy-invalid', 'policy', `Listing the CORS policy's properties threw (${thrownText(error)}); ${PLAIN_OBJECT_FIX}.`);
    keys = [];
  }
  const record: Record<string, unknown> = {};
  for (const key of new Set([...keys, ...KNOWN_FIELDS])) {
    try {
      const value = source[key];
      if (value !== undefined) record[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
    } catch (error) {
      sink.add('policy-invalid', KNOWN_FIELDS.has(key) ? (key as CorsField) : 'policy', `Reading ${key} of the CORS policy threw (${thrownText(error)}); ${PLAIN_OBJECT_FIX}.`);
    }
  }
  return { record, isObject };
}

/**
 * Type-checks every field of props already read by {@link readPropsOnce} (`props` itself only names what a
 * non-object was); reports wrong types and tokens, never throws.
 */
export function readPolicyInput(props: unknown, read: PropsRead, sink: DiagnosticSink): PolicyInput {
  const { record, isObject } = read;
  if (!isObject) {
    sink.add('policy-invalid', 'policy', `The CORS policy must be an object like { allowOrigins: ['https://app.example.com'] }, got ${props === null ? 'null' : Array.isArray(props) ? 'an array' : typeof props}.`);
  }
  for (const key of Object.keys(record).sort()) {
    if (!KNOWN_FIELDS.has(key)) {
      sink.add('policy-unknown-field', 'policy', `${quote(key)} is not a CORS policy property and is ignored: check the spelling (${[...KNOWN_FIELDS].join(', ')}).`, { value: key });
    }
  }

  const credentialsRaw = record['allowCredentials'];
  let credentials = false;
  if (credentialsRaw === true || isUnresolvedToken(credentialsRaw)) {
    credentials = true;
  } else if (credentialsRaw !== undefined && credentialsRaw !== false && credentialsRaw !== null) {
    sink.add('policy-invalid', 'allowCredentials', `allowCredentials must be true or false, got ${quote(credentialsRaw)}: a string like "false" would be read as true by many tools.`, { value: String(credentialsRaw) });
  }

  const origins = readList(record['allowOrigins'], 'allowOrigins', 'origin-malformed', sink);
  const methods = readList(record['allowMethods'], 'allowMethods', 'method-invalid', sink);
  const headers = readList(record['allowHeaders'], 'allowHeaders', 'header-invalid', sink);
  const exposeHeaders = readList(record['exposeHeaders'], 'exposeHeaders', 'expose-invalid', sink);
  return {
    origins: origins?.values ?? [],
    methods: methods?.values ?? [...DEFAULT_ALLOW_METHODS],
    headers: headers?.values ?? [],
    exposeHeaders: exposeHeaders?.values ?? [],
    credentials,
    credentialsExplicitlyFalse: credentialsRaw === false,
    maxAge: record['maxAgeSeconds'],
    positions: {
      origins: origins?.positions ?? [],
      methods: methods?.positions ?? [],
      headers: headers?.positions ?? [],
      exposeHeaders: exposeHeaders?.positions ?? [],
    },
  };
}
