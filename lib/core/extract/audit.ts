import type { CorsDiagnostic, CorsField } from '../diagnostic';
import { diagnostic } from '../rules/sink';
import { validateCorsPolicy } from '../validate';
import { detectSynthesizedKind, extractCors } from './detect';
import { situationalFromCloudFormation } from './facts-cloudformation';
import { situationalFromTerraform } from './facts-terraform';
import { isOpaqueValue } from './opaque';
import { locateDiagnostic, recoverPolicies } from './policy';
import { isProxyIntegration } from './rest-api';
import type { ExtractedCors, SourceLocation, UnresolvedValue } from './types';

/** One finding of an audit: a diagnostic about one extracted configuration. */
export interface AuditFinding {
  /** The configuration the finding is about. */
  readonly resource: ExtractedCors;
  /** The part of the resource (an S3 rule), when it holds several. */
  readonly part?: string;
  /** The validator's diagnostic; `value` holds the opaque text for unresolved entries. */
  readonly diagnostic: CorsDiagnostic;
  /**
   * Where the offending value is in the template: the entry the diagnostic names, else its field,
   * else the whole CORS configuration. CloudFormation templates only. For a REST API it can be
   * another resource than `resource` (a gateway response holds the exposed headers).
   */
  readonly location?: SourceLocation;
}

// CDK token markers make the validator report a value it cannot check (`unresolved-token`).
const MARKER_PREFIX = '${Token[cors-constructs.unresolved.';

function withMarkers<T>(value: T, opaque: Map<string, string>): T {
  if (typeof value === 'string' && isOpaqueValue(value)) {
    const marker = `${MARKER_PREFIX}${opaque.size}]}`;
    opaque.set(marker, value);
    return marker as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => withMarkers(v, opaque)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withMarkers(v, opaque)])) as T;
  }
  return value;
}

// The policy field a neutral config field (`rules[0].allowedOrigins[1]`, `preflight.staticHeaders.Access-Control-Max-Age`) is about.
function policyField(field: string): CorsField {
  const name = field.replace(/\[\d+\]$/, '').split('.').pop() ?? field;
  if (/origin/i.test(name)) return 'allowOrigins';
  if (/method/i.test(name)) return 'allowMethods';
  if (/expose/i.test(name)) return 'exposeHeaders';
  if (/header/i.test(name)) return 'allowHeaders';
  if (/credential/i.test(name)) return 'allowCredentials';
  if (/max-?age/i.test(name)) return 'maxAgeSeconds';
  return 'policy';
}

// Deploy-time values the recovered policies cannot carry as list entries (a credentials flag, a max age, an S3
// rule or a whole configuration chosen by Fn::If, a REST preflight's template): one unresolved-token each, so a
// report lists every value that went unchecked, not only the list entries the validator saw as tokens.
function unreportedValues(resource: ExtractedCors, reported: readonly AuditFinding[]): AuditFinding[] {
  const seen = (value: UnresolvedValue) => reported.some((f) => f.diagnostic.rule === 'unresolved-token' && f.diagnostic.value === value.value
    && (f.location === undefined || value.location === undefined || f.location.path === value.location.path));
  return resource.unresolved.filter((value) => !seen(value)).map((value) => ({
    resource,
    diagnostic: diagnostic('unresolved-token', policyField(value.field), `${value.field === '$' ? 'The whole CORS configuration' : value.field} is a deploy-time value (${value.value}), so it cannot be checked at synth time; make sure the deployed value follows the same rules.`, { value: value.value }),
    ...(value.location ? { location: value.location } : {}),
  }));
}

/**
 * Audits one extracted configuration: maps it back to the policy it stands for and runs the
 * validator with the target's limits. Values known only at deploy time are reported as
 * `unresolved-token` warnings, never as malformed, and never read in a way that makes an error.
 */
export function auditExtracted(resource: ExtractedCors): AuditFinding[] {
  const findings = auditRecovered(resource);
  return [...findings, ...unreportedValues(resource, findings)];
}

function auditRecovered(resource: ExtractedCors): AuditFinding[] {
  // gateway-response-origin is about what the API's CORS gateway responses can say of a preflight's origins;
  // without any, there is nothing it describes (as with the constructs' { gatewayResponses: false }), and read
  // from the gateway responses alone, the one origin is the gateway response's own (a pattern there is
  // origin-pattern-unsupported, not "no gateway response gets CORS headers").
  const gatewayResponseOriginMoot = resource.target === 'rest-api'
    && (resource.config.gatewayResponses.length === 0 || !resource.config.preflight || isProxyIntegration(resource.config.preflight.integrationType));
  return recoverPolicies(resource).flatMap((recovered) => {
    const opaque = new Map<string, string>();
    const diagnostics = validateCorsPolicy(withMarkers(recovered.props, opaque), {
      targets: [resource.target],
      asDeployed: true,
      restApiGatewayResponses: !gatewayResponseOriginMoot,
      ...(recovered.literal ? { literalWildcards: recovered.literal } : {}),
    });
    return diagnostics.map((diagnostic) => {
      const original = diagnostic.value !== undefined ? opaque.get(diagnostic.value) : undefined;
      const fixed: CorsDiagnostic = original !== undefined ? { ...diagnostic, value: original, message: diagnostic.message.replace('deploy-time token', `deploy-time value (${original})`) } : diagnostic;
      const location = locateDiagnostic(recovered.locations, diagnostic);
      return { resource, ...(recovered.part !== undefined ? { part: recovered.part } : {}), diagnostic: fixed, ...(location ? { location } : {}) };
    });
  });
}

/**
 * The situational findings of one synthesized document (a CloudFormation template or Terraform JSON) about the CORS
 * configurations extracted from it: `preflight-not-forwarded` (a CloudFront behavior that does not allow OPTIONS
 * in front of a response headers policy that needs preflights), `preflight-needs-options-route` (an authorized HTTP
 * API route that catches preflights), `proxy-responses-uncovered` (Lambda proxy methods of a REST API with a preflight
 * whose function is not bound to the runtime helper) and `duplicate-cors-headers` (a function URL with CORS whose
 * function is bound). Only facts the document states for sure are used: a deploy-time value, a conditional resource
 * or a function defined elsewhere is never a finding. Severity and wording are the rule functions'.
 * @param items the configurations extracted from `document`; each finding is about one of them
 */
export function auditSituational(document: unknown, items: readonly ExtractedCors[]): AuditFinding[] {
  switch (detectSynthesizedKind(document)) {
    case 'cloudformation': return situationalFromCloudFormation(document, items);
    case 'terraform': return situationalFromTerraform(document, items);
    default: return [];
  }
}

/**
 * Audits every CORS configuration of one synthesized document ({@link auditExtracted} on each) and adds the
 * situational findings ({@link auditSituational}), each after the findings of the configuration it is about.
 * What the CLI's `audit` and `CorsChecks` run on every file.
 * @param items the configurations extracted from `document`, when already extracted (by default, extracted here)
 */
export function auditSynthesized(document: unknown, items: readonly ExtractedCors[] = extractCors(document)): AuditFinding[] {
  const situational = new Map<ExtractedCors, AuditFinding[]>();
  for (const finding of auditSituational(document, items)) {
    const list = situational.get(finding.resource);
    if (list) list.push(finding);
    else situational.set(finding.resource, [finding]);
  }
  return items.flatMap((item) => [...auditExtracted(item), ...(situational.get(item) ?? [])]);
}
