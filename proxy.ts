// Convenience only: sends visitors without a session cookie to the sign-in page.
// Authorization happens in the data layer on every read and write, never here
// (a proxy/middleware can be bypassed, cf. CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/login";
  url.search = "";
  const from = request.nextUrl.pathname + request.nextUrl.search;
  if (from !== "/") url.searchParams.set("callbackUrl", from);
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 JSON themselves; static assets need no session.
  // /stats is the public aggregate page (404 unless an ADMIN has switched it on).
  matcher: ["/((?!api/|login|stats(?:/|$)|_next/|favicon.ico|robots.txt).*)"],
};
