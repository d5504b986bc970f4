import type { CorsDiagnostic } from './diagnostic';
import { diagnostic } from './rules/sink';
import { apiGatewayHeaderLiterals, type RestApiGatewayResponseConfig } from './targets/rest-api';

/**
 * A gateway response the user defined on a REST API (e.g. `ACCESS_DENIED`, `UNAUTHORIZED`) replaces
 * `DEFAULT_4XX`/`DEFAULT_5XX` for its type, so it must carry the CORS headers too ("Gateway response types",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 * Both framework adapters merge them with these functions, so the CDK and cdktf flavours add the same
 * parameters and report the same conflicts.
 */

/** Prefix of a gateway response header parameter (`gatewayresponse.header.<name>`). */
export const GATEWAY_RESPONSE_HEADER_PREFIX = 'gatewayresponse.header.';

/** The CORS headers of a gateway response as API Gateway parameter mappings: `{ 'gatewayresponse.header.X': "'value'" }`. */
export function gatewayResponseParameters(response: RestApiGatewayResponseConfig): Record<string, string> {
  return apiGatewayHeaderLiterals(response.headers, GATEWAY_RESPONSE_HEADER_PREFIX);
}

/** The outcome of merging the CORS headers into a user's gateway response parameters. */
export interface GatewayResponseMerge {
  /** The user's parameters, every one kept, plus the CORS parameters they did not set. */
  readonly parameters: Record<string, unknown>;
  /** The parameter keys added, in the renderer's header order (empty: nothing to change). */
  readonly added: string[];
  /** CORS headers the user set to another value, as `<header>: <theirs> instead of <ours>` (a `target-cors-conflict`). */
  readonly conflicts: string[];
}

/**
 * Merges the CORS headers into the parameters of a user's gateway response. Header names compare
 * case-insensitively (API Gateway treats them so); a header the user already set is never overwritten:
 * the same value is fine, another value is reported in `conflicts`.
 * @param current the response's `responseParameters` (undefined or null when it has none)
 */
export function mergeGatewayResponseParameters(current: Readonly<Record<string, unknown>> | undefined | null, response: RestApiGatewayResponseConfig): GatewayResponseMerge {
  const theirs = current ?? {};
  const added: string[] = [];
  const conflicts: string[] = [];
  const additions: Record<string, string> = {};
  for (const [key, value] of Object.entries(gatewayResponseParameters(response))) {
    const existing = Object.keys(theirs).find((k) => k.toLowerCase() === key.toLowerCase());
    if (existing === undefined) {
      additions[key] = value;
      added.push(key);
    } else if (theirs[existing] !== value) {
      conflicts.push(`${key.slice(GATEWAY_RESPONSE_HEADER_PREFIX.length)}: ${String(theirs[existing])} instead of ${value}`);
    }
  }
  return { parameters: { ...theirs, ...additions }, added, conflicts };
}

/**
 * A user's gateway response whose parameters are an unresolved token, so the CORS headers cannot be
 * merged at synth time: an `unresolved-token` warning naming every parameter to add.
 * @param label the response, e.g. `ACCESS_DENIED gateway response stack/Denied`
 */
export function gatewayResponseHeadersNotMerged(label: string, response: RestApiGatewayResponseConfig): CorsDiagnostic {
  const wanted = Object.entries(gatewayResponseParameters(response)).map(([key, value]) => `${key} = ${value}`).join(', ');
  return diagnostic('unresolved-token', 'policy', `${label} replaces DEFAULT_4XX/DEFAULT_5XX for its type, but its response parameters are a deploy-time value, so the CORS headers could not be added and browsers will not read its errors. Add these response parameters to it: ${wanted}.`, { target: 'rest-api', value: label });
}
