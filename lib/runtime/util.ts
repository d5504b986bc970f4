/** Prefix of every message the helper logs or throws. Internal. */
export const PREFIX = 'cors-constructs/runtime: ';

/** The prefix of every CORS response header name. Internal. */
export const AC = 'Access-Control-';

/** Whether a value is a non-null, non-array object. Internal. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One header list item or one origin as it may be sent: printable ASCII without spaces or commas.
 * Nothing else is ever put into a response header (no header injection, no smuggled list). Internal.
 */
export const SAFE_ITEM = /^[!-+\--~]+$/;
