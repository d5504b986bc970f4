import { normalizeCorsPolicy, normalizeCorsPolicyUnchecked, RULE_CATALOGUE, RULE_IDS, validateCorsPolicy, type CorsPolicyProps, type CorsRuleId, type CorsTarget, type LiteralWildcards } from 'cors-constructs';

interface Row {
  readonly rule: CorsRuleId;
  /** `fail`: the rule reports (with `value` when given); `pass`: the rule stays silent. */
  readonly expect: 'fail' | 'pass';
  readonly policy: unknown;
  readonly targets?: CorsTarget[];
  readonly value?: string;
  readonly severity?: 'error' | 'warning';
  /** Validate as a configuration deployed exactly as written (the audit CLI). */
  readonly asDeployed?: boolean;
  /** Values the configuration sends as written where the target's generated code would match or echo them. */
  readonly literalWildcards?: unknown;
  /** Whether the REST API has CORS gateway responses (default true). */
  readonly restApiGatewayResponses?: boolean;
  readonly note?: string;
}

const origins = (...allowOrigins: string[]): CorsPolicyProps => ({ allowOrigins });
const credentialed = (...allowOrigins: string[]): CorsPolicyProps => ({ allowOrigins, allowCredentials: true });
const app = 'https://app.example.com';
const ALL_TARGETS: CorsTarget[] = ['rest-api', 'http-api', 'function-url', 's3', 'cloudfront'];

