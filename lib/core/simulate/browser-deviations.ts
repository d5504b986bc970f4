/**
 * Where real browsers depart from the WHATWG Fetch standard's CORS checks, measured, not assumed.
 *
 * The simulator follows the Fetch standard by default (`browser: 'fetch-standard'`). With
 * `browser: 'chromium' | 'firefox' | 'webkit'` it applies the deviations below that list that engine,
 * each observed in that engine by the real-browser conformance run (`npm run test:browser`,
 * test/browser/, docs/conformance.md), which fails when a deviation listed here stops being observed
 * in an engine, or a new one appears.
 */

/** Which browser's CORS checks the simulator applies. */
export type CorsBrowser = 'fetch-standard' | 'chromium' | 'firefox' | 'webkit';

/** The browsers the simulator knows; `fetch-standard` is the specification itself. */
export const CORS_BROWSERS: readonly CorsBrowser[] = ['fetch-standard', 'chromium', 'firefox', 'webkit'];

/** The default: the specification. */
export const DEFAULT_CORS_BROWSER: CorsBrowser = 'fetch-standard';

/** Stable ids of the known deviations. */
export type BrowserDeviationId = 'wildcard-covers-authorization';

/** One deviation from the Fetch standard. */
export interface BrowserDeviation {
  readonly id: BrowserDeviationId;
  /** The browsers that deviate. */
  readonly browsers: readonly CorsBrowser[];
  /** What the Fetch standard requires. */
  readonly standard: string;
  /** What the browser does instead. */
  readonly observed: string;
  /** Where the behaviour is documented or tracked. */
  readonly source: string;
}

/** Every known deviation, by id. */
export const BROWSER_DEVIATIONS: Readonly<Record<BrowserDeviationId, BrowserDeviation>> = {
  'wildcard-covers-authorization': {
    id: 'wildcard-covers-authorization',
    browsers: ['chromium', 'firefox', 'webkit'],
    standard:
      'A `*` in Access-Control-Allow-Headers (requests without credentials) does not cover `Authorization`: ' +
      'it must be listed by name (Fetch, CORS-preflight fetch step 7.7, "CORS non-wildcard request-header name").',
    observed:
      'Chromium, Firefox and WebKit let `*` cover `Authorization`: the preflight passes and the actual request is sent and readable. ' +
      'Measured on Debian chromium 156, firefox-esr 153.8 (headless) and WebKitGTK 2.50.6 (MiniBrowser) by test/browser, on every target ' +
      'that sends `*` literally (HTTP API, function URL, CloudFront); the REST preflight and S3 echo the requested names instead, so there it does not arise.',
    source: 'https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name; https://github.com/whatwg/fetch/issues/1919; docs/conformance.md',
  },
};

/** Whether the deviation applies to the browser. */
export function hasDeviation(browser: CorsBrowser | undefined, id: BrowserDeviationId): boolean {
  return BROWSER_DEVIATIONS[id].browsers.includes(browser ?? DEFAULT_CORS_BROWSER);
}

/**
 * Whether a `*` in `Access-Control-Allow-Headers` lets a request WITHOUT credentials send
 * `Authorization` (with credentials `*` is a literal header name in every browser). The preflight
 * check asks this instead of rejecting `Authorization` outright.
 */
export function wildcardCoversAuthorization(browser: CorsBrowser | undefined): boolean {
  return hasDeviation(browser, 'wildcard-covers-authorization');
}
