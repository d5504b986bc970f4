import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolatingResource, PolicyViolation } from 'aws-cdk-lib';
import { auditSynthesized, extractFromCloudFormation, RULE_CATALOGUE, RULE_IDS, type AuditFinding, type CorsRuleId } from '../core/internal';
import type { IConstruct } from 'constructs';

// The package version, for the report's pluginVersion. A constant rather than a read of package.json,
// which a bundler may not ship; test/cdk/cors-checks.test.ts keeps it equal to package.json.
const VERSION = '0.1.0';

const UNRESOLVED: CorsRuleId = 'unresolved-token';

/** Which rules {@link CorsChecks} reports. */
export interface CorsChecksRules {
  /**
   * Rule ids (the catalogue's, e.g. `'origin-duplicate'`) never to report, in any resource.
   * To silence one finding on one construct, acknowledge it instead:
   * `Validations.of(construct).acknowledge({ id: 'CorsChecks::<rule>', reason })`.
   * @default - every rule is reported
   */
  readonly disable?: readonly CorsRuleId[];
}

/** Options of {@link CorsChecks}. */
export interface CorsChecksProps {
  /**
   * Which rules to report.
   * @default - every rule
   */
  readonly rules?: CorsChecksRules;
  /**
   * Whether warnings are reported. Warnings never fail synthesis (unless the app sets the context
   * `@aws-cdk/core:strictCfnValidateErrors`, which makes any plugin's warning fail it); they are
   * printed and written to `validation-report.json`.
   * @default true
   */
  readonly reportWarnings?: boolean;
}

function hasRule(id: unknown): id is CorsRuleId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(RULE_CATALOGUE, id);
}