// Every rule of the catalogue has failing and passing rows (a test below enforces it).
const ROWS: Row[] = [
  { rule: 'policy-invalid', expect: 'fail', policy: null },
  { rule: 'policy-invalid', expect: 'fail', policy: 'https://app.example.com' },
  { rule: 'policy-invalid', expect: 'fail', policy: { allowOrigins: [app], allowCredentials: 'false' }, value: 'false' },
  { rule: 'policy-invalid', expect: 'pass', policy: { allowOrigins: [app], allowCredentials: false } },
  { rule: 'policy-unknown-field', expect: 'fail', policy: { allowedOrigins: [app], allowOrigins: [app] }, value: 'allowedOrigins' },
  { rule: 'policy-unknown-field', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 10 } },

  { rule: 'origins-empty', expect: 'fail', policy: origins() },
  { rule: 'origins-empty', expect: 'fail', policy: {} },
  { rule: 'origins-empty', expect: 'pass', policy: origins(app) },
  { rule: 'origins-empty', expect: 'pass', policy: { allowOrigins: ['${Token[TOKEN.1]}'] }, note: 'a token list is not empty' },

  { rule: 'origin-malformed', expect: 'fail', policy: origins('app.example.com'), value: 'app.example.com', note: 'missing scheme' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com/login'), note: 'path' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com?x=1'), note: 'query' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com#top'), note: 'fragment' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://user@app.example.com'), note: 'userinfo' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins(' https://app.example.com'), note: 'whitespace' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com:99999'), note: 'bad port' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com:'), note: 'empty port' },
  // Issue 15: origins no browser can send (Fetch "bad port", DNS length limits).
  { rule: 'origin-malformed', expect: 'fail', policy: origins('http://localhost:6000'), value: 'http://localhost:6000', severity: 'error', note: 'Fetch bad port (x11)' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('http://localhost:0'), note: 'port 0' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://app.example.com:10080'), note: 'Fetch bad port (amanda)' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins(`https://${'a'.repeat(64)}.example.com`), note: 'a label over 63' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`), note: '254 characters' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins(`https://*.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.c`), note: 'a pattern base of 252: the * adds at least two' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('http://localhost:3000', 'http://localhost:6001', 'https://app.example.com:8443', 'http://localhost:*', `https://${'a'.repeat(63)}.example.com`), note: 'usable ports, a 63-character label' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`, `https://*.${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.c`), note: '253 characters; a pattern base of 251' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://'), note: 'empty host' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('https://exa mple.com'), note: 'space in host' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('Null'), note: 'null is lowercase' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('chrome-extension://not-an-id'), note: 'bad extension id' },
  { rule: 'origin-malformed', expect: 'fail', policy: { allowOrigins: [42] }, note: 'not a string' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins('app://a"b'), note: 'would break generated templates' },
  { rule: 'origin-malformed', expect: 'fail', policy: origins("https://*.x'y.com"), note: 'not a DNS name' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('https://a_b.example.com', 'https://app.example.com.'), note: 'underscore, root dot' },
  { rule: 'origin-malformed', expect: 'fail', policy: { allowOrigins: 'https://app.example.com' }, note: 'not a list' },
  { rule: 'origin-malformed', expect: 'pass', policy: credentialed('http://localhost:3000'), note: 'local dev with credentials' },
  { rule: 'origin-malformed', expect: 'pass', policy: credentialed('http://[::1]:5173'), note: 'IPv6 loopback' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('https://xn--bcher-kva.example'), note: 'punycode host' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('https://app.example.com:8443'), note: 'explicit non-default port' },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('http://127.0.0.1:8080', 'https://192.0.2.10') },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('chrome-extension://abcdefghijklmnopabcdefghijklmnop') },
  { rule: 'origin-malformed', expect: 'pass', policy: origins('capacitor://localhost', 'ionic://localhost', 'tauri://localhost', 'http://tauri.localhost') },

  { rule: 'origin-trailing-slash', expect: 'fail', policy: origins('https://app.example.com/'), value: 'https://app.example.com/' },
  { rule: 'origin-trailing-slash', expect: 'pass', policy: origins(app) },

  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('https://App.Example.com'), severity: 'warning', note: 'rendered canonical' },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('https://App.Example.com'), severity: 'error', asDeployed: true, note: 'deployed as written never matches' },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('Capacitor://localhost'), note: 'URL parsers lowercase every scheme' },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('HTTPS://app.example.com') },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('https://app.example.com:443') },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('http://app.example.com:80') },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('https://bücher.example') },
  { rule: 'origin-not-canonical', expect: 'fail', policy: origins('https://*.Example.com') },
  { rule: 'origin-not-canonical', expect: 'pass', policy: origins('https://app.example.com:80', 'http://app.example.com:443'), note: 'non-default ports stay' },
  { rule: 'origin-not-canonical', expect: 'pass', policy: origins('safari-web-extension://ABCDEF12-3456-7890-ABCD-EF1234567890'), note: 'other schemes compare as written' },

  { rule: 'origin-scheme-unsupported', expect: 'fail', policy: origins('file://') },
  { rule: 'origin-scheme-unsupported', expect: 'fail', policy: origins('wss://socket.example.com') },
  { rule: 'origin-scheme-unsupported', expect: 'fail', policy: origins('blob:https://app.example.com'), note: 'no // after blob: is still the blob scheme' },
  { rule: 'origin-scheme-unsupported', expect: 'fail', policy: origins('ftp://files.example.com') },
  { rule: 'origin-scheme-unsupported', expect: 'pass', policy: origins(app, 'http://localhost:8080') },

  { rule: 'origin-extension-per-install', expect: 'fail', policy: origins('moz-extension://1d5f0e1a-2b3c-4d5e-8f90-123456789abc') },
  { rule: 'origin-extension-per-install', expect: 'pass', policy: origins('chrome-extension://abcdefghijklmnopabcdefghijklmnop') },

  { rule: 'origin-scheme-custom', expect: 'fail', policy: origins('app://obsidian.md'), value: 'app://obsidian.md' },
  { rule: 'origin-scheme-custom', expect: 'fail', policy: origins('capacitor-electron://-') },
  { rule: 'origin-scheme-custom', expect: 'pass', policy: origins('capacitor://localhost', 'tauri://localhost', app) },

  { rule: 'origin-wildcard-mixed', expect: 'fail', policy: origins('*', app) },
  { rule: 'origin-wildcard-mixed', expect: 'pass', policy: origins('*') },

  { rule: 'origin-wildcard-with-credentials', expect: 'fail', policy: credentialed('*') },
  { rule: 'origin-wildcard-with-credentials', expect: 'fail', policy: credentialed('https://*') },
  { rule: 'origin-wildcard-with-credentials', expect: 'pass', policy: origins('*') },
  { rule: 'origin-wildcard-with-credentials', expect: 'pass', policy: credentialed(app) },

  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('https://*example.com') },
  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('https://a.*.com') },
  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('*.example.com') },
  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('https://*.*.example.com') },
  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('chrome-extension://*') },
  { rule: 'origin-pattern-invalid', expect: 'fail', policy: origins('https://*.example.com:*'), note: 'one wildcard per origin' },
  { rule: 'origin-pattern-invalid', expect: 'pass', policy: origins('https://*.example.co.uk', 'http://localhost:*', 'https://*') },

  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.com'), severity: 'warning', note: "without credentials: nothing '*' does not grant" },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.com'), targets: ['s3'], severity: 'error', note: 'S3 sends credentials for every echoed origin' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.com'), targets: ['http-api', 'cloudfront'], severity: 'warning' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: credentialed('https://*.com', 'https://*.github.io', 'https://*.amazonaws.com'), severity: 'error', note: 'with credentials' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.co.uk') },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.github.io'), note: 'private section' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.cloudfront.net') },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.amazonaws.com'), note: 'suffixes below (s3.amazonaws.com)' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.on.aws'), note: 'function URLs live below' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.com.'), note: 'the root dot names the same suffix' },
  { rule: 'origin-pattern-public-suffix', expect: 'fail', policy: origins('https://*.s3.amazonaws.com.') },
  { rule: 'origin-pattern-public-suffix', expect: 'pass', policy: origins('https://*.example.co.uk', 'https://*.example.com', 'http://*.localhost:3000') },
  { rule: 'origin-pattern-public-suffix', expect: 'pass', policy: origins('http://*.test', 'https://*.internal', 'https://*.local'), note: 'reserved names nobody can register (RFC 6761, 6762)' },
  { rule: 'origin-pattern-public-suffix', expect: 'pass', policy: origins('https://*.myapp.github.io'), note: 'a registered name under a private suffix' },

  { rule: 'origin-pattern-with-credentials', expect: 'fail', policy: credentialed('https://*.example.com') },
  { rule: 'origin-pattern-with-credentials', expect: 'pass', policy: origins('https://*.example.com') },
  { rule: 'origin-pattern-with-credentials', expect: 'pass', policy: credentialed('http://localhost:*'), note: 'port patterns are not subdomain patterns' },

  { rule: 'origin-null', expect: 'fail', policy: credentialed('null'), severity: 'error' },
  { rule: 'origin-null', expect: 'fail', policy: origins('null'), severity: 'warning' },
  { rule: 'origin-null', expect: 'pass', policy: origins(app) },

  { rule: 'origin-insecure-with-credentials', expect: 'fail', policy: credentialed('http://app.example.com') },
  { rule: 'origin-insecure-with-credentials', expect: 'pass', policy: credentialed('http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:5173', 'http://tauri.localhost') },
  { rule: 'origin-insecure-with-credentials', expect: 'pass', policy: origins('http://app.example.com') },
  { rule: 'origin-insecure-with-credentials', expect: 'pass', policy: credentialed('http://localhost.', 'http://a.localhost.', 'http://localhost.:3000'), note: 'the root dot: still potentially trustworthy (Secure Contexts 3.1)' },
  { rule: 'origin-insecure-with-credentials', expect: 'fail', policy: credentialed('http://localhost.example.com', 'http://example.com.'), note: 'not loopback' },

  { rule: 'origin-duplicate', expect: 'fail', policy: origins(app, app), value: app },
  { rule: 'origin-duplicate', expect: 'pass', policy: origins(app, 'https://admin.example.com') },

  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: origins('https://*.example.com'), targets: ['function-url'] },
  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: origins('https://*.example.com'), targets: ['http-api'] },
  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: origins('http://localhost:*'), targets: ['cloudfront'] },
  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: origins('https://*'), targets: ['function-url'] },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins('https://*'), targets: ['http-api'], note: 'documented HTTP API form' },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins('https://*.example.com', 'http://localhost:*'), targets: ['rest-api', 's3'] },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins('https://*.example.com'), targets: ['cloudfront'] },
  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: origins('https://*.example.com', 'http://localhost:*'), targets: ['rest-api'], literalWildcards: { allowOrigins: [1] }, value: 'http://localhost:*', note: "aws-cdk-lib's preflight compares it with ==" },
  { rule: 'origin-pattern-unsupported', expect: 'fail', policy: { allowOrigins: ['${Token[TOKEN.1]}', 'https://*'] }, targets: ['rest-api'], literalWildcards: { allowOrigins: true }, value: 'https://*', note: 'a static header' },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins(app, 'https://*.example.com'), targets: ['rest-api'], literalWildcards: { allowOrigins: [0] }, note: 'the exact origin is literal, the pattern matched' },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins('https://*.example.com', 'https://*.example.com'), targets: ['rest-api'], literalWildcards: { allowOrigins: [0] }, note: 'one copy is matched' },
  { rule: 'origin-pattern-unsupported', expect: 'pass', policy: origins('https://*.example.com'), targets: ['rest-api'], literalWildcards: { allowOrigins: 'yes' }, note: 'junk from JavaScript' },

  { rule: 'origins-too-many', expect: 'fail', policy: origins(...Array.from({ length: 101 }, (_, i) => `https://app${i}.example.com`)), targets: ['function-url'] },
  { rule: 'origins-too-many', expect: 'fail', policy: origins(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}.com`), targets: ['function-url'], note: 'over 253 characters' },
  { rule: 'origins-too-many', expect: 'pass', policy: origins(...Array.from({ length: 100 }, (_, i) => `https://app${i}.example.com`)), targets: ['function-url'] },
  { rule: 'origins-too-many', expect: 'pass', policy: origins(...Array.from({ length: 101 }, (_, i) => `https://app${i}.example.com`)), targets: ['s3'] },

  { rule: 'methods-empty', expect: 'fail', policy: { allowOrigins: [app], allowMethods: [] } },
  { rule: 'methods-empty', expect: 'pass', policy: { allowOrigins: [app] }, note: 'default GET, HEAD' },
  { rule: 'methods-empty', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['${Token[TOKEN.9]}'] } },
  { rule: 'method-invalid', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['GET POST'] } },
  { rule: 'method-invalid', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['GET,POST'] } },
  { rule: 'method-invalid', expect: 'fail', policy: { allowOrigins: [app], allowMethods: [''] } },
  { rule: 'method-invalid', expect: 'fail', policy: { allowOrigins: [app], allowMethods: 'GET' } },
  { rule: 'method-invalid', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['GET', 'PROPFIND', 'M-SEARCH', '*'] } },

  { rule: 'method-forbidden', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['TRACE'] } },
  { rule: 'method-forbidden', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['connect'] } },
  { rule: 'method-forbidden', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['GET', 'OPTIONS'] } },

  { rule: 'method-not-normalized', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['delete'] }, severity: 'warning', note: 'rendered uppercase' },
  { rule: 'method-not-normalized', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['delete'] }, severity: 'error', asDeployed: true },
  { rule: 'method-not-normalized', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['Put'] }, severity: 'error', asDeployed: true },
  { rule: 'method-not-normalized', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['options'] }, severity: 'error', asDeployed: true },
  { rule: 'method-not-normalized', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['get'] }, severity: 'warning', asDeployed: true },
  { rule: 'method-not-normalized', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['DELETE', 'PUT', 'GET', 'patch'] } },

  { rule: 'method-case-sensitive', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['patch'] } },
  { rule: 'method-case-sensitive', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['Patch'] } },
  { rule: 'method-case-sensitive', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['PATCH', 'delete'] } },

  { rule: 'method-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['*'], allowCredentials: true }, severity: 'warning', note: "aws-cdk-lib's function URL default: GET, HEAD, POST still work" },
  { rule: 'method-wildcard-with-credentials', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['*'] } },

  { rule: 'method-duplicate', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['GET', 'GET'] } },
  { rule: 'method-duplicate', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['PUT', 'put'] } },
  { rule: 'method-duplicate', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['PATCH', 'patch'] }, note: 'PATCH is case-sensitive: two different methods' },

  { rule: 'method-unsupported', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['PATCH'] }, targets: ['s3'] },
  { rule: 'method-unsupported', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['OPTIONS'] }, targets: ['function-url'] },
  { rule: 'method-unsupported', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['PROPFIND'] }, targets: ['cloudfront'] },
  { rule: 'method-unsupported', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ['X'.repeat(65)] }, targets: ['http-api'] },
  { rule: 'method-unsupported', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['*'] }, targets: ALL_TARGETS },
  { rule: 'method-unsupported', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['GET', 'PUT', 'HEAD', 'POST', 'PATCH', 'DELETE'] }, targets: ['function-url', 'cloudfront', 'http-api', 'rest-api'] },
  { rule: 'method-unsupported', expect: 'pass', policy: { allowOrigins: [app], allowMethods: ['PROPFIND'] }, targets: ['rest-api', 'http-api'] },

  { rule: 'header-invalid', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['x api key'] } },
  { rule: 'header-invalid', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['x-a:1'] } },
  { rule: 'header-invalid', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['X-Api-Key', 'content-type', '*'] } },

  { rule: 'header-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['http-api'] },
  { rule: 'header-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['cloudfront'] },
  { rule: 'header-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['function-url'] },
  { rule: 'header-wildcard-with-credentials', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['s3', 'rest-api'], note: 'echoing targets honour * with credentials' },
  { rule: 'header-wildcard-with-credentials', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['*'] }, targets: ['http-api'] },
  { rule: 'header-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['rest-api'], literalWildcards: { allowHeaders: true }, note: 'a static REST header, not the echo' },
  { rule: 'header-wildcard-with-credentials', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['*'], allowCredentials: true }, targets: ['rest-api'], literalWildcards: { allowOrigins: true } },

  { rule: 'header-authorization-wildcard', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'] }, targets: ['cloudfront'] },
  { rule: 'header-authorization-wildcard', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['*', 'Authorization'] }, targets: ['cloudfront', 'http-api', 'function-url'] },
  { rule: 'header-authorization-wildcard', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['*'] }, targets: ['s3', 'rest-api'] },
  { rule: 'header-authorization-wildcard', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['*'] }, targets: ['rest-api'], literalWildcards: { allowHeaders: true }, note: 'a static REST header' },

  { rule: 'header-forbidden', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['Cookie'] } },
  { rule: 'header-forbidden', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['Sec-Fetch-Mode'] } },
  { rule: 'header-forbidden', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['proxy-authorization'] } },
  { rule: 'header-forbidden', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['authorization', 'x-secret', 'content-type'] } },

  { rule: 'header-is-response-header', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['Access-Control-Allow-Origin'] } },
  { rule: 'header-is-response-header', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['access-control-max-age'] } },
  { rule: 'header-is-response-header', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['content-type', 'x-access-control'] } },
  { rule: 'header-duplicate', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ['X-Id', 'x-id'] } },
  { rule: 'header-duplicate', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ['ETag', 'etag'] } },
  { rule: 'header-duplicate', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['x-id'], exposeHeaders: ['x-id'] } },

  { rule: 'headers-too-many', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: Array.from({ length: 101 }, (_, i) => `x-h${i}`) }, targets: ['function-url'] },
  { rule: 'headers-too-many', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: [`x-${'a'.repeat(1023)}`] }, targets: ['function-url'] },
  { rule: 'headers-too-many', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: Array.from({ length: 100 }, (_, i) => `x-h${i}`) }, targets: ['function-url'] },

  { rule: 'expose-invalid', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ['x-request id'] } },
  { rule: 'expose-invalid', expect: 'pass', policy: { allowOrigins: [app], exposeHeaders: ['x-request-id', '*'] } },

  { rule: 'expose-wildcard-with-credentials', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ['*'], allowCredentials: true } },
  { rule: 'expose-wildcard-with-credentials', expect: 'pass', policy: { allowOrigins: [app], exposeHeaders: ['*'] } },

  { rule: 'expose-forbidden', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ['Set-Cookie'] } },
  { rule: 'expose-forbidden', expect: 'pass', policy: { allowOrigins: [app], exposeHeaders: ['etag'] } },

  { rule: 'expose-safelisted', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ['Content-Type'] } },
  { rule: 'expose-safelisted', expect: 'pass', policy: { allowOrigins: [app], exposeHeaders: ['content-disposition', 'etag'] } },

  { rule: 'max-age-invalid', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: -1 } },
  { rule: 'max-age-invalid', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: 1.5 } },
  { rule: 'max-age-invalid', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: '600' } },
  { rule: 'max-age-invalid', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: Number.NaN } },
  { rule: 'max-age-invalid', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 0 } },
  { rule: 'max-age-invalid', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 600 } },

  { rule: 'max-age-browser-cap', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: 7201 } },
  { rule: 'max-age-browser-cap', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 7200 } },

  { rule: 'max-age-too-large', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: 86401 }, targets: ['function-url'] },
  { rule: 'max-age-too-large', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: 864000 }, targets: ['http-api'], note: "aws-cdk-lib's README example uses 10 days" },
  { rule: 'max-age-too-large', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 86400 }, targets: ['function-url', 'http-api'] },
  { rule: 'max-age-too-large', expect: 'pass', policy: { allowOrigins: [app], maxAgeSeconds: 864000 }, targets: ['s3', 'rest-api', 'cloudfront'] },

  { rule: 'credentials-implicit', expect: 'fail', policy: { allowOrigins: [app], allowCredentials: false }, targets: ['s3'] },
  { rule: 'credentials-implicit', expect: 'pass', policy: { allowOrigins: [app] }, targets: ['s3'], note: 'not reported when left unset' },
  { rule: 'credentials-implicit', expect: 'pass', policy: { allowOrigins: ['*'], allowCredentials: false }, targets: ['s3'], note: 'S3 omits credentials for *' },
  { rule: 'credentials-implicit', expect: 'pass', policy: { allowOrigins: [app], allowCredentials: false }, targets: ['http-api'] },

  { rule: 'gateway-response-origin', expect: 'fail', policy: origins(app, 'https://admin.example.com'), targets: ['rest-api'] },
  { rule: 'gateway-response-origin', expect: 'fail', policy: origins('https://*.example.com'), targets: ['rest-api'] },
  { rule: 'gateway-response-origin', expect: 'pass', policy: origins(app, 'https://admin.example.com'), targets: ['rest-api'], restApiGatewayResponses: false, note: 'no gateway responses' },
  { rule: 'gateway-response-origin', expect: 'fail', policy: origins(app, 'https://admin.example.com'), targets: ['rest-api'], restApiGatewayResponses: true },
  { rule: 'gateway-response-origin', expect: 'pass', policy: origins(app), targets: ['rest-api'] },
  { rule: 'gateway-response-origin', expect: 'pass', policy: origins('*'), targets: ['rest-api'] },
  { rule: 'gateway-response-origin', expect: 'pass', policy: origins(app, 'https://admin.example.com'), targets: ['s3'] },

  { rule: 'rest-api-quote', expect: 'fail', policy: { allowOrigins: [app], allowHeaders: ["x-a'b"] }, targets: ['rest-api'], value: "x-a'b" },
  { rule: 'rest-api-quote', expect: 'fail', policy: { allowOrigins: [app], exposeHeaders: ["x'y"] }, targets: ['rest-api'], value: "x'y" },
  { rule: 'rest-api-quote', expect: 'fail', policy: { allowOrigins: [app], allowMethods: ["GET'"] }, targets: ['rest-api'], value: "GET'" },
  { rule: 'rest-api-quote', expect: 'pass', policy: { allowOrigins: ["https://a'b.example.com"] }, targets: ['rest-api'], note: 'origin-malformed reports it' },
  { rule: 'rest-api-quote', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ["x-a'b"], exposeHeaders: ["x'y"], allowMethods: ["GET'"] }, targets: ['http-api', 'function-url', 's3', 'cloudfront'], note: "' is a token character" },
  { rule: 'rest-api-quote', expect: 'pass', policy: { allowOrigins: [app], allowHeaders: ['x-api-key'] }, targets: ['rest-api'] },

  { rule: 'unresolved-token', expect: 'fail', policy: { allowOrigins: ['${Token[TOKEN.12]}'] }, value: '${Token[TOKEN.12]}' },
  { rule: 'unresolved-token', expect: 'fail', policy: { allowOrigins: ['#{TfToken[TOKEN.3]}'] } },
  { rule: 'unresolved-token', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: -1.8881545897087524e289 }, note: 'CDK number token' },
  { rule: 'unresolved-token', expect: 'fail', policy: { allowOrigins: [app], maxAgeSeconds: -8.109562212591379e298 }, note: 'cdktf number token' },
  { rule: 'unresolved-token', expect: 'pass', policy: origins(app, '${not a token}') },
];

