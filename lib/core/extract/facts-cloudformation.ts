import type { CloudFrontBehaviorFact, HttpRouteFact, ProxyIntegrationFact } from '../facts';
import { RUNTIME_POLICY_ENV } from '../runtime-contract';
import { duplicateCorsHeaders, preflightNeedsOptionsRoute, preflightNotForwarded, proxyResponsesUncovered } from '../situational';
import { answersPreflight, describeResource, knownCloudFrontPolicy } from './facts-common';
import type { AuditFinding } from './audit';
import { isIntrinsic, jsonText } from './opaque';
import { asRecord } from './reader';
import type { ExtractedCors } from './types';

type Resources = Record<string, unknown>;

/** The logical id a `Ref` or `Fn::GetAtt` names (`{"Fn::GetAtt":["Fn","Arn"]}`, or `"Fn.Arn"`), with the attribute. */
function reference(value: unknown): { readonly id: string; readonly attribute?: string } | undefined {
  const record = asRecord(value);
  if (!record || !isIntrinsic(record)) return undefined;
  if (typeof record['Ref'] === 'string') return { id: record['Ref'] };
  const getAtt = record['Fn::GetAtt'];
  const parts = typeof getAtt === 'string' ? getAtt.split('.', 2) : getAtt;
  return Array.isArray(parts) && typeof parts[0] === 'string' && typeof parts[1] === 'string' ? { id: parts[0], attribute: parts[1] } : undefined;
}

/**
 * One resource of the template, or `undefined` when it is absent or has a `Condition`: a resource deployed only
 * under a condition is a deploy-time fact, which is never a finding and never rules one out.
 */
function unconditional(resources: Resources, id: string): Record<string, unknown> | undefined {
  const resource = asRecord(resources[id]);
  return resource && resource['Condition'] === undefined ? resource : undefined;
}

function props(resource: Record<string, unknown> | undefined): Record<string, unknown> {
  return asRecord(resource?.['Properties']) ?? {};
}

function nameOf(resources: Resources, id: string): string {
  return describeResource(id, asRecord(asRecord(resources[id])?.['Metadata'])?.['aws:cdk:path']);
}

/**
 * Whether the `AWS::Lambda::Function` `id` is bound to the runtime helper (its environment has the variable
 * `CORS_CONSTRUCTS_POLICY`); `undefined` when that is not known at synth time (variables chosen at deploy time).
 */
function boundFunction(resources: Resources, id: string): boolean | undefined {
  const resource = unconditional(resources, id);
  if (resource?.['Type'] !== 'AWS::Lambda::Function') return undefined;
  const environment = props(resource)['Environment'];
  if (environment === undefined) return false;
  if (isIntrinsic(environment)) return undefined;
  const variables = asRecord(environment)?.['Variables'];
  if (variables === undefined) return false;
  if (isIntrinsic(variables) || !asRecord(variables)) return undefined;
  return Object.prototype.hasOwnProperty.call(variables, RUNTIME_POLICY_ENV);
}

// `${Id}` or `${Id.Attribute}` in an Fn::Sub string; `${!Literal}` is text (Fn::Sub's escape).
const SUB_REFERENCE = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

// The logical ids of every Lambda function a value (an integration URI's Fn::Join, or the Fn::Sub form AWS
// documents, `arn:...:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations`) refers to.
function functionsIn(resources: Resources, value: unknown): string[] {
  const found = new Set<string>();
  const isFunction = (id: string) => asRecord(resources[id])?.['Type'] === 'AWS::Lambda::Function';
  const pending = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    const ref = reference(current);
    const sub = asRecord(current)?.['Fn::Sub'];
    if (ref && isFunction(ref.id)) found.add(ref.id);
    else if (sub !== undefined) {
      const [text, variables] = Array.isArray(sub) ? [sub[0], asRecord(sub[1]) ?? {}] : [sub, {}];
      if (typeof text === 'string') {
        // A name the Fn::Sub's own variables define is that variable, not a resource.
        for (const [, id] of text.matchAll(SUB_REFERENCE)) if (!(id! in variables) && isFunction(id!)) found.add(id!);
      }
      pending.push(...Object.values(variables));
    } else if (typeof current === 'object' && current !== null) pending.push(...Object.values(current));
  }
  return [...found];
}

