import { RULE_CATALOGUE, describeExtracted, recoverPolicies, type AuditFinding, type CorsRuleId, type ExtractedCors } from '../core/internal';
import type { LoadedFile, SkippedPath } from './inputs';

/** The result of an audit, ready to print. */
export interface AuditReport {
  /** Every file read. */
  readonly files: readonly LoadedFile[];
  /** The paths that could not be read. */
  readonly skipped: readonly SkippedPath[];
  /** Every finding, in file and resource order. */
  readonly findings: readonly AuditFinding[];
}

// DEL, C1 controls and the format characters that reorder or hide text (bidi controls, zero widths, line and
// paragraph separators, BOM): a template value holding them, or a C0 control, could rewrite a terminal line.
const INVISIBLE = '\\u007f-\\u009f\\u00ad\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f${INVISIBLE}]`, 'g');
// JSON.stringify escapes C0 controls itself (its own line breaks are layout); the invisible characters can occur
// only inside JSON strings, so writing them as \u escapes keeps every value and a terminal showing it safe.
const UNPRINTABLE_IN_JSON = new RegExp(`[${INVISIBLE}]`, 'g');

/** A line safe to print on a terminal: every control or invisible format character written as `\u{…}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

function safeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(UNPRINTABLE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function where(finding: AuditFinding): string {
  return `${describeExtracted(finding.resource)} [${finding.resource.target}]${finding.part !== undefined ? ` ${finding.part}` : ''}`;
}

function counts(report: AuditReport): string {
  const errors = report.findings.filter((f) => f.diagnostic.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const resources = report.files.reduce((n, f) => n + f.items.length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const incomplete = report.skipped.length > 0 ? `; ${plural(report.skipped.length, 'path')} not read, so the audit is incomplete` : '';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(resources, 'CORS configuration')} (${plural(report.files.length, 'file')})${incomplete}`;
}

/** Human-readable findings, grouped by file and resource. */
export function formatText(report: AuditReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const findings = report.findings.filter((f) => f.resource.file === file.path);
    lines.push(`${file.path}: ${file.items.length} CORS configuration${file.items.length === 1 ? '' : 's'}`);
    for (const item of file.items) {
      const own = findings.filter((f) => f.resource === item);
      lines.push(`  ${describeExtracted(item)} [${item.target}]${own.length === 0 ? ': ok' : ''}`);
      for (const finding of own) {
        const d = finding.diagnostic;
        lines.push(`    ${d.severity === 'error' ? 'error  ' : 'warning'} ${d.rule}${finding.part !== undefined ? ` (${finding.part})` : ''}: ${d.message}`);
      }
      for (const note of [...item.notes, ...recoverPolicies(item).flatMap((p) => p.notes)]) lines.push(`    note    ${note}`);
    }
  }
  for (const path of report.skipped) lines.push(`not read: ${path.path}: ${path.reason}`);
  lines.push(counts(report));
  return `${lines.map(printable).join('\n')}\n`;
}

/** Machine-readable findings. */
export function formatJson(report: AuditReport): string {
  const resource = (item: ExtractedCors) => ({
    file: item.file,
    resourceId: item.resourceId,
    resourceType: item.resourceType,
    constructPath: item.constructPath,
    target: item.target,
    config: item.config,
    unresolved: item.unresolved,
    notes: item.notes,
  });
  return safeJson({
    resources: report.files.flatMap((f) => f.items.map(resource)),
    findings: report.findings.map((f) => ({
      file: f.resource.file,
      resourceId: f.resource.resourceId,
      constructPath: f.resource.constructPath,
      target: f.resource.target,
      ...(f.part !== undefined ? { part: f.part } : {}),
      ...f.diagnostic,
      ...(f.location !== undefined ? { location: f.location } : {}),
    })),
    skipped: report.skipped,
    summary: {
      errors: report.findings.filter((f) => f.diagnostic.severity === 'error').length,
      warnings: report.findings.filter((f) => f.diagnostic.severity === 'warning').length,
      resources: report.files.reduce((n, f) => n + f.items.length, 0),
      files: report.files.length,
    },
  });
}

// The line of the resource's key in the file, so code scanning annotates the right place.
function lineOf(file: LoadedFile | undefined, item: ExtractedCors): number {
  if (!file) return 1;
  const key = item.source === 'terraform' ? item.resourceId.slice(item.resourceId.indexOf('.') + 1) : item.resourceId;
  const index = file.text.indexOf(`"${key}"`);
  return index < 0 ? 1 : file.text.slice(0, index).split('\n').length;
}

/** SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for GitHub code scanning. */
export function formatSarif(report: AuditReport, version: string): string {
  const ruleIds = [...new Set(report.findings.map((f) => f.diagnostic.rule))].sort();
  const catalogue = RULE_CATALOGUE as Record<CorsRuleId, { severity: string; catches: string; example: string }>;
  const rules = ruleIds.map((id) => ({
    id,
    name: id,
    shortDescription: { text: catalogue[id]?.catches ?? id },
    fullDescription: { text: `${catalogue[id]?.catches ?? id}. Example: ${catalogue[id]?.example ?? '-'}` },
    defaultConfiguration: { level: catalogue[id]?.severity === 'error' ? 'error' : 'warning' },
    helpUri: 'https://www.npmjs.com/package/cors-constructs',
  }));
  const files = new Map(report.files.map((f) => [f.path, f]));
  const results = report.findings.map((f) => ({
    ruleId: f.diagnostic.rule,
    ruleIndex: ruleIds.indexOf(f.diagnostic.rule),
    level: f.diagnostic.severity === 'error' ? 'error' : 'warning',
    message: { text: `${where(f)}: ${f.diagnostic.message}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: (f.resource.file ?? '').split('\\').join('/') },
        region: { startLine: lineOf(files.get(f.resource.file ?? ''), f.resource) },
      },
      logicalLocations: [{ name: f.resource.resourceId, fullyQualifiedName: f.resource.constructPath ?? f.resource.resourceId, kind: 'resource' }],
    }],
    partialFingerprints: { corsConstructs: `${f.resource.resourceId}/${f.part ?? ''}/${f.diagnostic.rule}/${f.diagnostic.value ?? ''}` },
  }));
  return safeJson({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cors-constructs', version, informationUri: 'https://www.npmjs.com/package/cors-constructs', rules } },
      // A path not read makes the run incomplete: SARIF's place for it is the invocation's notifications.
      invocations: [{
        executionSuccessful: report.skipped.length === 0,
        toolExecutionNotifications: report.skipped.map((p) => ({ level: 'error', message: { text: `not read: ${p.reason}` }, locations: [{ physicalLocation: { artifactLocation: { uri: p.path.split('\\').join('/') } } }] })),
      }],
      results,
    }],
  });
}
