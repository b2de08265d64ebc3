// The ADMIN audit page in Chromium: the chain is verified at the top, the trail filters by
// action and by user through the URL, and no other role can open the page.
import { expect, test } from "@playwright/test";
import { signIn, withTestDatabase } from "./fixtures";

test("an ADMIN sees the chain intact and filters the trail by action and by user", async ({ page }) => {
  await signIn(page, "ADMIN");
  const adminId = await withTestDatabase(async (db) => (await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'admin@demo.local'")).rows[0]!.id);
  const entries = await withTestDatabase(async (db) => Number((await db.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_entries")).rows[0]!.n));

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();

  const chain = page.getByTestId("chain-status");
  await expect(chain).toHaveAttribute("data-state", "ok", { timeout: 20_000 });
  await expect(chain.getByText("Intact")).toBeVisible();
  // Entries may be added meanwhile (sign-ins): at least those counted before loading.
  const summary = await page.getByTestId("chain-summary").textContent();
  const verified = Number(/All ([\d,]+) entries verified/.exec(summary ?? "")?.[1]?.replace(/,/g, ""));
  expect(verified).toBeGreaterThanOrEqual(entries);
  await expect(page.getByTestId("chain-head")).toHaveText(/^[0-9a-f]{64}$/);
  // The server signs a checkpoint outside the database soon after it starts and whenever the
  // trail grew; the page compares the trail with the newest one.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("chain-checkpoint").getAttribute("data-state", { timeout: 20_000 });
      },
      { timeout: 30_000, intervals: [1000] },
    )
    .toBe("ok");
  await expect(page.getByTestId("chain-checkpoint")).toContainText(/Matches the newest signed checkpoint \(.+ UTC\): [\d,]+ entries up to entry #\d+/);

  const table = page.getByRole("table", { name: /Audit entries 1–\d+ of \d+, newest first/ });
  await expect(table).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  // By action: the demo accounts were created by the system at the first start.
  await page.getByLabel("Action", { exact: true }).selectOption("user.create");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=user\.create(&|$)/);
  const created = page.getByTestId("audit-row");
  await expect(created).toHaveCount(3);
  for (const row of await created.all()) {
    await expect(row).toHaveAttribute("data-action", "user.create");
    await expect(row.getByTestId("audit-actor")).toHaveText("System");
  }
  await expect(
    page
      .getByRole("table", { name: /of 3, newest first/ })
      .getByText("Demo Viewer")
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("user.create");

  // By user (and action cleared): this ADMIN's own sign-ins.
  await page.getByLabel("Action", { exact: true }).selectOption("");
  await page.getByLabel("User", { exact: true }).selectOption({ label: "Demo Admin (admin@demo.local)" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]user=${adminId}(&|$)`));
  const mine = page.getByTestId("audit-row");
  await expect(mine.first()).toBeVisible();
  for (const row of await mine.all()) await expect(row).toHaveAttribute("data-actor", adminId);
  await expect(page.locator('[data-testid="audit-row"][data-action="auth.sign_in"]').first()).toBeVisible();

  // A filter nothing matches: an empty state, with a way back.
  await page.goto("/admin/audit?action=no.such_action");
  await expect(page.getByTestId("audit-empty")).toContainText("No entry matches these filters.");
  await page.getByRole("link", { name: "Show every entry" }).click();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  // Nothing that looks like a password hash ever reaches the page.
  expect(await page.content()).not.toContain("$argon2");
});

for (const role of ["VIEWER", "EDITOR"] as const) {
  test(`a ${role} cannot open the audit page and has no link to it`, async ({ page }) => {
    await signIn(page, role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit trail" })).toHaveCount(0);
    const response = await page.goto("/admin/audit?action=user.create");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("audit-table")).toHaveCount(0);
    await expect(page.getByTestId("chain-status")).toHaveCount(0);
    // No entry reached the browser: the entries would name the other demo accounts.
    const html = await page.content();
    expect(html).not.toContain("admin@demo.local");
    expect(html).not.toContain(role === "VIEWER" ? "editor@demo.local" : "viewer@demo.local");
  });
}