function run(row: Row) {
  return validateCorsPolicy(row.policy as CorsPolicyProps, { ...(row.targets ? { targets: row.targets } : {}), ...(row.asDeployed ? { asDeployed: true } : {}), ...(row.literalWildcards !== undefined ? { literalWildcards: row.literalWildcards as LiteralWildcards } : {}), ...(row.restApiGatewayResponses !== undefined ? { restApiGatewayResponses: row.restApiGatewayResponses } : {}) });
}

describe('hostile input and options', () => {
  test('a throwing getter or Proxy trap is reported with what threw, never as our bug', () => {
    const getter = Object.defineProperty({ allowOrigins: ['https://app.example.com'] }, 'allowHeaders', { enumerable: true, get: () => { throw new Error('boom'); } });
    const keysTrap = new Proxy({ allowOrigins: ['https://app.example.com'] }, { ownKeys: () => { throw new TypeError('no keys'); } });
    const everything = new Proxy({}, { get: () => { throw new RangeError('nope'); } });
    const found = [getter, keysTrap, everything].map((props) => validateCorsPolicy(props as CorsPolicyProps).filter((d) => d.rule === 'policy-invalid').map((d) => `${d.field}: ${d.message}`));
    expect(found[0]).toEqual(['allowHeaders: Reading allowHeaders of the CORS policy threw (Error: boom); pass a plain object literal (or a copy: { ...props }), not a Proxy or an object whose getters throw.']);
    expect(found[1]).toEqual([expect.stringContaining("policy: Listing the CORS policy's properties threw (TypeError: no keys)")]);
    expect(found[2]).toContain('allowOrigins: Reading allowOrigins of the CORS policy threw (RangeError: nope); pass a plain object literal (or a copy: { ...props }), not a Proxy or an object whose getters throw.');
    for (const messages of found) expect(messages.join(' ')).not.toContain('please report');
    expect(() => normalizeCorsPolicyUnchecked(getter as CorsPolicyProps)).not.toThrow();
  });

  test('a getter is read once, so it cannot pass validation with one value and render another', () => {
    let reads = 0;
    const props = Object.defineProperty({}, 'allowOrigins', { enumerable: true, get: () => (reads++ === 0 ? ['https://app.example.com'] : ['*']) });
    expect(normalizeCorsPolicy(props as CorsPolicyProps).allowOrigins).toEqual(['https://app.example.com']);
    expect(reads).toBe(1);
  });

  test('targets that are not a list, or not target names, are reported', () => {
    const policy = { allowOrigins: ['https://app.example.com'], allowMethods: ['PATCH'] };
    const asString = validateCorsPolicy(policy, { targets: 'http-api' as unknown as CorsTarget[] });
    expect(asString).toEqual([expect.objectContaining({ rule: 'policy-invalid', severity: 'error', value: 'http-api', message: expect.stringContaining("got the string 'http-api', so no target limit was checked: wrap it in [ ]") })]);
    const unknown = validateCorsPolicy(policy, { targets: ['s3', 'http_api'] as unknown as CorsTarget[] });
    expect(unknown.map((d) => d.rule)).toEqual(['policy-invalid', 'method-unsupported']);
    expect(unknown[0]!.message).toContain("'http_api', which is not a target");
    expect(unknown[0]!.message).toContain("'rest-api', 'http-api'");
    expect(validateCorsPolicy(policy, { targets: ['s3'] }).map((d) => d.rule)).toEqual(['method-unsupported']);
  });

  test('normalized policies are frozen, lists included', () => {
    const policy = normalizeCorsPolicy({ allowOrigins: ['https://app.example.com'], allowHeaders: ['x-a'] });
    expect(Object.isFrozen(policy)).toBe(true);
    for (const list of [policy.allowOrigins, policy.allowMethods, policy.allowHeaders, policy.exposeHeaders]) expect(Object.isFrozen(list)).toBe(true);
    expect(() => { (policy.allowOrigins as string[]).push('*'); }).toThrow(TypeError);
    expect(() => { (policy as { allowCredentials: boolean }).allowCredentials = true; }).toThrow(TypeError);
  });
});

