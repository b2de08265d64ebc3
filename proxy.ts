// Three jobs, none of them authorization:
//  1. every response gets the security headers (lib/security/headers.ts), with a fresh CSP
//     nonce per request that Next.js reads from the request's CSP header and puts on its
//     own scripts;
//  2. convenience: visitors without a session cookie are sent to the sign-in page;
//  3. requests Next.js cannot decode (a path that is not UTF-8, a malformed server-action
//     body or router state header) are answered here, as the client's error, instead of reaching Next.js's decoder,
//     which answers them 500 (lib/security/malformed-request.ts says why and which).
// Authorization happens in the data layer on every read and write, never here (a
// proxy/middleware can be bypassed, cf. CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { isPossibleServerAction, malformedRouterState, serverActionProblem, undecodablePath, type RequestProblem } from "@/lib/security/malformed-request";
import { cameOverHttps, generateNonce, securityHeaders } from "@/lib/security/headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Paths a visitor without a session may load: API routes answer 401 JSON themselves, the
 * sign-in page, invitation and password-reset links (/invite/<token>: the token is the
 * credential), /stats (the public aggregate page, a 404 unless an ADMIN switched it on),
 * and Next's own files.
 */
const OPEN_PATHS = /^\/(?:api\/|login(?:\/|$)|invite\/|stats(?:\/|$)|_next\/|favicon\.ico$|robots\.txt$)/;

// Synchronous except for a server-action POST, whose body must be read to be checked.
export function proxy(request: NextRequest): NextResponse | Promise<NextResponse> {
  if (malformedRouterState(request)) return refuse(request, { status: 400, reason: "Malformed request: the Next-Router-State-Tree header does not parse." });
  if (isPossibleServerAction(request) && !request.nextUrl.pathname.startsWith("/api/")) {
    return serverActionProblem(request).then((problem) => (problem ? refuse(request, problem) : answer(request)));
  }
  return answer(request);
}

/** The answer to a request Next.js could not decode: the security headers, no stack. */
function refuse(request: NextRequest, problem: RequestProblem): NextResponse {
  const response = new NextResponse(problem.reason, { status: problem.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  for (const [name, value] of Object.entries(headersFor(request, generateNonce()))) response.headers.set(name, value);
  return response;
}

function headersFor(request: NextRequest, nonce: string) {
  return securityHeaders({
    nonce,
    https: cameOverHttps(request.url, request.headers.get("x-forwarded-proto")),
    development: env().NODE_ENV === "development",
  });
}

function answer(request: NextRequest): NextResponse {
  const nonce = generateNonce();
  const headers = headersFor(request, nonce);

  let response: NextResponse;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (undecodablePath(request.nextUrl.pathname)) {
    // No route can match an address that does not decode: the not-found page for a page
    // (with this request's nonce, like any page), a JSON 400 for an API client.
    if (request.nextUrl.pathname.startsWith("/api/")) {
      response = NextResponse.json({ error: "The address is not valid: part of it is not UTF-8 percent-encoding" }, { status: 400 });
    } else {
      const requestHeaders = new Headers(request.headers);
      requestHeaders.set("x-nonce", nonce);
      requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
      response = NextResponse.rewrite(new URL("/_not-found", request.url), { request: { headers: requestHeaders } });
    }
  } else if (hasSession || OPEN_PATHS.test(request.nextUrl.pathname)) {
    // Next.js takes the nonce from the request's CSP header; x-nonce is for our own code.
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = "";
    const from = request.nextUrl.pathname + request.nextUrl.search;
    if (from !== "/") url.searchParams.set("callbackUrl", from);
    response = NextResponse.redirect(url);
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything except the build's static files (immutable JS/CSS/fonts, no case data; they
  // get next.config.js's static headers), the image optimizer, and the two upload routes.
  // Next.js reads the whole body of every request its proxy runs on into memory before the
  // route sees it (next/dist/server/body-streams.js), and cuts it at
  // experimental.proxyClientMaxBodySize (10 MB): a 13 MB CSV arrived truncated. Raising that
  // cap to 256 MB would let any anonymous client make the server buffer 256 MB per request.
  // The upload routes stream the body themselves, check the role before reading it, refuse
  // past their own limits (lib/upload/body.ts) and set these same headers on their answers
  // (lib/upload/headers.ts).
  matcher: ["/((?!_next/static/|_next/image|api/import$|api/exchange/import$).*)"],
};
