import { originPatternRegex, parseOrigin } from '../origin';
import type { CorsPolicyProps } from '../props';
import { CLOUDFRONT_ALL_METHODS } from '../simulate/cloudfront';
import { getHeader } from '../simulate/fetch-check';
import { readRestApiTemplate } from '../simulate/rest-api-template';
import type { ExtractedCors } from './types';

/** A policy read back from a configuration, for the validator. */
export interface RecoveredPolicy {
  /** Which part of the resource it describes (an S3 rule), when the resource holds several. */
  readonly part?: string;
  /** The policy the configuration stands for. */
  readonly props: CorsPolicyProps;
  /** What the mapping had to assume. */
  readonly notes: readonly string[];
}

/**
 * The origin entry a REST template regex stands for, when it is one renderRestApiCors writes
 * (verified by rendering the candidate again); `undefined` for hand-written regexes.
 */
export function originFromRegex(regex: string): string | undefined {
  const candidate = regex
    .replace(/^\^|\$$/g, '')
    .replace('([^./:?#@\\s]+\\.)+', '*.')
    .replace(/\[0-9\]\+$/, '*')
    .replace(/\.\+$/, '*')
    .replace(/\\(.)/g, '$1');
  const parsed = parseOrigin(candidate).origin;
  if (!parsed) return undefined;
  const expected = originPatternRegex(parsed).slice(1, -1);
  return expected === regex.replace(/^\^|\$$/g, '') ? candidate : undefined;
}

function splitList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

function restPolicy(item: ExtractedCors<'rest-api'>): RecoveredPolicy {
  const notes: string[] = [];
  const { preflight, gatewayResponses } = item.config;
  const gatewayHeaders = gatewayResponses[0]?.headers ?? {};
  const expose = gatewayResponses.map((g) => getHeader(g.headers, 'Access-Control-Expose-Headers')).find((v) => v !== undefined);
  if (!preflight) {
    const origin = getHeader(gatewayHeaders, 'Access-Control-Allow-Origin');
    return {
      props: {
        allowOrigins: origin === undefined ? [] : [origin],
        allowCredentials: getHeader(gatewayHeaders, 'Access-Control-Allow-Credentials') === 'true',
        ...(expose !== undefined ? { exposeHeaders: splitList(expose) } : {}),
      },
      notes: ['read from the gateway responses only'],
    };
  }
  const reading = readRestApiTemplate(preflight.responseTemplate);
  const origins: string[] = [];
  const staticOrigin = getHeader(preflight.staticHeaders, 'Access-Control-Allow-Origin');
  const originEcho = reading.echoes.find((e) => e.header.toLowerCase() === 'access-control-allow-origin' && e.from === 'origin');
  const reflected = Object.entries(preflight.requestMappedHeaders ?? {}).some(([h, from]) => h.toLowerCase() === 'access-control-allow-origin' && from.toLowerCase() === 'origin');
  if (reflected || (originEcho && originEcho.conditions === undefined)) {
    origins.push('*');
    notes.push('Access-Control-Allow-Origin reflects the request\'s Origin, which allows every origin: read as \'*\'');
  } else if (originEcho) {
    for (const condition of originEcho.conditions ?? []) {
      if ('equals' in condition) origins.push(condition.equals);
      else {
        const origin = originFromRegex(condition.matches);
        if (origin !== undefined) origins.push(origin);
        else notes.push(`the template matches origins with a hand-written regex (${condition.matches}) that cannot be checked`);
      }
    }
  }
  if (staticOrigin !== undefined && !origins.includes(staticOrigin)) origins.unshift(staticOrigin);
  const headersEchoed = reading.echoes.some((e) => e.header.toLowerCase() === 'access-control-allow-headers');
  const maxAge = getHeader(preflight.staticHeaders, 'Access-Control-Max-Age');
  const methods = splitList(getHeader(preflight.staticHeaders, 'Access-Control-Allow-Methods'));
  return {
    props: {
      allowOrigins: origins,
      allowMethods: methods,
      allowHeaders: headersEchoed ? ['*'] : splitList(getHeader(preflight.staticHeaders, 'Access-Control-Allow-Headers')),
      ...(expose !== undefined ? { exposeHeaders: splitList(expose) } : {}),
      allowCredentials: getHeader(preflight.staticHeaders, 'Access-Control-Allow-Credentials') === 'true',
      ...(maxAge !== undefined && /^-?[0-9]+$/.test(maxAge) ? { maxAgeSeconds: Number(maxAge) } : {}),
    },
    notes,
  };
}

/**
 * Maps an extracted configuration back to the policy it stands for, so the validator can check it
 * with the target's limits: one policy per S3 rule; CloudFront `ALL` read as its seven methods; a REST preflight
 * read from its static headers and template (an echoed `Access-Control-Request-Headers` is `*`).
 * S3 rules are read without `allowCredentials`: S3 has no such setting.
 */
export function recoverPolicies(item: ExtractedCors): RecoveredPolicy[] {
  switch (item.target) {
    case 's3':
      return item.config.map((rule, index) => ({
        ...(item.config.length > 1 ? { part: `rule ${index + 1}` } : {}),
        props: {
          allowOrigins: rule.allowedOrigins,
          allowMethods: rule.allowedMethods,
          ...(rule.allowedHeaders ? { allowHeaders: rule.allowedHeaders } : {}),
          ...(rule.exposedHeaders ? { exposeHeaders: rule.exposedHeaders } : {}),
          ...(rule.maxAgeSeconds !== undefined ? { maxAgeSeconds: rule.maxAgeSeconds } : {}),
        },
        notes: [],
      }));
    case 'http-api':
    case 'function-url': {
      const c = item.config;
      return [{ props: { allowOrigins: c.allowOrigins, allowMethods: c.allowMethods, allowHeaders: c.allowHeaders ?? [], exposeHeaders: c.exposeHeaders ?? [], allowCredentials: c.allowCredentials, ...(c.maxAgeSeconds !== undefined ? { maxAgeSeconds: c.maxAgeSeconds } : {}) }, notes: [] }];
    }
    case 'cloudfront': {
      const c = item.config;
      const all = c.allowMethods.includes('ALL');
      return [{
        props: { allowOrigins: c.allowOrigins, allowMethods: all ? [...CLOUDFRONT_ALL_METHODS] : c.allowMethods, allowHeaders: c.allowHeaders, exposeHeaders: c.exposeHeaders ?? [], allowCredentials: c.allowCredentials, ...(c.maxAgeSeconds !== undefined ? { maxAgeSeconds: c.maxAgeSeconds } : {}) },
        notes: all ? [`AccessControlAllowMethods ALL read as ${CLOUDFRONT_ALL_METHODS.join(', ')}`] : [],
      }];
    }
    case 'rest-api':
      return [restPolicy(item)];
  }
}
