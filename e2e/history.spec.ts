// A case's History pages: an editor records a case with two events and moves one of them 48
// times (51 changes); a VIEWER, in a browser without JavaScript, reads the newest 50, follows
// "Show older changes" to the case's creation and "Newer changes" back, by plain links.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures";

const NAME = `Paged History ${Date.now().toString(36)}`;
let caseUrl = "";

test.describe.configure({ mode: "serial" });

async function addUndatedEvent(page: Page, quick: string) {
  await page.goto(caseUrl);
  await page.getByRole("link", { name: quick, exact: true }).click();
  await expect(page.getByTestId("event-form")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Date precision").selectOption({ label: "Date unknown" });
  await page.getByRole("group", { name: "Sources" }).getByRole("checkbox").first().check();
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(caseUrl);
}

test("an editor's 51 changes to a case", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, "EDITOR");
  await page.getByTestId("new-person-link").click();
  await expect(page.getByTestId("person-form")).toHaveAttribute("data-ready", "true");
  await page.getByLabel("Name (Latin script)").fill(NAME);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("person-name")).toHaveText(NAME);
  await page.getByRole("link", { name: "New case" }).click();
  await expect(page.getByTestId("case-form")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("save").click();
  await expect(page).toHaveURL(/\/cases\/(?!new)[^/?]+$/);
  caseUrl = new URL(page.url()).pathname;
  await addUndatedEvent(page, "Arrested");
  await addUndatedEvent(page, "Charged");

  // The first event down one place, 48 times: the two swap each time.
  const first = page.getByTestId("event-order-item").first();
  for (let n = 0; n < 48; n++) {
    await expect(first).toContainText(n % 2 === 0 ? "Edit event 1: Arrest" : "Edit event 1: Charge");
    await first.getByTestId("move-later").click();
    await expect(first).toContainText(n % 2 === 0 ? "Edit event 1: Charge" : "Edit event 1: Arrest");
  }
  await expect(page.getByTestId("history-entry")).toHaveCount(50);
});

test("a VIEWER pages through them without JavaScript", async ({ page, browser }) => {
  await signIn(page, "VIEWER");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  try {
    await plain.goto(caseUrl);
    const entries = plain.getByTestId("history-entry");
    const pages = plain.getByRole("navigation", { name: "History pages" });
    await expect(entries).toHaveCount(50);
    await expect(entries.first()).toContainText("moved an event in the timeline");
    await expect(pages.getByRole("link", { name: "Newer changes" })).toHaveCount(0);

    await pages.getByRole("link", { name: "Show older changes" }).click();
    await expect(plain).toHaveURL(/[?]caseHistory=before-\d+#case-history-heading$/);
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText("created the case");
    await expect(pages.getByRole("link", { name: "Show older changes" })).toHaveCount(0);

    await pages.getByRole("link", { name: "Newer changes" }).click();
    await expect(plain).toHaveURL(new RegExp(`${caseUrl}#case-history-heading$`));
    await expect(entries).toHaveCount(50);
    await expect(entries.last()).not.toContainText("created the case");
  } finally {
    await context.close();
  }
});
