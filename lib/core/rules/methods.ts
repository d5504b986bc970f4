import { isHttpToken } from '../grammar';
import { ANY_METHOD, FORBIDDEN_METHODS, normalizeMethod, SAFELISTED_METHODS } from '../methods';
import { at, type PolicyInput } from './input';
import { DiagnosticSink, quote } from './sink';

const FIELD = 'allowMethods';

/** Checks every `allowMethods` rule that does not depend on a target. */
export function checkMethods(input: PolicyInput, asDeployed: boolean, sink: DiagnosticSink): void {
  if (input.methods.length === 0 && !sink.diagnostics.some((d) => d.field === FIELD)) {
    sink.add('methods-empty', FIELD, "allowMethods is empty: S3 and CloudFront need at least one method and no request would match. Omit allowMethods for the default ['GET', 'HEAD'], or list the methods you need.");
  }
  const seen = new Set<string>();
  // Listed once for every '*' entry, and capped, so repeated '*' entries cost linear time and output.
  const others = input.methods.filter((m) => m !== ANY_METHOD);
  const listedOthers = others.length > 5 ? `${others.slice(0, 5).join(', ')} and ${others.length - 5} more` : others.join(', ');
  for (const [i, method] of input.methods.entries()) {
    const pos = at(input, 'methods', i);
    if (!isHttpToken(method)) {
      sink.add('method-invalid', FIELD, `${quote(method)} is not an HTTP method name (RFC 9110 token: letters, digits and !#$%&'*+-.^_\`|~, no spaces or commas). List one method per entry.`, { value: method, ...pos });
      continue;
    }
    const normalized = normalizeMethod(method);
    if (FORBIDDEN_METHODS.has(method.toUpperCase())) {
      sink.add('method-forbidden', FIELD, `${quote(method)} is a forbidden method that browsers never send from fetch or XHR; remove it.`, { value: method, ...pos });
      continue;
    }
    if (normalized !== method) {
      const safelisted = SAFELISTED_METHODS.has(normalized);
      const neverMatches = asDeployed && !safelisted;
      sink.add('method-not-normalized', FIELD, safelisted
        ? `${quote(method)} is written in a case browsers never send (they uppercase it), though as a CORS-safelisted method it is always allowed anyway; write ${quote(normalized)}.`
        : neverMatches
          ? `${quote(method)} never matches: browsers uppercase ${normalized} before comparing Access-Control-Allow-Methods byte for byte. Write ${quote(normalized)}.`
          : `${quote(method)} is not the case browsers send (they uppercase ${normalized}); it is deployed as ${quote(normalized)}. Write ${quote(normalized)} so the policy reads as deployed.`,
      { value: method, ...pos, severity: neverMatches ? 'error' : 'warning' });
    } else if (method !== method.toUpperCase()) {
      sink.add('method-case-sensitive', FIELD, `${quote(method)} matches only a client that sends exactly this case: browsers do not uppercase ${method.toUpperCase()}, and fetch('…', { method: '${method.toUpperCase()}' }) would be refused. Write the case your clients send, usually ${quote(method.toUpperCase())}.`, { value: method, ...pos });
    }
    if (method === ANY_METHOD && input.credentials) {
      sink.add('method-wildcard-with-credentials', FIELD, `'*' with allowCredentials: true is the literal method name '*', not a wildcard (Fetch standard): the CORS-safelisted GET, HEAD and POST${others.length > 0 ? ` and the methods listed next to it (${listedOthers})` : ''} still work, every other method (PUT, PATCH, DELETE, …) is blocked at the preflight. List the methods you need instead, e.g. ['GET', 'POST', 'PUT', 'DELETE'].`, { value: method, ...pos });
    }
    if (seen.has(normalized)) {
      sink.add('method-duplicate', FIELD, `${quote(method)} is listed more than once; remove the repeated entry.`, { value: method, ...pos });
    }
    seen.add(normalized);
  }
}
