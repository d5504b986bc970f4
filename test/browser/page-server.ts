import * as http from 'node:http';

/**
 * The pages' origins. One page server answers on 127.0.0.1 and 127.0.0.2 (same port); Chromium maps
 * `localhost` and `*.localhost` to 127.0.0.1 (`--host-resolver-rules`), so five distinct origins are
 * served without leaving loopback. `opaque` is a sandboxed iframe inside the `app` page: its origin is
 * opaque, so its requests carry `Origin: null`. Policies name origins symbolically; the report shows
 * the names, never the ephemeral ports.
 */
export const PAGE_ORIGIN_NAMES = ['app', 'alt', 'other', 'sub', 'deep', 'opaque'] as const;
export type PageOriginName = (typeof PAGE_ORIGIN_NAMES)[number];

/** Page origin name → serialized origin, e.g. `app` → `http://127.0.0.1:41234`. */
export type PageOrigins = Readonly<Record<PageOriginName, string>>;

/** How each origin is written in the report, with `<port>` for the page port. */
export const PAGE_ORIGIN_LABELS: Readonly<Record<PageOriginName, string>> = {
  app: 'http://127.0.0.1:<port>',
  alt: 'http://127.0.0.2:<port>',
  other: 'http://localhost:<port>',
  sub: 'http://app.localhost:<port>',
  deep: 'http://a.b.localhost:<port>',
  opaque: 'null (a sandboxed iframe in the app page)',
};

/** The path of the page holding the sandboxed iframe. */
export const SANDBOXED_PATH = '/sandboxed';

export function pageOrigins(port: number): PageOrigins {
  return {
    app: `http://127.0.0.1:${port}`,
    alt: `http://127.0.0.2:${port}`,
    other: `http://localhost:${port}`,
    sub: `http://app.localhost:${port}`,
    deep: `http://a.b.localhost:${port}`,
    opaque: 'null',
  };
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>cors-constructs conformance</title><p>conformance runner</p>';
const SANDBOXED_PAGE = `${PAGE}<iframe name="opaque" sandbox="allow-scripts" srcdoc="<p>opaque origin</p>"></iframe>`;

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the page server on 127.0.0.1 and 127.0.0.2, on one port. */
export async function startPageServer(): Promise<{ port: number; close(): Promise<void> }> {
  const handler: http.RequestListener = (req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(req.url === SANDBOXED_PATH ? SANDBOXED_PAGE : PAGE);
  };
  // The second address needs the same port: retry a few ephemeral ports if it is taken there.
  for (let attempt = 0; attempt < 5; attempt++) {
    const first = http.createServer(handler);
    await listen(first, '127.0.0.1', 0);
    const port = (first.address() as { port: number }).port;
    const second = http.createServer(handler);
    try {
      await listen(second, '127.0.0.2', port);
    } catch {
      await new Promise<void>((resolve) => first.close(() => resolve()));
      continue;
    }
    const servers = [first, second];
    return {
      port,
      close: async () => {
        for (const server of servers) {
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        }
      },
    };
  }
  throw new Error('could not listen on 127.0.0.1 and 127.0.0.2 with one port');
}
