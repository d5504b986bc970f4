/**
 * Minimal event and result shapes of API Gateway Lambda proxy integrations, so the runtime helper
 * needs no `@types/aws-lambda`. Only the fields the helper reads or writes are typed precisely;
 * handlers annotated with `@types/aws-lambda` types work as they are (the wrapper is generic).
 */

/** A response header value as a proxy result may hold it (API Gateway turns it into text). */
export type ProxyHeaderValue = string | number | boolean;

/** Request headers in any of the forms the helper accepts: one value or several per name, any name case. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | null | undefined>>;

/**
 * An API Gateway REST API (and HTTP API payload format 1.0) Lambda proxy event.
 * `headers` holds the last value of each header, `multiValueHeaders` every value; API Gateway keeps
 * the name case the client sent (HTTP/2 clients send lowercase names), and sends `null` when there are none.
 */
export interface RestApiProxyEvent {
  /** The request method as the client sent it, e.g. `GET` or `OPTIONS`. */
  readonly httpMethod: string;
  /** The last value of each request header, or `null` when the request has none. */
  readonly headers: Readonly<Record<string, string | undefined>> | null;
  /** Every value of each request header, or `null` when the request has none. */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[] | undefined>> | null;
  /** The resource path template, e.g. `/{proxy+}`. */
  readonly resource?: string;
  /** The request path. */
  readonly path?: string;
  /** Path parameters, or `null`. */
  readonly pathParameters?: Readonly<Record<string, string | undefined>> | null;
  /** The last value of each query string parameter, or `null`. */
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null;
  /** Every value of each query string parameter, or `null`. */
  readonly multiValueQueryStringParameters?: Readonly<Record<string, readonly string[] | undefined>> | null;
  /** Stage variables, or `null`. */
  readonly stageVariables?: Readonly<Record<string, string | undefined>> | null;
  /** The request context (account, stage, identity, authorizer, ...). */
  readonly requestContext?: Readonly<Record<string, unknown>>;
  /** The request body, or `null`. */
  readonly body?: string | null;
  /** Whether `body` is base64-encoded. */
  readonly isBase64Encoded?: boolean;
}

/**
 * An API Gateway HTTP API Lambda proxy event, payload format 2.0 (also the shape of Lambda function
 * URL events). Duplicate headers arrive joined with commas; header names are lowercase; cookies
 * arrive in `cookies`, not in `headers`.
 */
export interface HttpApiProxyEvent {
  /** Always `2.0`. */
  readonly version: '2.0';
  /** The route key, e.g. `ANY /{proxy+}` or `$default`. */
  readonly routeKey?: string;
  /** The request path. */
  readonly rawPath?: string;
  /** The raw query string. */
  readonly rawQueryString?: string;
  /** Request cookies. */
  readonly cookies?: readonly string[];
  /** Request headers (duplicates joined with commas). Absent when the request has none. */
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  /** Query string parameters (duplicates joined with commas). */
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>> | null;
  /** Path parameters. */
  readonly pathParameters?: Readonly<Record<string, string | undefined>> | null;
  /** Stage variables. */
  readonly stageVariables?: Readonly<Record<string, string | undefined>> | null;
  /** The request context; `http.method` is the request method. */
  readonly requestContext: {
    /** The HTTP request line and client. */
    readonly http: {
      /** The request method, e.g. `GET` or `OPTIONS`. */
      readonly method: string;
      /** The request path. */
      readonly path?: string;
      /** The protocol, e.g. `HTTP/1.1`. */
      readonly protocol?: string;
      /** The client IP address. */
      readonly sourceIp?: string;
      /** The client's User-Agent. */
      readonly userAgent?: string;
    };
    /** Every other request context field (account, stage, authorizer, ...). */
    readonly [key: string]: unknown;
  };
  /** The request body. */
  readonly body?: string;
  /** Whether `body` is base64-encoded. */
  readonly isBase64Encoded?: boolean;
}

/** Either proxy event shape. */
export type CorsProxyEvent = RestApiProxyEvent | HttpApiProxyEvent;

/**
 * A REST API (payload format 1.0) proxy result. API Gateway merges `headers` and
 * `multiValueHeaders`; for a name in both, only the `multiValueHeaders` values are sent.
 */
export interface RestApiProxyResult {
  /** The HTTP status code. */
  statusCode: number;
  /** One value per response header. */
  headers?: Record<string, ProxyHeaderValue>;
  /** Several values per response header. */
  multiValueHeaders?: Record<string, ProxyHeaderValue[]>;
  /** The response body. */
  body: string;
  /** Whether `body` is base64-encoded. */
  isBase64Encoded?: boolean;
}

/**
 * An HTTP API payload format 2.0 proxy result. A handler may also return any other JSON value
 * without `statusCode`: API Gateway then answers 200 with that value as a JSON body.
 */
export interface HttpApiProxyResult {
  /** The HTTP status code. */
  statusCode?: number;
  /** Response headers (several values joined with commas). */
  headers?: Record<string, ProxyHeaderValue>;
  /** Response cookies: each becomes a `Set-Cookie` header. */
  cookies?: string[];
  /** The response body. */
  body?: string;
  /** Whether `body` is base64-encoded. */
  isBase64Encoded?: boolean;
}

/** Either proxy result shape. */
export type CorsProxyResult = RestApiProxyResult | HttpApiProxyResult;

/**
 * A response the helper produces itself: the 204 answer to a preflight, and the 500 answer when the
 * handler throws or the policy cannot be loaded. Valid for both payload formats.
 */
export interface CorsGeneratedResult {
  /** 204 for a preflight, 500 for an error. */
  statusCode: number;
  /** The CORS headers (and `Content-Type` for an error body). */
  headers: Record<string, string>;
  /** Empty for a preflight; `{"message":"Internal Server Error"}` for an error (never the error's own message). */
  body: string;
}

/** The CORS response headers for one request, keyed by their usual spelling (`Access-Control-Allow-Origin`, `Vary`). */
export type CorsResponseHeaders = Record<string, string>;
