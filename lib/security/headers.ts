// The security headers every response carries, built in one place. proxy.ts applies them
// to every request it sees (pages, API routes, server actions, 404s, error pages,
// redirects); next.config.js repeats the static ones as a fallback for responses the proxy
// does not see (the built JavaScript and CSS under /_next/static). A unit test keeps the
// two lists equal.
//
// Pure functions, no I/O: safe to import from the proxy, pages and tests.

/** Headers whose value never changes between requests. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  // Nothing in the tracker uses these browser features; deny them to every frame.
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()",
};

/** Case data must never be stored by a browser or a shared cache. */
export const NO_STORE = "no-store";

/** Two years, the preload list's minimum; sent only over HTTPS (browsers ignore it otherwise). */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A fresh, unguessable nonce: 128 random bits, base64. */
export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The Content-Security-Policy for one response.
 *
 * - Scripts: only those carrying this request's nonce (Next.js puts it on its own scripts
 *   when it finds `'nonce-…'` in the request's CSP header), and what they load
 *   ('strict-dynamic'). No 'unsafe-inline' for scripts; 'unsafe-eval' only in development,
 *   where React rebuilds server error stacks with eval.
 * - Styles: 'unsafe-inline' is needed because server-rendered markup carries style
 *   attributes (recharts' chart wrappers and SVG, React's style props), which no nonce can
 *   cover. A nonce in style-src would make browsers ignore 'unsafe-inline', so none is sent.
 * - Everything else from this origin only; no plugins, no <base>, no framing, forms post
 *   only here.
 */
export function contentSecurityPolicy(nonce: string, { development = false }: { development?: boolean } = {}): string {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(nonce)) throw new Error("A CSP nonce must be base64");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Whether the request reached us over HTTPS (directly, or through a TLS-terminating proxy). */
export function cameOverHttps(url: string, forwardedProto: string | null): boolean {
  if (url.startsWith("https:")) return true;
  const first = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return first === "https";
}

/**
 * Every security header for a response, CSP included. `https` decides HSTS. Build output
 * under /_next/static is not passed through here (it is immutable, cacheable, not a
 * document and carries no case data).
 */
export function securityHeaders({ nonce, https, development = false }: { nonce: string; https: boolean; development?: boolean }): Record<string, string> {
  return {
    ...STATIC_SECURITY_HEADERS,
    "Content-Security-Policy": contentSecurityPolicy(nonce, { development }),
    "Cache-Control": NO_STORE,
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
