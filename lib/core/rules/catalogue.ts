/**
 * The validation rule catalogue: every rule id the validator can report, its severity,
 * whether it is a target limit, what it catches, an example that triggers it and the fix in
 * general terms (each diagnostic's message gives the fix for its value).
 * The README's rule table is generated from, and tested against, this list.
 */
export const RULE_CATALOGUE = {
  /** The policy is not an object, or a field has the wrong type (JavaScript callers). */
  'policy-invalid': { severity: 'error', targetLimit: false, catches: 'props that are not an object, a property whose getter or Proxy trap throws, allowCredentials that is not a boolean, or a targets option that is not a list of target names', example: 'allowCredentials: "yes"', fix: 'Pass an object whose lists are arrays of strings and whose allowCredentials is true or false.' },
  /** A property the policy does not know, usually a typo. */
  'policy-unknown-field': { severity: 'warning', targetLimit: false, catches: 'a property that is not part of CorsPolicyProps', example: "allowedOrigins: ['https://app.example.com']", fix: 'Check the property name: allowOrigins, allowMethods, allowHeaders, exposeHeaders, allowCredentials, maxAgeSeconds.' },
  /** No origin is allowed, so every cross-origin read fails. */
  'origins-empty': { severity: 'error', targetLimit: false, catches: 'no origin at all', example: 'allowOrigins: []', fix: "List the origins of your web apps, e.g. 'https://app.example.com'." },
  /** Not a serialized origin `scheme://host[:port]`. */
  'origin-malformed': { severity: 'error', targetLimit: false, catches: 'missing scheme, path, query, fragment, userinfo, whitespace, empty host, a port that is not 0-65535 or that browsers block (0, the Fetch bad ports such as 6000), a host over 253 characters or a label over 63 (a pattern\'s `*` counts as one label)', example: "'https://app.example.com/login'", fix: 'Write the origin as scheme://host[:port], as browsers send it: no path, query, fragment or credentials.' },
  /** A trailing slash: browsers send the Origin header without one, so the entry never matches. */
  'origin-trailing-slash': { severity: 'error', targetLimit: false, catches: 'a trailing `/` after the host', example: "'https://app.example.com/'", fix: "Remove the trailing '/' after the host, e.g. 'https://app.example.com'." },
  /** http(s) origins must be written as browsers serialize them: lowercase, no default port, punycode hosts. */
  'origin-not-canonical': { severity: 'warning', targetLimit: false, catches: 'uppercase, a default port or a non-ASCII host in an http(s) origin, or an uppercase scheme; rendered canonical, so an error only where a configuration is deployed as written (audit)', example: "'https://App.example.com:443'", fix: 'Write the origin as browsers send it: lowercase, without the default port, with a punycode host.' },
  /** A scheme whose documents never send a usable origin of their own. */
  'origin-scheme-unsupported': { severity: 'error', targetLimit: false, catches: 'file, data, blob, about, javascript, ws, wss or ftp origins', example: "'file://'", fix: 'Remove the entry; for blob: documents list the origin that created them.' },
  /** Extension origins that change with every installation. */
  'origin-extension-per-install': { severity: 'warning', targetLimit: false, catches: 'moz-extension and safari-web-extension origins', example: "'moz-extension://1d5f0e1a-…'", fix: 'Authenticate the extension another way, or accept that each installation needs its own entry.' },
  /** A scheme only non-browser shells send. */
  'origin-scheme-custom': { severity: 'warning', targetLimit: false, catches: 'any scheme other than http(s), known app shells and Chrome extensions', example: "'app://obsidian.md'", fix: 'Keep it only if your non-browser client really sends this Origin.' },
  /** `*` next to other origins. */
  'origin-wildcard-mixed': { severity: 'error', targetLimit: false, catches: '`*` listed with other origins', example: "['*', 'https://app.example.com']", fix: "Keep either '*' alone or only the specific origins." },
  /** Browsers refuse a credentialed response that allows any origin. */
  'origin-wildcard-with-credentials': { severity: 'error', targetLimit: false, catches: '`*`, `https://*` or `http://*` with credentials', example: "['*'] + allowCredentials: true", fix: 'List the exact origins that need credentials, or turn credentials off.' },
  /** A `*` that is neither one whole leftmost label nor a whole port. */
  'origin-pattern-invalid': { severity: 'error', targetLimit: false, catches: 'wildcards inside a label, in the middle, twice, or without a scheme', example: "'https://*example.com'", fix: "Use a whole leftmost label ('https://*.example.com') or a whole port ('http://localhost:*'), or list exact origins." },
  /** A wildcard that anyone can register a matching origin under. */
  'origin-pattern-public-suffix': { severity: 'error', targetLimit: false, catches: 'a pattern whose base is, or contains, a public suffix (ICANN and private sections); error with credentials or on S3 (which always allows them), warning otherwise', example: "'https://*.github.io'", fix: "Use a pattern under a domain you own, e.g. 'https://*.example.com', or list exact origins." },
  /** Subdomain patterns with credentials widen the attack surface to every matching host. */
  'origin-pattern-with-credentials': { severity: 'warning', targetLimit: false, catches: 'a subdomain pattern with credentials', example: "'https://*.example.com' + allowCredentials: true", fix: 'List the hosts that need credentials instead of a pattern.' },
  /** `null` is the origin of sandboxed and opaque documents from anywhere. */
  'origin-null': { severity: 'error', targetLimit: false, catches: '`null` (error with credentials, warning without)', example: "'null'", fix: "Remove 'null' and list real origins." },
  /** Plain-http origins with credentials can be read by a network attacker. */
  'origin-insecure-with-credentials': { severity: 'warning', targetLimit: false, catches: 'an `http://` origin with credentials that is not potentially trustworthy (localhost, *.localhost, with or without the root dot, 127.0.0.0/8 and [::1] are)', example: "'http://app.example.com' + allowCredentials: true", fix: 'Serve the app over https and list the https:// origin.' },
  /** The same origin listed twice. */
  'origin-duplicate': { severity: 'warning', targetLimit: false, catches: 'an origin listed twice', example: "['https://a.example', 'https://a.example']", fix: 'Remove the repeated entry.' },
  /** The target cannot express the origin pattern. */
  'origin-pattern-unsupported': { severity: 'error', targetLimit: true, catches: "a pattern the target cannot express, or one a configuration sends as written (a REST preflight's static header or exact comparison, as aws-cdk-lib's CorsOptions write it)", example: "'https://*.example.com' on a function URL", fix: "List the exact origins for this target; on a REST API, CorsPolicy.applyToRestApi generates an anchored match for patterns." },
  /** Over the target's origin count or length limit. */
  'origins-too-many': { severity: 'error', targetLimit: true, catches: "more origins, or longer ones, than the target accepts", example: '101 origins on a function URL', fix: 'Use fewer or shorter origins, or a target that accepts patterns.' },
  /** An explicit empty method list, which S3 and CloudFront cannot hold and no browser request matches. */
  'methods-empty': { severity: 'error', targetLimit: false, catches: 'allowMethods: [] (omit it for the default GET, HEAD)', example: 'allowMethods: []', fix: 'List the methods you need, or omit the list for GET and HEAD.' },
  /** Not an RFC 9110 token. */
  'method-invalid': { severity: 'error', targetLimit: false, catches: 'a method that is not an RFC 9110 token', example: "'GET POST'", fix: 'List one method name per entry.' },
  /** Methods browsers never send. */
  'method-forbidden': { severity: 'error', targetLimit: false, catches: 'CONNECT, TRACE, TRACK', example: "'TRACE'", fix: 'Remove the method: browsers never send it.' },
  /** Methods browsers uppercase before comparing. */
  'method-not-normalized': { severity: 'warning', targetLimit: false, catches: 'delete, put, options, get, head, post not in uppercase; rendered uppercase, so an error for delete, put and options only where a configuration is deployed as written (audit)', example: "'delete'", fix: 'Write the method in uppercase, as browsers send it.' },
  /** Other lowercase methods match only clients sending that exact case. */
  'method-case-sensitive': { severity: 'warning', targetLimit: false, catches: 'a method with lowercase letters other than the six normalized ones', example: "'patch'", fix: 'Write the method in the case your clients send, usually uppercase.' },
  /** With credentials `*` is a literal method name. */
  'method-wildcard-with-credentials': { severity: 'warning', targetLimit: false, catches: '`*` in allowMethods with credentials: the literal method name `*`, so the safelisted GET, HEAD and POST still work and every other method is blocked', example: "['*'] + allowCredentials: true", fix: "List the methods you need instead of '*'." },
  /** The same method listed twice. */
  'method-duplicate': { severity: 'warning', targetLimit: false, catches: 'a method listed twice', example: "['GET', 'GET']", fix: 'Remove the repeated entry.' },
  /** The target cannot express the method. */
  'method-unsupported': { severity: 'error', targetLimit: true, catches: 'a method outside the target’s set', example: "'PATCH' on S3", fix: "Remove the method, or use a method or '*' the target accepts." },
  /** Not an RFC 9110 token. */
  'header-invalid': { severity: 'error', targetLimit: false, catches: 'a header name that is not a token', example: "'x api key'", fix: 'List one header name per entry.' },
  /** With credentials a literal `*` in Access-Control-Allow-Headers is a header name. */
  'header-wildcard-with-credentials': { severity: 'error', targetLimit: true, catches: '`*` in allowHeaders with credentials on targets that send it literally (HTTP API, function URL, CloudFront, a static REST preflight header)', example: "['*'] + allowCredentials: true on an HTTP API", fix: "List the request headers you need instead of '*'; on a REST API, CorsPolicy.applyToRestApi echoes the requested headers." },
  /** `*` does not cover Authorization in the Fetch standard. */
  'header-authorization-wildcard': { severity: 'warning', targetLimit: true, catches: '`*` in allowHeaders without `authorization` on targets that send it literally (as above)', example: "['*'] on CloudFront", fix: "Add 'authorization' next to '*' if clients send it." },
  /** Forbidden request headers are never sent by scripts. */
  'header-forbidden': { severity: 'warning', targetLimit: false, catches: 'Cookie, Host, Origin, Sec-*, Proxy-* and the other forbidden request headers', example: "'cookie'", fix: 'Remove the header: the browser sets it.' },
  /** A CORS response header listed as a request header. */
  'header-is-response-header': { severity: 'warning', targetLimit: false, catches: 'Access-Control-Allow-* and other CORS response headers in allowHeaders (the server sends them; clients must not)', example: "'Access-Control-Allow-Origin'", fix: 'Remove the header from the allowed request headers.' },
  /** The same header listed twice, in any case. */
  'header-duplicate': { severity: 'warning', targetLimit: false, catches: 'a header listed twice (case-insensitive)', example: "['X-Id', 'x-id']", fix: 'Remove the repeated entry.' },
  /** Over the target's header count or length limit. */
  'headers-too-many': { severity: 'error', targetLimit: true, catches: 'more headers, or longer ones, than the target accepts', example: '101 headers on a function URL', fix: "Use fewer or shorter header names, or '*' where credentials are off." },
  /** Not an RFC 9110 token. */
  'expose-invalid': { severity: 'error', targetLimit: false, catches: 'an exposed header name that is not a token', example: "'x-request id'", fix: 'List one header name per entry.' },
  /** With credentials `*` is a literal header name. */
  'expose-wildcard-with-credentials': { severity: 'error', targetLimit: false, catches: '`*` in exposeHeaders with credentials', example: "['*'] + allowCredentials: true", fix: "List the response headers scripts need instead of '*'." },
  /** Set-Cookie is never exposed to scripts. */
  'expose-forbidden': { severity: 'warning', targetLimit: false, catches: 'Set-Cookie, Set-Cookie2', example: "'set-cookie'", fix: 'Remove the header: scripts can never read it.' },
  /** Safelisted response headers are always exposed. */
  'expose-safelisted': { severity: 'warning', targetLimit: false, catches: 'Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma', example: "'content-type'", fix: 'Remove the header: scripts can always read it.' },
  /** Not a whole number of seconds ≥ 0. */
  'max-age-invalid': { severity: 'error', targetLimit: false, catches: 'negative, fractional or non-numeric max age', example: 'maxAgeSeconds: -1', fix: 'Use a whole number of seconds, e.g. 600.' },
  /** Browsers cap the preflight cache. */
  'max-age-browser-cap': { severity: 'warning', targetLimit: false, catches: 'over 7200 s (Chromium caps at 7200 s, WebKit at 600 s)', example: 'maxAgeSeconds: 86400', fix: 'Use 7200 seconds or less.' },
  /** Over the target's max-age limit. */
  'max-age-too-large': { severity: 'error', targetLimit: true, catches: 'over 86400 s on a function URL or HTTP API', example: 'maxAgeSeconds: 100000', fix: 'Use 86400 seconds or less (7200 is what Chromium keeps).' },
  /** S3 cannot withhold credentials. */
  'credentials-implicit': { severity: 'warning', targetLimit: true, catches: '`allowCredentials: false` on S3, which allows credentials for every listed origin', example: 'allowCredentials: false on a bucket', fix: "Remove allowCredentials: false, or allow '*' (S3 then sends no credentials header)." },
  /** CloudFront only adds headers: the behavior and origin must let preflights through. */
  'preflight-not-forwarded': { severity: 'warning', targetLimit: true, catches: 'a CloudFront behavior that does not allow OPTIONS while the policy needs preflights', example: 'AllowedMethods.ALLOW_GET_HEAD with allowHeaders', fix: 'Allow OPTIONS on the behavior and make the origin answer it with 2xx.' },
  /** Lambda proxy responses get no CORS headers from API Gateway. */
  'proxy-responses-uncovered': { severity: 'warning', targetLimit: true, catches: 'a REST API with Lambda proxy integrations whose function is not bound to the runtime helper', example: 'LambdaIntegration without bindToFunction', fix: 'Bind the runtime helper (cors.bindToFunction(fn) and withCors), or add the headers in the function.' },
  /** An authorized route matching OPTIONS answers preflights with 401. */
  'preflight-needs-options-route': { severity: 'warning', targetLimit: true, catches: 'an HTTP API whose authorized route matches OPTIONS', example: "'ANY /{proxy+}' with a JWT authorizer", fix: "Add an unauthenticated 'OPTIONS /{proxy+}' route." },
  /** A function URL with CORS and a runtime helper bound to its function sends every header twice. */
  'duplicate-cors-headers': { severity: 'warning', targetLimit: true, catches: 'the runtime helper bound to a function whose URL has CORS', example: 'bindToFunction(fn) + applyToFunctionUrl(fn url)', fix: "Keep one: the function URL's CORS or the runtime helper." },
  /** REST API static values are single-quoted literals. */
  'rest-api-quote': { severity: 'error', targetLimit: true, catches: "a `'` in a method or header name on a REST API, whose static values are single-quoted literals with no escape", example: "allowHeaders: [\"x-a'b\"] on a REST API", fix: "Remove the `'` from the name, or use a target without that limit." },
  /** Gateway responses carry one static origin. */
  'gateway-response-origin': { severity: 'warning', targetLimit: true, catches: 'a REST API policy with several origins: error responses can name only one', example: "['https://a.example', 'https://b.example'] on a REST API", fix: 'Put the origin whose users most need error details first, or turn the gateway responses off.' },
  /** A value that is only known at deploy time. */
  'unresolved-token': { severity: 'warning', targetLimit: false, catches: 'an unresolved CDK or cdktf token, which cannot be checked at synth time', example: 'allowOrigins: [param.valueAsString]', fix: 'Make sure the deployed value follows the same rules.' },
  /** A target that already holds a different CORS configuration. */
  'target-cors-conflict': { severity: 'error', targetLimit: true, catches: 'applying a policy to a resource that already has another CORS configuration', example: 'new HttpApi(.., { corsPreflight }) then applyToHttpApi', fix: 'Remove the existing CORS configuration and let one policy own the resource.' },
} as const;

/** A stable rule id: a key of {@link RULE_CATALOGUE}. */
export type CorsRuleId = keyof typeof RULE_CATALOGUE;

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULE_CATALOGUE) as CorsRuleId[];
