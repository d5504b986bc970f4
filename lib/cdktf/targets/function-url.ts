import { duplicateCorsHeaders, renderFunctionUrlCors, toServiceCorsBlockConfig, type CorsDiagnostic } from '../../core/internal';
import type { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import type { TargetContext } from '../context';
import type { TerraformView } from '../view';
import type { LambdaFunctionBindings } from './lambda-function';
import { ServiceCorsApplications, type ServiceCorsBlock } from './service-cors';

/** The `cors` block of an `aws_lambda_function_url` (structurally assignable to `LambdaFunctionUrlCors`). */
export type FunctionUrlCors = ServiceCorsBlock;

/** The policy on function URLs: the `cors` block it sets, its conflicts, and the bound functions' facts. @internal */
export class FunctionUrlTarget {
  private readonly applications: ServiceCorsApplications<LambdaFunctionUrl>;

  constructor(private readonly ctx: TargetContext, private readonly functions: LambdaFunctionBindings) {
    this.applications = new ServiceCorsApplications(ctx, {
      target: 'function-url',
      block: 'cors',
      method: 'applyToFunctionUrl',
      current: (url) => url.corsInput,
      set: (url, block) => url.putCors(block),
    }, () => this.configuration());
  }

  /** The policy as the block (the core's rendering, once per policy). */
  public configuration(): FunctionUrlCors {
    return toServiceCorsBlockConfig(this.ctx.render('function-url', renderFunctionUrlCors));
  }

  /** Sets the function URL's `cors`; a different existing one is a `target-cors-conflict` error. */
  public apply(url: LambdaFunctionUrl): void {
    this.applications.apply(url);
  }

  /** Blocks replaced after they were applied (`target-cors-conflict`). */
  public conflicts(): CorsDiagnostic[] {
    return this.applications.conflicts();
  }

  /** `duplicate-cors-headers` for the URLs of functions bound to the runtime helper. */
  public warnings(view: TerraformView): CorsDiagnostic[] {
    const bound = (this.functions.any ? this.applications.resources : []).flatMap((url) => {
      const fn = this.functions.boundFunction(view, view.attribute(url, 'function_name', url.functionNameInput));
      return fn === undefined ? [] : [{ source: fn.node.path }];
    });
    return duplicateCorsHeaders(bound);
  }
}
