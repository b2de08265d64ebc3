// An advocate records a new detainee from a news item, end to end, through the UI alone:
// person with a Perso-Arabic alias, case at an existing incident, arrest, detention at a new
// facility, bail in tomans, sentence with two charges, appeal reducing the term, release
// with an electronic tag; the status after each step; the History; a concurrent save that
// gets the conflict message; and a VIEWER who sees the result without edit controls.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

const suffix = Date.now().toString(36);
const NAME = `Aydin Recorded ${suffix}`;
const ALIAS = "آیدین ثبت";
const FACILITY = `Ardabil prison section ${suffix}`;
let caseUrl = "";

async function quickUpdate(page: Page, label: string) {
  await page.goto(caseUrl);
  await page.getByRole("link", { name: label, exact: true }).click();
  await expect(page.getByTestId("event-form")).toHaveAttribute("data-ready", "true");
}

async function setDate(page: Page, precision: "Exact day" | "Month only", value: string) {
  await page.getByLabel("Date precision").selectOption({ label: precision });
  await page.locator("#event-date").fill(value);
}

async function pickSource(page: Page) {
  await page.getByRole("group", { name: "Sources" }).getByRole("checkbox").first().check();
}

async function saveAndExpectStatus(page: Page, status: RegExp) {
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByTestId("case-status")).toContainText(status);
}

test.describe.configure({ mode: "serial" });

test("an advocate records a new detainee end to end", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "EDITOR");

  // The person, with an alias in Perso-Arabic script (its script is recognised as typed).
  await page.getByTestId("new-person-link").click();
  await expect(page.getByTestId("person-form")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Name (Latin script)").fill(NAME);
  await page.getByRole("button", { name: "Add a spelling" }).click();
  await page.getByLabel("Alias 1", { exact: true }).fill(ALIAS);
  await expect(page.getByLabel("Script of alias 1")).toHaveValue("PERSO_ARABIC");
  await page.getByLabel("Gender").selectOption({ label: "Male" });
  await page.getByLabel("Home city").fill("Ardabil");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("person-name")).toHaveText(NAME);
  await expect(page.getByRole("region", { name: "Details" })).toContainText(ALIAS);

  // The case, at an existing incident.
  await page.getByRole("link", { name: "New case" }).click();
  await expect(page.getByTestId("case-form")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Incident").selectOption({ label: "Demonstration in Jiral Park, Ardabil" });
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(/\/cases\/(?!new)[^/?]+$/);
  caseUrl = page.url();
  await expect(page.getByTestId("case-status")).toContainText(/status unknown/i);

  // A form error names the field and keeps the input: a future date.
  await quickUpdate(page, "Arrested");
  await setDate(page, "Exact day", "2999-09-29");
  await page.getByLabel("City").fill("Ardabil");
  await page.getByTestId("save").click();
  await expect(page.locator("#event-date-error")).toContainText(/future/);
  await expect(page.locator("#event-date")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#event-sources-error")).toContainText(/at least one source/);
  await expect(page.getByLabel("City")).toHaveValue("Ardabil");

  await setDate(page, "Exact day", "2020-09-29");
  await page.getByLabel("Circumstance").selectOption("AT_PROTEST");
  await pickSource(page);
  await saveAndExpectStatus(page, /detained/i);

  await quickUpdate(page, "Detained at a facility");
  await setDate(page, "Exact day", "2020-10-01");
  await page.getByLabel("Facility").fill(FACILITY);
  await page.getByLabel("Solitary confinement").check();
  await pickSource(page);
  await saveAndExpectStatus(page, /detained/i);
  await expect(page.getByTestId("case-section")).toContainText(FACILITY);

  await quickUpdate(page, "Released on bail");
  await setDate(page, "Month only", "2020-11");
  await page.getByLabel("Amount").fill("50,000,000");
  await page.getByLabel("Currency").selectOption("IRT");
  await pickSource(page);
  await saveAndExpectStatus(page, /released on bail/i);
  await expect(page.getByTestId("timeline")).toContainText("500,000,000");

  await quickUpdate(page, "Sentenced");
  await setDate(page, "Exact day", "2021-01-10");
  await page.getByLabel("Court", { exact: true }).fill("Revolutionary Court of Ardabil");
  await page.getByLabel("Branch").fill("Branch 1");
  await page.getByLabel("Prison years").fill("2");
  await page.getByLabel("Lashes").fill("60");
  await page.getByRole("button", { name: "Add a charge" }).click();
  await page.getByLabel("Charge 1 as quoted").fill("propaganda against the state");
  await page.getByLabel("Article of charge 1").fill("Article 500");
  await page.getByRole("button", { name: "Add a charge" }).click();
  await page.getByLabel("Charge 2 as quoted").fill("disturbing public order");
  await pickSource(page);
  await saveAndExpectStatus(page, /sentenced/i);
  await expect(page.getByTestId("timeline")).toContainText("Article 500");
  await expect(page.getByTestId("timeline")).toContainText("disturbing public order");

  await quickUpdate(page, "Appeal");
  await setDate(page, "Month only", "2021-03");
  await page.getByLabel("Outcome of the appeal").selectOption("REDUCED");
  await page.getByLabel("Prison years").fill("1");
  await page.getByLabel("Lashes").fill("60");
  await pickSource(page);
  await saveAndExpectStatus(page, /sentenced/i);

  await quickUpdate(page, "Released");
  await setDate(page, "Exact day", "2021-06-19");
  await page.getByLabel("Kind of release").selectOption("ELECTRONIC_MONITORING");
  await pickSource(page);
  await saveAndExpectStatus(page, /conditionally released/i);
  await expect(page.getByTestId("case-status")).toContainText("19 Jun 2021");

  // Timeline in date order, and the History lists each step by this user.
  await expect(page.getByTestId("timeline-event")).toHaveCount(6);
  const history = page.getByTestId("history-entry");
  await expect(history).toHaveCount(7);
  for (const entry of await history.all()) await expect(entry).toContainText("Demo Editor");
  await expect(page.getByTestId("history")).toContainText("added an event: Release");
  await expect(page.getByTestId("history")).toContainText("created the case");
});

