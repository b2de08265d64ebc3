// npm run fuzz -- <base-url> [--requests 10000] [--concurrency 6] [--seed 1] [--server-log FILE] [--dist-dir DIR]
//
// Sends malformed requests to a running tracker (the production build with the demo data,
// e.g. `npm start`) and prints how many answers of each status came back and how many were
// 500s. A 500 means malformed input reached code that did not expect it: the goal is none.
//
// It signs in as the demo VIEWER, EDITOR and ADMIN (DEMO_PASSWORD, default
// tracker-demo-2026) and, with each session or none, sends:
//   - every route handler (app/api/**/route.ts) with malformed query strings, path
//     parameters and bodies: NUL and other control characters, lone surrogates (raw
//     %ED%A0%80 bytes and JSON "\ud800" escapes), invalid percent-encoding, direction
//     controls, zero-width text, very long values, wrong types, deep nesting;
//   - every page (app/**/page.tsx) with malformed path segments and query parameters;
//   - every server action, as a browser posts it (Next-Action header, same Origin) with
//     malformed arguments, and with bodies React's client never sends: JSON instead of
//     FormData, invalid or empty JSON, more than 1 MB, deep nesting, broken multipart.
// Inputs that could lock the demo accounts out are never valid ones (see `spare`).
//
// With --server-log (the file the server's output goes to), it also counts the error lines
// the server logged during the run and prints the first of them. The action ids come from
// the build's server-reference-manifest.json (--dist-dir, default $NEXT_DIST_DIR or .next);
// without it, from the ids the pages' scripts carry.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "6" },
    seed: { type: "string", default: "1" },
    "server-log": { type: "string" },
    "dist-dir": { type: "string" },
    password: { type: "string" },
  },
});

const base = (positionals[0] ?? "").replace(/\/$/, "");
if (!/^https?:\/\//.test(base)) {
  console.error("Usage: npm run fuzz -- <base-url, e.g. http://127.0.0.1:3000> [--requests 10000] [--server-log server.log]");
  process.exit(2);
}
const TOTAL = Number(opts.requests);
const CONCURRENCY = Number(opts.concurrency);
const PASSWORD = opts.password ?? process.env.DEMO_PASSWORD ?? "tracker-demo-2026";
const ROOT = process.cwd();
const ORIGIN = new URL(base).origin;

// ---- randomness (seeded, so a run can be repeated) --------------------------------------

