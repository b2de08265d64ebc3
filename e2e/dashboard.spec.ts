// The dashboard in Chromium on the demo data: every chart drawn, its table view and the
// headline totals equal to the figures computed independently from seed-cases.json, the
// filters and the sentence toggle change them, a bar opens the case table filtered to its
// cases, PNG and CSV downloads work, a phone gets no sideways scrolling; then the public
// page is reachable without a session only while an administrator has it switched on.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { caseFacts, demoNames, expectedFigures } from "../tests/support/expected-aggregates";
import { signIn, withTestDatabase } from "./fixtures";

const CHARTS = [
  "lashes-by-court",
  "lashes-by-city",
  "lashes-by-month",
  "prison-terms",
  "prison-change",
  "arrests-by-month",
  "cases-by-status",
  "people-by-gender",
  "people-vulnerable",
  "top-charges",
  "top-articles",
];

const facts = caseFacts();
const all = expectedFigures(facts);
const tabriz = expectedFigures(facts.filter((c) => c.arrest?.city === "Tabriz"));
const n = (value: number) => value.toLocaleString("en");
const years = (days: number) => (days / 365).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function openTable(page: Page, chart: string) {
  const card = page.getByTestId(`chart-${chart}`);
  await card.getByTestId("chart-table-view").locator("summary").click();
  return card;
}

test.describe("dashboard", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "VIEWER");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("draws every chart with the demo data, and the totals equal the seed file's", async ({ page }) => {
    for (const id of CHARTS) {
      const card = page.getByTestId(`chart-${id}`);
      await expect(card.getByRole("heading", { level: 2 }), id).toBeVisible();
      await expect(card.locator(".recharts-wrapper > svg.recharts-surface"), id).toBeVisible();
      await expect(card.locator(".recharts-bar-rectangle").first(), id).toBeVisible();
    }
    await expect(page.getByTestId("total-people-value")).toHaveText(n(all.people));
    await expect(page.getByTestId("total-cases-value")).toHaveText(n(all.cases));
    await expect(page.getByTestId("total-lashes-value")).toHaveText(n(all.effective.lashes));
    await expect(page.getByTestId("total-prison-value")).toHaveText(years(all.effective.prisonDays));
    await expect(page.getByTestId("chart-lashes-by-court").getByRole("heading")).toHaveText(/by court and branch \(effective sentence\)/);
  });

  test("table views show the same numbers as the totals", async ({ page }) => {
    const court = await openTable(page, "lashes-by-court");
    await expect(court.getByTestId("chart-table-total")).toContainText(n(all.effective.lashes));
    const rows = await court.getByTestId("chart-table").locator("tbody tr td:nth-child(2)").allTextContents();
    expect(rows.reduce((sum, text) => sum + Number(text.replace(/,/g, "")), 0)).toBe(all.effective.lashes);
    for (const [key, figures] of all.effective.byCourt) {
      const [name, branch] = JSON.parse(key) as [string | null, string | null];
      const row = court.getByTestId("chart-table-row").filter({ hasText: `${name ?? "Court not recorded"}, ${branch ?? "branch not recorded"}` });
      await expect(row.locator("td").first()).toHaveText(n(figures.lashes));
    }
    const city = await openTable(page, "lashes-by-city");
    await expect(city.getByTestId("chart-table-total")).toContainText(n(all.effective.lashes));
    const status = await openTable(page, "cases-by-status");
    await expect(status.getByTestId("chart-table-total")).toContainText(n(all.cases));
    const change = await openTable(page, "prison-change");
    await expect(change.getByTestId("chart-table-total")).toContainText(n(all.firstInstance.prisonDays));
    await expect(change.getByTestId("chart-table-total")).toContainText(n(all.effective.prisonDays));
  });

  test("a filter changes the figures, and the toggle switches to first-instance sentences", async ({ page }) => {
    const form = page.getByTestId("dashboard-filters");
    await form.getByLabel("City of arrest", { exact: true }).selectOption("Tabriz");
    await form.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/city=Tabriz/);
    await expect(page.getByTestId("total-cases-value")).toHaveText(n(tabriz.cases));
    await expect(page.getByTestId("total-lashes-value")).toHaveText(n(tabriz.effective.lashes));
    expect(tabriz.cases).toBeLessThan(all.cases);
    const court = await openTable(page, "lashes-by-court");
    await expect(court.getByTestId("chart-table-total")).toContainText(n(tabriz.effective.lashes));

    await page.getByTestId("basis-toggle").getByRole("link", { name: "First instance" }).click();
    await expect(page).toHaveURL(/sentence=firstInstance/);
    await expect(page).toHaveURL(/city=Tabriz/);
    await expect(page.getByTestId("total-prison-value")).toHaveText(years(tabriz.firstInstance.prisonDays));
    await expect(page.getByTestId("chart-lashes-by-court").getByRole("heading")).toHaveText(/\(first-instance sentence\)/);
  });

  test("clicking a bar opens the case table filtered to exactly its cases", async ({ page }) => {
    const [top] = [...all.effective.byCourt.entries()].sort((a, b) => b[1].lashes - a[1].lashes);
    const [courtName] = JSON.parse(top?.[0] ?? "[]") as [string];
    const courtId = await withTestDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM courts WHERE name = $1", [courtName])).rows[0]?.id);
    // The longest bar is the first one (rows are sorted by lashes).
    await page.getByTestId("chart-lashes-by-court").locator(".recharts-bar-rectangle").first().click();
    await page.waitForURL(/\/cases\?/);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({ sentence: "effective", lashesMin: "1", sentenceCourt: courtId, sentenceBranch: "none" });
    await expect(page.getByTestId("cases-total")).toContainText(`${top?.[1].cases} cases`);
  });

  test("downloads the chart as PNG and its numbers as CSV", async ({ page }) => {
    const card = page.getByTestId("chart-lashes-by-court");
    await expect(card.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();

    const [png] = await Promise.all([page.waitForEvent("download"), card.getByTestId("download-png").click()]);
    expect(png.suggestedFilename()).toBe("lashes-by-court-effective.png");
    const image = readFileSync(await png.path());
    expect(image.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a"); // PNG signature
    const width = image.readUInt32BE(16);
    const height = image.readUInt32BE(20);
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(200);

    const [csv] = await Promise.all([page.waitForEvent("download"), card.getByTestId("download-csv").click()]);
    expect(csv.suggestedFilename()).toBe("lashes-by-court-effective.csv");
    const lines = readFileSync(await csv.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Court and branch,Lashes,Cases");
    expect(lines.at(-1)).toBe(`Total,${all.effective.lashes},${all.effective.lashesSentenced.cases}`);
    // Labels hold commas (quoted), numbers do not: the lashes are the second field from the end.
    expect(lines.slice(1, -1).reduce((sum, line) => sum + Number(line.split(",").at(-2)), 0)).toBe(all.effective.lashes);
    expect(lines).toContain(`"Ardabil city court, branch not recorded",814,11`);
  });

  test("is readable on a phone: no sideways scrolling, charts drawn", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("chart-lashes-by-court").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("shows an empty state when the filters match nothing", async ({ page }) => {
    await page.goto("/dashboard?arrestFrom=1990-01-01&arrestTo=1990-12-31");
    await expect(page.getByTestId("total-cases-value")).toHaveText("0");
    for (const id of CHARTS) await expect(page.getByTestId(`chart-${id}`).getByTestId("chart-empty"), id).toBeVisible();
  });
});

test("GET /api/stats names an invalid filter (400) and needs a session (401)", async ({ page }) => {
  const anonymous = await page.request.get("/api/stats?arrestFrom=2020-13-01");
  expect(anonymous.status()).toBe(401);
  await signIn(page, "VIEWER");
  const bad = await page.request.get("/api/stats?arrestFrom=2020-13-01");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).field).toBe("arrestFrom");
  const good = await page.request.get("/api/stats?city=Tabriz");
  expect(good.status()).toBe(200);
  const body = await good.json();
  expect([body.cases, body.lashes.effective, body.lashes.firstInstance]).toEqual([tabriz.cases, tabriz.effective.lashes, tabriz.firstInstance.lashes]);
});

