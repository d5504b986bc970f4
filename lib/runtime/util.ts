/** Prefix of every message the helper logs or throws. Internal. */
export const PREFIX = 'cors-constructs/runtime: ';

/** The prefix of every CORS response header name. Internal. */
export const AC = 'Access-Control-';

/** Whether a value is a non-null, non-array object. Internal. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A request Origin as it may be echoed: printable ASCII without spaces or commas, so no echo can
 * inject a header or smuggle a list. Internal.
 */
export const SAFE_ITEM = /^[!-+\--~]+$/;
