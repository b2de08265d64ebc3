// The router state header (Next-Router-State-Tree) of a client navigation, checked before
// Next.js sees it. Next.js parses it while rendering and answers 500 when it does not parse;
// and it removes this header, like every React Server Components header, from the request
// its proxy (proxy.ts) is given, so the proxy cannot check it. So the app's server
// (scripts/serve.mjs) checks it with Next.js's own parser (an internal module: if an upgrade
// moves it, the server fails at start rather than letting such requests through), removes a
// header that does not parse and marks the request with MALFORMED_ROUTER_STATE, which the
// proxy answers 400 with the security headers (lib/security/malformed-request.ts).
//
// Plain JavaScript: the server process runs no TypeScript loader.
import { createRequire } from "node:module";
import { MALFORMED_ROUTER_STATE, ROUTER_STATE_HEADER } from "../../lib/security/router-state-marker.mjs";

const require = createRequire(import.meta.url);
const { parseAndValidateFlightRouterState } = require("next/dist/server/app-render/parse-and-validate-flight-router-state");

export { MALFORMED_ROUTER_STATE, ROUTER_STATE_HEADER };

/** True when the header value (string, or several values) is not one Next.js can parse. */
export function routerStateIsMalformed(value) {
  if (value === undefined) return false;
  try {
    parseAndValidateFlightRouterState(value);
    return false;
  } catch {
    return true;
  }
}

/**
 * Node's request headers (lower-case names), changed in place: a router state header that
 * does not parse is removed and the request marked. A client's own marker is kept: it only
 * gets its request refused.
 */
export function flagMalformedRouterState(headers) {
  if (!routerStateIsMalformed(headers[ROUTER_STATE_HEADER])) return false;
  delete headers[ROUTER_STATE_HEADER];
  headers[MALFORMED_ROUTER_STATE] = "1";
  return true;
}
