// The product's own source never builds HTML from strings, never evaluates code, and never
// uses Prisma's injectable raw-SQL methods. React escapes every text and attribute it
// renders; these are the ways around that escaping, so none may appear in app code (a use
// that is truly needed must be reviewed and listed in ALLOWED with its reason).
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
/** Code that runs in the app: pages, components, the server libraries, the proxy. */
const SCANNED = ["app", "components", "lib", "i18n", "proxy.ts", "instrumentation-client.ts"];
const SKIP_DIRS = new Set(["node_modules", "generated"]);

const RULES: { name: string; pattern: RegExp }[] = [
  { name: "dangerouslySetInnerHTML", pattern: /dangerouslySetInnerHTML/ },
  { name: "innerHTML/outerHTML assignment", pattern: /\.(inner|outer)HTML\s*[+]?=/ },
  { name: "insertAdjacentHTML", pattern: /insertAdjacentHTML\s*\(/ },
  { name: "document.write", pattern: /document\.write(ln)?\s*\(/ },
  { name: "createContextualFragment / DOMParser on strings", pattern: /createContextualFragment\s*\(|new DOMParser\s*\(/ },
  { name: "eval", pattern: /(^|[^\w.])eval\s*\(/ },
  { name: "new Function", pattern: /new Function\s*\(/ },
  { name: "string timers", pattern: /set(Timeout|Interval)\s*\(\s*["'`]/ },
  { name: "javascript: URL", pattern: /["'`]javascript:/i },
  { name: "Prisma raw unsafe SQL", pattern: /\$(query|execute)RawUnsafe/ },
];

/** Reviewed exceptions: "path:rule" → reason. Empty: nothing needs one today. */
const ALLOWED: Record<string, string> = {};

function sourceFiles(p: string, out: string[] = []): string[] {
  const full = path.join(ROOT, p);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return out;
  }
  if (stat.isDirectory()) {
    for (const name of readdirSync(full)) if (!SKIP_DIRS.has(name)) sourceFiles(path.join(p, name), out);
  } else if (/\.(ts|tsx|js|jsx|mjs)$/.test(p) && !/\.test\.tsx?$/.test(p)) out.push(p);
  return out;
}

/** Comments may mention the words; only code counts. */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

function findings(files: { path: string; code: string }[]): string[] {
  const found: string[] = [];
  for (const { path: file, code } of files) {
    const lines = stripComments(code).split("\n");
    for (const rule of RULES) {
      lines.forEach((line, i) => {
        if (rule.pattern.test(line) && !ALLOWED[`${file}:${rule.name}`]) found.push(`${file}:${i + 1} ${rule.name}: ${line.trim()}`);
      });
    }
  }
  return found;
}

describe("source scan", () => {
  const files = SCANNED.flatMap((p) => sourceFiles(p)).map((p) => ({ path: p, code: readFileSync(path.join(ROOT, p), "utf8") }));

  it("covers the app's code", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path.startsWith("components/") && f.path.endsWith(".tsx"))).toBe(true);
    expect(files.some((f) => f.path === "proxy.ts")).toBe(true);
  });

  it("finds no raw-HTML sink, no eval and no unsafe raw SQL in app code", () => {
    expect(findings(files)).toEqual([]);
  });

  it("would catch each of them (the scanner itself works)", () => {
    const bad = [
      "<p dangerouslySetInnerHTML={{ __html: person.description }} />",
      "el.innerHTML = name;",
      "el.outerHTML += x;",
      "el.insertAdjacentHTML('beforeend', note);",
      "document.write(x);",
      "range.createContextualFragment(s);",
      "const r = eval(code);",
      "const f = new Function('a', body);",
      "setTimeout('go()', 10);",
      "<a href='javascript:alert(1)'>",
      "await db().$queryRawUnsafe(`SELECT * FROM people WHERE name = '${q}'`);",
    ];
    const found = findings(bad.map((code, i) => ({ path: `sample${i}.tsx`, code })));
    expect(found).toHaveLength(bad.length);
  });

  it("ignores the words in comments and in ordinary identifiers", () => {
    const fine = [
      "// never use dangerouslySetInnerHTML here",
      "/* eval( is banned */",
      "const evaluation = evaluate(x);",
      "retrieval(x)",
      "const url = 'https://example.org//path';",
    ];
    expect(findings(fine.map((code, i) => ({ path: `fine${i}.ts`, code })))).toEqual([]);
  });
});
