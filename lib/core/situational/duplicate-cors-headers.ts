import type { CorsDiagnostic } from '../diagnostic';
import type { BoundFunctionUrlFact } from '../facts';
import { diagnostic } from '../rules/sink';

/** `duplicate-cors-headers`: the runtime helper bound to a function whose URL already has CORS. */
export function duplicateCorsHeaders(functions: readonly BoundFunctionUrlFact[]): CorsDiagnostic[] {
  return functions.map((f) => diagnostic('duplicate-cors-headers', 'policy', `${f.source} has CORS on its function URL and the runtime helper bound too: browsers then see Access-Control-Allow-Origin twice and reject the response. Keep one: the function URL's CORS, or the runtime helper.`, { target: 'function-url', value: f.source }));
}
