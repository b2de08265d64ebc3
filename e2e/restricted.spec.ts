// Restricted notes and confidential sources never reach a VIEWER's browser (checked on the
// HTML the server sends, not only on what is visible), while EDITORs and ADMINs see them.
import { expect, test } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";

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