let state = Number(opts.seed) >>> 0 || 1;
function random(): number {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const chance = (p: number) => random() < p;

// ---- malformed values --------------------------------------------------------------------

/** Text that is valid JSON/JS but hostile: control characters, lone surrogates, bidi, invisible, long. */
const NASTY_TEXT = [
  "\u0000",
  "a\u0000b",
  "Tabriz\u0000",
  "\u0001\u0002\u0003",
  "\u001B[31mred",
  "\u007F",
  "line\nbreak",
  "tab\there",
  "\r\n",
  "\uD800",
  "x\uDBFF",
  "\uDC00y",
  "\u202EFatima",
  "Ali\u202C",
  "\u2066name\u2069",
  "\u200B",
  "\u200C\u200D",
  "\uFEFF",
  "\u2060\u2063",
  "می\u200Cخواهم",
  "فاطمه",
  "' OR 1=1--",
  "<img src=x onerror=alert(1)>",
  "${7*7}",
  "$$",
  "$K1",
  "$T",
  "$@1",
  "$1",
  "%00",
  "../../etc/passwd",
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "2020-13-45",
  "9999-99",
  "__proto__",
  "constructor",
];

function longText(): string {
  const size = pick([1_000, 10_001, 100_000, 1_100_000]);
  return pick(["a", "\u0000", "é", "\u200B", "ب"]).repeat(size);
}

function randomCodePoints(): string {
  let s = "";
  const n = 1 + int(12);
  for (let i = 0; i < n; i++) {
    const range = pick([
      [0, 0x20],
      [0x20, 0x7f],
      [0x80, 0x800],
      [0x200b, 0x2070],
      [0xd800, 0xe000],
      [0xfff0, 0x10000],
      [0x10000, 0x10ffff],
    ]);
    const cp = range[0]! + int(range[1]! - range[0]!);
    s += cp >= 0xd800 && cp < 0xe000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return s;
}

function nastyString(): string {
  const r = random();
  if (r < 0.55) return pick(NASTY_TEXT);
  if (r < 0.85) return randomCodePoints();
  if (r < 0.9) return longText();
  return pick(NASTY_TEXT) + randomCodePoints();
}

function deep(levels: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < levels; i++) v = chance(0.5) ? [v] : { a: v };
  return v;
}

/** A JSON value of the wrong type, or hostile content of the right one. */
function nastyValue(depth = 0): unknown {
  const r = random();
  if (r < 0.4) return nastyString();
  if (r < 0.5) return pick([0, -1, 1.5, 1e308, -0, 2147483648, Number.MAX_SAFE_INTEGER]);
  if (r < 0.55) return pick([true, false, null]);
  if (r < 0.65 && depth < 3) return Array.from({ length: int(4) }, () => nastyValue(depth + 1));
  if (r < 0.75 && depth < 3) return nastyObject(depth + 1);
  if (r < 0.78) return Array.from({ length: pick([1000, 100_000]) }, () => "x");
  if (r < 0.8) return deep(pick([100, 1000])); // deeper ones are sent as raw text ("deep" bodies)
  return pick(NASTY_TEXT);
}

function nastyObject(depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const n = int(4);
  for (let i = 0; i < n; i++) o[chance(0.2) ? pick(["__proto__", "constructor", "role", "id", "version"]) : nastyString().slice(0, 20)] = nastyValue(depth + 1);
  return o;
}

/** A URL component: percent-encoded hostile text, or raw bytes that are not UTF-8. */
function nastyUrlPart(): string {
  const raw = pick(["%ff", "%ED%A0%80", "%C0%AF", "%", "%E0%A4%A", "%00", "%0A", "%u0000", "%25", "%F4%90%80%80", "%EF%BF%BF"]);
  if (chance(0.35)) return raw;
  const s = nastyString();
  // Lone surrogates cannot be percent-encoded as UTF-8: send the raw bytes a client could.
  if (!s.isWellFormed()) return raw;
  return encodeURIComponent(s.length > 6000 ? s.slice(0, 6000) : s);
}

// ---- what the app serves -------------------------------------------------------------------

interface Route {
  /** e.g. /api/people/[id]/report.pdf */
  pattern: string;
  methods: string[];
}

function walk(dir: string, match: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full, match);
    return match(name) ? [full] : [];
  });
}