// Orders property paths as people read them: `AllowedOrigins[2]` before `AllowedOrigins[10]`.
function naturalCompare(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

interface Located {
  readonly templatePath: string;
  readonly finding: AuditFinding;
  readonly resourceId: string;
  readonly path: string;
}

/**
 * An aws-cdk-lib policy validation plugin that checks the CORS configuration of every resource of
 * every stack of an app, whether cors-constructs made it or not: `AWS::S3::Bucket` CORS rules,
 * `AWS::ApiGatewayV2::Api` and `AWS::Lambda::Url` CORS, `AWS::CloudFront::ResponseHeadersPolicy`
 * `CorsConfig`, REST API OPTIONS methods (static or VTL integration responses) and gateway responses.
 * It runs the same rules, with each resource's target limits, as `cors-constructs audit cdk.out`,
 * reading the templates as deployed (a non-canonical origin or a lowercase `delete` is an error), and the
 * situational rules (`preflight-not-forwarded`, `preflight-needs-options-route`, `proxy-responses-uncovered`,
 * `duplicate-cors-headers`) from the facts each template states for sure, located at the behavior, route,
 * integration or function URL.
 *
 * Each finding is one violation named by its rule id, acknowledgeable on a construct (or any of its
 * scopes) as `CorsChecks::<rule>`. Errors fail synthesis; warnings are printed and reported. Values
 * known only at deploy time (`Ref`, `Fn::GetAtt`, `Fn::Join`, ...) are skipped and listed in one
 * `info` violation, `unresolved-token`, which never fails synthesis.
 *
 * @example
 * Validations.of(app).addPlugins(new CorsChecks());
 * // or, without two rules and without warnings:
 * Validations.of(app).addPlugins(new CorsChecks({ rules: { disable: ['gateway-response-origin', 'unresolved-token'] }, reportWarnings: false }));
 */
export class CorsChecks implements IPolicyValidationPlugin {
  /** The plugin name shown in the report and used as the acknowledgement prefix (`CorsChecks::<rule>`). */
  public readonly name = 'CorsChecks';
  /** The cors-constructs version. */
  public readonly version: string = VERSION;
  /** Every rule id this plugin can report (the catalogue's, minus disabled rules). */
  public readonly ruleIds: string[];

  private readonly disabled: ReadonlySet<CorsRuleId>;
  private readonly reportWarnings: boolean;

  /** @throws Error when `rules.disable` names an unknown rule or an option has the wrong type */
  constructor(props: CorsChecksProps = {}) {
    const disable: unknown = props?.rules?.disable ?? [];
    if (!Array.isArray(disable)) throw new Error(`CorsChecks: rules.disable must be a list of rule ids, got ${typeof disable}.`);
    for (const id of disable as unknown[]) {
      if (hasRule(id)) continue;
      const bare = typeof id === 'string' ? id.replace(/^CorsChecks::/, '') : undefined;
      throw new Error(bare !== undefined && bare !== id && hasRule(bare)
        ? `CorsChecks: rules.disable takes bare rule ids: write '${bare}', not '${String(id)}'.`
        : `CorsChecks: unknown rule id ${typeof id === 'string' ? `'${id}'` : String(id)} in rules.disable; the rule ids are: ${RULE_IDS.join(', ')}.`);
    }
    const reportWarnings: unknown = props?.reportWarnings ?? true;
    if (typeof reportWarnings !== 'boolean') throw new Error(`CorsChecks: reportWarnings must be true or false, got ${String(reportWarnings)}.`);
    this.disabled = new Set(disable as CorsRuleId[]);
    this.reportWarnings = reportWarnings;
    this.ruleIds = RULE_IDS.filter((id) => !this.disabled.has(id));
  }

  /** Reads every stack template (nested stacks included) and reports its CORS findings. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const located: Located[] = [];
    const seen = new Set<string>();
    for (const templatePath of templatesOf(context)) {
      const template = readTemplate(templatePath);
      for (const finding of auditSynthesized(template, extractFromCloudFormation(template, { file: templatePath }))) {
        const item = finding.resource;
        const d = finding.diagnostic;
        if (this.disabled.has(d.rule)) continue;
        if (d.severity === 'warning' && d.rule !== UNRESOLVED && !this.reportWarnings) continue;
        // The extractor records a location for every CloudFormation value; the resource's properties otherwise.
        const resourceId = finding.location?.resourceId ?? item.resourceId;
        const path = finding.location?.path ?? 'Properties';
        // A REST API's gateway response belongs to every preflight of the API: one violation, not one per preflight.
        const key = JSON.stringify([templatePath, resourceId, path, d.rule, d.severity, d.message]);
        if (seen.has(key)) continue;
        seen.add(key);
        located.push({ templatePath, finding, resourceId, path });
      }
    }
    located.sort((a, b) => (a.templatePath < b.templatePath ? -1 : a.templatePath > b.templatePath ? 1 : 0)
      || naturalCompare(a.resourceId, b.resourceId)
      || naturalCompare(a.path, b.path)
      || (a.finding.diagnostic.rule < b.finding.diagnostic.rule ? -1 : a.finding.diagnostic.rule > b.finding.diagnostic.rule ? 1 : 0));

    const violations = located.filter((l) => l.finding.diagnostic.rule !== UNRESOLVED).map(toViolation);
    const note = unresolvedNote(located.filter((l) => l.finding.diagnostic.rule === UNRESOLVED));
    if (note) violations.push(note);
    return { success: !violations.some((v) => v.severity === 'error'), violations, pluginVersion: VERSION };
  }
}

function toViolation({ templatePath, finding, resourceId, path }: Located): PolicyViolation {
  const d = finding.diagnostic;
  return {
    ruleName: d.rule,
    // As aws-cdk-lib's own CloudFormation Validate plugin words it: the property path, then the message
    // (what, why, and the fix for this value). The text report does not print locations.
    description: `${path.replace(/^Properties\./, '')}: ${d.message}`,
    fix: RULE_CATALOGUE[d.rule].fix,
    severity: d.severity,
    ruleMetadata: { target: finding.resource.target, field: d.field, ...(d.value !== undefined ? { value: d.value } : {}) },
    violatingResources: [{ resourceLogicalId: resourceId, templatePath, locations: [path] }],
  };
}

// One note for every value that could not be checked: an `info` violation prints once per resource
// and never fails synthesis (not even with strictCfnValidateErrors, which escalates warnings only).
// The report's `metadata` would be quieter, but aws-cdk-lib drops it from a report without
// violations and never prints it, so users would not learn that values went unchecked.
function unresolvedNote(located: readonly Located[]): PolicyViolation | undefined {
  if (located.length === 0) return undefined;
  const resources = new Map<string, { templatePath: string; resourceId: string; locations: string[] }>();
  for (const { templatePath, resourceId, path } of located) {
    const key = `${templatePath}\u0000${resourceId}`;
    const entry = resources.get(key) ?? { templatePath, resourceId, locations: [] };
    if (!entry.locations.includes(path)) entry.locations.push(path);
    resources.set(key, entry);
  }
  const violatingResources: PolicyViolatingResource[] = [...resources.values()].map((r) => ({ resourceLogicalId: r.resourceId, templatePath: r.templatePath, locations: r.locations }));
  return {
    ruleName: UNRESOLVED,
    description: 'CORS values only known at deploy time (Ref, Fn::GetAtt, Fn::Join, ...) could not be checked at synth time and were skipped; validation-report.json lists their property paths.',
    fix: RULE_CATALOGUE[UNRESOLVED].fix,
    severity: 'info',
    violatingResources,
  };
}

function readTemplate(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`CorsChecks could not read the template ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Every template to check: each stack's, and each nested stack's, which aws-cdk-lib writes next to
 * its top-level stack's template but does not list in the context.
 */
function templatesOf(context: IPolicyValidationContext): string[] {
  // aws-cdk-lib releases before stackTemplates existed give templatePaths only.
  const stacks = context.stackTemplates ?? context.templatePaths.map((templatePath) => ({ templatePath }));
  const paths = stacks.map((s) => s.templatePath);
  const byFile = new Map(paths.map((p) => [basename(p), p]));
  const root: IConstruct | undefined = context.appConstruct;
  for (const construct of root?.node.findAll() ?? []) {
    if (!Stack.isStack(construct) || !construct.nested) continue;
    let top: Stack = construct;
    while (top.nestedStackParent) top = top.nestedStackParent;
    const parent = byFile.get(top.templateFile);
    if (parent === undefined) continue;
    const nested = join(dirname(parent), construct.templateFile);
    if (existsSync(nested) && !paths.includes(nested)) paths.push(nested);
  }
  return paths;
}
