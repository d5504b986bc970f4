import { type CorsSimulation } from '../../lib/core';
import { FORBIDDEN_RESPONSE_HEADERS, SAFELISTED_RESPONSE_HEADERS } from '../../lib/core/headers';
import { normalizeMethod } from '../../lib/core/methods';
import { APP_RESPONSE_HEADERS, PROBE_HEADERS, type ConformanceCase } from './cases';
import { ENGINE_LABELS } from './engines';
import { simulate, type Observation, type RunResult } from './harness';

/** One side's account of a case: the model's prediction or what the engine did. */
export interface Account {
  /** Whether the script could read the response. */
  readonly allowed: boolean;
  /** Whether a preflight went out. */
  readonly preflightSent: boolean;
  /** Whether the actual request went out. */
  readonly actualSent: boolean;
  /** Access-Control-Request-Method of the preflight. */
  readonly requestMethod?: string;
  /** Access-Control-Request-Headers of the preflight, as a list. */
  readonly requestHeaders: readonly string[];
  /** Probe headers the script could read. */
  readonly visible: readonly string[];
}

/** A case with both accounts. */
export interface CaseVerdict {
  readonly c: ConformanceCase;
  readonly origin: string;
  /** The model with the Fetch standard's checks. */
  readonly standard: CorsSimulation;
  /** The model with the engine's deviations (browser-deviations.ts). */
  readonly engineModel: CorsSimulation;
  readonly model: Account;
  readonly browser: Account;
  readonly observation: Observation;
  /** Set when the standard and the engine's model disagree: the standard's reason for blocking or allowing. */
  readonly deviation?: string;
  /** Every field where the engine and the model in that engine's mode differ. */
  readonly mismatches: readonly string[];
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * Probe headers the model lets the script read: only after an allowed request, only headers the
 * response carries, and then the CORS-safelisted response headers plus what the model reports as
 * exposed (`*` meaning every header but Set-Cookie; the model already drops `*` for credentials).
 */
export function modelVisible(simulation: CorsSimulation): string[] {
  if (!simulation.allowed) return [];
  const exposed = new Set(simulation.exposedHeaders ?? []);
  return PROBE_HEADERS.filter((name) => {
    const present = hasHeader(APP_RESPONSE_HEADERS, name) || hasHeader(simulation.responseHeaders, name);
    if (!present || FORBIDDEN_RESPONSE_HEADERS.has(name)) return false;
    return SAFELISTED_RESPONSE_HEADERS.has(name) || exposed.has(name) || exposed.has('*');
  });
}

function modelAccount(simulation: CorsSimulation, c: ConformanceCase): Account {
  const sent = simulation.preflight.sent;
  return {
    allowed: simulation.allowed,
    preflightSent: sent,
    actualSent: !sent || simulation.preflight.allowed,
    ...(sent ? { requestMethod: normalizeMethod(c.request.method) } : {}),
    requestHeaders: sent ? [...(simulation.preflight.requestHeaders ?? [])] : [],
    visible: modelVisible(simulation),
  };
}

function browserAccount(observation: Observation): Account {
  const preflight = observation.wire.find((e) => e.kind === 'preflight');
  return {
    allowed: observation.page.allowed,
    preflightSent: preflight !== undefined,
    actualSent: observation.wire.some((e) => e.kind === 'actual'),
    ...(preflight?.requestMethod !== undefined ? { requestMethod: preflight.requestMethod } : {}),
    requestHeaders: preflight?.requestHeaders === undefined ? [] : preflight.requestHeaders.split(',').map((h) => h.trim()).filter((h) => h !== ''),
    visible: PROBE_HEADERS.filter((name) => observation.page.visible?.[name] !== null && observation.page.visible?.[name] !== undefined),
  };
}

/** Compares the two accounts of every case. */
export function compareRun(run: RunResult): CaseVerdict[] {
  return run.cases.map((c) => {
    const origin = run.origins[c.request.page];
    const standard = simulate(c, origin, 'fetch-standard');
    const engineModel = simulate(c, origin, run.engine);
    const observation = run.observations.get(c.id) ?? { page: { id: c.id, allowed: false, error: 'not run' }, wire: [], console: [] };
    const model = modelAccount(engineModel, c);
    const browser = browserAccount(observation);
    const mismatches: string[] = [];
    const same = (field: keyof Account) => JSON.stringify(model[field]) === JSON.stringify(browser[field]);
    for (const field of ['allowed', 'preflightSent', 'actualSent', 'requestMethod', 'requestHeaders', 'visible'] as const) {
      if (!same(field)) mismatches.push(`${field}: model ${JSON.stringify(model[field])}, ${ENGINE_LABELS[run.engine]} ${JSON.stringify(browser[field])}`);
    }
    const origins = new Set(observation.wire.map((e) => e.origin));
    if (observation.wire.length > 0 && (origins.size !== 1 || !origins.has(origin))) mismatches.push(`Origin sent: ${[...origins].join(', ')}, expected ${origin}`);
    return {
      c,
      origin,
      standard,
      engineModel,
      model,
      browser,
      observation,
      ...(standard.allowed !== engineModel.allowed ? { deviation: standard.failure ?? engineModel.failure ?? 'differs' } : {}),
      mismatches,
    };
  });
}