function preflightNotForwardedIn(resources: Resources, items: readonly ExtractedCors[]): AuditFinding[] {
  const policies = new Map(items.filter((i): i is ExtractedCors<'cloudfront'> => i.target === 'cloudfront').map((i) => [i.resourceId, i]));
  const found: AuditFinding[] = [];
  for (const id of Object.keys(resources)) {
    const resource = unconditional(resources, id);
    if (resource?.['Type'] !== 'AWS::CloudFront::Distribution') continue;
    const config = asRecord(props(resource)['DistributionConfig']);
    if (!config || isIntrinsic(config)) continue;
    const base = 'Properties.DistributionConfig';
    const ordered = config['CacheBehaviors'];
    const behaviors: Array<[string, string, unknown]> = [
      [`${nameOf(resources, id)} default behavior`, `${base}.DefaultCacheBehavior`, config['DefaultCacheBehavior']],
      ...(Array.isArray(ordered) ? ordered : []).map((b, i): [string, string, unknown] => [`${nameOf(resources, id)} behavior '${String(asRecord(b)?.['PathPattern'] ?? '')}'`, `${base}.CacheBehaviors[${i}]`, b]),
    ];
    for (const [label, path, raw] of behaviors) {
      const behavior = asRecord(raw);
      const ref = reference(behavior?.['ResponseHeadersPolicyId']);
      const item = ref && (ref.attribute === undefined || ref.attribute === 'Id') ? policies.get(ref.id) : undefined;
      const policy = item && knownCloudFrontPolicy(item);
      if (!behavior || !item || !policy) continue;
      const methods = behavior['AllowedMethods'];
      // CloudFront's default is GET and HEAD (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cloudfront-distribution-defaultcachebehavior.html);
      // a list with a deploy-time entry is not checked.
      const allowedMethods = methods === undefined ? ['GET', 'HEAD'] : Array.isArray(methods) && methods.every((m) => typeof m === 'string') ? methods as string[] : undefined;
      const fact: CloudFrontBehaviorFact = { label, allowedMethods };
      for (const diagnostic of preflightNotForwarded(policy, [fact])) {
        found.push({ resource: item, diagnostic, location: { resourceId: id, path: methods === undefined ? path : `${path}.AllowedMethods` } });
      }
    }
  }
  return found;
}

function preflightNeedsOptionsRouteIn(resources: Resources, items: readonly ExtractedCors[]): AuditFinding[] {
  const found: AuditFinding[] = [];
  for (const item of items.filter((i) => i.target === 'http-api')) {
    const routes: Array<{ id: string; fact: HttpRouteFact }> = [];
    let uncertain = false;
    for (const id of Object.keys(resources)) {
      const resource = asRecord(resources[id]);
      const p = props(resource);
      if (resource?.['Type'] !== 'AWS::ApiGatewayV2::Route' || reference(p['ApiId'])?.id !== item.resourceId) continue;
      const routeKey = p['RouteKey'];
      const authorization = p['AuthorizationType'];
      const known = resource['Condition'] === undefined && typeof routeKey === 'string' && (authorization === undefined || typeof authorization === 'string');
      if (known) {
        routes.push({ id, fact: { routeKey, authorizationType: authorization as string | undefined, source: nameOf(resources, id) } });
      } else if (typeof routeKey !== 'string' || routeKey.startsWith('OPTIONS ')) {
        // A route that may be an open OPTIONS route (or may not exist) could take the preflights: no finding on this API.
        uncertain = true;
      }
    }
    if (uncertain) continue;
    // The rule's verdict on one route depends on that route and the OPTIONS routes only (listed once: a filter of
    // every route per route made thousands of routes quadratic).
    const optionsRoutes = routes.map((r) => r.fact).filter((f) => f.routeKey.startsWith('OPTIONS '));
    for (const { id, fact } of routes) {
      for (const diagnostic of preflightNeedsOptionsRoute([fact, ...optionsRoutes.filter((f) => f !== fact)])) {
        if (diagnostic.value === fact.routeKey) found.push({ resource: item, diagnostic, location: { resourceId: id, path: 'Properties.AuthorizationType' } });
      }
    }
  }
  return found;
}

