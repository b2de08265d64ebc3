// Restricted notes and confidential sources never reach a VIEWER's browser (checked on the
// HTML the server sends and its RSC payload, not only on what is visible, on every page of
// the app), while EDITORs and ADMINs see them. The demo data has neither: this spec plants them.
import { expect, test } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";
import { concreteUrl, pageRoutes } from "./security-helpers";

const NOTE = `E2E-RESTRICTED-${Date.now()}: family phone +98 000 000 0000`;
const SOURCE = `E2E-CONFIDENTIAL-${Date.now()}: testimony of a cellmate`;
let personId = "";

test.beforeAll(async () => {
  personId = await withTestDatabase(async (db) => {
    const person = await db.query<{ id: string }>(`UPDATE people SET restricted_notes = $1 WHERE key = 'p-salar-tahir-afshar' RETURNING id`, [NOTE]);
    const id = person.rows[0]!.id;
    const src = await db.query<{ id: string }>(
      `INSERT INTO sources (id, key, title, kind, confidential, updated_at) VALUES ($1, $1, $2, 'TESTIMONY', true, now()) RETURNING id`,
      [`src-e2e-${Date.now()}`, SOURCE],
    );
    const event = await db.query<{ id: string }>(
      `SELECT e.id FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.person_id = $1 ORDER BY e.position LIMIT 1`,
      [id],
    );
    await db.query(`INSERT INTO event_sources (event_id, source_id) VALUES ($1, $2)`, [event.rows[0]!.id, src.rows[0]!.id]);
    await db.query(`INSERT INTO person_sources (person_id, source_id) VALUES ($1, $2)`, [id, src.rows[0]!.id]);
    return id;
  });
});

