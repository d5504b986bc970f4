// Brings cdktf's jest matcher declarations (toHaveResourceWithProperties, ...) into the type program.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

/** A stack with the AWS provider (cdktf validates provider presence at synth). */
export function newStack(name = 'test-stack', app: App = Testing.app()): { app: App; stack: TerraformStack } {
  const stack = new TerraformStack(app, name);
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return { app, stack };
}

/** The synthesized JSON of a stack, parsed. */
export function synthJson(stack: TerraformStack): { resource: Record<string, Record<string, Record<string, unknown>>>; data?: Record<string, Record<string, Record<string, unknown>>> } {
  return JSON.parse(Testing.synth(stack));
}

/** The single resource of a type in a synthesized stack. */
export function onlyResource(stack: TerraformStack, type: string): Record<string, unknown> {
  const resources = Object.values(synthJson(stack).resource[type] ?? {});
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0]!;
}

/** The messages of the warning annotations on a construct. */
export function warnings(scope: Construct): string[] {
  return scope.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

/** The error message `Testing.synth(stack, true)` (validations on) throws, or '' when it does not throw. */
export function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
