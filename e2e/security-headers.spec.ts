// Security headers on every kind of response, a CSP nonce per request that Next.js puts on
// its scripts, no CSP violation on any page, server actions refusing a foreign Origin, and
// generic error pages and answers when the data layer fails.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";
import { concreteUrl, cspNonce, expectSecurityHeaders, pageRoutes, recordViolations, settle } from "./security-helpers";

test.describe.configure({ mode: "serial" });

const UNKNOWN_TOKEN = "x".repeat(43);

/** Real ids from the test server's database for every [param] of the app's pages. */
async function routeParams(): Promise<Record<string, string>> {
  return withTestDatabase(async (db) => {
    const one = async (sql: string, values: unknown[] = []) => {
      const row = (await db.query<{ id: string }>(sql, values)).rows[0];
      if (!row) throw new Error(`No row for ${sql}`);
      return row.id;
    };
    // A person with a full timeline, an incident and sources (demo data).
    const personId = await one("SELECT id FROM people WHERE name = 'Salar Tahir Afshar' AND deleted_at IS NULL");
    const caseId = await one("SELECT id FROM cases WHERE person_id = $1 AND deleted_at IS NULL", [personId]);
    return {
      personId,
      caseId,
      eventId: await one("SELECT id FROM case_events WHERE case_id = $1 ORDER BY position LIMIT 1", [caseId]),
      incidentId: await one("SELECT incident_id AS id FROM cases WHERE id = $1", [caseId]),
      sourceId: await one("SELECT id FROM sources WHERE deleted_at IS NULL AND NOT confidential ORDER BY title LIMIT 1"),
      userId: await one("SELECT id FROM users WHERE email = 'viewer@demo.local'"),
      // An invitation link that was never issued: the page explains it is not valid.
      token: UNKNOWN_TOKEN,
    };
  });
}

async function setPublicPage(enabled: boolean): Promise<void> {
  await withTestDatabase((db) =>
    db.query(
      `INSERT INTO app_settings (key, value, updated_at) VALUES ('publicAggregates', $1::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [JSON.stringify({ enabled })],
    ),
  );
}

test("pages, API answers, 404s and redirects all carry the security headers", async ({ page, request }) => {
  // Anonymous: the health check, a 401 answer, the sign-in page, the proxy's redirect.
  await expectSecurityHeaders(await request.get("/api/health"));
  const unauthorized = await request.get("/api/cases");
  expect(unauthorized.status()).toBe(401);
  await expectSecurityHeaders(unauthorized);
  await expectSecurityHeaders(await request.get("/login"));
  const redirect = await request.get("/people", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toContain("/login");
  await expectSecurityHeaders(redirect);

  // Signed in: a page, the case table's JSON, 404s (unknown path, unknown record, unknown
  // API path), and a redirect made by a page rather than the proxy ("/" → "/people").
  await signIn(page, "ADMIN");
  const api = page.request;
  const people = await api.get("/people");
  expect(people.status()).toBe(200);
  await expectSecurityHeaders(people);
  const cases = await api.get("/api/cases?pageSize=5");
  expect(cases.status()).toBe(200);
  expect((await cases.json()).rows).toHaveLength(5);
  await expectSecurityHeaders(cases);
  for (const path of ["/no-such-page", "/people/no-such-person", "/api/no-such-endpoint"]) {
    const missing = await api.get(path);
    expect(missing.status(), path).toBe(404);
    await expectSecurityHeaders(missing);
  }
  const home = await api.get("/", { maxRedirects: 0 });
  expect(home.status()).toBe(307);
  expect(home.headers().location).toBe("/people");
  await expectSecurityHeaders(home);

  // The page as the browser received it, too.
  const response = await page.goto("/people");
  await expectSecurityHeaders(response!);
});

test("a client navigation with a router state header that does not parse is the client's error, not a 500", async ({ page, request }) => {
  const bad = ["garbage", "%5B", encodeURIComponent('{"a":1}')];
  // The shape Next.js's router sends for a navigation from the case table.
  const good = encodeURIComponent(JSON.stringify(["", { children: ["people", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null]));
  await signIn(page, "ADMIN");
  for (const [who, api] of [
    ["signed in", page.request],
    ["signed out", request],
  ] as const) {
    for (const path of ["/people", "/dashboard", "/people/%ED%A0%80", "/no-such-page"]) {
      for (const state of bad) {
        const res = await api.get(path, { headers: { rsc: "1", "next-router-state-tree": state }, maxRedirects: 0 });
        expect(res.status(), `${who} ${path} ${state}`).toBe(400);
        expect(await res.text()).toContain("Next-Router-State-Tree");
        await expectSecurityHeaders(res);
      }
    }
  }
  const ok = await page.request.get("/people", { headers: { rsc: "1", "next-router-state-tree": good } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toContain("text/x-component");
});

test("HSTS only when the request came over HTTPS", async ({ request }) => {
  await expectSecurityHeaders(await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } }), { https: true });
  await expectSecurityHeaders(await request.get("/login", { headers: { "x-forwarded-proto": "https" } }), { https: true });
  await expectSecurityHeaders(await request.get("/api/health", { headers: { "x-forwarded-proto": "http" } }));
});

test("the build's static files keep nosniff and their long cache, without a CSP", async ({ page, request }) => {
  await page.goto("/login");
  const src = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  expect(src).toBeTruthy();
  const res = await request.get(src!);
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("no-referrer");
  expect(h["cache-control"]).toContain("immutable");
  expect(h["content-security-policy"]).toBeUndefined();
});

test("each request gets its own nonce, and every script of the page carries it", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const a = cspNonce(first.headers()["content-security-policy"]);
  const b = cspNonce(second.headers()["content-security-policy"]);
  expect(a).toBeTruthy();
  expect(b).toBeTruthy();
  expect(a).not.toBe(b);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${a}"`);
  expect(html).not.toContain(b!);
});

