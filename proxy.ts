// Two jobs, neither of them authorization:
//  1. every response gets the security headers (lib/security/headers.ts), with a fresh CSP
//     nonce per request that Next.js reads from the request's CSP header and puts on its
//     own scripts;
//  2. convenience: visitors without a session cookie are sent to the sign-in page.
// Authorization happens in the data layer on every read and write, never here (a
// proxy/middleware can be bypassed, cf. CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { cameOverHttps, generateNonce, securityHeaders } from "@/lib/security/headers";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * Paths a visitor without a session may load: API routes answer 401 JSON themselves, the
 * sign-in page, invitation and password-reset links (/invite/<token>: the token is the
 * credential), /stats (the public aggregate page, a 404 unless an ADMIN switched it on),
 * and Next's own files.
 */
const OPEN_PATHS = /^\/(?:api\/|login(?:\/|$)|invite\/|stats(?:\/|$)|_next\/|favicon\.ico$|robots\.txt$)/;

export function proxy(request: NextRequest) {
  const nonce = generateNonce();
  const headers = securityHeaders({
    nonce,
    https: cameOverHttps(request.url, request.headers.get("x-forwarded-proto")),
    development: env().NODE_ENV === "development",
  });

  let response: NextResponse;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession || OPEN_PATHS.test(request.nextUrl.pathname)) {
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
  // get next.config.js's static headers) and the image optimizer.
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