/** The URL pattern of an app/ file: route groups dropped, [param] kept. */
function urlPattern(file: string): string {
  const rel = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${rel.join("/")}`;
}

const routeHandlers: Route[] = walk(path.join(ROOT, "app", "api"), (n) => n === "route.ts").map((file) => ({
  pattern: urlPattern(file),
  methods: [...readFileSync(file, "utf8").matchAll(/^export\s+(?:async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]!),
}));
const pages: string[] = walk(path.join(ROOT, "app"), (n) => n === "page.tsx").map(urlPattern);

/** Query parameters each place reads (the case filters and the rest), plus unknown ones. */
const PARAMS = [
  "q",
  "status",
  "city",
  "province",
  "incident",
  "gender",
  "vulnerability",
  "arrestFrom",
  "arrestTo",
  "court",
  "article",
  "hasSentence",
  "lashes",
  "confidence",
  "sentence",
  "sentenceCourt",
  "sentenceBranch",
  "sentenceMonth",
  "lashesMin",
  "prisonDaysFrom",
  "prisonDaysUnder",
  "prisonChange",
  "charge",
  "arrestMonth",
  "sort",
  "page",
  "pageSize",
  "cols",
  "profile",
  "dryRun",
  "user",
  "action",
  "type",
  "id",
  "record",
  "from",
  "to",
  "entry",
  "personHistory",
  "caseHistory",
  "incidentHistory",
  "personId",
  "result",
  "callbackUrl",
  "error",
  "_rsc",
  "unknownParam",
];

// ---- sessions -----------------------------------------------------------------------------

type Role = "VIEWER" | "EDITOR" | "ADMIN";
const sessions: Partial<Record<Role, string>> = {};

function cookiesOf(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn(role: Role): Promise<void> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: `${role.toLowerCase()}@demo.local`, password: PASSWORD, json: "true" }),
  });
  cookiesOf(res, jar);
  if (![...jar.keys()].some((k) => k.endsWith("session-token")))
    throw new Error(`Could not sign in as ${role.toLowerCase()}@demo.local (status ${res.status}); is DEMO_PASSWORD right?`);
  sessions[role] = cookieHeader(jar);
}

async function stillSignedIn(role: Role): Promise<boolean> {
  const res = await fetch(`${base}/api/cases?pageSize=1`, { headers: { cookie: sessions[role] ?? "" } });
  await res.arrayBuffer();
  return res.status === 200;
}

// ---- real record ids (so that some requests get past "not found") --------------------------

const ids = { person: [] as string[], case: [] as string[], incident: [] as string[], source: [] as string[] };

async function learnIds(): Promise<void> {
  const res = await fetch(`${base}/api/cases?pageSize=100`, { headers: { cookie: sessions.EDITOR! } });
  const body = (await res.json()) as { rows: { id: string; person: { id: string }; incident: { id: string } | null }[] };
  for (const r of body.rows) {
    ids.case.push(r.id);
    ids.person.push(r.person.id);
    if (r.incident) ids.incident.push(r.incident.id);
  }
  const sourcesHtml = await (await fetch(`${base}/sources`, { headers: { cookie: sessions.EDITOR! } })).text();
  for (const m of sourcesHtml.matchAll(/href="\/sources\/([A-Za-z0-9_-]{10,})\/edit"/g)) ids.source.push(m[1]!);
}

const idFor = (param: string): string => {
  const list =
    /person/i.test(param) || param === "id"
      ? ids.person
      : /case/i.test(param)
        ? ids.case
        : /incident/i.test(param)
          ? ids.incident
          : /source/i.test(param)
            ? ids.source
            : [];
  return list.length ? pick(list) : "unknown";
};

/** A path with its [param] segments filled: a real id now and then, usually something malformed. */
function fillPattern(pattern: string): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_m, name: string) => (chance(0.3) ? idFor(name) : nastyUrlPart()));
}

function nastyQuery(): string {
  const parts: string[] = [];
  const n = 1 + int(3);
  for (let i = 0; i < n; i++) parts.push(`${chance(0.9) ? pick(PARAMS) : nastyUrlPart()}=${nastyUrlPart()}`);
  return parts.join("&");
}

// ---- server actions -------------------------------------------------------------------------

interface ServerAction {
  id: string;
  name: string;
  /** A page that uses it (the browser posts to the page it is on). */
  page: string;
}

function actionsFromManifest(): ServerAction[] | null {
  const dist = opts["dist-dir"] ?? process.env.NEXT_DIST_DIR ?? ".next";
  const file = path.resolve(ROOT, dist, "server", "server-reference-manifest.json");
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? "app/page";
    const page = urlPattern(path.join(ROOT, `${worker}.tsx`));
    return { id, name: entry.exportedName ?? id, page };
  });
}

/** Without the build: the ids the pages' own scripts carry (createServerReference("<42 hex>", ...)). */
async function actionsFromPages(): Promise<ServerAction[]> {
  const found = new Map<string, ServerAction>();
  for (const page of [
    "/people/new",
    "/cases/new",
    "/incidents/new",
    "/sources/new",
    "/admin/users",
    "/admin/settings",
    "/admin/deleted",
    "/account/security",
    "/account/password",
  ]) {
    const html = await (await fetch(`${base}${page}`, { headers: { cookie: sessions.ADMIN! } })).text();
    for (const m of html.matchAll(/\$ACTION_ID_([0-9a-f]{42})/g)) found.set(m[1]!, { id: m[1]!, name: m[1]!, page });
    for (const src of new Set([...html.matchAll(/src="(\/_next\/static\/chunks\/[^"]+\.js)"/g)].map((m) => m[1]!))) {
      const js = await (await fetch(`${base}${src}`)).text();
      for (const m of js.matchAll(/["']([0-9a-f]{42})["']/g)) if (!found.has(m[1]!)) found.set(m[1]!, { id: m[1]!, name: m[1]!, page });
    }
  }
  return [...found.values()];
}

/**
 * Actions whose valid input would end the fuzzer's own sessions or lock its accounts (sign
 * out everywhere, two-factor required, role or password changes...): their arguments always
 * carry an unknown key, which their strict schemas refuse, so the data layer is never reached.
 */
const spare = (name: string) =>
  /signOutEverywhere|revokeUserSessions|revokeSession|disableUser|changeUserRole|resetUser|changeOwnPassword|TotpEnrolment|disableTotp|regenerateRecoveryCodes|saveRequireTwoFactor|acceptLink|^[0-9a-f]{42}$/.test(
    name,
  );

/** Plausible-looking arguments with malformed values. */
function actionArgument(action: ServerAction): unknown {
  const r = random();
  let value: unknown;
  if (r < 0.1) value = nastyValue();
  else if (r < 0.55)
    value = {
      values: {
        name: nastyString(),
        title: nastyString(),
        aliases: chance(0.5) ? [{ name: nastyString(), script: "LATIN" }] : nastyValue(),
        city: nastyString(),
        description: nastyString(),
        type: pick(["ARREST", "SENTENCE", nastyString()]),
        sourceIds: [pick(ids.source.length ? ids.source : ["x"])],
        charges: [{ text: nastyString(), article: nastyString() }],
      },
    };
  else if (r < 0.7)
    value = {
      id: chance(0.5) ? idFor(action.name) : nastyString(),
      version: pick([1, 0, -1, "1", 1.5, null]),
      values: nastyObject(),
      direction: nastyString(),
    };
  else if (r < 0.8)
    value = {
      name: nastyString(),
      aliases: [nastyString()],
      sessionId: nastyString(),
      userId: nastyString(),
      code: nastyString(),
      password: nastyString(),
      email: nastyString(),
    };
  else if (r < 0.9) value = { publicAggregates: pick(["on", "off", nastyString()]), requireTwoFactor: nastyString() };
  else value = nastyObject();
  if (spare(action.name) && value !== null && typeof value === "object" && !Array.isArray(value)) (value as Record<string, unknown>).__fuzz = 1;
  else if (spare(action.name)) value = { __fuzz: value };
  return value;
}

/** React's reply encoding of plain JSON: "$" escaped as "$$" (the body a browser would send). */
function encodeArgs(args: unknown[]): string {
  return JSON.stringify(args, (_key, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v));
}

function multipartBody(fields: [string, string][], boundary: string): string {
  return fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
}

/** A server-action request: usually well-formed with malformed arguments, sometimes a body React never sends. */
function actionRequest(action: ServerAction): { path: string; init: RequestInit; label: string } {
  const headers: Record<string, string> = { "next-action": action.id, origin: ORIGIN, accept: "text/x-component" };
  const path = chance(0.85) ? action.page.replace(/\[\w+\]/g, () => (ids.case.length ? pick(ids.case) : "x")) : fillPattern(pick(pages));
  const r = random();
  let body: BodyInit;
  let label: string;
  if (r < 0.55) {
    body = encodeArgs([actionArgument(action)]);
    label = "action: malformed arguments";
  } else if (r < 0.62) {
    // The settings forms' real encoding of FormData (multipart, "$K1"), with hostile fields.
    const boundary = `----fuzz${int(1e9)}`;
    const fields: [string, string][] = [
      ["0", '["$K1"]'],
      ["_1_publicAggregates", nastyString().slice(0, 2000)],
      ["_1_requireTwoFactor", spare(action.name) ? "x" : nastyString().slice(0, 2000)],
    ];
    if (spare(action.name)) fields.push(["_1___fuzz", "1"]);
    body = multipartBody(fields, boundary);
    headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
    label = "action: FormData";
  } else {
    const kind = pick([
      "invalid json",
      "empty",
      "json object",
      "json string",
      "oversized",
      "deep",
      "references",
      "broken multipart",
      "multipart no root",
      "no-js form",
    ] as const);
    label = `action: ${kind}`;
    switch (kind) {
      case "invalid json":
        body = pick(["not json", "[", "[{]", '{"a":', "\u0000", '["\\ud800"]x']);
        break;
      case "empty":
        body = "";
        break;
      case "json object":
        body = JSON.stringify(spare(action.name) ? { __fuzz: 1 } : { publicAggregates: "on" });
        break;
      case "json string":
        body = pick(['"x"', "1", "null", "true"]);
        break;
      case "oversized":
        body = `[${JSON.stringify("a".repeat(1_100_000 + int(500_000)))}]`;
        break;
      case "deep": {
        const n = pick([100, 10_000, 200_000]);
        body = chance(0.5) ? `[${"[".repeat(n)}${"]".repeat(n)}]` : `[${'{"a":'.repeat(n)}1${"}".repeat(n)}]`;
        break;
      }
      case "references":
        body = JSON.stringify([pick(["$1", "$@1", "$T", "$Q1", "$W1", "$h1", "$K1", "$nabc", "$n" + "9".repeat(400), "$B1", "$i1", "$0:nope", "$A1", "$R1"])]);
        break;
      case "broken multipart": {
        body = pick(["garbage", '--XX\r\nContent-Disposition: form-data; name="0"\r\n\r\n[', "--XX\r\n\r\n\r\n"]);
        headers["content-type"] = pick(["multipart/form-data; boundary=XX", "multipart/form-data"]);
        break;
      }
      case "multipart no root": {
        body = multipartBody(
          [
            ["1", "[]"],
            ["publicAggregates", "on"],
          ],
          "XX",
        );
        headers["content-type"] = "multipart/form-data; boundary=XX";
        break;
      }
      case "no-js form": {
        // A form posted without JavaScript: no header, the action id in a field.
        delete headers["next-action"];
        const idField = chance(0.7) ? `$ACTION_ID_${action.id}` : pick(["$ACTION_ID_nope", "$ACTION_REF_1", "$ACTION_1:0"]);
        const fields: [string, string][] = [
          [idField, chance(0.5) ? "" : "{"],
          ["publicAggregates", spare(action.name) ? "x" : nastyString().slice(0, 100)],
          ["requireTwoFactor", "x"],
        ];
        body = multipartBody(fields, "XX");
        headers["content-type"] = "multipart/form-data; boundary=XX";
        break;
      }
    }
  }
  headers["content-type"] ??= "text/plain;charset=UTF-8";
  return { path, init: { method: "POST", headers, body }, label };
}

// ---- route handler bodies -------------------------------------------------------------------

const CSV_HEADER = "person_key,person_name,case_key,event_key,event_type,event_date,source_urls,source_keys,person_aliases,event_city,charges";

function csvCell(): string {
  const s = nastyString().slice(0, 5000);
  return `"${s.replace(/"/g, '""')}"`;
}

