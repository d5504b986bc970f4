import { preflightNeedsOptionsRoute, renderHttpApiCors, toServiceCorsBlockConfig, type CorsDiagnostic, type HttpRouteFact } from '../../core/internal';
import type { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import type { TargetContext } from '../context';
import type { TerraformView } from '../view';
import { ServiceCorsApplications, type ServiceCorsBlock } from './service-cors';

/** The `cors_configuration` block of an `aws_apigatewayv2_api` (structurally assignable to `Apigatewayv2ApiCorsConfiguration`). */
export type HttpApiCorsConfiguration = ServiceCorsBlock;

const ROUTE_RESOURCE_TYPE = 'aws_apigatewayv2_route';

// The attributes the checks read, as the `*Input` getters of the provider class (found by Terraform type).
interface RouteInputs { readonly apiIdInput?: unknown; readonly routeKeyInput?: unknown; readonly authorizationTypeInput?: unknown }

/** The policy on HTTP APIs: the `cors_configuration` it sets, its conflicts, and the routes' facts. @internal */
export class HttpApiTarget {
  private readonly applications: ServiceCorsApplications<Apigatewayv2Api>;

  constructor(private readonly ctx: TargetContext) {
    this.applications = new ServiceCorsApplications(ctx, {
      target: 'http-api',
      block: 'cors_configuration',
      method: 'applyToHttpApi',
      current: (api) => api.corsConfigurationInput,
      set: (api, block) => api.putCorsConfiguration(block),
    }, () => this.configuration());
  }

  /** The policy as the block (the core's rendering, once per policy). */
  public configuration(): HttpApiCorsConfiguration {
    return toServiceCorsBlockConfig(this.ctx.render('http-api', renderHttpApiCors));
  }

  /** Sets the API's `cors_configuration`; a different existing one is a `target-cors-conflict` error. */
  public apply(api: Apigatewayv2Api): void {
    this.applications.apply(api);
  }

  /** Blocks replaced after they were applied (`target-cors-conflict`). */
  public conflicts(): CorsDiagnostic[] {
    return this.applications.conflicts();
  }

  /** `preflight-needs-options-route` over the routes of each API. */
  public warnings(view: TerraformView): CorsDiagnostic[] {
    return this.applications.resources.flatMap((api) => {
      const routes = view.resourcesOfType<RouteInputs>(ROUTE_RESOURCE_TYPE)
        .filter((route) => view.refersTo(view.attribute(route, 'api_id', route.apiIdInput), api))
        .map((route): HttpRouteFact => {
          const authorizationType = view.attribute(route, 'authorization_type', route.authorizationTypeInput);
          return { routeKey: String(view.attribute(route, 'route_key', route.routeKeyInput)), authorizationType: typeof authorizationType === 'string' ? authorizationType : undefined, source: route.node.path };
        });
      return preflightNeedsOptionsRoute(routes);
    });
  }
}
