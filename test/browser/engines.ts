import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';

/**
 * One small driver interface over the three engines the conformance suite runs in, so the same
 * cases run in each: Chromium through playwright-core, Firefox ESR through puppeteer-core (WebDriver
 * BiDi), WebKitGTK's MiniBrowser through WebKitWebDriver (classic W3C WebDriver over plain HTTP).
 * One browser per engine for the whole run; a page runs a batch of fetches in one script call.
 */

/** The engines the suite drives. */
export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type Engine = (typeof ENGINES)[number];

/** How each engine is named in the report. */
export const ENGINE_LABELS: Readonly<Record<Engine, string>> = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/** A script run in the page: a self-contained async function of one JSON argument. */
export type PageScript<A, R> = (arg: A) => Promise<R>;

/** An open page (or the sandboxed iframe inside it). */
export interface EnginePage {
  /** Runs `script(arg)` in the page's document, or in the iframe named `frame` when given. */
  run<A, R>(script: PageScript<A, R>, arg: A, frame?: string): Promise<R>;
  /** Console messages seen so far (only the engines that report them). */
  readonly console: readonly string[];
  close(): Promise<void>;
}

/** A launched browser. */
export interface EngineDriver {
  readonly engine: Engine;
  /** The browser's product version as it reports it. */
  readonly version: string;
  open(url: string): Promise<EnginePage>;
  close(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
/** Where libwebkit2gtk-4.1-0 installs MiniBrowser (`dpkg -L libwebkit2gtk-4.1-0 | grep MiniBrowser`). */
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Flags from DEVELOPERS.md, plus the loopback name mapping for `localhost` and `*.localhost`. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1',
];

/** The `*.localhost` names the pages use (page-server.ts); Firefox resolves the listed ones to loopback. */
const LOCAL_NAMES = 'localhost,app.localhost,a.b.localhost';

const WAIT_MS = 5000;

async function launchChromium(): Promise<EngineDriver> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext();
  return {
    engine: 'chromium',
    version: browser.version(),
    async open(url) {
      const page = await context.newPage();
      const messages: string[] = [];
      page.on('console', (message) => messages.push(message.text()));
      await page.goto(url);
      return {
        console: messages,
        async run<A, R>(script: PageScript<A, R>, arg: A, frameName?: string): Promise<R> {
          // playwright's types unbox the argument; a JSON argument is its own unboxed form.
          const fn = script as PageScript<unknown, R>;
          if (frameName === undefined) return page.evaluate(fn, arg as unknown);
          const element = await page.waitForSelector(`iframe[name="${frameName}"]`, { timeout: WAIT_MS });
          const frame = await element.contentFrame();
          if (!frame) throw new Error(`the iframe ${frameName} did not load`);
          await frame.waitForLoadState('load', { timeout: WAIT_MS });
          return frame.evaluate(fn, arg as unknown);
        },
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function launchFirefox(): Promise<EngineDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    extraPrefsFirefox: {
      // Resolve the pages' `*.localhost` names to loopback, as Chromium's --host-resolver-rules do.
      'network.dns.localDomains': LOCAL_NAMES,
    },
  });
  const version = await browser.version();
  return {
    engine: 'firefox',
    version: version.replace(/^firefox\//i, ''),
    async open(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return {
        console: [],
        async run<A, R>(script: PageScript<A, R>, arg: A, frameName?: string): Promise<R> {
          // puppeteer's types flatten handles; a JSON argument is its own flattened form.
          const fn = script as PageScript<unknown, R>;
          if (frameName === undefined) return page.evaluate(fn, arg as unknown);
          const element = await page.waitForSelector(`iframe[name="${frameName}"]`, { timeout: WAIT_MS });
          const frame = await element?.contentFrame();
          if (!frame) throw new Error(`the iframe ${frameName} did not load`);
          return frame.evaluate(fn, arg as unknown);
        },
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An X display for MiniBrowser: `$DISPLAY` when set, else an Xvfb started here (and stopped on close). */
async function display(): Promise<{ name: string; stop(): Promise<void> }> {
  if (process.env.DISPLAY) return { name: process.env.DISPLAY, stop: async () => undefined };
  // -displayfd: Xvfb picks a free display number and writes it to fd 3 once it accepts clients.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const fd3 = xvfb.stdio[3] as NodeJS.ReadableStream;
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    fd3.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr}`)));
    xvfb.once('error', reject);
  });
  return { name: `:${number}`, stop: () => stopProcess(xvfb) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

async function launchWebKit(): Promise<EngineDriver> {
  const x = await display();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: x.name } });
  let driverLog = '';
  driver.stderr?.on('data', (chunk: Buffer) => (driverLog += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const json = (await response.json()) as { value: unknown };
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${response.status} ${JSON.stringify(json.value)}`);
    return json.value;
  };
  try {
    for (let i = 0; ; i++) {
      try {
        await call('GET', '/status');
        break;
      } catch (error) {
        if (i > 50 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${String(error)} ${driverLog}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const session = (await call('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] } } },
    })) as { sessionId: string; capabilities: { browserVersion?: string } };
    const s = `/session/${session.sessionId}`;
    await call('POST', `${s}/timeouts`, { script: 300_000, pageLoad: 30_000 });
    let open = false;
    return {
      engine: 'webkit',
      version: session.capabilities.browserVersion ?? 'unknown',
      async open(url) {
        // WebDriver drives one top-level browsing context: one page at a time, reused.
        if (open) throw new Error('the WebKit driver holds one page at a time');
        open = true;
        await call('POST', `${s}/url`, { url });
        return {
          console: [],
          async run<A, R>(script: PageScript<A, R>, arg: A, frameName?: string): Promise<R> {
            if (frameName !== undefined) {
              const element = (await call('POST', `${s}/element`, { using: 'css selector', value: `iframe[name="${frameName}"]` })) as Record<string, string>;
              await call('POST', `${s}/frame`, { id: { [ELEMENT_KEY]: element[ELEMENT_KEY] } });
            }
            try {
              const source = `const done = arguments[arguments.length - 1]; (${script.toString()})(arguments[0]).then((r) => done({ ok: r }), (e) => done({ error: String(e) }));`;
              const result = (await call('POST', `${s}/execute/async`, { script: source, args: [arg] })) as { ok?: R; error?: string };
              if (result.error !== undefined) throw new Error(result.error);
              return result.ok as R;
            } finally {
              if (frameName !== undefined) await call('POST', `${s}/frame`, { id: null });
            }
          },
          close: async () => {
            open = false;
            await call('POST', `${s}/url`, { url: 'about:blank' });
          },
        };
      },
      async close() {
        try {
          await call('DELETE', s);
        } finally {
          await stopProcess(driver);
          await x.stop();
        }
      },
    };
  } catch (error) {
    await stopProcess(driver);
    await x.stop();
    throw error;
  }
}

/** Launches one engine. */
export function launchEngine(engine: Engine): Promise<EngineDriver> {
  switch (engine) {
    case 'chromium': return launchChromium();
    case 'firefox': return launchFirefox();
    case 'webkit': return launchWebKit();
  }
}
