import type { FunctionUrlCorsConfig } from '../targets/function-url';
import { findOriginEntry } from './origin-entries';
import type { ResponseHeaders, ServiceModel, ServiceRequest, ServiceResponse } from './types';

/**
 * What a Lambda function URL sends back. Sources: Lambda developer guide, "Cross-origin resource
 * sharing (CORS)" for function URLs (https://docs.aws.amazon.com/lambda/latest/dg/urls-configuration.html#urls-cors)
 * and the Lambda API reference `Cors` (https://docs.aws.amazon.com/lambda/latest/dg/API_Cors.html):
 * the URL service answers preflights from the `Cors` settings and adds the CORS headers to the
 * function's responses. `*` with AllowCredentials is accepted and then answered with the request's
 * origin and credentials (the model of this library's origin-wildcard-with-credentials rule). AWS documents that the URL's headers take precedence
 * over the function's, yet field reports show Access-Control-Allow-Origin twice when the function sets
 * it too (aws-powertools/powertools-lambda-python#4163, samvera-labs/serverless-iiif#71); the model
 * follows the field reports, which browsers reject.
 */
export function functionUrlModel(config: FunctionUrlCorsConfig, options: { readonly functionHeaders?: ResponseHeaders } = {}): ServiceModel {
  const originHeaders = (request: ServiceRequest): { headers: Record<string, string>; note: string } | undefined => {
    const found = findOriginEntry(config.allowOrigins, request.origin);
    if (!found) return undefined;
    const headers: Record<string, string> = {};
    const reflect = found.entry !== '*' || config.allowCredentials;
    headers['Access-Control-Allow-Origin'] = reflect ? request.origin : '*';
    if (config.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
    const note = found.entry === '*' && config.allowCredentials
      ? 'AllowOrigins is * with AllowCredentials, so the URL reflects any origin with credentials'
      : `AllowOrigins entry ${found.entry} matches`;
    return { headers, note };
  };
  const preflight = (request: ServiceRequest): ServiceResponse => {
    const cors = originHeaders(request);
    if (!cors) return { status: 200, headers: {}, notes: [`Function URL: the URL service answers the preflight; AllowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so it sends no CORS headers`] };
    const headers = cors.headers;
    headers['Access-Control-Allow-Methods'] = config.allowMethods.join(',');
    if (config.allowHeaders && config.allowHeaders.length > 0) headers['Access-Control-Allow-Headers'] = config.allowHeaders.join(',');
    if (config.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(config.maxAgeSeconds);
    headers['Vary'] = 'Origin';
    return { status: 200, headers, notes: [`Function URL: the URL service answers the preflight (${cors.note})`] };
  };
  const actual = (request: ServiceRequest): ServiceResponse => {
    const cors = originHeaders(request);
    const headers: Record<string, string> = cors ? cors.headers : {};
    if (cors) {
      if (config.exposeHeaders && config.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = config.exposeHeaders.join(',');
      headers['Vary'] = 'Origin';
    }
    const notes = [cors ? `Function URL: the URL service adds the CORS headers to the function's response (${cors.note})` : `Function URL: AllowOrigins (${config.allowOrigins.join(', ')}) does not match ${request.origin}, so the URL adds no CORS headers`];
    const duplicated: string[] = [];
    for (const [name, value] of Object.entries(options.functionHeaders ?? {})) {
      const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
      if (existing === undefined) {
        headers[name] = value;
      } else {
        headers[existing] = `${headers[existing]}, ${value}`;
        duplicated.push(existing);
      }
    }
    if (duplicated.length > 0) notes.push(`Function URL: the function sets ${duplicated.join(', ')} too, and the response carries both values (duplicate-cors-headers; powertools-lambda-python#4163)`);
    return { status: 200, headers, notes };
  };
  return { preflight, actual };
}
