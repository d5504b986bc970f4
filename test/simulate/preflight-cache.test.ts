import { preflightCacheSeconds, type CorsBrowser, type PreflightCacheAnswer, type PreflightCacheRequest } from 'cors-constructs';

// Rows from the real-browser run (test/browser/cache.ts) and the engines' caps (preflight-cache.ts).
const ROWS: readonly [CorsBrowser, PreflightCacheAnswer, PreflightCacheRequest, number][] = [
  ['fetch-standard', {}, {}, 5],
  ['fetch-standard', { maxAge: 1_000_000 }, {}, 1_000_000],
  ['fetch-standard', { maxAge: 600 }, { noStore: true }, 600],
  ['chromium', {}, {}, 5],
  ['chromium', { maxAge: 0 }, {}, 0],
  ['chromium', { maxAge: 86400 }, {}, 7200],
  ['chromium', { maxAge: 600 }, { noStore: true }, 0],
  ['firefox', {}, {}, 0],
  ['firefox', { maxAge: 600 }, {}, 600],
  ['firefox', { maxAge: 1_000_000 }, {}, 600],
  ['firefox', { maxAge: 600 }, { noStore: true }, 0],
  ['webkit', {}, {}, 5],
  ['webkit', { maxAge: 7200 }, {}, 600],
  ['webkit', { maxAge: 300 }, { noStore: true }, 300],
];

describe('preflightCacheSeconds', () => {
  test.each(ROWS)('%s %j %j → %d s', (browser, answer, request, seconds) => {
    expect(preflightCacheSeconds(answer, browser, request)).toBe(seconds);
  });
});