test("a VIEWER's person page HTML contains no restricted note and no confidential source", async ({ page }) => {
  await signIn(page, "VIEWER");
  const res = await page.request.get(`/people/${personId}`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain("Salar Tahir Afshar");
  expect(html).not.toContain(NOTE);
  expect(html).not.toContain(SOURCE);
  await page.goto(`/people/${personId}`);
  await expect(page.getByTestId("restricted-notes")).toHaveCount(0);
});

for (const role of ["EDITOR", "ADMIN"] as const) {
  test(`an ${role} sees the restricted note and the confidential source`, async ({ page }) => {
    await signIn(page, role);
    await page.goto(`/people/${personId}`);
    await expect(page.getByTestId("restricted-notes")).toContainText(NOTE);
    await expect(page.getByText(SOURCE).first()).toBeVisible();
  });
}

// A source public when an event and an incident cited it (so the History's snapshots hold it
// as public), marked confidential later: no page a VIEWER can open, in its HTML or its RSC
// payload, and no JSON answer holds any of its texts (the History decides by what the source
// is now). The crawl covers every page of the app, found on disk, with these records.
test.describe("a source made confidential after it was cited", () => {
  test.describe.configure({ mode: "serial" });
  const stamp = Date.now();
  const LATE = {
    title: `E2E-LATE-TITLE-${stamp} testimony of a neighbour`,
    publisher: `E2E-LATE-PUBLISHER-${stamp}`,
    url: `https://example.org/e2e-late-${stamp}`,
    via: `E2E-LATE-VIA-${stamp}`,
  };
  const FORBIDDEN = [NOTE, SOURCE, LATE.title, LATE.publisher, LATE.url, LATE.via];
  const ids = { caseId: "", incidentId: "", eventId: "", sourceId: "" };

  test.beforeAll(async () => {
    Object.assign(
      ids,
      await withTestDatabase(async (db) => {
        const src = await db.query<{ id: string }>(
          `INSERT INTO sources (id, key, title, publisher, url, via, kind, confidential, updated_at) VALUES ($1, $1, $2, $3, $4, $5, 'NEWS', false, now()) RETURNING id`,
          [`src-e2e-late-${stamp}`, LATE.title, LATE.publisher, LATE.url, LATE.via],
        );
        const c = await db.query<{ id: string; incident_id: string }>(
          `SELECT c.id, c.incident_id FROM cases c JOIN people p ON p.id = c.person_id WHERE p.key = 'p-salar-tahir-afshar'`,
        );
        const e = await db.query<{ id: string }>(`SELECT id FROM case_events WHERE case_id = $1 AND deleted_at IS NULL ORDER BY position LIMIT 1`, [
          c.rows[0]!.id,
        ]);
        return { caseId: c.rows[0]!.id, incidentId: c.rows[0]!.incident_id, eventId: e.rows[0]!.id, sourceId: src.rows[0]!.id };
      }),
    );
  });

  test("an EDITOR cites it from an event and an incident while public, then marks it confidential", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, "EDITOR");
    const cite = async (url: string, form: string, back: string) => {
      await page.goto(url);
      await expect(page.getByTestId(form)).toHaveAttribute("data-ready", "true");
      await page
        .getByRole("group", { name: "Sources" })
        .getByRole("checkbox", { name: new RegExp(`^${LATE.title}`) })
        .check();
      await page.getByTestId("save").click();
      await expect(page).toHaveURL(new RegExp(`${back}$`));
    };
    await cite(`/cases/${ids.caseId}/events/${ids.eventId}/edit`, "event-form", `/cases/${ids.caseId}`);
    await cite(`/incidents/${ids.incidentId}/edit`, "incident-form", `/incidents/${ids.incidentId}`);
    // The History holds it (an EDITOR sees it, and a VIEWER still may while it is public).
    await expect(page.getByTestId("history")).toContainText(LATE.title);

    await page.goto(`/sources/${ids.sourceId}/edit`);
    await expect(page.getByTestId("source-form")).toHaveAttribute("data-ready", "true");
    await page.locator("#source-confidential").check();
    await page.getByTestId("save").click();
    await expect(page).toHaveURL(/\/sources$/);
    await page.goto(`/cases/${ids.caseId}`);
    await expect(page.getByTestId("history")).toContainText(LATE.title);
  });

  test("no page a VIEWER can open holds a restricted text, in its HTML or its RSC payload", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, "VIEWER");
    const params = { personId, ...ids, userId: "none", token: "x".repeat(43) };
    const found: string[] = [];
    const check = (url: string, kind: string, body: string) => {
      for (const text of FORBIDDEN) if (body.includes(text)) found.push(`${kind} of ${url} holds ${JSON.stringify(text)}`);
    };
    const urls = pageRoutes().map((r) => concreteUrl(r, params));
    // The record pages whose History cites the source, and their History's own parameters.
    urls.push(`/cases/${ids.caseId}?caseHistory=before-999999999`, `/incidents/${ids.incidentId}?incidentHistory=after-1`);
    for (const url of urls) {
      const html = await page.request.get(url);
      check(url, "HTML", await html.text());
      const rsc = await page.request.get(url, { headers: { RSC: "1" } });
      check(url, "RSC payload", await rsc.text());
    }
    // The pages that show the History answer, and their RSC payload is one (not an error page).
    for (const url of [`/cases/${ids.caseId}`, `/incidents/${ids.incidentId}`, `/people/${personId}`]) {
      const html = await page.request.get(url);
      expect(html.status(), url).toBe(200);
      expect(await html.text(), url).toContain("History");
      const rsc = await page.request.get(url, { headers: { RSC: "1" } });
      expect(rsc.headers()["content-type"], url).toContain("text/x-component");
      expect(await rsc.text(), url).toContain("Salar Tahir Afshar");
    }
    for (const url of ["/api/cases?pageSize=100", "/api/stats", "/api/public/stats", "/api/export/cases.csv"]) {
      const res = await page.request.get(url);
      check(url, "answer", await res.text());
    }
    expect(found).toEqual([]);

    // And in the browser: the History is there, without the source.
    await page.goto(`/cases/${ids.caseId}`);
    await expect(page.getByTestId("history")).toContainText("edited an event");
    await expect(page.getByTestId("history")).not.toContainText(LATE.title);
  });

  test("an EDITOR still sees it in the History of the case and of the incident", async ({ page }) => {
    await signIn(page, "EDITOR");
    for (const url of [`/cases/${ids.caseId}`, `/incidents/${ids.incidentId}`]) {
      await page.goto(url);
      await expect(page.getByTestId("history"), url).toContainText(LATE.title);
    }
  });
});
