/**
 * Origins no browser can ever send, although they parse: a page cannot be loaded from a port that
 * browsers block, nor from a host DNS cannot carry. Dependency-free, shared by the validator
 * (`origin-malformed`) and the runtime helper, which drops such an entry.
 */

// Fetch standard, "bad port" (https://fetch.spec.whatwg.org/#port-blocking): browsers refuse to fetch
// http(s) URLs on these ports, so no document is ever served from them. Port 0 cannot be connected to.
const BAD_PORTS: ReadonlySet<number> = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531,
  532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060,
  5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Why an http(s) origin with this canonical host and port can never be a browser's Origin, or
 * undefined when it can.
 * @param host - the canonical host; for a subdomain pattern its base (the `*` stands for at least one label).
 * @param port - the explicit port, `*` or empty.
 * @param pattern - whether `host` is the base of a subdomain pattern.
 */
export function unreachableOrigin(host: string, port: string, pattern: boolean): string | undefined {
  if (port !== '' && port !== '*' && BAD_PORTS.has(Number(port))) return `browsers refuse to load pages from port ${port} (Fetch "bad port"), so no browser sends this Origin`;
  // RFC 1035: a DNS name holds at most 253 characters (without the root dot) and 63 per label.
  // A pattern's `*` adds at least one character and a dot.
  if (host.startsWith('[')) return undefined;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name.length + (pattern ? 2 : 0) > 253 || name.split('.').some((label) => label.length > 63)) return 'its host is longer than DNS allows (253 characters, 63 per label, a `*` at least one label), so no browser sends this Origin';
  return undefined;
}