function proxyResponsesUncoveredIn(resources: Resources, items: readonly ExtractedCors[]): AuditFinding[] {
  // One finding per REST API, on its first preflight.
  const apis = new Map<string, ExtractedCors>();
  for (const item of items.filter(answersPreflight)) {
    const api = jsonText(props(asRecord(resources[item.resourceId]))['RestApiId'] ?? null);
    if (!apis.has(api)) apis.set(api, item);
  }
  const found: AuditFinding[] = [];
  for (const [api, item] of apis) {
    const integrations: Array<{ id: string; fact: ProxyIntegrationFact }> = [];
    for (const id of Object.keys(resources)) {
      const resource = unconditional(resources, id);
      const p = props(resource);
      if (resource?.['Type'] !== 'AWS::ApiGateway::Method' || jsonText(p['RestApiId'] ?? null) !== api) continue;
      const integration = asRecord(p['Integration']);
      if (typeof integration?.['Type'] !== 'string' || integration['Type'].toUpperCase() !== 'AWS_PROXY' || !jsonText(integration['Uri'] ?? null).includes(':lambda:path/')) continue;
      const functions = functionsIn(resources, integration['Uri']);
      // A function not defined in this template (imported, an alias) or chosen at deploy time is not known: skipped.
      const bound = functions.length === 1 ? boundFunction(resources, functions[0]!) : undefined;
      if (bound === undefined) continue;
      const httpMethod = typeof p['HttpMethod'] === 'string' ? p['HttpMethod'] : '<deploy-time method>';
      integrations.push({ id, fact: { httpMethod, resourcePath: resourcePath(resources, p['ResourceId']), boundToRuntimeHelper: bound, source: nameOf(resources, id) } });
    }
    const first = integrations.find((i) => !i.fact.boundToRuntimeHelper);
    for (const diagnostic of proxyResponsesUncovered(integrations.map((i) => i.fact))) {
      found.push({ resource: item, diagnostic, ...(first ? { location: { resourceId: first.id, path: 'Properties.Integration.Uri' } } : {}) });
    }
  }
  return found;
}

// `/items/{id}` from the chain of AWS::ApiGateway::Resource PathParts up to the API's RootResourceId.
function resourcePath(resources: Resources, value: unknown, depth = 0): string | undefined {
  const ref = reference(value);
  if (!ref || depth > 64) return undefined;
  if (ref.attribute === 'RootResourceId') return '/';
  const resource = asRecord(resources[ref.id]);
  const p = props(resource);
  if (resource?.['Type'] !== 'AWS::ApiGateway::Resource' || typeof p['PathPart'] !== 'string') return undefined;
  const parent = resourcePath(resources, p['ParentId'], depth + 1);
  return parent === undefined ? undefined : `${parent === '/' ? '' : parent}/${p['PathPart']}`;
}

function duplicateCorsHeadersIn(resources: Resources, items: readonly ExtractedCors[]): AuditFinding[] {
  const found: AuditFinding[] = [];
  for (const item of items) {
    if (item.target !== 'function-url' || item.config.allowOrigins.length === 0) continue;
    const url = unconditional(resources, item.resourceId);
    const p = props(url);
    // A qualified URL (an alias) runs a published version, whose variables are not read here.
    const ref = p['Qualifier'] === undefined ? reference(p['TargetFunctionArn']) : undefined;
    if (!ref || boundFunction(resources, ref.id) !== true) continue;
    for (const diagnostic of duplicateCorsHeaders([{ source: nameOf(resources, ref.id) }])) {
      found.push({ resource: item, diagnostic, location: { resourceId: item.resourceId, path: 'Properties.Cors' } });
    }
  }
  return found;
}

/**
 * The situational findings of a CloudFormation template (`preflight-not-forwarded`, `preflight-needs-options-route`,
 * `proxy-responses-uncovered`, `duplicate-cors-headers`), from the facts the template holds for sure, about the
 * CORS configurations `items` extracted from it. References are followed by logical id (`Ref`, `Fn::GetAtt`).
 */
export function situationalFromCloudFormation(template: unknown, items: readonly ExtractedCors[]): AuditFinding[] {
  const resources = asRecord(asRecord(template)?.['Resources']) ?? {};
  return [
    ...preflightNotForwardedIn(resources, items),
    ...preflightNeedsOptionsRouteIn(resources, items),
    ...proxyResponsesUncoveredIn(resources, items),
    ...duplicateCorsHeadersIn(resources, items),
  ];
}
