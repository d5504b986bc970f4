import { TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** One resource of the stack with its configuration as Terraform will see it (tokens resolved to `${...}` references). */
export interface ResourceView {
  readonly construct: TerraformResource;
  readonly config: Record<string, unknown>;
}

interface AddressableResource {
  readonly terraformResourceType: string;
  readonly friendlyUniqueId: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The synthesized Terraform configuration of a construct's stack, read at validation time to find
 * other resources on the same target (conflicts) and the infrastructure around it (behaviour warnings).
 * Resources are matched by Terraform type name and references, never with `instanceof`.
 */
export class TerraformView {
  /** The view of the scope's stack, or `undefined` when the stack cannot be rendered (the real synth reports why). */
  static of(scope: IConstruct): TerraformView | undefined {
    try {
      const stack = TerraformStack.of(scope);
      return new TerraformView(stack, stack.toTerraform() as { resource?: Record<string, Record<string, Record<string, unknown>>> });
    } catch {
      return undefined;
    }
  }

  private readonly resources: TerraformResource[];

  private constructor(stack: TerraformStack, private readonly terraform: { resource?: Record<string, Record<string, Record<string, unknown>>> }) {
    this.resources = stack.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
  }

  /** Every resource of a Terraform type, in construct-tree order. */
  resourcesOfType(type: string): ResourceView[] {
    return this.resources
      .filter((r) => r.terraformResourceType === type)
      .map((construct) => ({ construct, config: this.configOf(construct) ?? {} }));
  }

  /** The synthesized configuration of a resource. */
  configOf(resource: AddressableResource): Record<string, unknown> | undefined {
    return this.terraform.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  }

  /** Whether a synthesized value references the resource (optionally one attribute of it). */
  refersTo(value: unknown, resource: AddressableResource, attribute?: string): boolean {
    if (value === undefined || value === null) return false;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    const pattern = new RegExp(`(^|[^\\w.])${escape(resource.terraformResourceType)}\\.${escape(resource.friendlyUniqueId)}\\.${attribute !== undefined ? `${escape(attribute)}\\b` : ''}`);
    return pattern.test(text);
  }
}
