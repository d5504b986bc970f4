import { preflightCacheSeconds } from '../../lib/core/simulate/preflight-cache';
import type { CorsBrowser } from '../../lib/core/simulate/browser-deviations';
import type { WireRequest, WireResponse } from './api-server';

/**
 * Preflight-cache cases: one URL each, the same preflighted request sent several times from the
 * `app` page with pauses between, the server answering every preflight with the case's
 * Access-Control-Max-Age (and `Vary: Origin`) and counting the OPTIONS requests it gets. The model
 * predicts the count from `preflightCacheSeconds` per engine.
 */

/** One preflight-cache case. */
export interface CacheCase {
  readonly id: string;
  /** Access-Control-Max-Age sent on the preflight; absent when undefined. */
  readonly maxAge?: number;
  readonly varyOrigin?: boolean;
  readonly credentials?: boolean;
  /** Whether the script's fetch uses `cache: 'no-store'` (the matrix's cases do). */
  readonly noStore?: boolean;
  /** Milliseconds to wait before each request (the first is 0). */
  readonly pausesMs: readonly number[];
  /** The requests in words, for the report. */
  readonly description: string;
}

const TWICE = { pausesMs: [0, 0], description: '2, back to back' };

/** Every cache case. Pauses are far from the max ages they test, so scheduling noise cannot flip a count. */
export const CACHE_CASES: readonly CacheCase[] = [
  { id: 'no-max-age', ...TWICE },
  { id: 'max-age-0', maxAge: 0, ...TWICE },
  { id: 'max-age-600', maxAge: 600, pausesMs: [0, 0, 0], description: '3, back to back' },
  { id: 'max-age-86400', maxAge: 86400, ...TWICE },
  { id: 'max-age-above-every-cap', maxAge: 1_000_000, ...TWICE },
  { id: 'max-age-600-vary-origin', maxAge: 600, varyOrigin: true, ...TWICE },
  { id: 'max-age-600-credentials', maxAge: 600, credentials: true, ...TWICE },
  { id: 'max-age-600-vary-origin-credentials', maxAge: 600, varyOrigin: true, credentials: true, ...TWICE },
  { id: 'max-age-86400-vary-origin-credentials-after-1s', maxAge: 86400, varyOrigin: true, credentials: true, pausesMs: [0, 1000], description: '2, the second 1 s later' },
  { id: 'max-age-600-no-store', maxAge: 600, noStore: true, ...TWICE },
  { id: 'max-age-1-expires', maxAge: 1, pausesMs: [0, 0, 2500], description: '3: two back to back, the third 2.5 s later' },
];

/** The request each case repeats: preflighted by its method and its header. */
export const CACHE_REQUEST = { method: 'PUT', headers: { 'X-Custom': 'custom-1' } } as const;

/** The model's count of preflights for a case: a cached preflight serves later requests until it expires. */
export function expectedPreflights(c: CacheCase, browser: CorsBrowser): number {
  const keepMs = preflightCacheSeconds(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}, browser, { noStore: c.noStore === true }) * 1000;
  let now = 0;
  let expires = -1;
  let count = 0;
  for (const pause of c.pausesMs) {
    now += pause;
    if (now < expires) continue;
    count++;
    expires = keepMs > 0 ? now + keepMs : -1;
  }
  return count;
}

/** The server's answer to a cache case's preflight or actual request. */
export function cacheResponse(c: CacheCase, request: WireRequest, appOrigin: string): WireResponse {
  const cors: Record<string, string> = { 'Access-Control-Allow-Origin': appOrigin, ...(c.credentials ? { 'Access-Control-Allow-Credentials': 'true' } : {}), ...(c.varyOrigin ? { Vary: 'Origin' } : {}) };
  if (request.method === 'OPTIONS') {
    return {
      status: 204,
      headers: { ...cors, 'Access-Control-Allow-Methods': CACHE_REQUEST.method, 'Access-Control-Allow-Headers': 'x-custom', ...(c.maxAge !== undefined ? { 'Access-Control-Max-Age': String(c.maxAge) } : {}) },
    };
  }
  return { status: 200, headers: cors, body: 'ok' };
}

/** What the page sends for one case. */
export interface CacheSpec {
  readonly id: string;
  readonly url: string;
  readonly credentials: boolean;
  readonly noStore: boolean;
  readonly pausesMs: readonly number[];
}

/** Runs in the page: each case's requests in order, with its pauses; returns how many the script could read. */
export async function runCacheInPage(specs: readonly CacheSpec[]): Promise<Record<string, number>> {
  const read: Record<string, number> = {};
  for (const spec of specs) {
    read[spec.id] = 0;
    for (const pause of spec.pausesMs) {
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        const response = await fetch(spec.url, { method: 'PUT', mode: 'cors', credentials: spec.credentials ? 'include' : 'omit', headers: { 'X-Custom': 'custom-1' }, body: 'x', signal: AbortSignal.timeout(5000), ...(spec.noStore ? { cache: 'no-store' } : {}) } as RequestInit);
        await response.text();
        read[spec.id]!++;
      } catch {
        // a failed request is counted by its absence
      }
    }
  }
  return read;
}

/** A cache case as run in one engine. */
export interface CacheVerdict {
  readonly c: CacheCase;
  /** Preflights the model predicts. */
  readonly expected: number;
  /** OPTIONS requests the server got. */
  readonly observed: number;
  /** Requests the script could read (every one, when the preflights passed). */
  readonly read: number;
  readonly agrees: boolean;
}
