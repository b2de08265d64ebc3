// proxy.ts: the security headers on every answer it gives, the same nonce handed to Next.js
// in the request's CSP header, and the sign-in redirect kept as it was.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { STATIC_SECURITY_HEADERS } from "./headers";

function call(path: string, { cookie, headers = {} }: { cookie?: boolean; headers?: Record<string, string> } = {}) {
  const h = new Headers(headers);
  if (cookie) h.set("cookie", "next-auth.session-token=abc");
  const res = proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: h }));
  // Only a server-action POST is answered asynchronously (its body is read first).
  if (res instanceof Promise) throw new Error(`${path}: a GET should be answered at once`);
  return res;
}

const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1];

function expectHeaders(res: Response) {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(nonceOf(res.headers.get("content-security-policy"))).toMatch(/^[A-Za-z0-9+/]{22}==$/);
}

describe("proxy", () => {
  it("sends a visitor without a session to sign-in, keeping where they were going", () => {
    const res = call("/cases?status=DETAINED");
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname + location.search).toBe("/login?callbackUrl=%2Fcases%3Fstatus%3DDETAINED");
    expectHeaders(res);
    expect(new URL(call("/").headers.get("location")!).search).toBe("");
  });

  it.each(["/login", "/login?callbackUrl=%2Fpeople", "/api/cases", "/api/health", "/stats", "/invite/abc", "/favicon.ico"])(
    "lets %s through without a session, with the headers",
    (path) => {
      const res = call(path);
      expect(res.headers.get("x-middleware-next")).toBe("1");
      expect(res.headers.get("location")).toBeNull();
      expectHeaders(res);
    },
  );

  it("lets a visitor with a session cookie through (the pages check the session themselves)", () => {
    const res = call("/people", { cookie: true });
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expectHeaders(res);
  });

  it("hands Next.js this response's nonce in the request's CSP header, overriding any sent by the client", () => {
    const res = call("/people", { cookie: true, headers: { "x-nonce": "forged", "content-security-policy": "script-src 'nonce-forged'" } });
    const nonce = nonceOf(res.headers.get("content-security-policy"));
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(nonceOf(res.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
    expect(res.headers.get("x-middleware-override-headers")).toContain("content-security-policy");
  });

  it("uses a new nonce for every request", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => nonceOf(call("/people", { cookie: true }).headers.get("content-security-policy"))));
    expect(nonces.size).toBe(50);
  });

  it("sends HSTS only when the request came over HTTPS", () => {
    expect(call("/login").headers.get("strict-transport-security")).toBeNull();
    expect(call("/login", { headers: { "x-forwarded-proto": "https" } }).headers.get("strict-transport-security")).toMatch(/^max-age=63072000/);
    expect(call("/people", { headers: { "x-forwarded-proto": "https" } }).headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });
});
