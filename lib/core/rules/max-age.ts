import { isUnresolvedToken } from '../token';
import type { PolicyInput } from './input';
import { DiagnosticSink, quote } from './sink';

/** The longest preflight cache any major browser keeps: Chromium caps `Access-Control-Max-Age` at 7200 s. */
export const BROWSER_MAX_AGE_CAP_SECONDS = 7200;

/** Checks `maxAgeSeconds`; returns the usable value, if any. */
export function checkMaxAge(input: PolicyInput, sink: DiagnosticSink): number | undefined {
  const value = input.maxAge;
  if (value === undefined || value === null) return undefined;
  if (isUnresolvedToken(value)) {
    sink.add('unresolved-token', 'maxAgeSeconds', 'maxAgeSeconds is a deploy-time token, so it cannot be checked at synth time; make sure the deployed value is a whole number of seconds within every target’s limit.');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    sink.add('max-age-invalid', 'maxAgeSeconds', `maxAgeSeconds ${quote(value)} is not a whole number of seconds ≥ 0, which is all Access-Control-Max-Age can carry. Use e.g. 600, or 0 to disable preflight caching.`, { value: String(value) });
    return undefined;
  }
  if (value > BROWSER_MAX_AGE_CAP_SECONDS) {
    sink.add('max-age-browser-cap', 'maxAgeSeconds', `maxAgeSeconds ${value} is above what most browsers keep: Chromium, Firefox and WebKit (Safari) all cache a passed preflight for Access-Control-Max-Age, but Chromium keeps it at most 7200 s, and Firefox and WebKit re-sent a 700 s preflight after 610 s (WebKit caps at 600 s), and Chromium and Firefox skip the cache for fetch(..., { cache: 'no-store' }) (docs/conformance.md), so most users repeat the preflight sooner than this says. Use 7200 or less to state what actually happens.`, { value: String(value) });
  }
  return value;
}