function routeRequest(route: Route): { path: string; init: RequestInit; label: string } {
  const method = pick(route.methods);
  let path = fillPattern(route.pattern);
  if (chance(0.8)) path += `?${nastyQuery()}`;
  if (route.pattern.startsWith("/api/auth")) {
    // next-auth: the sign-in endpoint with hostile credentials (never a demo account's address:
    // failures would slow down the fuzzer's own sign-ins).
    const action = pick(["callback/credentials", "signin/credentials", "session", "csrf", "providers", "signout", nastyUrlPart()]);
    const label = "route: next-auth";
    if (chance(0.3)) return { path: `/api/auth/${action}`, init: { method: "GET" }, label };
    const wellFormed = (s: string) => (s.isWellFormed() ? s : s.toWellFormed());
    const body = new URLSearchParams({
      csrfToken: wellFormed(nastyString().slice(0, 100)),
      email: `${wellFormed(nastyString().slice(0, 50))}@fuzz.invalid`,
      password: wellFormed(nastyString().slice(0, 2000)),
      code: wellFormed(nastyString().slice(0, 100)),
    });
    return {
      path: `/api/auth/${action}`,
      init: { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN }, body },
      label,
    };
  }
  if (method === "GET") return { path, init: { method }, label: `route: GET ${route.pattern}` };
  const headers: Record<string, string> = { origin: ORIGIN };
  let body: BodyInit;
  if (route.pattern === "/api/import") {
    path = `/api/import?dryRun=1&${chance(0.5) ? nastyQuery() : ""}`;
    const boundary = `----fuzz${int(1e9)}`;
    const rows = Array.from({ length: 1 + int(3) }, () => Array.from({ length: 11 }, csvCell).join(","));
    const csv = chance(0.15) ? nastyString() : [CSV_HEADER, ...rows].join("\r\n");
    body = chance(0.1)
      ? "garbage"
      : multipartBody(
          [
            ["file", csv],
            ["dryRun", "1"],
          ],
          boundary,
        ).replace('name="file"', 'name="file"; filename="fuzz.csv"\r\nContent-Type: text/csv');
    headers["content-type"] = chance(0.9) ? `multipart/form-data; boundary=${boundary}` : pick(["text/plain", "multipart/form-data", "application/json"]);
  } else if (route.pattern === "/api/exchange/import") {
    path = `/api/exchange/import?dryRun=1`;
    const file = chance(0.3)
      ? nastyValue()
      : {
          format: pick(["detainee-case-tracker", nastyString()]),
          version: pick([1, 2, "1", null]),
          people: [{ key: nastyString(), name: nastyString() }],
          sources: nastyValue(),
        };
    body = chance(0.1) ? pick(["{", "", "\u0000", "[1,2"]) : JSON.stringify(file);
    headers["content-type"] = "application/json";
  } else {
    body = chance(0.5) ? JSON.stringify(nastyValue()) : nastyString().slice(0, 10_000);
    headers["content-type"] = pick(["application/json", "text/plain", "application/x-www-form-urlencoded"]);
  }
  return { path, init: { method, headers, body }, label: `route: ${method} ${route.pattern}` };
}

