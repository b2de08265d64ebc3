// Account management in the browser, with fresh users only (the demo accounts keep their
// passwords and roles): an ADMIN invites someone, who sets a password through the one-time
// link in another browser and signs in; a role change and a disable sign them out on
// their next navigation; a temporary password must be changed first; a user changes their
// own password.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { signIn, withTestDatabase } from "./fixtures";

const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@e2e.local`;

async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password$/i).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
}

/** The ADMIN invites a user on /admin/users and gets the link or temporary password shown once. */
async function invite(admin: Page, name: string, email: string, role: "Viewer" | "Editor", method: "link" | "temporary"): Promise<string> {
  await admin.goto("/admin/users");
  const form = admin.getByTestId("invite-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByLabel(method === "link" ? /one-time link/i : /temporary password/i).check();
  await admin.getByTestId("invite-submit").click();
  const issued = admin.getByTestId("issued-credential");
  await expect(issued).toBeVisible();
  await expect(issued).toHaveAttribute("data-method", method === "link" ? "link" : "temporaryPassword");
  const value = admin.getByTestId("issued-credential-value");
  if (method === "link") await expect(value).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  return value.inputValue();
}

function userRow(admin: Page, email: string) {
  return admin.locator(`[data-testid="user-row"][data-email="${email}"]`);
}

/** Opens the per-user dialog for `action`, confirms it, and waits for the dialog to report. */
async function confirmUserAction(admin: Page, email: string, action: RegExp, prepare?: (dialog: Locator) => Promise<void>) {
  await admin.goto("/admin/users");
  await userRow(admin, email).getByRole("button", { name: action }).click();
  const dialog = admin.getByTestId("user-action-dialog");
  await expect(dialog).toBeVisible();
  if (prepare) await prepare(dialog);
  await dialog.getByTestId("user-action-confirm").click();
}

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("an ADMIN invites a user with a link; they set a password in another browser and sign in; the link then no longer works", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = uniqueEmail("invitee");
  await signIn(page, "ADMIN");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toBeVisible();
  const link = await invite(page, "Leyla Invited", email, "Viewer", "link");
  await page.goto("/admin/users");
  await expect(userRow(page, email).getByTestId("user-status")).toContainText("Link not used yet");
  await expect(userRow(page, email).getByTestId("user-role")).toHaveText("Viewer");

  const invitee = await newPage(browser);
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /set your password/i })).toBeVisible();
  await expect(invitee.getByLabel("Account")).toHaveValue(email);
  // The policy answers on the field, naming the reason.
  await invitee.getByTestId("new-password").fill("qwerty123456");
  await invitee.getByTestId("confirm-password").fill("qwerty123456");
  await invitee.getByTestId("accept-link-submit").click();
  await expect(invitee.getByText(/most commonly used passwords/)).toBeVisible();
  const password = "a lantern over the Aras river";
  await invitee.getByTestId("new-password").fill(password);
  await invitee.getByTestId("confirm-password").fill(password);
  await invitee.getByTestId("accept-link-submit").click();
  await expect(invitee.getByTestId("link-password-set")).toBeVisible();

  await signInAs(invitee, email, password);
  await expect(invitee).toHaveURL(/\/people/);
  await expect(invitee.getByTestId("current-user")).toContainText("Leyla Invited");

  const again = await newPage(browser);
  await again.goto(link);
  await expect(again.getByTestId("link-invalid")).toBeVisible();
  await expect(again.getByTestId("accept-link-form")).toHaveCount(0);
});

test("role change and disable: the user's open page is signed out on its next navigation", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("managed");
  await signIn(page, "ADMIN");
  const link = await invite(page, "Arash Managed", email, "Viewer", "link");
  const user = await newPage(browser);
  await user.goto(link);
  const password = "blue tiles of the Kabud mosque";
  await user.getByTestId("new-password").fill(password);
  await user.getByTestId("confirm-password").fill(password);
  await user.getByTestId("accept-link-submit").click();
  await expect(user.getByTestId("link-password-set")).toBeVisible();
  await signInAs(user, email, password);
  await expect(user).toHaveURL(/\/people/);
  await expect(user.getByTestId("current-user")).toContainText("Viewer");

  // Role change, after a confirmation dialog that can be cancelled.
  await page.goto("/admin/users");
  await userRow(page, email)
    .getByRole("button", { name: /change the role of arash managed/i })
    .click();
  await page.getByTestId("user-action-dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("user-action-dialog")).toHaveCount(0);
  await expect(userRow(page, email).getByTestId("user-role")).toHaveText("Viewer");
  await confirmUserAction(page, email, /change the role of/i, async (dialog) => {
    await dialog.getByLabel("New role").selectOption({ label: "Editor" });
  });
  await expect(userRow(page, email).getByTestId("user-action-done")).toContainText("Role changed");
  await expect(userRow(page, email).getByTestId("user-role")).toHaveText("Editor");

  await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cases" }).click();
  await expect(user).toHaveURL(/\/login/);
  await signInAs(user, email, password);
  await expect(user).toHaveURL(/\/people/);
  await expect(user.getByTestId("current-user")).toContainText("Editor");

  // Disable: the ADMIN's own row offers no Disable; the user's does, behind a confirmation.
  await page.goto("/admin/users");
  await expect(userRow(page, "admin@demo.local").getByTestId("user-action-disable")).toHaveCount(0);
  await confirmUserAction(page, email, /disable arash managed/i);
  await expect(userRow(page, email).getByTestId("user-status")).toContainText("Disabled");

  await user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(user).toHaveURL(/\/login/);
  await signInAs(user, email, password);
  await expect(user.getByTestId("login-error")).toBeVisible();
  await expect(user).toHaveURL(/\/login/);
});

test("a temporary password must be changed first; a user changes their own password", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("temporary");
  await signIn(page, "ADMIN");
  const temporary = await invite(page, "Sara Temporary", email, "Viewer", "temporary");
  expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  const user = await newPage(browser);
  await signInAs(user, email, temporary);
  await expect(user).toHaveURL(/\/change-password/);
  // Nothing else is available until the password is changed.
  await user.goto("/cases");
  await expect(user).toHaveURL(/\/change-password/);
  expect((await user.request.get("/api/stats")).status()).toBe(403);
  // Route handlers that read the session themselves refuse too, with the same answer: a
  // public-profile report (which a VIEWER may otherwise download), the import template, the
  // case table with a bad parameter, a dossier, an export, the whole-database export.
  const personId = ((await (await page.request.get("/api/cases?pageSize=1")).json()) as { rows: { person: { id: string } }[] }).rows[0]!.person.id;
  for (const res of [
    await user.request.get(`/api/people/${personId}/report.pdf?profile=public`),
    await user.request.get("/api/import/template.csv"),
    await user.request.get("/api/cases?pageSize=oops"),
    await user.request.post("/api/dossier?profile=public", { headers: { origin: new URL(user.url()).origin } }),
    await user.request.get("/api/export/cases.csv"),
    await user.request.get("/api/exchange/export"),
  ]) {
    expect(res.status(), res.url()).toBe(403);
    expect(res.headers()["content-type"], res.url()).toContain("application/json");
    expect(await res.json(), res.url()).toEqual({ error: "Change your temporary password first" });
  }

  const chosen = "saffron and rain in Zanjan";
  await user.getByTestId("current-password").fill(temporary);
  await user.getByTestId("new-password").fill(chosen);
  await user.getByTestId("confirm-password").fill(chosen);
  await user.getByTestId("change-password-submit").click();
  await expect(user.getByTestId("password-changed")).toBeVisible();
  await user.getByTestId("sign-in-again").click();
  await expect(user).toHaveURL(/\/login/);
  await signInAs(user, email, chosen);
  await expect(user).toHaveURL(/\/people/);

  // Later, from the header's Password link: the old password is required.
  await user.getByTestId("password-link").click();
  await expect(user).toHaveURL(/\/account\/password/);
  const next = "the second passphrase of Sara";
  await user.getByTestId("current-password").fill("not the current one");
  await user.getByTestId("new-password").fill(next);
  await user.getByTestId("confirm-password").fill(next);
  await user.getByTestId("change-password-submit").click();
  await expect(user.getByText("Current password is not correct")).toBeVisible();
  await user.getByTestId("current-password").fill(chosen);
  await user.getByTestId("change-password-submit").click();
  await expect(user.getByTestId("password-changed")).toBeVisible();
  // This session was signed out too: the next navigation lands on sign-in.
  await user.goto("/people");
  await expect(user).toHaveURL(/\/login/);
  await signInAs(user, email, chosen);
  await expect(user.getByTestId("login-error")).toBeVisible();
  await signInAs(user, email, next);
  await expect(user).toHaveURL(/\/people/);
});

test("with two-factor required for editors, a temporary password is changed first, then two-factor is set up", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("staff");
  await signIn(page, "ADMIN");
  const temporary = await invite(page, "Reza Staff", email, "Editor", "temporary");
  // The installation-wide switch, set directly and always restored: other specs sign in as
  // the demo ADMIN and EDITOR, who have no two-factor sign-in.
  const setRequired = (on: boolean) =>
    withTestDatabase((c) =>
      on
        ? c.query(
            `INSERT INTO app_settings (key, value, updated_at) VALUES ('requireTwoFactor', '{"enabled": true}', now()) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
          )
        : c.query(`DELETE FROM app_settings WHERE key = 'requireTwoFactor'`),
    );
  await setRequired(true);
  try {
    const user = await newPage(browser);
    await signInAs(user, email, temporary);
    await expect(user).toHaveURL(/\/change-password/);
    await user.goto("/account/security");
    await expect(user).toHaveURL(/\/change-password/);
    const chosen = "staff passphrase from Urmia";
    await user.getByTestId("current-password").fill(temporary);
    await user.getByTestId("new-password").fill(chosen);
    await user.getByTestId("confirm-password").fill(chosen);
    await user.getByTestId("change-password-submit").click();
    await expect(user.getByTestId("password-changed")).toBeVisible();
    await user.getByTestId("sign-in-again").click();
    await expect(user).toHaveURL(/\/login/);
    await signInAs(user, email, chosen);
    await expect(user).toHaveURL(/\/account\/security/);
  } finally {
    await setRequired(false);
  }
});

test("a VIEWER or EDITOR gets no Users link and the page refuses them", async ({ page }) => {
  test.setTimeout(60_000);
  for (const role of ["VIEWER", "EDITOR"] as const) {
    await page.context().clearCookies();
    await signIn(page, role);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    await page.goto("/admin/users");
    await expect(page.getByTestId("users-forbidden")).toBeVisible();
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  }
});
