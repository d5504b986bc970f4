import { randomBytes } from 'node:crypto';
import { normalizeMethod, serviceModel, simulateCors, type CorsSimulation, type SimulateCorsOptions } from '../../lib/core/internal';
import type { CorsBrowser } from '../../lib/core/simulate/browser-deviations';
import { startWireServer, type WireRequest, type WireResponse } from './api-server';
import { CACHE_CASES, cacheResponse, expectedPreflights, runCacheInPage, type CacheSpec, type CacheVerdict } from './cache';
import { APP_RESPONSE_HEADERS, buildCases, PROBE_HEADERS, type ConformanceCase } from './cases';
import { launchEngine, type Engine } from './engines';
import { PAGE_ORIGIN_NAMES, pageOrigins, SANDBOXED_PATH, startPageServer, type PageOrigins } from './page-server';

/**
 * Drives one engine (engines.ts) through the matrix. The API server answers every request with exactly
 * what the model says the target sends: for a preflight `simulateCors(...).preflight` (status and
 * headers), for the actual request `simulateCors(...).responseHeaders` on top of the application's
 * own headers. The page reports what the browser let the script see; the server records what the
 * browser put on the wire.
 */

const FETCH_TIMEOUT_MS = 5000;

/** Whose checks the model applies: the Fetch standard, or one engine's measured deviations. */
export type BrowserMode = CorsBrowser;

/** The simulator's options for one case, in one browser mode (lib/core/simulate/browser-deviations.ts). */
export function simulationOptions(c: ConformanceCase, browser: BrowserMode): SimulateCorsOptions {
  return { ...c.options, browser } as SimulateCorsOptions;
}

/** What the model says for a case whose page has the given serialized origin. */
export function simulate(c: ConformanceCase, origin: string, browser: BrowserMode): CorsSimulation {
  return simulateCors(
    c.target,
    c.config,
    { origin, method: c.request.method, ...(c.request.headers ? { headers: c.request.headers } : {}), credentials: c.request.credentials },
    simulationOptions(c, browser),
  );
}

/** One request the browser put on the wire for a case. */
export interface WireEvent {
  readonly kind: 'preflight' | 'actual';
  readonly method: string;
  readonly origin?: string;
  readonly requestMethod?: string;
  readonly requestHeaders?: string;
}

/** What the page's script saw. */
export interface PageResult {
  readonly id: string;
  /** Whether `fetch()` resolved (the browser let the script read the response). */
  readonly allowed: boolean;
  readonly status?: number;
  /** Probe header name → the value `response.headers.get` returned (null when hidden or absent). */
  readonly visible?: Readonly<Record<string, string | null>>;
  readonly error?: string;
}

/** Everything observed for one case. */
export interface Observation {
  readonly page: PageResult;
  readonly wire: readonly WireEvent[];
  /** The engine's console messages that name the case's URL (its CORS error text; Chromium only). */
  readonly console: readonly string[];
}

/** The outcome of one run. */
export interface RunResult {
  readonly engine: Engine;
  readonly browserVersion: string;
  /** Wall time of the run, launch to close, in milliseconds (reported, never asserted). */
  readonly wallMs: number;
  readonly origins: PageOrigins;
  readonly cases: readonly ConformanceCase[];
  readonly observations: ReadonlyMap<string, Observation>;
  /** The preflight-cache cases (cache.ts). */
  readonly cache: readonly CacheVerdict[];
}

interface PageSpec {
  readonly id: string;
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly credentials: boolean;
  readonly body?: string;
  readonly probe: readonly string[];
  readonly timeoutMs: number;
}

// Runs in the page: one fetch per case, in order, each with a timeout.
async function runInPage(specs: readonly PageSpec[]): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const spec of specs) {
    // `cache` is a browser RequestInit member that Node's typings lack.
    const init: Record<string, unknown> = {
      method: spec.method,
      mode: 'cors',
      credentials: spec.credentials ? 'include' : 'omit',
      headers: spec.headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(spec.timeoutMs),
    };
    if (spec.body !== undefined) init.body = spec.body;
    try {
      const response = await fetch(spec.url, init as RequestInit);
      await response.text();
      const visible: Record<string, string | null> = {};
      for (const name of spec.probe) visible[name] = response.headers.get(name);
      results.push({ id: spec.id, allowed: true, status: response.status, visible });
    } catch (error) {
      results.push({ id: spec.id, allowed: false, error: String(error) });
    }
  }
  return results;
}

function withAppHeaders(model: Readonly<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const [name, value] of [...Object.entries(APP_RESPONSE_HEADERS), ...Object.entries(model)]) {
    const previous = names.get(name.toLowerCase());
    if (previous !== undefined) delete merged[previous];
    names.set(name.toLowerCase(), name);
    merged[name] = value;
  }
  return merged;
}