function pageRequest(): { path: string; init: RequestInit; label: string } {
  const pattern = pick(pages);
  let path = fillPattern(pattern);
  if (chance(0.7)) path += `?${nastyQuery()}`;
  const headers: Record<string, string> = {};
  let label = `page: ${pattern}`;
  if (chance(0.1)) {
    // A client navigation (React Server Components payload), with a router state header
    // that is sometimes malformed.
    headers.rsc = "1";
    if (chance(0.6)) {
      headers["next-router-state-tree"] = pick([
        nastyUrlPart(),
        "%5B",
        encodeURIComponent('["",{}]'),
        encodeURIComponent(JSON.stringify([nastyString().slice(0, 50), {}])),
      ]);
      label = "page: RSC with a router state header";
    }
  }
  return { path, init: { method: "GET", headers }, label };
}

// ---- the run --------------------------------------------------------------------------------

interface Tally {
  byStatus: Map<string, number>;
  byLabel: Map<string, Map<string, number>>;
  fivehundreds: { status: number; method: string; path: string; label: string; role: string; body: string }[];
}

const tally: Tally = { byStatus: new Map(), byLabel: new Map(), fivehundreds: [] };
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

let actions: ServerAction[] = [];

function nextRequest(): { path: string; init: RequestInit; label: string; role: Role | "anonymous" } {
  const role = pick(["anonymous", "VIEWER", "EDITOR", "ADMIN", "EDITOR", "ADMIN"] as const);
  const r = random();
  const req = r < 0.35 ? routeRequest(pick(routeHandlers)) : r < 0.6 ? pageRequest() : actionRequest(pick(actions));
  return { ...req, role };
}

