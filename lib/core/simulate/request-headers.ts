import { isForbiddenRequestHeader } from '../headers';

/**
 * Request headers as the Fetch standard classifies them: which a script may set at all
 * ("forbidden request-header"), which need no preflight ("CORS-safelisted request-header", with
 * its value rules) and which therefore go into `Access-Control-Request-Headers`
 * ("CORS-unsafe request-header names"). https://fetch.spec.whatwg.org/#cors-safelisted-request-header
 */

/** One header a script sets: lowercase name, and the value when known. */
export interface ScriptHeader {
  /** Lowercase header name. */
  readonly name: string;
  /** The value; `undefined` when the caller gave only the name. */
  readonly value?: string;
}

/** Reads `{ name: value }` or `["Name: value", "Name"]` into lowercase-named headers. */
export function readScriptHeaders(headers: Readonly<Record<string, string>> | readonly string[] | undefined): ScriptHeader[] {
  if (headers === undefined) return [];
  if (Array.isArray(headers)) {
    return (headers as readonly string[]).map((entry) => {
      const colon = entry.indexOf(':');
      return colon < 0 ? { name: entry.trim().toLowerCase() } : { name: entry.slice(0, colon).trim().toLowerCase(), value: entry.slice(colon + 1).trim() };
    });
  }
  return Object.entries(headers as Readonly<Record<string, string>>).map(([name, value]) => ({ name: name.toLowerCase(), value }));
}

// Fetch, "CORS-unsafe request-header byte": 0x00-0x08, 0x0A-0x1F, " ( : < > ? @ [ \ ] { } and 0x7F.
const UNSAFE_BYTE = /[\u0000-\u0008\u000a-\u001f"():<>?@[\\\]{}\u007f]/;
// Fetch: accept-language and content-language values may only hold 0-9 A-Z a-z space * , - . ; =
const LANGUAGE_VALUE = /^[0-9A-Za-z *,\-.;=]*$/;
const SAFELISTED_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
// Fetch, "simple range header value": bytes=<start>-[<end>], start required.
const SIMPLE_RANGE = /^bytes=([0-9]+)-([0-9]*)$/;

function mimeEssence(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

/** Whether `(name, value)` is a CORS-safelisted request-header (Fetch), ignoring the 1024-byte total. */
export function isSafelistedRequestHeader(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.length > 128) return false;
  switch (name) {
    case 'accept':
      return !UNSAFE_BYTE.test(value);
    case 'accept-language':
    case 'content-language':
      return LANGUAGE_VALUE.test(value);
    case 'content-type':
      return !UNSAFE_BYTE.test(value) && SAFELISTED_CONTENT_TYPES.has(mimeEssence(value));
    case 'range': {
      const match = SIMPLE_RANGE.exec(value);
      return match !== null && (match[2] === '' || Number(match[1]) <= Number(match[2]));
    }
    default:
      return false;
  }
}

/** The headers a browser actually sends for a script: forbidden request headers are silently dropped. */
export function sendableHeaders(headers: readonly ScriptHeader[]): { sent: ScriptHeader[]; dropped: string[] } {
  const sent: ScriptHeader[] = [];
  const dropped: string[] = [];
  for (const header of headers) {
    if (isForbiddenRequestHeader(header.name)) dropped.push(header.name);
    else sent.push(header);
  }
  return { sent, dropped };
}

/**
 * Fetch, "CORS-unsafe request-header names": names of headers that are not safelisted, plus every
 * safelisted one when their values total more than 1024 bytes; lowercase, unique, sorted.
 */
export function corsUnsafeRequestHeaderNames(headers: readonly ScriptHeader[]): string[] {
  const unsafe = new Set<string>();
  const safelisted: string[] = [];
  let safelistedSize = 0;
  for (const header of headers) {
    if (isSafelistedRequestHeader(header.name, header.value)) {
      safelisted.push(header.name);
      safelistedSize += header.value!.length;
    } else {
      unsafe.add(header.name);
    }
  }
  if (safelistedSize > 1024) safelisted.forEach((name) => unsafe.add(name));
  return [...unsafe].sort();
}
