import type { OriginParser } from '../origin-parser';
import { CORS_TARGETS, type CorsTarget } from '../props';
import type { ValidateCorsPolicyOptions } from '../validate';
import { checkAllowHeaders, checkExposeHeaders } from './headers';
import { readPolicyInput, readPropsOnce, type PropsRead } from './input';
import { checkMaxAge } from './max-age';
import { checkMethods } from './methods';
import { checkOrigins } from './origins';
import { checkRestApiQuotes } from './rest-api-quotes';
import { diagnostic, type DiagnosticSink } from './sink';
import { checkTarget, type CheckedPolicy, type LiteralValues } from './target-limits';

function checkPolicy(props: unknown, read: PropsRead, parse: OriginParser, asDeployed: boolean, sink: DiagnosticSink, alwaysCredentialed: boolean): CheckedPolicy {
  const input = readPolicyInput(props, read, sink);
  const origins = checkOrigins(input, parse, asDeployed, sink, alwaysCredentialed);
  checkMethods(input, asDeployed, sink);
  checkAllowHeaders(input, sink);
  checkExposeHeaders(input, sink);
  const maxAgeSeconds = checkMaxAge(input, sink);
  return { input, origins, maxAgeSeconds };
}

// A JavaScript caller may pass anything: only a literal `true` or a list of whole numbers counts.
function literalOf(raw: unknown): LiteralValues {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const origins = record['allowOrigins'];
  return {
    origins: origins === true ? 'all' : new Set(Array.isArray(origins) ? origins.filter((i): i is number => Number.isInteger(i)) : []),
    headers: record['allowHeaders'] === true,
  };
}

// The targets option as given by a JavaScript caller: a single name or an unknown one is reported, not ignored.
function readTargets(value: unknown, sink: DiagnosticSink): readonly CorsTarget[] {
  if (value === undefined || value === null) return [];
  const known = `one of ${CORS_TARGETS.map((t) => `'${t}'`).join(', ')}`;
  if (!Array.isArray(value)) {
    sink.add('policy-invalid', 'policy', `The targets option must be a list of target names (${known}), got ${typeof value === 'string' ? `the string '${value}'` : typeof value}, so no target limit was checked: wrap it in [ ].`, { value: String(value) });
    return [];
  }
  for (const entry of value as unknown[]) {
    if (!(CORS_TARGETS as readonly unknown[]).includes(entry)) {
      sink.add('policy-invalid', 'policy', `The targets option holds ${typeof entry === 'string' ? `'${entry}'` : String(entry)}, which is not a target, so its limits were not checked: use ${known}.`, { value: String(entry) });
    }
  }
  return value as readonly CorsTarget[];
}

/**
 * Reads the caller's props once and runs every rule on that copy (target-independent ones, then each given
 * target's in catalogue order), parsing origins with `parse`. Returns what was read, for the canonical form to
 * be built from the same values. Never throws, whatever a JavaScript caller passes: a validator bug is reported
 * as a `policy-invalid` error (with whatever was read before it).
 */
export function checkCorsPolicy(props: unknown, options: ValidateCorsPolicyOptions | undefined, parse: OriginParser, sink: DiagnosticSink): PropsRead {
  let read: PropsRead = { record: {}, isObject: false };
  try {
    const targets = readTargets(options?.targets, sink);
    read = readPropsOnce(props, sink);
    const checked = checkPolicy(props, read, parse, options?.asDeployed === true, sink, targets.includes('s3'));
    const literal = literalOf(options?.literalWildcards);
    // Checked in the catalogue's target order, once each, so output is stable whatever the caller's order.
    for (const target of CORS_TARGETS) {
      if (targets.includes(target)) checkTarget(target, checked, sink, literal, options?.restApiGatewayResponses !== false);
      if (target === 'rest-api' && targets.includes(target)) checkRestApiQuotes(checked.input, sink);
    }
  } catch (error) {
    // A validator bug must not crash synthesis: report it as an error the user can send us.
    sink.diagnostics.push(diagnostic('policy-invalid', 'policy', `cors-constructs could not validate this policy (${error instanceof Error ? error.message : String(error)}); please report it with the policy.`));
  }
  return read;
}
