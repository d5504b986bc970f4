/**
 * The AWS services a CORS policy can be applied to.
 *
 * - `rest-api`: API Gateway REST API (OPTIONS mock methods and gateway responses)
 * - `http-api`: API Gateway HTTP API (`CorsConfiguration`)
 * - `function-url`: Lambda function URL (`Cors`)
 * - `s3`: S3 bucket CORS rules
 * - `cloudfront`: CloudFront response headers policy (`CorsConfig`)
 */
export type CorsTarget = 'rest-api' | 'http-api' | 'function-url' | 's3' | 'cloudfront';

/** Every {@link CorsTarget}, in a stable order. */
export const CORS_TARGETS: readonly CorsTarget[] = ['rest-api', 'http-api', 'function-url', 's3', 'cloudfront'];

/**
 * One CORS policy, written once and applied to any {@link CorsTarget}.
 *
 * Values follow the WHATWG Fetch standard: origins are serialized origins
 * (`scheme://host[:port]`), methods and headers are RFC 9110 tokens.
 */
export interface CorsPolicyProps {
  /**
   * Origins allowed to read responses: exact origins (`https://app.example.com`),
   * `'*'` alone for any origin, or patterns: `https://*.example.com` (one or more
   * subdomain labels, never the bare domain), `http://localhost:*` (any explicit port),
   * `https://*` / `http://*` (any origin of that scheme).
   */
  readonly allowOrigins: readonly string[];
  /**
   * Methods allowed for cross-origin requests, or `['*']` for any method (not with credentials).
   * @default ['GET', 'HEAD']
   */
  readonly allowMethods?: readonly string[];
  /**
   * Request headers scripts may send (`Access-Control-Allow-Headers`), or `['*']`.
   * @default [] (only CORS-safelisted request headers)
   */
  readonly allowHeaders?: readonly string[];
  /**
   * Response headers scripts may read beyond the safelisted ones (`Access-Control-Expose-Headers`).
   * @default []
   */
  readonly exposeHeaders?: readonly string[];
  /**
   * Whether cookies, HTTP authentication and client certificates may be sent and the response read
   * (`Access-Control-Allow-Credentials: true`).
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long, in whole seconds, browsers may cache a preflight answer (`Access-Control-Max-Age`).
   * @default - not sent: browsers cache for 5 seconds
   */
  readonly maxAgeSeconds?: number;
}

/** Methods allowed when {@link CorsPolicyProps.allowMethods} is not set. */
export const DEFAULT_ALLOW_METHODS: readonly string[] = ['GET', 'HEAD'];
