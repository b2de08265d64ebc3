// Exports in Chromium: an EDITOR filters the case table by a city, clicks Export CSV, and the
// downloaded file (parsed with csv-parse) holds exactly the rows the table counts, in its
// order; XLSX downloads too. A VIEWER sees no export button and is refused by the server.
// The exchange page offers the full JSON export. Expected figures come from the server's
// database, not the UI.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { signIn, withTestDatabase } from "./fixtures";

test("an EDITOR exports the filtered case table as CSV: every row of the view, not only the first page", async ({ page }) => {
  test.setTimeout(90_000);
  const city = "Tabriz";
  const expected = await withTestDatabase(async (db) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN people p ON p.id = c.person_id
        WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND lower(c.arrest_city) = lower($1)`,
      [city],
    );
    return rows[0]?.n ?? 0;
  });
  expect(expected).toBeGreaterThan(0);

  await signIn(page, "EDITOR");
  await page.goto("/cases?pageSize=25");
  await page.getByRole("combobox", { name: "Arrest city" }).fill(city);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/city=Tabriz/);
  await expect(page.getByTestId("cases-total")).toContainText(`${expected} case`);
  const shownNames = await page.getByTestId("case-person-link").allTextContents();

  const exportCsv = page.getByRole("link", { name: "Export CSV" });
  await expect(exportCsv).toHaveAttribute("href", /\/api\/export\/cases\.csv\?city=Tabriz/);
  const [download] = await Promise.all([page.waitForEvent("download"), exportCsv.click()]);
  expect(download.suggestedFilename()).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parse(bytes, { bom: true }) as string[][];
  expect(header?.slice(0, 3)).toEqual(["Person", "Also spelled", "Arrest city"]);
  expect(records).toHaveLength(expected);
  for (const record of records) expect(record[2]?.toLowerCase()).toBe(city.toLowerCase());
  // Same order as the table: the rows on screen are the file's first rows.
  expect(records.slice(0, shownNames.length).map((r) => r[0])).toEqual(shownNames);

  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export XLSX" }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  // An XLSX file is a zip archive.
  expect([...(await readFile((await xlsx.path())!)).subarray(0, 2)]).toEqual([0x50, 0x4b]);
});

test("a VIEWER has no export button, and the server refuses the export URL", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/cases?city=Tabriz");
  await expect(page.getByTestId("cases-table")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const response = await page.request.get("/api/export/cases.csv?city=Tabriz");
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain("Tabriz,");
});

test("the exchange page gives an EDITOR the full JSON export, and the import to ADMINs only", async ({ page }) => {
  await signIn(page, "EDITOR");
  await page.goto("/admin/exchange");
  await expect(page.getByRole("heading", { name: "Exchange between installations" })).toBeVisible();
  await expect(page.getByTestId("exchange-import-form")).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("exchange-download").click()]);
  expect(download.suggestedFilename()).toMatch(/^tracker-exchange-live-\d{4}-\d{2}-\d{2}\.json$/);
  const doc = JSON.parse(await readFile((await download.path())!, "utf8")) as { format: string; version: number; people: unknown[] };
  expect(doc).toMatchObject({ format: "detainee-case-tracker", version: 1 });
  expect(doc.people.length).toBeGreaterThanOrEqual(80);
});
