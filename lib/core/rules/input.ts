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
}

const KNOWN_FIELDS = new Set(['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'maxAgeSeconds']);

type ListRule = 'origin-malformed' | 'method-invalid' | 'header-invalid' | 'expose-invalid';

function readList(raw: unknown, field: CorsField, rule: ListRule, sink: DiagnosticSink): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (isUnresolvedToken(raw)) {
    sink.add('unresolved-token', field, `${field} is a deploy-time token, so its entries cannot be checked at synth time; pass a literal list to have them validated.`);
    return [];
  }
  if (!Array.isArray(raw)) {
    sink.add(rule, field, `${field} must be a list of strings, got ${typeof raw}: wrap the value in [ ].`, { value: String(raw) });
    return [];
  }
  const values: string[] = [];
  raw.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string') {
      sink.add(rule, field, `${field}[${index}] is ${entry === null ? 'null' : typeof entry}, not a string: every entry must be a string.`, { value: String(entry) });
    } else if (isUnresolvedToken(entry)) {
      sink.add('unresolved-token', field, `${field}[${index}] is a deploy-time token, so it cannot be checked at synth time; make sure the deployed value follows the same rules.`, { value: entry });
    } else {
      values.push(entry);
    }
  });
  return values;
}

/** Reads and type-checks every field; reports wrong types and tokens, never throws. */
export function readPolicyInput(props: unknown, sink: DiagnosticSink): PolicyInput {
  const record: Record<string, unknown> = typeof props === 'object' && props !== null && !Array.isArray(props) ? (props as Record<string, unknown>) : {};
  if (record !== props) {
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

  return {
    origins: readList(record['allowOrigins'], 'allowOrigins', 'origin-malformed', sink) ?? [],
    methods: readList(record['allowMethods'], 'allowMethods', 'method-invalid', sink) ?? [...DEFAULT_ALLOW_METHODS],
    headers: readList(record['allowHeaders'], 'allowHeaders', 'header-invalid', sink) ?? [],
    exposeHeaders: readList(record['exposeHeaders'], 'exposeHeaders', 'expose-invalid', sink) ?? [],
    credentials,
    credentialsExplicitlyFalse: credentialsRaw === false,
    maxAge: record['maxAgeSeconds'],
  };
}
