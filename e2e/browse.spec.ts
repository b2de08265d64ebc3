// Each role signs in and browses list → person → case on the demo data.
import { expect, test } from "@playwright/test";
import { ROLES, dataset, signIn } from "./fixtures";

for (const role of ROLES) {
  test.describe(`${role}`, () => {
    test("browses the people list, a person and a case", async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByTestId("current-user")).toContainText(role, { ignoreCase: true });
      await expect(page.getByTestId("people-table")).toBeVisible();
      await expect(page.getByText(`${dataset.people.length} people`)).toBeVisible();

      await page.goto("/people?pageSize=100");
      await expect(page.getByTestId("people-row")).toHaveCount(dataset.people.length);
      await page.getByRole("link", { name: "Salar Tahir Afshar", exact: true }).click();
      await expect(page.getByTestId("person-name")).toHaveText("Salar Tahir Afshar");
      const caseSection = page.getByTestId("case-section");
      await expect(caseSection).toHaveCount(1);
      await expect(page.getByTestId("case-status")).toContainText(/conditionally released/i);
      await expect(page.getByTestId("case-status")).toContainText("19 Jun 2021");
      await expect(caseSection.getByTestId("timeline-event")).toHaveCount(7);

      await caseSection
        .getByRole("link", { name: /open case|case page|view case/i })
        .first()
        .click();
      await expect(page).toHaveURL(/\/cases\//);
      await expect(page.getByTestId("timeline")).toBeVisible();
      await expect(page.getByTestId("timeline-event").first()).toContainText("22 Nov 2020");
    });

    test("sees stats that equal the demo dataset", async ({ page }) => {
      await signIn(page, role);
      const res = await page.request.get("/api/stats");
      expect(res.status()).toBe(200);
      const stats = await res.json();
      expect(stats.people).toBe(dataset.people.length);
      expect(stats.cases).toBe(dataset.cases.length);
      expect(stats.incidents).toBe(dataset.incidents.length);
      const statusTotal = Object.values(stats.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(statusTotal).toBe(dataset.cases.length);
    });
  });
}

test("a person with two cases shows both, with dates at their precision", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/people?pageSize=100");
  await page.getByRole("link", { name: "Abbas Lisani", exact: true }).click();
  await expect(page.getByTestId("case-section")).toHaveCount(2);
  const timeline = page.getByTestId("timeline").first();
  await expect(timeline).toContainText("Jun 2004");
  await expect(timeline).toContainText("22 Jul 2004");
});

test("an incident shows its reported count apart from the named people", async ({ page }) => {
  await signIn(page, "VIEWER");
  await page.goto("/incidents");
  await page.getByRole("link", { name: "Demonstration in Jiral Park, Ardabil" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demonstration in Jiral Park, Ardabil");
  // 20 reported by the sources; 7 named detainees in the demo data, never added together.
  await expect(page.getByTestId("incident-reported-count")).toContainText("20");
  const named = dataset.cases.filter((c) => c.incidentId === "inc-2020-09-29-ardabil-jiral-park");
  expect(named).toHaveLength(7);
  for (const c of named) {
    const person = dataset.people.find((p) => p.id === c.personId)!;
    await expect(page.getByRole("link", { name: person.name, exact: true })).toBeVisible();
  }
  await expect(page.getByText("27")).toHaveCount(0);
});
