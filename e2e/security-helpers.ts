// Helpers for the security specs (security-headers.spec.ts, xss.spec.ts): every page of the
// app found on disk, a CSP-violation and dialog recorder, and the header checks.
import { expect, type APIResponse, type Page, type Response } from "@playwright/test";
import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Every page route of the app, read from app/ (route groups and private folders dropped),
 * e.g. "/people/[personId]/edit". A page added later is browsed without editing this file.
 */
export function pageRoutes(dir = path.join(process.cwd(), "app"), segments: string[] = []): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /^page\.(tsx|ts|jsx|js)$/.test(entry.name)) routes.push("/" + segments.join("/"));
    if (!entry.isDirectory()) continue;
    const name = entry.name;
    if (name.startsWith("_") || name.startsWith("@") || name === "api") continue;
    const next = name.startsWith("(") && name.endsWith(")") ? segments : [...segments, name];
    routes.push(...pageRoutes(path.join(dir, name), next));
  }
  return routes.sort();
}

/**
 * A concrete URL for a route: each [param] takes its value from `params`. A page with a
 * parameter nobody provided fails the test loudly, so no page is skipped in silence.
 */
export function concreteUrl(route: string, params: Record<string, string>): string {
  return route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for [${name}] in ${route}: add one to the params of the security specs`);
    return encodeURIComponent(value);
  });
}

export interface Recorder {
  /** CSP violations and console messages about them since the last call, and dialogs. */
  take(): Promise<{ violations: string[]; dialogs: string[] }>;
}

/**
 * Records, for `page`: every `securitypolicyviolation` event (collected in the page by an
 * init script, so it sees violations during parsing), every console message mentioning the
 * Content Security Policy, and every dialog (alert/confirm/prompt), which it dismisses.
 */
export async function recordViolations(page: Page): Promise<Recorder> {
  const console: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (msg) => {
    if (/content[- ]security[- ]policy/i.test(msg.text())) console.push(`console: ${msg.text()}`);
  });
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
    });
  });
  return {
    async take() {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as { __cspViolations?: string[] };
        const found = w.__cspViolations ?? [];
        w.__cspViolations = [];
        return found;
      });
      const result = { violations: [...inPage, ...console.splice(0)], dialogs: dialogs.splice(0) };
      return result;
    },
  };
}

/** Waits until the page is loaded and idle, so late scripts and styles have run. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  // Best effort: a request the page keeps open must not stall the crawl (the default has no limit).
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
}

type AnyResponse = APIResponse | Response;

async function headersOf(res: AnyResponse): Promise<Record<string, string>> {
  return "allHeaders" in res ? res.allHeaders() : res.headers();
}

/** The nonce of a response's CSP (its script-src 'nonce-…'). */
export function cspNonce(csp: string | undefined): string | undefined {
  return csp?.match(/script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
}

/**
 * The headers every non-static response must carry: the CSP with a nonce and the strict
 * directives, nosniff, no-referrer, Permissions-Policy, frame and opener isolation,
 * no-store, and HSTS only when the request came over HTTPS.
 */
export async function expectSecurityHeaders(res: AnyResponse, { https = false }: { https?: boolean } = {}): Promise<void> {
  const h = await headersOf(res);
  const where = `${res.url()} (${res.status()})`;
  const csp = h["content-security-policy"];
  expect(csp, `CSP on ${where}`).toBeDefined();
  expect(cspNonce(csp), `nonce in the CSP of ${where}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "'strict-dynamic'"]) {
    expect(csp, `${directive} in the CSP of ${where}`).toContain(directive);
  }
  expect(csp!.match(/script-src ([^;]*)/)?.[1], `script-src of ${where}`).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(h["x-content-type-options"], `nosniff on ${where}`).toBe("nosniff");
  expect(h["referrer-policy"], `Referrer-Policy on ${where}`).toBe("no-referrer");
  expect(h["permissions-policy"], `Permissions-Policy on ${where}`).toContain("camera=()");
  expect(h["x-frame-options"], `X-Frame-Options on ${where}`).toBe("DENY");
  expect(h["cross-origin-opener-policy"], `COOP on ${where}`).toBe("same-origin");
  expect(h["cache-control"], `Cache-Control on ${where}`).toContain("no-store");
  if (https) expect(h["strict-transport-security"], `HSTS on ${where}`).toMatch(/^max-age=\d{8,}/);
  else expect(h["strict-transport-security"], `no HSTS over plain HTTP on ${where}`).toBeUndefined();
}