/** Runs every case in one engine: one browser, one page per page origin, one script call per page. */
export async function runConformance(engine: Engine): Promise<RunResult> {
  const started = Date.now();
  const runId = randomBytes(6).toString('hex');
  const pageServer = await startPageServer();
  const origins = pageOrigins(pageServer.port);
  const cases = buildCases(origins);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const wire = new Map<string, WireEvent[]>();
  const prefix = `/c/${runId}/`;

  const cachePrefix = `/k/${runId}/`;
  const cacheById = new Map(CACHE_CASES.map((c) => [c.id, c]));
  const preflightsByCacheCase = new Map<string, number>();

  const handle = (request: WireRequest): WireResponse => {
    if (request.path.startsWith(cachePrefix)) {
      const id = decodeURIComponent(request.path.slice(cachePrefix.length));
      const c = cacheById.get(id);
      if (!c) return { status: 404, headers: {}, body: 'no such case' };
      if (request.method === 'OPTIONS') preflightsByCacheCase.set(id, (preflightsByCacheCase.get(id) ?? 0) + 1);
      return cacheResponse(c, request, origins.app);
    }
    const id = request.path.startsWith(prefix) ? decodeURIComponent(request.path.slice(prefix.length)) : undefined;
    const c = id === undefined ? undefined : byId.get(id);
    if (!c || id === undefined) return { status: 404, headers: {}, body: 'no such case' };
    const origin = request.headers['origin'];
    const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    const events = wire.get(id) ?? [];
    wire.set(id, events);
    events.push({
      kind: isPreflight ? 'preflight' : 'actual',
      method: request.method,
      ...(origin !== undefined ? { origin } : {}),
      ...(isPreflight ? { requestMethod: request.headers['access-control-request-method'] } : {}),
      ...(isPreflight && request.headers['access-control-request-headers'] !== undefined ? { requestHeaders: request.headers['access-control-request-headers'] } : {}),
    });
    // The service sees the Origin the browser sent; the rest of the request is the case's script.
    const requestOrigin = origin ?? origins[c.request.page];
    const simulation = simulate(c, requestOrigin, engine);
    if (isPreflight) {
      return { status: simulation.preflight.status ?? 204, headers: simulation.preflight.responseHeaders };
    }
    // The service answers the actual request the same way whatever the browser thought of the
    // preflight: when the model expects no actual request (its preflight failed) yet the browser
    // sent one, the answer is the target model's own (the comparison reports the disagreement).
    const actual = serviceModel(c.target, c.config, c.options).actual({ origin: requestOrigin, method: normalizeMethod(c.request.method), credentials: c.request.credentials });
    const modelSendsActual = !simulation.preflight.sent || simulation.preflight.allowed;
    return { status: actual.status, headers: withAppHeaders(modelSendsActual ? simulation.responseHeaders : actual.headers), body: 'ok' };
  };

  const api = await startWireServer('127.0.0.1', handle);
  const apiOrigin = `http://127.0.0.1:${api.port}`;
  const observations = new Map<string, Observation>();
  const consoleByCase = new Map<string, string[]>();
  const caseUrl = new RegExp(`${prefix.replace(/\//g, '\\/')}([^'" ]+)`);
  let driver: Awaited<ReturnType<typeof launchEngine>> | undefined;
  try {
    driver = await launchEngine(engine);
    for (const name of PAGE_ORIGIN_NAMES) {
      const specs: PageSpec[] = cases
        .filter((c) => c.request.page === name)
        .map((c) => ({
          id: c.id,
          url: `${apiOrigin}${prefix}${encodeURIComponent(c.id)}`,
          method: c.request.method,
          headers: c.request.headers ?? {},
          credentials: c.request.credentials,
          ...(c.request.body !== undefined ? { body: c.request.body } : {}),
          probe: PROBE_HEADERS,
          timeoutMs: FETCH_TIMEOUT_MS,
        }));
      if (specs.length === 0) continue;
      const opaque = name === 'opaque';
      const page = await driver.open(opaque ? `${origins.app}${SANDBOXED_PATH}` : `${origins[name]}/`);
      const results = await page.run(runInPage, specs, opaque ? 'opaque' : undefined);
      for (const text of page.console) {
        const match = caseUrl.exec(text);
        if (!match) continue;
        const id = decodeURIComponent(match[1]!);
        const list = consoleByCase.get(id) ?? [];
        list.push(text.replace(/https?:\/\/[^'" ]+/g, (url) => url.replace(/:\d+/, ':<port>').replace(/\/c\/[0-9a-f]+\//, '/c/<run>/')));
        consoleByCase.set(id, list);
      }
      for (const result of results) observations.set(result.id, { page: result, wire: [], console: [] });
      await page.close();
    }
    for (const [id, observation] of observations) {
      observations.set(id, { ...observation, wire: wire.get(id) ?? [], console: consoleByCase.get(id) ?? [] });
    }
    const cacheSpecs: CacheSpec[] = CACHE_CASES.map((c) => ({ id: c.id, url: `${apiOrigin}${cachePrefix}${encodeURIComponent(c.id)}`, credentials: c.credentials === true, noStore: c.noStore === true, pausesMs: c.pausesMs }));
    const cachePage = await driver.open(`${origins.app}/`);
    const read = await cachePage.run(runCacheInPage, cacheSpecs);
    await cachePage.close();
    const cache: CacheVerdict[] = CACHE_CASES.map((c) => {
      const expected = expectedPreflights(c, engine);
      const observed = preflightsByCacheCase.get(c.id) ?? 0;
      return { c, expected, observed, read: read[c.id] ?? 0, agrees: expected === observed && read[c.id] === c.pausesMs.length };
    });
    return { engine, browserVersion: driver.version, wallMs: Date.now() - started, origins, cases, observations, cache };
  } finally {
    await driver?.close();
    await api.close();
    await pageServer.close();
  }
}
