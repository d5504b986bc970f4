import { randomBytes } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { normalizeMethod, serviceModel, simulateCors, type CorsSimulation, type SimulateCorsOptions } from '../../lib/core';
import type { CorsBrowser } from '../../lib/core/simulate/browser-deviations';
import { startWireServer, type WireRequest, type WireResponse } from './api-server';
import { APP_RESPONSE_HEADERS, buildCases, PROBE_HEADERS, type ConformanceCase } from './cases';
import { PAGE_ORIGIN_NAMES, pageOrigins, SANDBOXED_PATH, startPageServer, type PageOrigins } from './page-server';

/**
 * Drives headless Chromium through the matrix. The API server answers every request with exactly
 * what the model says the target sends: for a preflight `simulateCors(...).preflight` (status and
 * headers), for the actual request `simulateCors(...).responseHeaders` on top of the application's
 * own headers. The page reports what the browser let the script see; the server records what the
 * browser put on the wire.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from DEVELOPERS.md, plus the loopback name mapping for `localhost` and `*.localhost`. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1',
];

const FETCH_TIMEOUT_MS = 5000;

/** Whose checks the model applies: the Fetch standard, or Chromium's measured deviations. */
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
  /** Chromium's console messages that name the case's URL (its CORS error text). */
  readonly console: readonly string[];
}

/** The outcome of one run. */
export interface RunResult {
  readonly browserVersion: string;
  readonly origins: PageOrigins;
  readonly cases: readonly ConformanceCase[];
  readonly observations: ReadonlyMap<string, Observation>;
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

/** Runs every case in Chromium. */
export async function runConformance(): Promise<RunResult> {
  const runId = randomBytes(6).toString('hex');
  const pageServer = await startPageServer();
  const origins = pageOrigins(pageServer.port);
  const cases = buildCases(origins);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const wire = new Map<string, WireEvent[]>();
  const prefix = `/c/${runId}/`;

  const handle = (request: WireRequest): WireResponse => {
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
    const simulation = simulate(c, requestOrigin, 'chromium');
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
  let browser: Browser | undefined;
  const observations = new Map<string, Observation>();
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const browserVersion = browser.version();
    const context = await browser.newContext();
    const consoleByCase = new Map<string, string[]>();
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
      const page = await context.newPage();
      page.on('console', (message) => {
        const text = message.text();
        const match = text.match(new RegExp(`${prefix.replace(/\//g, '\\/')}([^'" ]+)`));
        if (!match) return;
        const id = decodeURIComponent(match[1]!);
        const list = consoleByCase.get(id) ?? [];
        list.push(text.replace(/https?:\/\/[^'" ]+/g, (url) => url.replace(/:\d+/, ':<port>').replace(/\/c\/[0-9a-f]+\//, '/c/<run>/')));
        consoleByCase.set(id, list);
      });
      let results: PageResult[];
      if (name === 'opaque') {
        await page.goto(`${origins.app}${SANDBOXED_PATH}`);
        const element = await page.waitForSelector('iframe[name="opaque"]', { timeout: FETCH_TIMEOUT_MS });
        const frame = await element.contentFrame();
        if (!frame) throw new Error('the sandboxed iframe did not load');
        await frame.waitForLoadState('load', { timeout: FETCH_TIMEOUT_MS });
        results = await frame.evaluate(runInPage, specs);
      } else {
        await page.goto(`${origins[name]}/`);
        results = await page.evaluate(runInPage, specs);
      }
      for (const result of results) {
        observations.set(result.id, { page: result, wire: wire.get(result.id) ?? [], console: [] });
      }
      await page.close();
    }
    await context.close();
    for (const [id, observation] of observations) {
      observations.set(id, { ...observation, wire: wire.get(id) ?? [], console: consoleByCase.get(id) ?? [] });
    }
    return { browserVersion, origins, cases, observations };
  } finally {
    await browser?.close();
    await api.close();
    await pageServer.close();
  }
}
