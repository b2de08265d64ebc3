// The case table in Chromium: filter, sort (multi-column), search, paginate, choose columns;
// the URL holds the view, so a new page opened on it shows the same rows and Back returns
// to the previous view. Expected figures come from the server's database, not the UI.
import { expect, test, type Page } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";

const countCases = (where = "TRUE", params: unknown[] = []) =>
  withTestDatabase(async (db) => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases c JOIN people p ON p.id = c.person_id WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND ${where}`,
      params,
    );
    return rows[0]?.n ?? 0;
  });

const rows = (page: Page) => page.getByTestId("case-row");
const personNames = (page: Page) => page.getByTestId("case-person-link").allTextContents();
const total = (page: Page) => page.getByTestId("cases-total");

async function openCases(page: Page): Promise<void> {
  await signIn(page, "VIEWER");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByTestId("cases-table")).toBeVisible();
}

test("the first load holds one page of rows, newest arrest first", async ({ page }) => {
  const all = await countCases();
  await openCases(page);
  await expect(page.getByRole("link", { name: "Cases" })).toHaveAttribute("aria-current", "page");
  await expect(total(page)).toContainText(`${all} cases`);
  // Served by the server with 25 rows, not the whole table.
  await expect(rows(page)).toHaveCount(25);
  await expect(page.getByRole("columnheader", { name: /Arrested/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("table", { name: /Cases/ })).toBeVisible();
});

test("filter, sort, search and paginate; the URL reproduces the view; Back returns", async ({ page, context }) => {
  // A long journey of a dozen page loads: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(120_000);
  await openCases(page);

  // Filter: imprisoned cases only.
  const imprisoned = await countCases(`c.status = 'IMPRISONED'`);
  expect(imprisoned).toBeGreaterThan(0);
  await page.getByTestId("status-filter-toggle").click();
  await page.getByRole("checkbox", { name: "Imprisoned" }).check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=IMPRISONED/);
  await expect(total(page)).toContainText(`${imprisoned} case`);
  for (const status of await page.getByTestId("case-status").allTextContents()) expect(status).toContain("Imprisoned");

  // Sort by effective lashes (most first), then Shift-click the person for a second key.
  await page.getByRole("button", { name: "Effective lashes" }).click();
  await expect(page).toHaveURL(/sort=-effectiveLashes/);
  await expect(page.getByRole("columnheader", { name: /Effective lashes/ })).toHaveAttribute("aria-sort", "descending");
  await page.getByRole("button", { name: "Person" }).click({ modifiers: ["Shift"] });
  await expect(page).toHaveURL(/sort=-effectiveLashes%2Cperson/);
  await expect(page.getByRole("columnheader", { name: /Person/ })).toContainText("sort key 2, ascending");
  const maxLashes = await withTestDatabase(async (db) =>
    Number((await db.query(`SELECT max(effective_lashes) AS m FROM cases WHERE status = 'IMPRISONED' AND deleted_at IS NULL`)).rows[0].m),
  );
  const firstRow = rows(page).first();
  await expect(firstRow).toContainText(String(maxLashes));
  const view = page.url();
  const namesInView = await personNames(page);

  // The same URL in a new page shows the same rows in the same order, with the controls set.
  const other = await context.newPage();
  await other.goto(view);
  await expect(other.getByTestId("cases-table")).toBeVisible();
  expect(await personNames(other)).toEqual(namesInView);
  await expect(other.getByRole("columnheader", { name: /Effective lashes/ })).toHaveAttribute("aria-sort", "descending");
  await expect(other.getByTestId("status-filter-toggle")).toContainText("Imprisoned");
  await other.close();

  // "Clear all" drops the filters and keeps the sort.
  await page.getByRole("link", { name: "Clear all" }).click();
  await expect(page).toHaveURL(/\/cases\?sort=-effectiveLashes%2Cperson$/);
  await expect(total(page)).toContainText(`${await countCases()} cases`);

  // Search from the default view: another spelling of the name finds her first.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(page).toHaveURL(/\/cases$/);
  await page.getByLabel("Search names and aliases").fill("Fatima Ibrahimzade");
  await page.getByLabel("Search names and aliases").press("Enter");
  await expect(page).toHaveURL(/\/cases\?q=Fatima\+Ibrahimzade$/);
  await expect(page.getByTestId("cases-sort-description")).toContainText("how closely a name");
  await expect(page.getByTestId("case-person-link").first()).toHaveText("Fatma Ibrahimzade");
  await expect(page.getByTestId("case-aliases").first()).toContainText("Fatima Ibrahimzadeh");

  // Back returns to the previous views, one at a time.
  await page.goBack();
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByLabel("Search names and aliases")).toHaveValue("");
  await page.goBack();
  await expect(page).toHaveURL(/\/cases\?sort=-effectiveLashes%2Cperson$/);
  await expect(page.getByRole("columnheader", { name: /Effective lashes/ })).toHaveAttribute("aria-sort", "descending");

  // Paginate.
  await page.goto("/cases");
  const pages = Math.ceil((await countCases()) / 25);
  const firstPage = await personNames(page);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("case-pager")).toContainText(`Page 2 of ${pages}`);
  const secondPage = await personNames(page);
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage).not.toEqual(firstPage);
  await page.goBack();
  await expect(page.getByTestId("case-pager")).toContainText(`Page 1 of ${pages}`);
  expect(await personNames(page)).toEqual(firstPage);
});

test("a search that matches nothing, and an injection attempt, show the empty state", async ({ page }) => {
  await openCases(page);
  await page.getByLabel("Search names and aliases").fill("' OR 1=1--");
  await page.getByLabel("Search names and aliases").press("Enter");
  await expect(page.getByTestId("cases-empty")).toBeVisible();
  await expect(total(page)).toContainText("No cases");
  await page.getByRole("link", { name: "Clear all filters" }).click();
  await expect(rows(page)).toHaveCount(25);
});

test("columns can be hidden and shown, and the choice is in the URL", async ({ page }) => {
  await openCases(page);
  await expect(page.getByRole("columnheader", { name: "Charges" })).toBeVisible();
  await page.getByTestId("column-picker").locator("summary").click();
  await page.getByRole("checkbox", { name: "Charges" }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await expect(page.getByRole("columnheader", { name: "Charges" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Current facility" }).check();
  await expect(page.getByRole("columnheader", { name: "Current facility" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Charges" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Current facility" })).toBeVisible();
});

test("sorting works from the keyboard and rows link to the person and the case", async ({ page }) => {
  await openCases(page);
  const sortButton = page.getByRole("button", { name: "Arrest city" });
  await sortButton.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=city/);
  await expect(page.getByRole("columnheader", { name: /Arrest city/ })).toHaveAttribute("aria-sort", "ascending");

  const name = (await page.getByTestId("case-person-link").first().textContent()) ?? "";
  await page
    .getByRole("link", { name: new RegExp(`Case record of ${name}`) })
    .first()
    .click();
  await expect(page).toHaveURL(/\/cases\/[^/?]+$/);
  await page.goBack();
  await page.getByTestId("case-person-link").first().click();
  await expect(page).toHaveURL(/\/people\//);
  await expect(page.getByTestId("person-name")).toHaveText(name);
});

test("GET /api/cases answers JSON for the signed-in reader, 400 for a bad parameter", async ({ page }) => {
  await signIn(page, "VIEWER");
  const ok = await page.request.get("/api/cases?q=Fatima%20Ibrahimzade&pageSize=5");
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { total: number; page: number; pageSize: number; rows: { person: { name: string } }[] };
  expect(body).toMatchObject({ page: 1, pageSize: 5 });
  expect(body.rows[0]?.person.name).toBe("Fatma Ibrahimzade");
  expect(JSON.stringify(body)).not.toContain("restrictedNotes");
  const bad = await page.request.get("/api/cases?sort=password");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: "sort" });
});
