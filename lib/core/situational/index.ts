/** The situational rules: each a pure function of the policy and the facts a front end gathered. */
export { duplicateCorsHeaders } from './duplicate-cors-headers';
export { preflightNeedsOptionsRoute } from './preflight-needs-options-route';
export { preflightNotForwarded } from './preflight-not-forwarded';
export { proxyResponsesUncovered } from './proxy-responses-uncovered';
