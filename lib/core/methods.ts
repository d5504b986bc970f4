/**
 * Method names as the Fetch standard treats them: browsers uppercase six methods
 * ("normalize a method") and compare every other method byte for byte.
 */

/** Methods browsers uppercase before sending and comparing (Fetch, "normalize a method"). */
export const NORMALIZED_METHODS: ReadonlySet<string> = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/** CORS-safelisted methods: never preflighted, always allowed. */
export const SAFELISTED_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST']);

/** Methods browsers refuse to send (Fetch, "forbidden method"). */
export const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** The wildcard entry: any method, only without credentials. */
export const ANY_METHOD = '*';

/** The method a browser actually sends for a method written by a script or a policy entry. */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}
