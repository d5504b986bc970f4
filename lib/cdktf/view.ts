import { DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

interface AddressableResource {
  readonly terraformResourceType: string;
  readonly friendlyUniqueId: string;
}

type Rendered = Record<string, unknown>;

// The resolver cdktf's own toTerraform uses (tokens concatenated as strings, `${...}` references).
const RESOLVER = new DefaultTokenResolver(new StringConcat());

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = new WeakMap<AddressableResource, Map<string, RegExp>>();

// The pattern of a reference to the resource (optionally one attribute), compiled once per resource and attribute.
function referencePattern(resource: AddressableResource, attribute: string | undefined): RegExp {
  let byAttribute = patterns.get(resource);
  if (byAttribute === undefined) patterns.set(resource, (byAttribute = new Map()));
  const key = `${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute ?? ''}`;
  let pattern = byAttribute.get(key);
  if (pattern === undefined) {
    pattern = new RegExp(`(^|[^\\w.])${escape(resource.terraformResourceType)}\\.${escape(resource.friendlyUniqueId)}\\.${attribute !== undefined ? `${escape(attribute)}\\b` : ''}`);
    byAttribute.set(key, pattern);
  }
  return pattern;
}

// Every `type.id.` reference in a text, on the same terms as referencePattern (not preceded by a word
// character or a dot): type and id are maximal runs, so each occurrence is found exactly once.
const REFERENCE = /(?<![\w.])(\w+)\.([\w-]+)\./g;
const SIMPLE_TYPE = /^\w+$/;
const SIMPLE_ID = /^[\w-]+$/;

function hasOverrides(element: unknown): boolean {
  // `rawOverrides` (addOverride) is protected in cdktf's typings; read-only access to know whether it is empty.
  const overrides = (element as { rawOverrides?: unknown }).rawOverrides;
  return overrides !== null && typeof overrides === 'object' && Object.keys(overrides).length > 0;
}

// One view per stack and per pass (the aspect pass, the validation pass), shared by every CorsPolicy of
// the stack. A view indexes the resources by Terraform type and caches the attributes it resolved: when the
// library changes a resource during a pass it invalidates the view (TerraformView.invalidate).
// An aspect pass is recognized from the participants' own visits (no aspect on the stack: cdktf would then
// track every construct of the stack for it): a visit opens a new pass unless the current pass is an aspect
// pass this participant has not visited yet.
interface Pass {
  readonly phase: 'aspect' | 'validation';
  readonly pending: Set<IConstruct>;
  view?: TerraformView | undefined;
}
const passes = new WeakMap<TerraformStack, Pass>();
const participants = new WeakMap<TerraformStack, Set<IConstruct>>();

function stackOf(scope: IConstruct): TerraformStack | undefined {
  try {
    return TerraformStack.of(scope);
  } catch {
    return undefined;
  }
}

/**
 * The resources of a construct's stack, read at validation time to find other resources on the same
 * target (conflicts) and the infrastructure around it (behaviour warnings). Resources are found by
 * Terraform type name (`TerraformResource.isTerraformResource` + `terraformResourceType`, never
 * `instanceof`), and only the attributes a check compares are read and resolved, as Terraform will see
 * them (tokens resolved to `${...}` references): the stack is not rendered. A resource with
 * `addOverride`s (or a stack overriding resources) is rendered alone (or once per view) instead, so the
 * overrides count as they do in the output.
 */
export class TerraformView {
  /** A fresh view of the scope's stack, or `undefined` outside a stack. */
  static of(scope: IConstruct): TerraformView | undefined {
    const stack = stackOf(scope);
    return stack ? new TerraformView(stack) : undefined;
  }

  /**
   * Registers a construct that reads the shared view in the aspect and validation passes over its stack:
   * every validation pass starts a new view (cdktf validates the stack node before any construct inside
   * it), and so does every aspect pass (see {@link beginAspectVisit}). Idempotent.
   */
  static coordinate(scope: IConstruct): void {
    const stack = stackOf(scope);
    if (!stack) return;
    let registered = participants.get(stack);
    if (registered === undefined) {
      participants.set(stack, (registered = new Set()));
      stack.node.addValidation({ validate: () => { passes.set(stack, { phase: 'validation', pending: new Set(participants.get(stack)) }); return []; } });
    }
    registered.add(scope);
  }

  /**
   * Call first in a registered construct's aspect visit. cdktf visits every construct once per aspect pass,
   * so a participant that already visited the current pass (or was registered after it began, or follows a
   * validation pass) starts a new one.
   */
  static beginAspectVisit(scope: IConstruct): void {
    const stack = stackOf(scope);
    if (!stack) return;
    let pass = passes.get(stack);
    if (pass === undefined || pass.phase !== 'aspect' || !pass.pending.has(scope)) {
      pass = { phase: 'aspect', pending: new Set(participants.get(stack)) };
      passes.set(stack, pass);
    }
  }

  /**
   * Call last in a registered construct's aspect visit and validation. The pass ends when every
   * participant has finished it, so a later direct `node.validate()` or `diagnostics()` reads a fresh view
   * instead of the last pass's.
   */
  static endVisit(scope: IConstruct): void {
    const stack = stackOf(scope);
    const pass = stack ? passes.get(stack) : undefined;
    if (!stack || !pass) return;
    pass.pending.delete(scope);
    if (pass.pending.size === 0) passes.delete(stack);
  }

  /** The view of the current pass over the scope's stack, built on first use; a fresh view outside a pass. */
  static shared(scope: IConstruct): TerraformView | undefined {
    const stack = stackOf(scope);
    if (!stack) return undefined;
    const pass = passes.get(stack);
    if (pass === undefined) return new TerraformView(stack);
    if (!('view' in pass)) pass.view = new TerraformView(stack);
    return pass.view;
  }

  /** Drops the current pass's view of the scope's stack: call after the library changes a resource during a pass. */
  static invalidate(scope: IConstruct): void {
    const stack = stackOf(scope);
    const pass = stack ? passes.get(stack) : undefined;
    if (pass) delete pass.view;
  }

  private readonly byType = new Map<string, TerraformResource[]>();
  private readonly rendered = new Map<TerraformResource, Rendered>();
  // Resolved attributes, per resource and name: a check of every policy reads the same few attributes.
  private readonly resolved = new Map<TerraformResource, Map<string, unknown>>();
  // Per `type\0attribute`: "type.id" of each resource referenced -> the resources of the type referring to it.
  private readonly referenceIndex = new Map<string, Map<string, TerraformResource[]>>();
  private stackRendered?: { resource?: Record<string, Record<string, Rendered>> } | undefined;

  private constructor(private readonly stack: TerraformStack) {
    for (const construct of stack.node.findAll()) {
      if (!TerraformResource.isTerraformResource(construct)) continue;
      const list = this.byType.get(construct.terraformResourceType);
      if (list) list.push(construct);
      else this.byType.set(construct.terraformResourceType, [construct]);
    }
  }

  /**
   * Every resource of a Terraform type, in construct-tree order, typed as the caller's structural view
   * of the provider class (its `*Input` getters).
   */
  resourcesOfType<T extends object>(type: string): Array<TerraformResource & T> {
    return (this.byType.get(type) ?? []) as Array<TerraformResource & T>;
  }

  /**
   * One top-level attribute of a resource as Terraform will see it: `input` (the provider class's
   * `*Input` getter) resolved in the stack, or the attribute of the rendered resource when overrides apply.
   * `undefined` when it cannot be resolved (the real synth reports why).
   */
  attribute(resource: TerraformResource, name: string, input: unknown): unknown {
    const rendered = this.renderedWithOverrides(resource);
    if (rendered !== undefined) return rendered[name];
    let attributes = this.resolved.get(resource);
    if (attributes === undefined) this.resolved.set(resource, (attributes = new Map()));
    if (attributes.has(name)) return attributes.get(name);
    const value = this.resolve(input);
    attributes.set(name, value);
    return value;
  }

  /** Whether {@link attribute} reads the rendered resource (snake_case nested blocks) rather than the input (camelCase). */
  isRendered(resource: TerraformResource): boolean {
    return this.renderedWithOverrides(resource) !== undefined;
  }

  /** Whether a synthesized value references the resource (optionally one attribute of it). */
  refersTo(value: unknown, resource: AddressableResource, attribute?: string): boolean {
    if (value === undefined || value === null) return false;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return referencePattern(resource, attribute).test(text);
  }

  /**
   * The resources of a type whose attribute refers to the target resource (as {@link refersTo} without an
   * attribute; a superset of those referring to one attribute of it), in construct-tree order. The references
   * of every resource of the type are indexed once per view, so asking for each of N targets costs N lookups
   * rather than N x resources tests.
   */
  referrers<T extends object>(type: string, name: string, input: (resource: TerraformResource & T) => unknown, target: AddressableResource): Array<TerraformResource & T> {
    const candidates = this.resourcesOfType<T>(type);
    if (!SIMPLE_TYPE.test(target.terraformResourceType) || !SIMPLE_ID.test(target.friendlyUniqueId)) {
      return candidates.filter((resource) => this.refersTo(this.attribute(resource, name, input(resource)), target));
    }
    const indexKey = `${type}\u0000${name}`;
    let index = this.referenceIndex.get(indexKey);
    if (index === undefined) {
      index = new Map();
      for (const resource of candidates) {
        const value = this.attribute(resource, name, input(resource));
        if (value === undefined || value === null) continue;
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const seen = new Set<string>();
        for (const match of text.matchAll(REFERENCE)) {
          const key = `${match[1]}.${match[2]}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const list = index.get(key);
          if (list) list.push(resource);
          else index.set(key, [resource]);
        }
      }
      this.referenceIndex.set(indexKey, index);
    }
    return (index.get(`${target.terraformResourceType}.${target.friendlyUniqueId}`) ?? []) as Array<TerraformResource & T>;
  }

  private resolve(value: unknown): unknown {
    if (value === undefined) return undefined;
    try {
      return Tokenization.resolve(value, { scope: this.stack, resolver: RESOLVER, preparing: false });
    } catch {
      return undefined;
    }
  }

  /** The rendered configuration of one resource (cached in the view): the resource alone, or the stack once when it overrides resources. */
  render(resource: TerraformResource): Rendered {
    if (this.stackOverridesResources()) {
      if (this.stackRendered === undefined) {
        try {
          this.stackRendered = this.stack.toTerraform() as typeof this.stackRendered;
        } catch {
          this.stackRendered = {};
        }
      }
      return this.stackRendered?.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
    }
    let config = this.rendered.get(resource);
    if (config === undefined) {
      try {
        const fragment = Tokenization.resolve(resource.toTerraform(), { scope: this.stack, resolver: RESOLVER, preparing: false }) as { resource?: Record<string, Record<string, Rendered>> };
        config = fragment.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
      } catch {
        config = {};
      }
      this.rendered.set(resource, config);
    }
    return config;
  }

  private stackOverridesResources(): boolean {
    const overrides = (this.stack as unknown as { rawOverrides?: { resource?: unknown } }).rawOverrides;
    return overrides?.resource !== undefined;
  }

  // The rendered configuration of a resource when overrides apply to it, else undefined (read the inputs).
  private renderedWithOverrides(resource: TerraformResource): Rendered | undefined {
    return this.stackOverridesResources() || hasOverrides(resource) ? this.render(resource) : undefined;
  }
}
