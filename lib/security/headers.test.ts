import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { HSTS, STATIC_SECURITY_HEADERS, cameOverHttps, contentSecurityPolicy, generateNonce, securityHeaders } from "./headers";

/** The policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe("generateNonce", () => {
  it("is 128 bits of base64 and differs on every call", () => {
    const nonces = new Set(Array.from({ length: 200 }, generateNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) {
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(n, "base64")).toHaveLength(16);
    }
  });
});

describe("contentSecurityPolicy", () => {
  const nonce = generateNonce();
  const csp = directives(contentSecurityPolicy(nonce));

  it("allows only nonced scripts (and what they load), never inline or eval in production", () => {
    expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(contentSecurityPolicy(nonce)).not.toContain("unsafe-eval");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(directives(contentSecurityPolicy(nonce, { development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("locks down plugins, <base>, framing, form targets and other origins", () => {
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("font-src")).toEqual(["'self'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  });

  it("allows inline style attributes without a nonce (a nonce would switch 'unsafe-inline' off)", () => {
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("refuses a nonce that could inject another directive", () => {
    expect(() => contentSecurityPolicy("abc'; script-src *")).toThrow(/base64/);
    expect(() => contentSecurityPolicy("")).toThrow(/base64/);
  });
});

describe("cameOverHttps", () => {
  it.each([
    ["https://tracker.example.org/people", null, true],
    ["http://127.0.0.1:3000/people", null, false],
    ["http://127.0.0.1:3000/people", "https", true],
    ["http://127.0.0.1:3000/people", "HTTPS, http", true],
    ["http://127.0.0.1:3000/people", "http", false],
    ["http://127.0.0.1:3000/people", "http, https", false],
    ["http://127.0.0.1:3000/people", "", false],
  ] as const)("%s with x-forwarded-proto %s → %s", (url, proto, expected) => {
    expect(cameOverHttps(url, proto)).toBe(expected);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS over HTTPS only", () => {
    expect(securityHeaders({ nonce: "abc", https: true })["Strict-Transport-Security"]).toBe(HSTS);
    expect(securityHeaders({ nonce: "abc", https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("carries the static headers, no-store and the nonce's CSP", () => {
    const h = securityHeaders({ nonce: "abc", https: false });
    expect(h).toMatchObject(STATIC_SECURITY_HEADERS);
    expect(h["Cache-Control"]).toBe("no-store");
    expect(h["Content-Security-Policy"]).toContain("'nonce-abc'");
  });
});

describe("next.config.js", () => {
  // next.config.js is CommonJS and cannot import this TypeScript module: it repeats the
  // static headers as the fallback for /_next/static. They must not drift apart.
  const require = createRequire(import.meta.url);
  const config = require("../../next.config.js") as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };

  it("sends the same static headers on every path, and no-store everywhere but /_next/static", async () => {
    const rules = await config.headers();
    const all = rules.find((r) => r.source === "/:path*");
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
    const noStore = rules.find((r) => r.headers.some((h) => h.key === "Cache-Control"));
    expect(noStore?.headers).toEqual([{ key: "Cache-Control", value: "no-store" }]);
    const pattern = new RegExp(`^${noStore!.source}$`);
    expect(pattern.test("/people")).toBe(true);
    expect(pattern.test("/api/cases")).toBe(true);
    expect(pattern.test("/_next/static/chunks/app.js")).toBe(false);
  });

  it("sets no CSP of its own (a second policy would block the nonced scripts)", async () => {
    const rules = await config.headers();
    expect(rules.flatMap((r) => r.headers.map((h) => h.key.toLowerCase()))).not.toContain("content-security-policy");
  });
});
