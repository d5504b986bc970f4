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
