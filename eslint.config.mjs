import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import boundaries between the layers (ARCHITECTURE.md, "Boundaries"). Each area lists what it
// may not import; a file gets the list of the one area it belongs to (flat config does not merge
// a rule's options across blocks, so the areas do not overlap). tests/unit/lint-boundaries.test.ts
// checks that a deliberate violation of each fails.
const rule = {
  db: { group: ["@/lib/db"], message: "Only the data layer (lib/data) talks to the database: call an actor-taking function of lib/data instead." },
  generatedValues: {
    group: ["@/lib/generated/*", "@/lib/generated/**"],
    allowTypeImports: true,
    message: "Prisma's generated values stay in the data layer: take enum lists from lib/domain/vocab (types may be imported).",
  },
  dataValues: {
    group: ["@/lib/data/*"],
    allowTypeImports: true,
    message: "components/ receive data as props: fetch in the page (app/), or in a server component under app/**/_components/. Types may be imported.",
  },
  app: {
    group: ["@/app/*", "@/app/**"],
    message: "Nothing imports from app/: move what is shared to components/ or lib/ (server actions live in lib/actions).",
  },
  components: { group: ["@/components/*"], message: "lib/ does not import UI code: move the shared helper to lib/." },
  impure: {
    regex: "^@/lib/(?!(domain|events|validation)(/|$)|generated/prisma/enums$)",
    message: "lib/domain and lib/events are pure: they import only lib/domain, lib/events, lib/validation and Prisma's enums.",
  },
  framework: {
    group: ["next", "next/*", "next-auth", "next-auth/*", "react", "react-dom", "server-only"],
    message: "lib/domain and lib/events are pure: no framework.",
  },
};

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

const PURE = ["lib/domain/**", "lib/events/**"];

const config = [
  ...next,
  ...nextTs,
  // next.config.js is CommonJS (the package has no "type" field).
  { files: ["next.config.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  restrict(["app/**"], [rule.db, rule.generatedValues]),
  restrict(["components/**"], [rule.db, rule.generatedValues, rule.dataValues, rule.app]),
  restrict(PURE, [rule.impure, rule.framework, rule.components, rule.app], ["**/*.test.ts"]),
  restrict(["lib/data/**", "lib/db.ts"], [rule.components, rule.app]),
  restrict(["lib/**"], [rule.db, rule.components, rule.app], [...PURE, "lib/data/**", "lib/db.ts", "lib/generated/**"]),
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".next-e2e*/**",
      ".next-bench/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
