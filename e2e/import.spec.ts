// CSV import in Chromium as an EDITOR: download the template, check a small file (2 people,
// 3 events) and read the per-row plan, import it, and find the new cases in the case table.
// A VIEWER has no Import link and is refused by the server.
import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { signIn, withTestDatabase } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",;\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

test("an editor imports a CSV with a dry run, then finds the new cases in the case table", async ({ page }) => {
  const tag = Date.now().toString(36);
  const first = `Sevda Importova ${tag}`;
  const second = `Ramin Csvzadeh ${tag}`;

  await signIn(page, "EDITOR");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/import$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import cases from a spreadsheet");
  await expect(page.getByTestId("csv-import")).toHaveAttribute("data-ready", "true");

  // The template: a UTF-8 file with a BOM and the documented header.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the template (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("case-import-template.csv");
  const template = await readFile((await download.path())!, "utf8");
  expect(template.startsWith("\uFEFF")).toBe(true);
  const header = template
    .replace(/^\uFEFF/, "")
    .trim()
    .split(",");
  expect(header.slice(0, 4)).toEqual(["person_key", "case_key", "event_key", "person_name"]);
  expect(header).toContain("event_lashes");

  // Two people, three events, filled in from the template's header.
  const row = (values: Record<string, string>) => csvLine(header.map((c) => values[c] ?? ""));
  const csv = [
    header.join(","),
    row({
      person_key: `p-sevda-${tag}`,
      case_key: `c-sevda-${tag}`,
      event_key: "arrest",
      person_name: first,
      person_gender: "female",
      person_home_city: "Tabriz",
      event_type: "arrest",
      event_date: "2021-05-03",
      event_city: "Tabriz",
      source_keys: "src-doc-000",
    }),
    row({
      person_key: `p-sevda-${tag}`,
      case_key: `c-sevda-${tag}`,
      event_key: "sentence",
      event_type: "sentence",
      event_date: "2021-09",
      event_court: "Revolutionary Court of Tabriz",
      event_prison_years: "2",
      event_lashes: "30",
      source_urls: `https://example.org/e2e/${tag}`,
    }),
    row({
      person_key: `p-ramin-${tag}`,
      case_key: `c-ramin-${tag}`,
      event_key: "arrest",
      person_name: second,
      person_aliases: "رامین",
      event_type: "arrest",
      event_date: "2021-05",
      event_city: "Ardabil",
      source_keys: "src-doc-000",
    }),
  ].join("\r\n");

  await page.getByLabel("CSV file").setInputFiles({ name: "ngo-sheet.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}\r\n`, "utf8") });
  await page.getByRole("button", { name: "Check file" }).click();

  // The dry run: every row's plan, nothing written yet.
  await expect(page.getByTestId("import-ready")).toHaveText("Ready to import: 7 to create, 0 to update, 0 unchanged.");
  const rows = page.getByTestId("import-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(`p-sevda-${tag}`);
  await expect(rows.nth(0)).toContainText("New · Arrest");
  await expect(rows.nth(1)).toContainText("New · Sentence");
  await expect(rows.nth(2)).toContainText(`p-ramin-${tag}`);
  await expect(page.getByText("Courts: Revolutionary Court of Tabriz")).toBeVisible();
  expect(await withTestDatabase(async (db) => (await db.query("SELECT count(*)::int AS n FROM people WHERE key LIKE $1", [`%-${tag}`])).rows[0].n)).toBe(0);

  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByTestId("import-done")).toContainText("Imported ngo-sheet.csv: 7 created, 0 updated, 0 unchanged.");

  // The case table finds the new cases by name, with their derived columns.
  await page.goto(`/cases?q=${encodeURIComponent(first)}`);
  const firstLink = page.getByTestId("case-person-link").filter({ hasText: first });
  await expect(firstLink).toHaveCount(1);
  await expect(page.getByRole("row").filter({ has: firstLink })).toContainText("Tabriz");
  await page.goto(`/cases?q=${encodeURIComponent(second)}`);
  await expect(page.getByTestId("case-person-link").filter({ hasText: second })).toHaveCount(1);
});

test("a viewer sees no Import link and the server refuses their upload", async ({ page }) => {
  await signIn(page, "VIEWER");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" })).toHaveCount(0);
  await page.goto("/import");
  await expect(page).not.toHaveURL(/\/import$/);
  const response = await page.request.post("/api/import?dryRun=1", {
    multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("person_key,case_key\n") } },
  });
  expect(response.status()).toBe(403);
});