test("the CSP blocks an injected inline handler, and the violation listener sees it", async ({ page }) => {
  // The listener used below must be able to fail: an injected <img onerror> is what an XSS
  // would add, and the policy refuses to run its handler.
  const recorder = await recordViolations(page);
  await page.goto("/login");
  await settle(page);
  expect((await recorder.take()).violations).toEqual([]);
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/x-missing.png" onerror="window.__injected = true">`));
  await expect.poll(async () => (await recorder.take()).violations.join("\n"), { timeout: 5_000 }).toMatch(/script-src/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});

test("no CSP violation on any page, as ADMIN and signed out", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const params = await routeParams();
  const routes = pageRoutes();
  // The pages that exist when this runs, at least these.
  for (const known of [
    "/people",
    "/people/[personId]",
    "/cases",
    "/cases/[caseId]",
    "/dashboard",
    "/incidents",
    "/incidents/[incidentId]",
    "/sources",
    "/admin/settings",
    "/admin/deleted",
    "/login",
    "/stats",
  ]) {
    expect(routes).toContain(known);
  }

  await setPublicPage(true);
  try {
    const recorder = await recordViolations(page);
    await signIn(page, "ADMIN");
    const visited: string[] = [];
    for (const route of routes.filter((r) => r !== "/login")) {
      const url = concreteUrl(route, params);
      const response = await page.goto(url);
      await settle(page);
      expect(response, url).not.toBeNull();
      expect(response!.status(), `${url} answered`).toBeLessThan(400);
      await expectSecurityHeaders(response!);
      await expect(page.getByRole("heading", { name: "Something went wrong" }), url).toHaveCount(0);
      const { violations, dialogs } = await recorder.take();
      expect(violations, `CSP violations on ${url}`).toEqual([]);
      expect(dialogs, `dialogs on ${url}`).toEqual([]);
      visited.push(url);
    }
    // The dashboard's charts are interactive: hover one so its tooltip renders.
    await page.goto("/dashboard");
    await settle(page);
    const bar = page.locator(".recharts-bar-rectangle").first();
    if (await bar.count()) await bar.hover();
    expect((await recorder.take()).violations).toEqual([]);

    // Signed out: the sign-in page and the public statistics page.
    const anonymous = await browser.newContext();
    const anon = await anonymous.newPage();
    const anonRecorder = await recordViolations(anon);
    const open = ["/login", "/stats", ...routes.filter((r) => r.startsWith("/invite/")).map((r) => concreteUrl(r, params))];
    for (const url of open) {
      const response = await anon.goto(url);
      await settle(anon);
      expect(response!.status(), url).toBe(200);
      await expectSecurityHeaders(response!);
      expect((await anonRecorder.take()).violations, `CSP violations on ${url}`).toEqual([]);
    }
    await anonymous.close();
    expect(visited.length).toBeGreaterThanOrEqual(routes.length - 1);
  } finally {
    await setPublicPage(false);
  }
});

/** The state a settings action would change, and how many audit entries exist. */
async function settingsState(): Promise<{ enabled: boolean; audit: number }> {
  return withTestDatabase(async (db) => {
    const row = (await db.query<{ value: { enabled: boolean } }>("SELECT value FROM app_settings WHERE key = 'publicAggregates'")).rows[0];
    const audit = Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_entries")).rows[0]!.n);
    return { enabled: row?.value.enabled ?? false, audit };
  });
}

/** Saves the public-page setting through the settings form and returns the action request it sent. */
async function saveSettingThroughForm(page: Page, value: "on" | "off") {
  await page.goto("/admin/settings");
  const form = page.locator("form", { has: page.locator('input[name="publicAggregates"]') });
  await form.locator(`input[name="publicAggregates"][value="${value}"]`).check();
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    form.getByRole("button", { name: "Save" }).click(),
  ]);
  await expect(page).toHaveURL(/result=(saved|unchanged)/);
  return request;
}

