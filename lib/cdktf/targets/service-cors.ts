import { canonicalJson, describeConfiguration, sameConfiguration, targetCorsConflict, type CorsDiagnostic } from '../../core/internal';
import type { IConstruct } from 'constructs';
import type { TargetContext } from '../context';

/**
 * The CORS block `aws_apigatewayv2_api.cors_configuration` and `aws_lambda_function_url.cors` share,
 * in the provider's property names (`maxAge` in seconds). Structurally assignable to
 * `Apigatewayv2ApiCorsConfiguration` and `LambdaFunctionUrlCors` of `@cdktf/provider-aws` and `@cdktn/provider-aws`.
 */
export interface ServiceCorsBlock {
  /** Origins, `*`, or (HTTP API only) `https://*` / `http://*`. */
  allowOrigins?: string[];
  /** Methods, or `*`. */
  allowMethods?: string[];
  /** Lowercase request header names, or `*`; absent when the policy allows none. */
  allowHeaders?: string[];
  /** Lowercase response header names; absent when the policy exposes none. */
  exposeHeaders?: string[];
  /** Whether credentials are allowed. */
  allowCredentials?: boolean;
  /** Preflight cache lifetime in seconds; absent when the policy sets none. */
  maxAge?: number;
}

/** How one resource type holds its service CORS block (`aws_apigatewayv2_api`, `aws_lambda_function_url`). @internal */
export interface ServiceCorsAccess<R> {
  /** The target the block configures. */
  readonly target: 'http-api' | 'function-url';
  /** The block's Terraform name, for messages. */
  readonly block: string;
  /** The CorsPolicy method that applies it, for messages. */
  readonly method: string;
  /** The block the resource holds now, if any. */
  current(resource: R): unknown;
  /** Sets the block. */
  set(resource: R, block: ServiceCorsBlock): void;
}

/**
 * The resources a policy set a service CORS block on, and the conflicts with a block set before or
 * after. Both service targets share this: the same block, the same conflict rules. @internal
 */
export class ServiceCorsApplications<R extends IConstruct> {
  /** The resources the block was set on, in application order. */
  public readonly resources: R[] = [];
  // The block as the target held it right after applying (plain JSON): unchanged since means no conflict.
  private readonly asApplied = new Map<R, string | undefined>();
  // Canonical JSON of the wanted block, compared at every pass where a block changed.
  private wanted?: string;

  constructor(private readonly ctx: TargetContext, private readonly access: ServiceCorsAccess<R>, private readonly block: () => ServiceCorsBlock) {}

  /** Sets the block; a different existing one is a `target-cors-conflict` error. */
  public apply(resource: R): void {
    if (this.resources.includes(resource)) return;
    const { access } = this;
    const wanted = this.block();
    const existing = access.current(resource);
    if (existing !== undefined && !sameConfiguration(existing, wanted, UNORDERED)) {
      this.ctx.addConflict(targetCorsConflict(resource.node.path, access.target, `${access.block} ${describeConfiguration(existing)}`));
    }
    access.set(resource, wanted);
    this.asApplied.set(resource, JSON.stringify(access.current(resource)));
    this.resources.push(resource);
  }

  /** Blocks replaced since they were applied. */
  public conflicts(): CorsDiagnostic[] {
    const { access } = this;
    const found: CorsDiagnostic[] = [];
    for (const resource of this.resources) {
      const current = access.current(resource);
      if (JSON.stringify(current) === this.asApplied.get(resource)) continue;
      this.wanted ??= canonicalJson(this.block(), UNORDERED);
      if (canonicalJson(current, UNORDERED) !== this.wanted) {
        found.push(targetCorsConflict(resource.node.path, access.target, `${access.block} was replaced after ${access.method}: ${describeConfiguration(current)}`));
      }
    }
    return found;
  }
}

// The block's lists are Terraform sets: their order is not kept.
const UNORDERED = { unorderedLists: true } as const;
