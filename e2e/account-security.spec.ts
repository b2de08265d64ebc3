// Sign-in security in the browser, with accounts of its own (the demo accounts are left as
// they are): two-factor set-up from the page's manual key, sign-in with a code computed by
// the same library an authenticator app implements, the secret absent from every response
// of the sign-in flow, a replayed code refused, "sign out everywhere" from a second browser
// ending the first one's session, and the ADMIN requirement sending an EDITOR without
// two-factor sign-in to set it up before anything else.
import { expect, test, type Browser, type Page, type Response } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { generateSync } from "otplib";
import { hashPassword } from "../lib/auth/password";
import { withTestDatabase } from "./fixtures";

const PASSWORD = "a long passphrase for e2e tests";

async function createAccount(role: "EDITOR" | "ADMIN" | "VIEWER", prefix: string): Promise<string> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@e2e.local`;
  const hash = await hashPassword(PASSWORD);
  await withTestDatabase((db) =>
    db.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, $4::"Role", $5, now())`, [
      `e2e-${randomUUID()}`,
      email,
      `E2E ${role.toLowerCase()} ${prefix}`,
      role,
      hash,
    ]),
  );
  return email;
}

async function submitPassword(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password$/i).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
}

/** The code an authenticator shows `offsetSteps` 30-second steps from now. */
const codeFor = (secret: string, offsetSteps = 0) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Every response body the page receives (text), for checks on what left the server. */
function recordBodies(page: Page): { bodies: { url: string; body: string }[]; done: () => Promise<void> } {
  const bodies: { url: string; body: string }[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (response: Response) => {
    pending.push(
      response
        .body()
        .then((buffer) => void bodies.push({ url: response.url(), body: buffer.toString("utf8") }))
        .catch(() => undefined), // redirects have no body
    );
  };
  page.on("response", onResponse);
  return {
    bodies,
    done: async () => {
      page.off("response", onResponse);
      await Promise.all(pending);
    },
  };
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("two-factor set-up, then sign-in with a code; the secret is in no response of the sign-in flow; a replayed code is refused", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = await createAccount("EDITOR", "totp");
  await submitPassword(page, email);
  await expect(page).toHaveURL(/\/people/);

  await page.getByTestId("security-link").click();
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByTestId("totp-status")).toContainText(/off/i);
  await page.getByTestId("totp-start").click();
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  const secret = (await page.getByTestId("totp-manual-key").innerText()).replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A wrong code first: refused with a message, nothing turned on.
  const wrong = ["000000", "111111"].find((c) => c !== codeFor(secret, 0) && c !== codeFor(secret, -1) && c !== codeFor(secret, 1))!;
  await page.getByLabel("6-digit code").fill(wrong);
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("security-error")).toContainText(/does not match/i);

  await page.getByLabel("6-digit code").fill(codeFor(secret));
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await page.getByTestId("recovery-done").click();
  await expect(page.getByTestId("totp-status")).toContainText(/on since/i);
  await expect(page.getByTestId("recovery-left")).toContainText("10 recovery codes left");
  await expect(page.getByTestId("totp-manual-key")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  const row = await withTestDatabase(
    async (db) => (await db.query(`SELECT totp_secret_enc FROM users WHERE email = $1`, [email])).rows[0] as { totp_secret_enc: string },
  );
  expect(row.totp_secret_enc).not.toContain(secret);

  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);

  // Sign in again in a fresh browser, recording every response body.
  const other = await newPage(browser);
  const recorder = recordBodies(other);
  await submitPassword(other, email);
  await expect(other.getByTestId("login-code-step")).toBeVisible();
  await expect(other).toHaveURL(/\/login/);
  // The step that confirmed set-up is spent: the next step's code (within the window) signs in.
  const code = codeFor(secret, 1);
  await other.getByLabel("Authentication code").fill(code);
  await other.getByRole("button", { name: /verify/i }).click();
  await expect(other).toHaveURL(/\/people/);
  await other.goto("/account/security");
  await expect(other.getByTestId("totp-status")).toContainText(/on since/i);
  await recorder.done();
  expect(recorder.bodies.length).toBeGreaterThan(5);
  const grouped = secret.match(/.{4}/g)!.join(" ");
  for (const { url, body } of recorder.bodies) {
    expect(body, url).not.toContain(secret);
    expect(body, url).not.toContain(grouped);
    expect(body, url).not.toContain(row.totp_secret_enc);
  }

  // The same code again, in a third browser: a replay, refused.
  const third = await newPage(browser);
  await submitPassword(third, email);
  await expect(third.getByTestId("login-code-step")).toBeVisible();
  await third.getByLabel("Authentication code").fill(code);
  await third.getByRole("button", { name: /verify/i }).click();
  await expect(third.getByTestId("login-error")).toContainText(/not valid|already used/i);
  await expect(third).toHaveURL(/\/login/);
  expect((await third.request.get("/api/stats")).status()).toBe(401);

  // Turning it off needs the password, and asks first.
  await other.getByLabel("Your password").last().fill(PASSWORD);
  await other.getByTestId("totp-disable").click();
  await other.getByTestId("totp-disable-confirm").click();
  await expect(other.getByTestId("totp-status")).toContainText(/off/i);
});