async function send(): Promise<void> {
  const { path: p, init, label, role } = nextRequest();
  const headers = new Headers(init.headers);
  if (role !== "anonymous") headers.set("cookie", sessions[role]!);
  let status: string;
  try {
    const res = await fetch(`${base}${p}`, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    const text = await res.text().catch(() => "");
    status = String(res.status);
    if (res.status >= 500) {
      tally.fivehundreds.push({ status: res.status, method: init.method ?? "GET", path: p.slice(0, 200), label, role, body: text.slice(0, 200) });
    }
  } catch (error) {
    // The server may close the connection on a body it refused before reading all of it.
    status = `network error (${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name})`;
  }
  bump(tally.byStatus, status);
  const byLabel = tally.byLabel.get(label) ?? new Map<string, number>();
  bump(byLabel, status);
  tally.byLabel.set(label, byLabel);
}

async function main() {
  const logFile = opts["server-log"];
  const logStart = logFile && existsSync(logFile) ? statSync(logFile).size : 0;

  for (const role of ["VIEWER", "EDITOR", "ADMIN"] as const) await signIn(role);
  await learnIds();
  actions = actionsFromManifest() ?? (await actionsFromPages());
  if (!actions.length) throw new Error("No server action ids found: pass --dist-dir <the build directory>");
  console.log(`Fuzzing ${base}: ${TOTAL} requests, ${CONCURRENCY} at a time, seed ${opts.seed}`);
  console.log(
    `  ${routeHandlers.length} route handlers, ${pages.length} pages, ${actions.length} server actions; ${ids.person.length} people, ${ids.case.length} cases known`,
  );

  const started = Date.now();
  let sent = 0;
  async function worker() {
    while (sent < TOTAL) {
      const n = ++sent;
      await send();
      if (n % 1000 === 0) {
        console.log(`  ${n} sent (${((Date.now() - started) / 1000).toFixed(0)} s), 500s so far: ${tally.fivehundreds.length}`);
        // A fuzzed request may have ended a session after all: sign in again.
        for (const role of ["VIEWER", "EDITOR", "ADMIN"] as const) {
          if (await stillSignedIn(role)) continue;
          await signIn(role).catch((error: Error) => console.log(`  (${error.message})`));
        }
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;

  console.log(`\nAnswers by status (${TOTAL} requests in ${seconds.toFixed(0)} s):`);
  for (const [status, n] of [...tally.byStatus].sort()) console.log(`  ${status.padEnd(28)} ${n}`);
  console.log("\nBy kind of request:");
  for (const [label, counts] of [...tally.byLabel].sort()) {
    console.log(
      `  ${label.padEnd(52)} ${[...counts]
        .sort()
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ")}`,
    );
  }
  console.log(`\n500s: ${tally.fivehundreds.length}`);
  for (const f of tally.fivehundreds.slice(0, 20))
    console.log(`  ${f.status} ${f.role} ${f.method} ${f.path} [${f.label}] ${JSON.stringify(f.body.slice(0, 120))}`);

  if (logFile) {
    const log = readFileSync(logFile, "utf8").slice(logStart);
    const lines = log.split("\n");
    // Errors, not Next.js's warnings about unknown action ids (409, expected after a deploy).
    const errorLines = lines.filter((l) => /⨯|\bError\b|Unhandled|failed/i.test(l) && !/^\s+at /.test(l));
    const warnings = errorLines.filter((l) =>
      /Failed to find Server Action|Read more: https:\/\/nextjs\.org\/docs\/messages\/failed-to-find-server-action/.test(l),
    );
    const errors = errorLines.filter((l) => !warnings.includes(l));
    console.log(`\nServer log during the run (${logFile}): ${errors.length} error line(s), ${warnings.length} "unknown server action" warning line(s)`);
    for (const l of errors.slice(0, 20)) console.log(`  ${l.slice(0, 200)}`);
  }
  process.exitCode = tally.fivehundreds.length > 0 ? 1 : 0;
}

main().catch((error: Error) => {
  console.error(`\n✖ ${error.message}\n`);
  process.exit(2);
});
