// RFC 9110 section 5.6.2: token = 1*tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether a string is an RFC 9110 token (the grammar of method and header names). */
export function isHttpToken(value: string): boolean {
  return TOKEN.test(value);
}

/** Reads an optional list field from a caller that may not be TypeScript: non-arrays give `undefined`. */
export function asList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