test("sign out everywhere from a second browser ends the first browser's session", async ({ page, browser }) => {
  const email = await createAccount("VIEWER", "everywhere");
  await submitPassword(page, email);
  await expect(page).toHaveURL(/\/people/);
  expect((await page.request.get("/api/stats")).status()).toBe(200);

  const second = await newPage(browser);
  await submitPassword(second, email);
  await expect(second).toHaveURL(/\/people/);
  await second.goto("/account/security");
  await expect(second.getByTestId("session-row")).toHaveCount(2);
  await expect(second.locator('[data-testid="session-row"][data-current="true"]')).toHaveCount(1);
  await second.getByTestId("sign-out-everywhere").click();
  await second.getByTestId("sign-out-everywhere-confirm").click();
  await expect(second).toHaveURL(/\/login/);

  // The first browser still holds its cookie, but its session has ended.
  expect((await page.request.get("/api/stats")).status()).toBe(401);
  await page.goto("/people");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
});

test("signing out one other session from the list ends only that one", async ({ page, browser }) => {
  const email = await createAccount("VIEWER", "one");
  await submitPassword(page, email);
  await expect(page).toHaveURL(/\/people/);
  const second = await newPage(browser);
  await submitPassword(second, email);
  await expect(second).toHaveURL(/\/people/);
  await second.goto("/account/security");
  await second.locator('[data-testid="session-row"]:not([data-current])').getByTestId("session-revoke").click();
  await expect(second.getByTestId("session-row")).toHaveCount(1);
  expect((await page.request.get("/api/stats")).status()).toBe(401);
  expect((await second.request.get("/api/stats")).status()).toBe(200);
});

test("when an ADMIN requires two-factor sign-in, an EDITOR without it can open only the set-up page", async ({ page }) => {
  const email = await createAccount("EDITOR", "required");
  const setRequired = (enabled: boolean) =>
    withTestDatabase((db) =>
      db.query(
        `INSERT INTO app_settings (key, value, updated_at) VALUES ('requireTwoFactor', $1::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [JSON.stringify({ enabled })],
      ),
    );
  await setRequired(true);
  try {
    await submitPassword(page, email);
    await expect(page).toHaveURL(/\/account\/security/);
    await expect(page.getByTestId("enrolment-required")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await page.goto("/people");
    await expect(page).toHaveURL(/\/account\/security/);
    expect((await page.request.get("/api/stats")).status()).toBe(401);
    expect((await page.request.get("/api/cases")).status()).toBe(401);

    // Setting it up opens everything.
    await page.getByTestId("totp-start").click();
    const secret = (await page.getByTestId("totp-manual-key").innerText()).replace(/\s+/g, "");
    await page.getByLabel("6-digit code").fill(codeFor(secret));
    await page.getByTestId("totp-confirm").click();
    await page.getByTestId("recovery-done").click();
    await expect(page.getByTestId("enrolment-required")).toHaveCount(0);
    await page.goto("/people");
    await expect(page).toHaveURL(/\/people/);
    expect((await page.request.get("/api/stats")).status()).toBe(200);
  } finally {
    await setRequired(false);
  }
});