describe('validation rule catalogue', () => {
  test.each(ROWS.map((row) => [`${row.rule} ${row.expect}s: ${JSON.stringify(row.policy)?.slice(0, 90)}${row.targets ? ` on ${row.targets.join(',')}` : ''}${row.asDeployed ? ' as deployed' : ''}${row.literalWildcards !== undefined ? ` literal ${JSON.stringify(row.literalWildcards)}` : ''}${row.note ? ` (${row.note})` : ''}`, row] as const))('%s', (_name, row) => {
    const hits = run(row).filter((d) => d.rule === row.rule);
    if (row.expect === 'pass') {
      expect(hits).toEqual([]);
      return;
    }
    expect(hits.length).toBeGreaterThan(0);
    if (row.value !== undefined) expect(hits.map((d) => d.value)).toContain(row.value);
    if (row.severity !== undefined) expect(hits.every((d) => d.severity === row.severity)).toBe(true);
    for (const hit of hits) {
      expect(hit.message.length).toBeGreaterThan(40);
      if (row.targets && hit.target !== undefined) expect(row.targets).toContain(hit.target);
    }
  });

  test('every rule id has at least one failing and one passing row', () => {
    // The three behaviour rules that need the construct tree are tested through their adapters.
    const adapterOnly = new Set(['preflight-not-forwarded', 'proxy-responses-uncovered', 'preflight-needs-options-route', 'duplicate-cors-headers', 'target-cors-conflict']);
    for (const rule of RULE_IDS.filter((id) => !adapterOnly.has(id))) {
      expect({ rule, fail: ROWS.some((r) => r.rule === rule && r.expect === 'fail') }).toEqual({ rule, fail: true });
      expect({ rule, pass: ROWS.some((r) => r.rule === rule && r.expect === 'pass') }).toEqual({ rule, pass: true });
    }
  });

  test("every rule's general fix fits every finding of it: it never reads as the value to write", () => {
    // CorsChecks shows the fix as each finding's "Suggested fix", next to the finding's own value:
    // "Remove the trailing '/': 'https://app.example.com'." under 'https://a.example.com/' misleads.
    for (const [rule, entry] of Object.entries(RULE_CATALOGUE)) {
      expect({ rule, fix: entry.fix }).toEqual({ rule, fix: expect.not.stringMatching(/: '[a-z]+:\/\//) });
    }
  });

  test('AWS documentation examples raise no error', () => {
    const documented: Array<[CorsPolicyProps, CorsTarget[]]> = [
      // S3 user guide, "CORS configuration" example 1.
      [{ allowOrigins: ['http://www.example1.com'], allowMethods: ['PUT', 'POST', 'DELETE'], allowHeaders: ['*'] }, ['s3']],
      [{ allowOrigins: ['*'], allowMethods: ['GET'] }, ['s3']],
      // S3 example 2: ExposeHeader and MaxAgeSeconds.
      [{ allowOrigins: ['http://www.example.com'], allowMethods: ['PUT', 'POST', 'DELETE'], allowHeaders: ['*'], exposeHeaders: ['x-amz-server-side-encryption', 'x-amz-request-id', 'x-amz-id-2'], maxAgeSeconds: 3000 }, ['s3']],
      // API Gateway HTTP API CORS guide.
      [{ allowOrigins: ['https://www.example.com'], allowMethods: ['GET', 'POST', 'DELETE'], allowHeaders: ['*'] }, ['http-api']],
      [{ allowOrigins: ['https://*'], allowMethods: ['*'], allowHeaders: ['*'] }, ['http-api']],
      // Lambda function URL CORS (AllowOrigins example, MaxAge 0..86400).
      [{ allowOrigins: ['https://www.example.com', 'http://localhost:60905'], allowMethods: ['GET', 'POST', 'DELETE'], allowHeaders: ['date', 'keep-alive', 'x-custom-header'], exposeHeaders: ['keep-alive', 'date'], allowCredentials: true, maxAgeSeconds: 86400 }, ['function-url']],
      [{ allowOrigins: ['*'], allowMethods: ['*'] }, ['function-url']],
      // CloudFront response headers policy: leftmost-label wildcard.
      [{ allowOrigins: ['https://*.example.org'], allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['authorization', '*'] }, ['cloudfront']],
    ];
    for (const [policy, targets] of documented) {
      const errors = validateCorsPolicy(policy, { targets }).filter((d) => d.severity === 'error');
      expect({ policy, errors }).toEqual({ policy, errors: [] });
    }
  });

  test('several errors are reported together, in a stable order', () => {
    const policy = { allowOrigins: ['*', 'https://App.example.com'], allowMethods: ['delete', '*'], exposeHeaders: ['*'], allowCredentials: true, maxAgeSeconds: -5 };
    const first = validateCorsPolicy(policy, { targets: ['s3', 'rest-api'] });
    const second = validateCorsPolicy(policy, { targets: ['rest-api', 's3'] });
    expect(first).toEqual(second);
    expect(first.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual([
      'origin-wildcard-with-credentials',
      'origin-wildcard-mixed',
      'expose-wildcard-with-credentials',
      'max-age-invalid',
    ]);
    expect(validateCorsPolicy(policy, { targets: ['s3'], asDeployed: true }).filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual([
      'origin-wildcard-with-credentials',
      'origin-not-canonical',
      'origin-wildcard-mixed',
      'method-not-normalized',
      'expose-wildcard-with-credentials',
      'max-age-invalid',
    ]);
  });

  test('messages say what, why and how to fix', () => {
    const [notCanonical] = validateCorsPolicy({ allowOrigins: ['https://App.Example.com:443'] });
    expect(notCanonical).toMatchObject({ rule: 'origin-not-canonical', severity: 'warning', field: 'allowOrigins', value: 'https://App.Example.com:443' });
    expect(notCanonical!.message).toContain("It is deployed as 'https://app.example.com'");
    const [deployed] = validateCorsPolicy({ allowOrigins: ['https://App.Example.com:443'] }, { asDeployed: true });
    expect(deployed).toMatchObject({ rule: 'origin-not-canonical', severity: 'error' });
    expect(deployed!.message).toContain("never matches byte for byte. Use 'https://app.example.com'");
    const [idn] = validateCorsPolicy({ allowOrigins: ['https://bücher.example'] });
    expect(idn!.message).toContain("'https://xn--bcher-kva.example'");
    expect(idn!.message).toMatch(/punycode/);
    const [slash] = validateCorsPolicy({ allowOrigins: ['https://App.example.com/'] });
    expect(slash!.message).toContain("Use 'https://app.example.com'");
  });
});