test("the public page needs no session, is off until an administrator switches it on, and names no one", async ({ page, browser }) => {
  const anonymous = await browser.newContext();
  try {
    expect((await anonymous.request.get("/stats")).status()).toBe(404);
    expect((await anonymous.request.get("/api/public/stats")).status()).toBe(404);

    await signIn(page, "ADMIN");
    await page.goto("/admin/settings");
    await page.getByLabel("On: published").check();
    // The settings page has one form per setting, each with its Save button.
    await page.getByTestId("public-save").click();
    await expect(page.getByTestId("settings-result")).toHaveText("Saved.");
    await expect(page.getByTestId("public-status")).toHaveText("The public page is on.");

    const visitor = await anonymous.newPage();
    const response = await visitor.goto("/stats");
    expect(response?.status()).toBe(200);
    expect(new URL(visitor.url()).pathname).toBe("/stats"); // not redirected to /login
    await expect(visitor.getByTestId("total-lashes-value")).toHaveText(n(all.effective.lashes));
    await expect(visitor.getByTestId("chart-lashes-by-court").locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
    // The HTML as served (with the page's data payload), and the DOM after the charts drew.
    const html = (await (await anonymous.request.get("/stats")).text()) + (await visitor.content());
    const json = await (await anonymous.request.get("/api/public/stats")).text();
    for (const name of demoNames()) {
      expect(html.includes(name), name).toBe(false);
      expect(json.includes(name), name).toBe(false);
    }
  } finally {
    await page.goto("/admin/settings");
    await page.getByLabel("Off: not published").check();
    await page.getByTestId("public-save").click();
    await expect(page.getByTestId("public-status")).toHaveText("The public page is off.");
    expect((await anonymous.request.get("/stats")).status()).toBe(404);
    await anonymous.close();
  }
});
