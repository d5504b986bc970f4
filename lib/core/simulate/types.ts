import type { CloudFrontCorsConfig } from '../targets/cloudfront';
import type { FunctionUrlCorsConfig } from '../targets/function-url';
import type { HttpApiCorsConfig } from '../targets/http-api';
import type { RestApiCorsConfig } from '../targets/rest-api';
import type { S3CorsRuleConfig } from '../targets/s3';
import type { CorsBrowser } from './browser-deviations';

/**
 * A request a script makes from a page of `origin`: what the simulator asks the service.
 * `headers` are the headers the script sets, either as `{ name: value }` or as a list of
 * `"Name: value"` / `"Name"` entries. A header given without a value cannot be checked against the
 * CORS-safelisted value rules, so it is treated as needing a preflight (as `X-Custom` would).
 */
export interface CorsRequest {
  /** The page's serialized origin, as the browser sends it in `Origin` (e.g. `https://app.example.com`). */
  readonly origin: string;
  /** The method the script uses; browsers uppercase DELETE, GET, HEAD, OPTIONS, POST and PUT (Fetch, "normalize a method"). */
  readonly method: string;
  /** Headers the script sets. */
  readonly headers?: Readonly<Record<string, string>> | readonly string[];
  /** Whether the request is credentialed (`credentials: 'include'`, `withCredentials = true`). */
  readonly credentials?: boolean;
}

/** Response headers, keyed by header name in the case the service sends them. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** The outcome of the CORS-preflight fetch. */
export interface PreflightOutcome {
  /** Whether the browser sends a preflight at all (non-safelisted method or CORS-unsafe request headers). */
  readonly sent: boolean;
  /** Whether the preflight passed; `true` when none was needed. */
  readonly allowed: boolean;
  /** The HTTP status of the preflight response, when one was sent. */
  readonly status?: number;
  /** The `Access-Control-Request-Headers` the browser sends (lowercase, sorted), when a preflight was sent. */
  readonly requestHeaders?: readonly string[];
  /** Headers of the preflight response. */
  readonly responseHeaders: ResponseHeaders;
}

/** What a browser gets from a target for one request. */
export interface CorsSimulation {
  /** Whether the script can read the response. */
  readonly allowed: boolean;
  /** The CORS-preflight fetch. */
  readonly preflight: PreflightOutcome;
  /** Headers of the actual response; empty when the preflight failed (the request is never sent). */
  readonly responseHeaders: ResponseHeaders;
  /**
   * Why: every step the browser and the service took, in order. When the request is blocked, the
   * reason that blocked it is also in {@link failure}.
   */
  readonly reasons: readonly string[];
  /** The reason the request is blocked (e.g. "Access-Control-Allow-Headers does not list x-api-key"). */
  readonly failure?: string;
  /** Response headers the script can read beyond the CORS-safelisted ones, when allowed. */
  readonly exposedHeaders?: readonly string[];
}

/**
 * The OPTIONS method of a REST API resource as the simulator reads it: what
 * {@link RestApiCorsConfig} holds, widened to what hand-written templates contain.
 */
export interface RestApiPreflightSimulationConfig {
  /** The status code of the integration response (the renderer uses `'204'`). */
  readonly statusCode: string;
  /** Header values the integration response maps as static literals (unquoted). */
  readonly staticHeaders: Readonly<Record<string, string>>;
  /**
   * Header values mapped from the request (`method.request.header.<name>`): header name → request
   * header name. A hand-written `Access-Control-Allow-Origin` mapped from `Origin` reflects every origin.
   */
  readonly requestMappedHeaders?: Readonly<Record<string, string>>;
  /** The integration response template (VTL) that may echo origins or requested headers. */
  readonly responseTemplate?: string;
  /** The method's authorization type; anything but `NONE` answers preflights (which carry no credentials) with 401/403. */
  readonly authorizationType?: string;
  /** Whether the method requires an API key; preflights carry none, so API Gateway answers 403. */
  readonly apiKeyRequired?: boolean;
  /** The integration type; only `MOCK` is answered by API Gateway itself. */
  readonly integrationType?: string;
}

