import type { CorsField } from '../diagnostic';
import { at, type PolicyInput, type PolicyList } from './input';
import { DiagnosticSink, quote } from './sink';

const FIELDS: ReadonlyArray<readonly [PolicyList, CorsField]> = [
  ['methods', 'allowMethods'],
  ['headers', 'allowHeaders'],
  ['exposeHeaders', 'exposeHeaders'],
];

/**
 * `'` is a valid character in a Fetch token (origins holding one are malformed already), but a REST API sends every static CORS value
 * as a single-quoted parameter-mapping literal (`'value'`), which has no escape: API Gateway rejects the
 * mapping at deploy time ("Invalid mapping expression specified"). Reported once per entry that contains one.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/request-response-data-mappings.html
 */
export function checkRestApiQuotes(input: PolicyInput, sink: DiagnosticSink): void {
  for (const [list, field] of FIELDS) {
    input[list].forEach((value, i) => {
      if (value.includes("'")) {
        sink.add('rest-api-quote', field, `${quote(value)} contains ', which a REST API cannot send: API Gateway writes static header values as single-quoted literals ('value') with no escape, so the deployment fails. Remove the ' from the name, or apply this policy to a target without that limit (HTTP API, function URL, CloudFront, S3).`, { value, target: 'rest-api', ...at(input, list, i) });
      }
    });
  }
}
