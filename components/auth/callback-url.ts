// Where to go after sign-in. Only same-site relative paths are followed: "/people/x" yes;
// "//evil.example", "/\evil.example", "https://evil.example" and anything odd no (open
// redirect). Shared by the login page (server) and the form (client).

export const DEFAULT_AFTER_LOGIN = "/people";

export function safeCallbackUrl(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return DEFAULT_AFTER_LOGIN;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return DEFAULT_AFTER_LOGIN;
  // Control characters and backslashes are normalised differently by browsers: refuse them.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return DEFAULT_AFTER_LOGIN;
  try {
    const base = "http://callback.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base) return DEFAULT_AFTER_LOGIN;
    // Never bounce back to the login page itself.
    if (url.pathname === "/login") return DEFAULT_AFTER_LOGIN;
    return url.pathname + url.search + url.hash;
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
}