test("a second editor saving the same case gets the conflict message; the first save survives", async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, "EDITOR");
  await signIn(b, "ADMIN");
  await a.goto(`${caseUrl}/edit`);
  await b.goto(`${caseUrl}/edit`);
  await expect(a.getByTestId("case-form")).toHaveAttribute("data-ready", "true");
  await expect(b.getByTestId("case-form")).toHaveAttribute("data-ready", "true");

  await a.getByLabel("Summary").fill("Arrested at the Jiral Park rally (first save)");
  await a.getByTestId("save").click();
  await expect(a).toHaveURL(caseUrl);

  await b.getByLabel("Summary").fill("My own summary (second save)");
  await b.getByTestId("save").click();
  const conflict = b.getByTestId("conflict-message");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("Demo Editor");
  await expect(conflict).toContainText("Summary");
  await expect(b.getByTestId("conflict-values")).toContainText("Arrested at the Jiral Park rally (first save)");
  await expect(b.getByLabel("Summary")).toHaveValue("My own summary (second save)");

  await b.goto(caseUrl);
  await expect(b.getByTestId("case-section")).toContainText("(first save)");
  await expect(b.getByTestId("case-section")).not.toContainText("second save");
  await first.close();
  await second.close();
});

test("a VIEWER sees the result and no edit controls", async ({ page }) => {
  await signIn(page, "VIEWER");
  await expect(page.getByTestId("new-person-link")).toHaveCount(0);
  await page.goto(caseUrl);
  await expect(page.getByTestId("case-status")).toContainText(/conditionally released/i);
  await expect(page.getByTestId("timeline-event")).toHaveCount(6);
  await expect(page.getByTestId("edit-controls")).toHaveCount(0);
  await expect(page.getByRole("link", { name: /edit/i })).toHaveCount(0);
  await expect(page.getByTestId("history-entry")).toHaveCount(8);
  // The edit page sends a viewer back to the read-only case page.
  await page.goto(`${caseUrl}/edit`);
  await expect(page).toHaveURL(caseUrl);
});

test("an undated event goes last; the advocate moves it into place with the keyboard and the status follows", async ({ page }) => {
  await signIn(page, "EDITOR");
  // Learnt afterwards, without a date: a transfer to another facility. Undated, it goes last,
  // after the release, so the case reads as imprisoned (held after the sentence) until it is
  // put in its place.
  await quickUpdate(page, "Detained at a facility");
  await page.getByLabel("Date precision").selectOption({ label: "Date unknown" });
  await page.getByLabel("Facility").fill(`Transfer facility ${suffix}`);
  await pickSource(page);
  await saveAndExpectStatus(page, /imprisoned/i);
  const order = page.getByTestId("event-order-item");
  await expect(order).toHaveCount(7);
  await expect(order.last()).toContainText("Edit event 7: Detention");
  await expect(page.getByRole("button", { name: "Move later: event 7, Detention" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Move earlier: event 1, Arrest" })).toBeDisabled();

  const earlier = page.getByRole("button", { name: "Move earlier: event 7, Detention" });
  await earlier.focus();
  await page.keyboard.press("Enter");
  await expect(order.nth(5)).toContainText("Edit event 6: Detention");
  await expect(order.last()).toContainText("Edit event 7: Release");
  await expect(page.getByTestId("case-status")).toContainText(/conditionally released/i);
  await expect(page.getByTestId("timeline-event").nth(5)).toContainText("Detention");
  await expect(page.getByTestId("history")).toContainText("moved an event in the timeline");
});

test("a filter narrows the list of sources by title or publisher; ticked sources stay in view", async ({ page }) => {
  await signIn(page, "EDITOR");
  await quickUpdate(page, "Charged");
  const group = page.getByRole("group", { name: "Sources" });
  const boxes = group.getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThan(8);
  const status = page.getByTestId("event-sources-status");
  await expect(status).toHaveText(`${total} sources shown of ${total}, 0 ticked`);

  await group.getByRole("checkbox", { name: /Interview with national activist Vugar Nemat/ }).check();
  const filter = page.getByLabel("Narrow the list of sources");
  // Any case, and the publisher counts: "AMNESTY" finds the statements Amnesty International published or is named in.
  await filter.fill("AMNESTY");
  const items = group.locator("label:has(input[type=checkbox])");
  const shown = await items.allInnerTexts();
  expect(shown.length).toBeGreaterThan(1);
  expect(shown.length).toBeLessThan(total);
  for (const label of shown) expect(label, label).toMatch(/amnesty|vugar nemat/i);
  await expect(group.getByRole("checkbox", { name: /Vugar Nemat/ })).toBeChecked();
  await expect(status).toHaveText(`${shown.length} sources shown of ${total}, 1 ticked`);

  await filter.fill("no such source anywhere");
  await expect(items).toHaveCount(1);
  await filter.fill("");
  await expect(boxes).toHaveCount(total);
  await expect(group.getByRole("checkbox", { name: /Vugar Nemat/ })).toBeChecked();
});
