// The app's HTTP server: `npm start` (scripts/start.ts) runs it where `next start` would,
// with the same options (-p port, -H host), and it serves the same production build through
// Next.js's own request handler (a Next.js "custom server").
//
// It exists for the client's address. Next.js writes the connection's address
// into X-Forwarded-For only when the request has no such header, so with no reverse proxy
// (TRUST_PROXY 0) a client could name any address it likes and get fresh sign-in counters
// with each (lib/domain/sign-in-throttle.ts). Here, before Next.js sees the request, the
// header is replaced by the connection's address unless TRUST_PROXY says that reverse
// proxies in front append to it; then it is passed on untouched and clientAddress() picks
// the entry the outermost trusted proxy wrote.
//
// It also checks, for the same reason (Next.js's proxy never sees it), the router state header
// of client navigations, which Next.js answers 500 when it does not parse
// (scripts/lib/router-state.mjs).
//
// Plain JavaScript, so no TypeScript loader runs inside the server process.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { flagMalformedRouterState } from "./lib/router-state.mjs";

const { values: args } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const port = Number(args.port ?? process.env.PORT ?? 3000);
const hostname = args.hostname ?? process.env.HOST ?? "0.0.0.0";

/** TRUST_PROXY as lib/env.ts reads it: unset, "", "0" and "false" mean no trusted proxy. */
const trustsProxies = !["", "0", "false"].includes((process.env.TRUST_PROXY ?? "").trim().toLowerCase());

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (!trustsProxies) {
    // Whatever the client sent is its own claim: the connection's address is the client.
    const address = req.socket.remoteAddress;
    if (address) req.headers["x-forwarded-for"] = address;
    else delete req.headers["x-forwarded-for"];
  }
  flagMalformedRouterState(req.headers);
  handle(req, res).catch((error) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end("Internal Server Error");
  });
});

server.listen(port, hostname, () => {
  const proxies = trustsProxies ? `, trusting ${process.env.TRUST_PROXY} reverse proxy hop(s) in X-Forwarded-For` : ", client address from the connection";
  console.log(`  Serving on http://${hostname}:${port}${proxies}`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // Open keep-alive connections would hold close() up: end idle ones, give requests 5 s.
  const timer = setTimeout(() => process.exit(0), 5000);
  timer.unref();
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
