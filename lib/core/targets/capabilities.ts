import type { OriginKind } from '../origin';
import type { CorsTarget } from '../props';

/** What one AWS service can express of a CORS policy: limits and sets the validator and every renderer share. */
export interface TargetCapabilities {
  /** The target. */
  readonly target: CorsTarget;
  /** How users name it in messages. */
  readonly displayName: string;
  /** The name with its indefinite article, for messages ("an S3 bucket"). */
  readonly withArticle: string;
  /** Origin entry kinds the target (or the code we generate for it) can express. */
  readonly originKinds: ReadonlySet<OriginKind>;
  /** Most origin entries the service accepts. */
  readonly maxOrigins?: number;
  /** Longest origin entry, in characters. */
  readonly maxOriginLength?: number;
  /** The method names the service accepts, or `undefined` for any token. */
  readonly methods?: ReadonlySet<string>;
  /**
   * How a `*` method entry is rendered: `native` sends `*`, `expand` lists every method of
   * {@link methods} (the same meaning where the service has no wildcard), `all` renders the
   * service's own keyword (CloudFront `ALL`).
   */
  readonly methodWildcard: 'native' | 'expand' | 'all';
  /** Most method entries. */
  readonly maxMethods?: number;
  /** Longest method entry, in characters. */
  readonly maxMethodLength?: number;
  /** Most entries of each header list. */
  readonly maxHeaders?: number;
  /** Longest header entry, in characters. */
  readonly maxHeaderLength?: number;
  /**
   * How `*` in allowHeaders reaches browsers: `literal` sends `*` (a header name under credentials),
   * `echo` answers with the requested header names (S3; the REST preflight template).
   */
  readonly headerWildcard: 'literal' | 'echo';
  /** Largest max age the service accepts, in seconds. */
  readonly maxAgeLimit?: number;
}

const ALL_ORIGIN_KINDS: ReadonlySet<OriginKind> = new Set(['any', 'null', 'exact', 'subdomain-pattern', 'port-pattern', 'scheme-pattern']);

/**
 * The capability matrix (README, "Per-target behaviour"), as data. Sources:
 * - HTTP API: AWS::ApiGatewayV2::Api Cors (MaxAge -1..86400; origins `*`, `https://*`, `http://*`).
 * - Function URL: Lambda API reference, `Cors` (AllowMethods enum and ≤6 items, AllowOrigins ≤100
 *   items of 1-253 characters, headers ≤100 items of ≤1024 characters, MaxAge 0..86400).
 * - S3: PutBucketCors (methods GET PUT HEAD POST DELETE; one `*` per origin or header entry).
 * - CloudFront: ResponseHeadersPolicyAccessControlAllowMethods (GET DELETE HEAD OPTIONS PATCH POST PUT ALL);
 *   origins may use a leftmost-label wildcard ("https://*.example.org", CloudFront developer guide).
 * - REST API: the OPTIONS MOCK method is generated, so every pattern is rendered as an anchored match and `*`
 *   headers as an echo. A preflight this library did not render (aws-cdk-lib's CorsOptions, a hand-written method)
 *   sends its values as written: the audit says which through `ValidateCorsPolicyOptions.literalWildcards`.
 */
export const TARGET_CAPABILITIES: Readonly<Record<CorsTarget, TargetCapabilities>> = {
  'rest-api': {
    target: 'rest-api',
    displayName: 'API Gateway REST API',
    withArticle: 'an API Gateway REST API',
    originKinds: ALL_ORIGIN_KINDS,
    methodWildcard: 'native',
    headerWildcard: 'echo',
  },
  'http-api': {
    target: 'http-api',
    displayName: 'API Gateway HTTP API',
    withArticle: 'an API Gateway HTTP API',
    originKinds: new Set(['any', 'null', 'exact', 'scheme-pattern']),
    methodWildcard: 'native',
    maxMethodLength: 64,
    headerWildcard: 'literal',
    maxAgeLimit: 86400,
  },
  'function-url': {
    target: 'function-url',
    displayName: 'Lambda function URL',
    withArticle: 'a Lambda function URL',
    originKinds: new Set(['any', 'null', 'exact']),
    maxOrigins: 100,
    maxOriginLength: 253,
    methods: new Set(['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE']),
    methodWildcard: 'native',
    maxMethods: 6,
    maxHeaders: 100,
    maxHeaderLength: 1024,
    headerWildcard: 'literal',
    maxAgeLimit: 86400,
  },
  's3': {
    target: 's3',
    displayName: 'S3 bucket',
    withArticle: 'an S3 bucket',
    originKinds: ALL_ORIGIN_KINDS,
    methods: new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']),
    methodWildcard: 'expand',
    headerWildcard: 'echo',
  },
  'cloudfront': {
    target: 'cloudfront',
    displayName: 'CloudFront response headers policy',
    withArticle: 'a CloudFront response headers policy',
    originKinds: new Set(['any', 'null', 'exact', 'subdomain-pattern']),
    methods: new Set(['GET', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']),
    methodWildcard: 'all',
    headerWildcard: 'literal',
  },
};