/** A REST API gateway response as the simulator reads it. */
export interface RestApiGatewayResponseSimulationConfig {
  /** The gateway response type (`DEFAULT_4XX`, `DEFAULT_5XX`, `UNAUTHORIZED`, ...). */
  readonly type: string;
  /** Static header values (unquoted). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A REST API as the simulator reads it; {@link RestApiCorsConfig} is one. */
export interface RestApiSimulationConfig {
  /** The OPTIONS method; absent when the resource has none (API Gateway then answers 403 Missing Authentication Token). */
  readonly preflight?: RestApiPreflightSimulationConfig;
  /** Gateway responses carrying CORS headers. */
  readonly gatewayResponses: readonly RestApiGatewayResponseSimulationConfig[];
}

/** A CloudFront CORS config as the simulator reads it; {@link CloudFrontCorsConfig} is one (hand-written ones may set `originOverride: false`). */
export interface CloudFrontSimulationConfig extends Omit<CloudFrontCorsConfig, 'originOverride'> {
  /** Whether CloudFront's CORS headers replace those the origin sends. */
  readonly originOverride: boolean;
}

/** The configuration each target's simulation reads: the neutral config the renderers produce, or one extracted from a template. */
export interface SimulationConfigs {
  /** A REST API: preflight and gateway responses. */
  readonly 'rest-api': RestApiSimulationConfig | RestApiCorsConfig;
  /** An HTTP API `CorsConfiguration`. */
  readonly 'http-api': HttpApiCorsConfig;
  /** A function URL `Cors`. */
  readonly 'function-url': FunctionUrlCorsConfig;
  /** An S3 bucket's CORS rules (one rule, or the bucket's ordered rules: S3 uses the first that matches). */
  readonly 's3': S3CorsRuleConfig | readonly S3CorsRuleConfig[];
  /** A CloudFront response headers policy `CorsConfig`. */
  readonly 'cloudfront': CloudFrontSimulationConfig | CloudFrontCorsConfig;
}

/** What surrounds the CORS configuration: facts the configuration alone does not hold. */
export interface SimulateCorsOptions {
  /**
   * rest-api: the actual response comes from a Lambda proxy integration whose function is wrapped
   * with the runtime helper (`cors-constructs/runtime`), which adds the CORS headers. Default false:
   * proxy responses carry no CORS headers.
   */
  readonly runtimeHelper?: boolean;
  /** rest-api: the actual request fails in API Gateway and is answered by this gateway response type instead. */
  readonly gatewayResponse?: string;
  /** http-api: an authorized route matches OPTIONS (`$default`, `ANY /{proxy+}`), so it catches preflights and answers 401. */
  readonly authorizedOptionsRoute?: boolean;
  /** cloudfront: whether the cache behavior allows OPTIONS. Default true. */
  readonly optionsAllowed?: boolean;
  /** cloudfront: the status the origin answers a preflight with. Default 200. */
  readonly originPreflightStatus?: number;
  /** cloudfront: CORS headers the origin itself sends. */
  readonly originHeaders?: ResponseHeaders;
  /** function-url: CORS headers the function itself adds to its responses (e.g. the runtime helper). */
  readonly functionHeaders?: ResponseHeaders;
  /**
   * Whose CORS checks to apply: `'fetch-standard'` (default), or `'chromium'`, `'firefox'` or `'webkit'`, which add the deviations
   * measured in that engine (browser-deviations.ts, docs/conformance.md).
   */
  readonly browser?: CorsBrowser;
}

/** A request as a service sees it. */
export interface ServiceRequest {
  /** The `Origin` header. */
  readonly origin: string;
  /** `OPTIONS` for a preflight, the request's method otherwise. */
  readonly method: string;
  /** For a preflight: `Access-Control-Request-Method`. */
  readonly requestMethod?: string;
  /** For a preflight: the names in `Access-Control-Request-Headers` (lowercase, sorted). */
  readonly requestHeaders?: readonly string[];
  /** Whether the request carries cookies or HTTP authentication (never for a preflight). */
  readonly credentials: boolean;
}

/** A response as a service sends it, with notes explaining how it was produced. */
export interface ServiceResponse {
  /** The HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: ResponseHeaders;
  /** How the service produced this response, with the source of each behaviour. */
  readonly notes: readonly string[];
}

/** One target's behaviour: how the service answers preflights and actual requests. */
export interface ServiceModel {
  /** The answer to `OPTIONS` with `Access-Control-Request-Method`. */
  preflight(request: ServiceRequest): ServiceResponse;
  /** The answer to the actual request. */
  actual(request: ServiceRequest): ServiceResponse;
}
