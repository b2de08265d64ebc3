import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  // next.config.js is CommonJS (the package has no "type" field).
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  { ignores: ["lib/generated/**", ".next/**", ".next-e2e*/**", ".next-bench/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];
export default config;
