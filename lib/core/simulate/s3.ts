import type { S3CorsRuleConfig } from '../targets/s3';
import { findOriginEntry, s3HeaderMatches } from './origin-entries';
import type { ServiceModel, ServiceRequest, ServiceResponse } from './types';

/**
 * What S3 sends back. Sources:
 * - S3 user guide, "Elements of a CORS configuration" / "How does Amazon S3 evaluate the CORS
 *   configuration on a bucket?" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html):
 *   S3 uses the FIRST rule whose AllowedOrigin matches the Origin, whose AllowedMethod holds the request
 *   method (or Access-Control-Request-Method for a preflight), and, for a preflight, whose AllowedHeader
 *   entries match every header in Access-Control-Request-Headers. An entry may hold one `*`.
 * - S3 API reference, CORSRule.AllowedHeaders: "In response to any preflight OPTIONS request, Amazon S3
 *   returns any requested headers that are allowed" (so `*` is answered with the requested names).
 * - S3 API reference, "Appendix: OPTIONS object" (RESTOPTIONSobject): without a matching rule, the
 *   preflight gets 403 Forbidden, with no CORS headers.
 * - S3 API reference, "Common response headers" and the S3 user guide: the matched origin is echoed with
 *   `Access-Control-Allow-Credentials: true`, except a `*` entry, answered `Access-Control-Allow-Origin: *`
 *   without credentials; `Vary: Origin, Access-Control-Request-Headers, Access-Control-Request-Method`.
 * Actual requests without a matching rule are served without CORS headers (the browser blocks them).
 */

interface RuleMatch {
  readonly rule: S3CorsRuleConfig;
  readonly index: number;
  readonly entry: string;
}

function describeRule(index: number, total: number): string {
  return total === 1 ? 'the S3 CORS rule' : `S3 CORS rule #${index + 1}`;
}

/** Why a rule does not match, or `undefined` when it does. */
function ruleMismatch(rule: S3CorsRuleConfig, request: ServiceRequest, method: string, headers: readonly string[]): string | undefined {
  const origin = findOriginEntry(rule.allowedOrigins, request.origin, true);
  if (!origin) return `AllowedOrigins (${rule.allowedOrigins.join(', ')}) does not match ${request.origin}`;
  if (!rule.allowedMethods.includes(method)) return `AllowedMethods (${rule.allowedMethods.join(', ')}) does not list ${method}`;
  for (const header of headers) {
    if (!(rule.allowedHeaders ?? []).some((entry) => s3HeaderMatches(entry, header))) {
      return `AllowedHeaders (${(rule.allowedHeaders ?? []).join(', ') || 'none'}) does not match ${header}, so Access-Control-Allow-Headers does not list ${header}`;
    }
  }
  return undefined;
}

function matchRule(rules: readonly S3CorsRuleConfig[], request: ServiceRequest, method: string, headers: readonly string[]): RuleMatch | { readonly mismatches: string[] } {
  const mismatches: string[] = [];
  for (const [index, rule] of rules.entries()) {
    const why = ruleMismatch(rule, request, method, headers);
    if (why === undefined) return { rule, index, entry: findOriginEntry(rule.allowedOrigins, request.origin, true)!.entry };
    mismatches.push(`${describeRule(index, rules.length)}: ${why}`);
  }
  return { mismatches };
}

function corsHeaders(match: RuleMatch): Record<string, string> {
  const headers: Record<string, string> = {};
  if (match.entry === '*') {
    headers['Access-Control-Allow-Origin'] = '*';
  } else {
    headers['Access-Control-Allow-Origin'] = '';
    headers['Access-Control-Allow-Credentials'] = 'true';
  }
  headers['Access-Control-Allow-Methods'] = match.rule.allowedMethods.join(', ');
  return headers;
}

/** The S3 model for a bucket's CORS rules. */
export function s3Model(config: S3CorsRuleConfig | readonly S3CorsRuleConfig[]): ServiceModel {
  const rules: readonly S3CorsRuleConfig[] = Array.isArray(config) ? config : [config as S3CorsRuleConfig];
  const respond = (request: ServiceRequest, preflight: boolean): ServiceResponse => {
    const method = preflight ? request.requestMethod ?? '' : request.method;
    const requested = preflight ? request.requestHeaders ?? [] : [];
    if (rules.length === 0) {
      return { status: preflight ? 403 : 200, headers: {}, notes: ['S3: the bucket has no CORS configuration, so S3 sends no CORS headers (preflights get 403)'] };
    }
    const match = matchRule(rules, request, method, requested);
    if ('mismatches' in match) {
      return {
        status: preflight ? 403 : 200,
        headers: {},
        notes: [`S3: no CORS rule matches ${preflight ? 'the preflight' : 'the request'}, so S3 sends no CORS headers${preflight ? ' and answers 403' : ''}: ${match.mismatches.join('; ')}`],
      };
    }
    const headers = corsHeaders(match);
    if (headers['Access-Control-Allow-Origin'] === '') headers['Access-Control-Allow-Origin'] = request.origin;
    if (preflight && requested.length > 0) headers['Access-Control-Allow-Headers'] = requested.join(', ');
    if (match.rule.exposedHeaders && match.rule.exposedHeaders.length > 0) headers['Access-Control-Expose-Headers'] = match.rule.exposedHeaders.join(', ');
    if (match.rule.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(match.rule.maxAgeSeconds);
    headers['Vary'] = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';
    const how = match.entry === '*'
      ? 'answers Access-Control-Allow-Origin: * without credentials'
      : `echoes the origin with Access-Control-Allow-Credentials: true (S3 has no credentials setting)`;
    return { status: 200, headers, notes: [`S3: ${describeRule(match.index, rules.length)} matches (origin entry ${match.entry}, method ${method}); S3 ${how}`] };
  };
  return {
    preflight: (request) => respond(request, true),
    actual: (request) => respond(request, false),
  };
}
