import {
  gatewayResponseHeadersNotMerged,
  gatewayResponseParameters,
  mergeGatewayResponseParameters,
  normalizeCorsPolicy,
  renderRestApiCors,
  type RestApiGatewayResponseConfig,
} from '../../lib/core/internal';
import { POLICY_FIXTURES } from '../fixtures/policies';

// The merge both adapters apply to the user's type-specific gateway responses (core, so they cannot diverge).
const CORS: RestApiGatewayResponseConfig = renderRestApiCors(normalizeCorsPolicy(POLICY_FIXTURES.spaAndAdmin)).gatewayResponses[0]!;
const ORIGIN = 'gatewayresponse.header.Access-Control-Allow-Origin';
const CREDENTIALS = 'gatewayresponse.header.Access-Control-Allow-Credentials';
const EXPOSE = 'gatewayresponse.header.Access-Control-Expose-Headers';

test('the CORS headers as quoted parameter mappings, in the renderer order', () => {
  expect(gatewayResponseParameters(CORS)).toEqual({ [ORIGIN]: "'https://app.example.com'", [CREDENTIALS]: "'true'", [EXPOSE]: "'etag'" });
  expect(Object.keys(gatewayResponseParameters(CORS))).toEqual([ORIGIN, CREDENTIALS, EXPOSE]);
});

describe('mergeGatewayResponseParameters', () => {
  const rows: Array<[string, Record<string, unknown> | undefined | null, { parameters: Record<string, unknown>; added: string[]; conflicts: string[] }]> = [
    ['no parameters: all added', undefined, { parameters: gatewayResponseParameters(CORS), added: [ORIGIN, CREDENTIALS, EXPOSE], conflicts: [] }],
    ['null parameters: all added', null, { parameters: gatewayResponseParameters(CORS), added: [ORIGIN, CREDENTIALS, EXPOSE], conflicts: [] }],
    ['theirs kept, ours added', { 'gatewayresponse.header.X-Custom': "'yes'" }, { parameters: { 'gatewayresponse.header.X-Custom': "'yes'", ...gatewayResponseParameters(CORS) }, added: [ORIGIN, CREDENTIALS, EXPOSE], conflicts: [] }],
    ['the same value in another case: kept as written, not added again', { 'gatewayresponse.header.access-control-allow-origin': "'https://app.example.com'" }, {
      parameters: { 'gatewayresponse.header.access-control-allow-origin': "'https://app.example.com'", [CREDENTIALS]: "'true'", [EXPOSE]: "'etag'" },
      added: [CREDENTIALS, EXPOSE],
      conflicts: [],
    }],
    ['another origin: a conflict, theirs not overwritten', { [ORIGIN]: "'*'" }, {
      parameters: { [ORIGIN]: "'*'", [CREDENTIALS]: "'true'", [EXPOSE]: "'etag'" },
      added: [CREDENTIALS, EXPOSE],
      conflicts: ["Access-Control-Allow-Origin: '*' instead of 'https://app.example.com'"],
    }],
    ['everything already there: nothing to do', gatewayResponseParameters(CORS), { parameters: gatewayResponseParameters(CORS), added: [], conflicts: [] }],
  ];
  test.each(rows)('%s', (_name, current, expected) => {
    expect(mergeGatewayResponseParameters(current, CORS)).toEqual(expected);
  });

  test('does not modify the given parameters', () => {
    const current = { 'gatewayresponse.header.X-Custom': "'yes'" };
    mergeGatewayResponseParameters(current, CORS);
    expect(current).toEqual({ 'gatewayresponse.header.X-Custom': "'yes'" });
  });
});

test('gatewayResponseHeadersNotMerged: an unresolved-token warning naming every parameter to add', () => {
  const d = gatewayResponseHeadersNotMerged('ACCESS_DENIED gateway response stack/Denied', CORS);
  expect(d).toMatchObject({ rule: 'unresolved-token', severity: 'warning', field: 'policy', target: 'rest-api', value: 'ACCESS_DENIED gateway response stack/Denied' });
  expect(d.message).toContain("Add these response parameters to it: gatewayresponse.header.Access-Control-Allow-Origin = 'https://app.example.com', gatewayresponse.header.Access-Control-Allow-Credentials = 'true', gatewayresponse.header.Access-Control-Expose-Headers = 'etag'.");
});
