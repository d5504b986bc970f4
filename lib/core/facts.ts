/**
 * Neutral facts about the app around a policy, gathered by each front end (the CDK and cdktf constructs,
 * the extractors) from its own framework, so the situational rules in `./situational` decide once.
 * Method and authorization values are kept as written: the rules compare them as AWS's enums do.
 */

/** A CloudFront cache behavior whose response headers policy is the one made from the policy. */
export interface CloudFrontBehaviorFact {
  /** How the finding names the behavior, e.g. `Stack/Cdn default behavior`. */
  readonly label: string;
  /**
   * The behavior's allowed methods as written, or `undefined` when they are a deploy-time value (not checked).
   * A front end whose framework omits the property passes CloudFront's default, GET and HEAD.
   */
  readonly allowedMethods: readonly string[] | undefined;
}

/** An API Gateway HTTP API route of an API the policy is applied to. */
export interface HttpRouteFact {
  /** The route key, e.g. `ANY /{proxy+}` or `$default`. */
  readonly routeKey: string;
  /** The route's authorization type as written (`NONE`, `JWT`, ...); `undefined` when unset (= `NONE`). */
  readonly authorizationType: string | undefined;
  /** Where the route is defined (a construct path or a template address). */
  readonly source: string;
}

/** A REST API method whose integration is a Lambda proxy (`AWS_PROXY` to a function). */
export interface ProxyIntegrationFact {
  /** The method, e.g. `GET`. */
  readonly httpMethod: string;
  /** The resource path, e.g. `/items`, or `undefined` when it is not known at synth time. */
  readonly resourcePath: string | undefined;
  /** Whether the function behind the integration is bound to the runtime helper (it then adds the headers). */
  readonly boundToRuntimeHelper: boolean;
  /** Where the method or integration is defined (a construct path or a template address). */
  readonly source: string;
}

/** A function bound to the runtime helper whose function URL also has CORS. */
export interface BoundFunctionUrlFact {
  /** Where the function is defined (a construct path or a template address). */
  readonly source: string;
}
