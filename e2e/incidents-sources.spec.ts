// Incidents and sources through the UI alone: an editor creates an incident with a reported
// number and edits it; a second context saving the stale version gets the conflict message;
// a confidential source never reaches a VIEWER's sources page; a VIEWER sees no controls.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const TITLE = `Gathering at Azadi Square ${suffix}`;
const SECRET = `Confidential testimony of a witness ${suffix}`;
const PUBLIC = `Public NGO statement ${suffix}`;
let incidentUrl = "";

test.describe.configure({ mode: "serial" });

test("an editor creates an incident with a reported count, then edits it", async ({ page }) => {
  await signIn(page, "EDITOR");
  await page.goto("/incidents");
  await page.getByTestId("new-incident-link").click();
  await expect(page).toHaveURL(/\/incidents\/new$/);
  const form = page.getByTestId("incident-form");
  await expect(form).toHaveAttribute("data-ready", "true");

  // A field error appears next to its field and the input is kept.
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Number reported detained").fill("-4");
  await page.getByTestId("save").click();
  await expect(page.locator("#incident-reported-error")).toContainText(/negative/);
  await expect(page.locator("#incident-reported")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(TITLE);

  await page.getByLabel("Date precision").selectOption({ label: "Exact day" });
  await page.locator("#incident-date").fill("2022-09-21");
  await page.getByLabel("Date as written").fill("30 Shahrivar 1401");
  await page.getByLabel("Country code").fill("ir");
  await page.getByLabel("Province").fill("Tehran");
  await page.getByLabel("City").fill("Tehran");
  await page.getByLabel("Number reported detained").fill("120");
  await page.getByLabel("Note on the reported number").fill("As reported by an NGO two days later");
  await page.getByRole("group", { name: "Sources" }).getByRole("checkbox").first().check();
  await page.screenshot({ path: "test-results/incident-form.png", fullPage: true });
  await page.getByTestId("save").click();

  await expect(page).toHaveURL(/\/incidents\/(?!new)[^/]+$/);
  incidentUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.locator("main")).toContainText("120");
  await expect(page.locator("main")).toContainText("As reported by an NGO two days later");
  await expect(page.locator("main")).toContainText("30 Shahrivar 1401");

  await page.getByTestId("edit-incident").click();
  await expect(page.getByTestId("incident-form")).toHaveAttribute("data-ready", "true");
  await expect(page.getByLabel("Number reported detained")).toHaveValue("120");
  await page.getByLabel("Number reported detained").fill("150");
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(incidentUrl);
  await expect(page.locator("main")).toContainText("150");

  // The History lists both changes by this user.
  const history = page.getByTestId("history-entry");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("Demo Editor");
  await expect(history.first()).toContainText("edited the incident");
  await expect(page.getByTestId("history")).toContainText("created the incident");
});

test("a second context saving the stale version gets the conflict message; the first save survives", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, "EDITOR");
  await signIn(b, "ADMIN");
  await a.goto(`${incidentUrl}/edit`);
  await b.goto(`${incidentUrl}/edit`);
  await expect(a.getByTestId("incident-form")).toHaveAttribute("data-ready", "true");
  await expect(b.getByTestId("incident-form")).toHaveAttribute("data-ready", "true");

  await a.getByLabel("Place").fill("Azadi Square (first save)");
  await a.getByTestId("save").click();
  await expect(a).toHaveURL(incidentUrl);

  await b.getByLabel("Place").fill("Enghelab Square (second save)");
  await b.getByTestId("save").click();
  const conflict = b.getByTestId("conflict-message");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Demo Editor");
  await expect(conflict).toContainText("Place");
  await expect(b.getByLabel("Place")).toHaveValue("Enghelab Square (second save)");

  await b.goto(incidentUrl);
  await expect(b.locator("main")).toContainText("(first save)");
  await expect(b.locator("main")).not.toContainText("second save");
  await first.close();
  await second.close();
});

test("an editor creates a confidential source that a VIEWER's sources page never contains", async ({ page, browser }) => {
  await signIn(page, "EDITOR");
  await page.getByRole("link", { name: "Sources", exact: true }).click();
  await expect(page).toHaveURL(/\/sources$/);

  for (const [title, confidential] of [
    [SECRET, true],
    [PUBLIC, false],
  ] as const) {
    await page.getByTestId("new-source-link").click();
    await expect(page.getByTestId("source-form")).toHaveAttribute("data-ready", "true");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Kind").selectOption({ label: confidential ? "Testimony" : "NGO statement" });
    await page.getByLabel("URL").fill("javascript:alert(1)");
    await page.getByTestId("save").click();
    await expect(page.locator("#source-url-error")).toContainText(/http/);
    await page.getByLabel("URL").fill("https://example.org/statement");
    await page.getByLabel("Date", { exact: true }).fill("2022-09");
    if (confidential) await page.getByLabel(/Confidential: editors/).check();
    await page.getByTestId("save").click();
    await expect(page).toHaveURL(/\/sources$/);
    await expect(page.getByTestId("sources-table")).toContainText(title);
  }
  await expect(page.getByRole("row", { name: new RegExp(SECRET) })).toContainText("Confidential");

  const viewer = await browser.newContext();
  const v = await viewer.newPage();
  await signIn(v, "VIEWER");
  const response = await v.goto("/sources");
  const html = await response!.text();
  expect(html).toContain(PUBLIC);
  expect(html).not.toContain(SECRET);
  await expect(v.getByTestId("sources-table")).toContainText(PUBLIC);
  await viewer.close();
});

test("a VIEWER sees no New, Edit or Delete controls, and the edit pages send them back", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/incidents");
  await expect(page.getByTestId("incidents-table")).toContainText(TITLE);
  await expect(page.getByTestId("new-incident-link")).toHaveCount(0);

  await page.goto(incidentUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(page.getByTestId("edit-controls")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /edit/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /delete/i })).toHaveCount(0);
  await expect(page.getByTestId("history-entry")).toHaveCount(3);

  await page.goto("/sources");
  await expect(page.getByTestId("new-source-link")).toHaveCount(0);
  await expect(page.getByTestId("edit-source")).toHaveCount(0);

  await page.goto(`${incidentUrl}/edit`);
  await expect(page).toHaveURL(incidentUrl);
  await page.goto("/incidents/new");
  await expect(page).toHaveURL(/\/incidents$/);
  await page.goto("/sources/new");
  await expect(page).toHaveURL(/\/sources$/);
});

test("an editor deletes the incident after confirming; it leaves the list", async ({ page }) => {
  await signIn(page, "EDITOR");
  await page.goto(incidentUrl);
  await page.getByTestId("delete-incident").click();
  const dialog = page.getByRole("dialog", { name: "Delete this incident?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId("delete-incident").click();
  await page.getByTestId("confirm-delete").click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId("incidents-table")).not.toContainText(TITLE);
});
