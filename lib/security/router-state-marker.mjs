// The mark the app's server (scripts/serve.mjs, scripts/lib/router-state.mjs) puts on a
// request whose Next-Router-State-Tree header did not parse, for proxy.ts to answer 400.
// Plain JavaScript with no imports: the server process and the proxy's bundle both load it.
export const ROUTER_STATE_HEADER = "next-router-state-tree";
/** Set by the server on a request whose router state header did not parse; never by Next.js. */
export const MALFORMED_ROUTER_STATE = "x-tracker-malformed-router-state";
