import * as net from 'node:net';

/**
 * A minimal HTTP/1.1 server on a raw socket. Node's `http` parser rejects methods it does not
 * know in upper case (a script's `fetch(url, { method: 'patch' })` reaches the wire as `patch`),
 * so the API side of the conformance run reads requests itself: request line, headers, a
 * `Content-Length` body, one request per connection (`Connection: close`). Loopback only.
 */

/** A request as it arrived on the wire. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  /** Header names lowercase; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
}

/** What to answer. */
export interface WireResponse {
  readonly status: number;
  /** Header name → value; a value holding CR or LF is refused. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

const REASONS: Readonly<Record<number, string>> = { 200: 'OK', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_BODY_BYTES = 1024 * 1024;

function parseHead(head: string): { method: string; path: string; headers: Record<string, string>; length: number } | undefined {
  const lines = head.split('\r\n');
  const match = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const length = Number(headers['content-length'] ?? '0');
  return { method: match[1]!, path: match[2]!, headers, length: Number.isInteger(length) && length >= 0 ? length : 0 };
}

function serialize(method: string, response: WireResponse): Buffer {
  const body = method === 'HEAD' || response.status === 204 ? '' : (response.body ?? '');
  const lines = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Status'}`];
  for (const [name, value] of Object.entries(response.headers)) {
    if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error(`refusing to send header ${JSON.stringify(name)} with a line break`);
    lines.push(`${name}: ${value}`);
  }
  if (response.status !== 204) lines.push(`Content-Length: ${Buffer.byteLength(response.body ?? '')}`);
  lines.push('Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), Buffer.from(body)]);
}

/** Starts the server on `host` (a loopback address) and an ephemeral port. */
export async function startWireServer(host: string, handle: (request: WireRequest) => WireResponse): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffer.length > MAX_HEAD_BYTES) socket.destroy();
        return;
      }
      const head = parseHead(buffer.subarray(0, end).toString('latin1'));
      if (!head || head.length > MAX_BODY_BYTES) {
        done = true;
        socket.end(serialize('GET', { status: 400, headers: {}, body: 'bad request' }));
        return;
      }
      if (buffer.length < end + 4 + head.length) return; // wait for the rest of the body
      done = true;
      let response: WireResponse;
      try {
        response = handle({ method: head.method, path: head.path, headers: head.headers });
      } catch (error) {
        response = { status: 500, headers: {}, body: String(error) };
      }
      socket.end(serialize(head.method, response));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
