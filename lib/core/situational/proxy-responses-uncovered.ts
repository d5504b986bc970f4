import type { CorsDiagnostic } from '../diagnostic';
import type { ProxyIntegrationFact } from '../facts';
import { diagnostic } from '../rules/sink';

/** How many methods the message lists before summarising the rest. */
const LISTED = 5;

/** `GET /items (Stack/Api/Default/items/GET)`: the same format whichever front end gathered the fact. */
function label(fact: ProxyIntegrationFact): string {
  return `${fact.httpMethod.toUpperCase()} ${fact.resourcePath ?? '<deploy-time resource>'} (${fact.source})`;
}

/**
 * `proxy-responses-uncovered`: REST API methods whose Lambda proxy integration's function is not bound to the
 * runtime helper; API Gateway adds no CORS headers to proxy responses, so browsers block them.
 */
export function proxyResponsesUncovered(integrations: readonly ProxyIntegrationFact[]): CorsDiagnostic[] {
  const uncovered = integrations.filter((i) => !i.boundToRuntimeHelper).map(label);
  if (uncovered.length === 0) return [];
  const listed = uncovered.slice(0, LISTED).join(', ') + (uncovered.length > LISTED ? `, and ${uncovered.length - LISTED} more` : '');
  return [diagnostic('proxy-responses-uncovered', 'policy', `Lambda proxy responses get no CORS headers from API Gateway (${listed}), so browsers block them even though preflights pass. Bind the runtime helper with cors.bindToFunction(fn) and wrap the handler with withCors, or add the headers in the function.`, { target: 'rest-api', value: uncovered.join(',') })];
}