/** Replays a captured action request with another Origin header (or none). */
function replayer(api: APIRequestContext, url: string, headers: Record<string, string>, body: Buffer) {
  const keep = Object.fromEntries(
    Object.entries(headers).filter(([k]) => !["content-length", "host", "origin", "cookie", "referer"].includes(k.toLowerCase())),
  );
  return (origin: string | null) => api.post(url, { headers: { ...keep, ...(origin === null ? {} : { origin }) }, data: body, maxRedirects: 0 });
}

test("server actions refuse a foreign Origin and change nothing", async ({ page, baseURL }) => {
  await signIn(page, "ADMIN");
  await setPublicPage(false);
  // A real call of the settings action as the browser makes it (Next-Action header, the
  // action's id and its encoded arguments), captured while an ADMIN switches the page on.
  const captured = await saveSettingThroughForm(page, "on");
  expect((await settingsState()).enabled).toBe(true);
  await saveSettingThroughForm(page, "off");
  const before = await settingsState();
  expect(before.enabled).toBe(false);

  const replay = replayer(page.request, captured.url(), captured.headers(), captured.postDataBuffer()!);
  for (const origin of ["https://evil.example", "http://evil.example", "null"]) {
    const res = await replay(origin);
    expect(res.status(), `Origin: ${origin}`).toBe(500);
    await expectSecurityHeaders(res);
    expect(await settingsState(), `Origin: ${origin}`).toEqual(before);
  }

  // The same bytes from the app's own origin do switch it on: the refusal above was the
  // Origin check, not a malformed request.
  const own = await replay(new URL(baseURL!).origin);
  expect(own.status()).toBeLessThan(400);
  await expect.poll(async () => (await settingsState()).enabled).toBe(true);
  await saveSettingThroughForm(page, "off");

  // A cross-site HTML form (no JavaScript, no custom header): the action id is in the page.
  const html = await (await page.request.get("/admin/settings")).text();
  const settingsForm = html.split("<form").find((f) => f.includes('name="publicAggregates"'));
  const idField = settingsForm?.match(/name="(\$ACTION_ID_[0-9a-f]+)"/)?.[1];
  expect(idField).toMatch(/^\$ACTION_ID_[0-9a-f]{20,}$/);
  const form = { [idField!]: "", publicAggregates: "on" };
  const beforeForm = await settingsState();
  const evil = await page.request.post("/admin/settings", { multipart: form, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
  expect(evil.status()).toBe(500);
  await expectSecurityHeaders(evil);
  expect(await evil.text()).not.toMatch(/Invalid Server Actions|at .*\.js:\d+/);
  expect(await settingsState()).toEqual(beforeForm);

  const ownForm = await page.request.post("/admin/settings", { multipart: form, headers: { origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(ownForm.status()).toBe(303);
  expect(ownForm.headers().location).toContain("result=saved");
  expect((await settingsState()).enabled).toBe(true);
  await setPublicPage(false);
});

/** Details of the database error that must stay in the server log. */
const LEAKS = [
  /public\.incidents/,
  /relation "incidents"/,
  /42P01/,
  /P20\d\d/,
  /TableDoesNotExist/,
  /prisma/i,
  /Invalid `/,
  /queryRaw/,
  /\bSELECT\b/,
  /\bat [^\n]*\.js:\d+:\d+/,
  /node_modules/,
  /\.next[-/]/,
];

test("when the data layer fails, pages and API answers are generic, with no stack or SQL", async ({ page }) => {
  await signIn(page, "ADMIN");
  // An honest failure from below the data layer: the incidents table disappears, as with a
  // broken migration or a damaged database. Every query that touches it throws an error
  // naming the table and, for raw SQL, quoting the database's message.
  await withTestDatabase((db) => db.query("ALTER TABLE incidents RENAME TO incidents_away"));
  try {
    const response = await page.goto("/incidents");
    expect(response!.status()).toBe(500);
    await expectSecurityHeaders(response!);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    const html = await response!.text();
    const shown = await page.content();
    for (const leak of LEAKS) {
      expect(html, `${leak} in the error page's HTML`).not.toMatch(leak);
      expect(shown, `${leak} in the rendered error page`).not.toMatch(leak);
    }

    for (const path of ["/api/cases", "/api/stats"]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(500);
      await expectSecurityHeaders(res);
      expect(await res.json(), path).toEqual({ error: "Something went wrong. Try again later." });
    }
  } finally {
    await withTestDatabase((db) => db.query("ALTER TABLE incidents_away RENAME TO incidents"));
  }
  // Nothing was damaged: the same page works again.
  const again = await page.goto("/incidents");
  expect(again!.status()).toBe(200);
  await expect(page.getByTestId("incidents-table")).toBeVisible();
});
