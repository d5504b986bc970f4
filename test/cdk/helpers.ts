import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** A Lambda function with inline code: no asset bundling. */
export function inlineFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });'),
  });
}

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly pluginName: string;
    readonly violations: ReadonlyArray<{ readonly ruleName: string; readonly description: string; readonly violatingConstructs: ReadonlyArray<{ readonly constructPath?: string }> }>;
  }>;
}

/**
 * The "CloudFormation Validate" violations aws-cdk-lib wrote into `validation-report.json` of an
 * assembly directory, as `constructPath: rule description` lines.
 */
export function cfnValidateViolations(assemblyDirectory: string): string[] {
  const report = JSON.parse(fs.readFileSync(path.join(assemblyDirectory, 'validation-report.json'), 'utf8')) as ValidationReport;
  return report.pluginReports
    .filter((p) => p.pluginName === 'CloudFormation Validate')
    .flatMap((p) => p.violations.flatMap((v) => v.violatingConstructs.map((c) => `${c.constructPath ?? '?'}: ${v.ruleName} ${v.description}`)));
}

/** One CorsChecks finding as `validation-report.json` shows it, one row per construct and property path. */
export interface CorsChecksRow {
  readonly severity: string;
  readonly rule: string;
  readonly constructPath: string;
  readonly logicalId: string;
  /** The template file name. */
  readonly template: string;
  readonly location: string;
  readonly description: string;
}

interface CorsChecksViolationJson {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: ReadonlyArray<{
    readonly constructPath: string;
    readonly cloudFormationResource?: { readonly templatePath: string; readonly logicalId: string; readonly propertyPaths?: readonly string[] };
  }>;
}

/** What CorsChecks wrote into `validation-report.json`: its conclusion and findings, open and acknowledged. */
export interface CorsChecksReport {
  /** `success`, `failure`, or `absent` when the plugin reported nothing. */
  readonly conclusion: string;
  readonly rows: readonly CorsChecksRow[];
  readonly acknowledged: readonly CorsChecksRow[];
}

function rowsOf(violations: readonly CorsChecksViolationJson[] | undefined): CorsChecksRow[] {
  return (violations ?? []).flatMap((v) => v.violatingConstructs.flatMap((c) => (c.cloudFormationResource?.propertyPaths ?? []).map((location) => ({
    severity: v.severity,
    rule: v.ruleName,
    constructPath: c.constructPath,
    logicalId: c.cloudFormationResource!.logicalId,
    template: path.basename(c.cloudFormationResource!.templatePath),
    location,
    description: v.description,
  }))));
}

/** Reads CorsChecks' part of `validation-report.json` in an assembly directory. */
export function corsChecksReport(assemblyDirectory: string): CorsChecksReport {
  const report = JSON.parse(fs.readFileSync(path.join(assemblyDirectory, 'validation-report.json'), 'utf8')) as {
    readonly pluginReports: ReadonlyArray<{ readonly pluginName: string; readonly conclusion: string; readonly violations: readonly CorsChecksViolationJson[]; readonly suppressedViolations?: readonly CorsChecksViolationJson[] }>;
  };
  const plugin = report.pluginReports.find((p) => p.pluginName === 'CorsChecks');
  return { conclusion: plugin?.conclusion ?? 'absent', rows: rowsOf(plugin?.violations), acknowledged: rowsOf(plugin?.suppressedViolations) };
}

/** Synthesizes an app, returning the error message when synthesis fails. */
export function trySynth(app: { synth(): unknown }): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
