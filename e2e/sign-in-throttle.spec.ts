// Sign-in throttling in the browser (issue 13, item 2): with no trusted proxy (TRUST_PROXY
// unset) a forged X-Forwarded-For does not change the address the tracker counts and
// records; an ADMIN sees a locked-out account's failed sign-ins on the Users page and clears
// them; the owner, signing in afterwards, is told how many attempts failed and can dismiss
// the notice.
import { expect, test, type Page } from "@playwright/test";
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword } from "../lib/auth/password";
import { signIn, withTestDatabase } from "./fixtures";

const PASSWORD = "a long passphrase for e2e tests";

async function createAccount(prefix: string): Promise<string> {
  const email = `${prefix}-${randomBytes(4).toString("hex")}@e2e.local`;
  const hash = await hashPassword(PASSWORD);
  await withTestDatabase((db) =>
    db.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, $3, 'EDITOR'::"Role", $4, now())`, [
      `e2e-${randomUUID()}`,
      email,
      `E2E throttle ${prefix}`,
      hash,
    ]),
  );
  return email;
}

async function submit(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password$/i).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
}

// Every attempt here comes from 127.0.0.1, which all specs share: its own counter (over every
// account) is put back as it was, so these failures never count against another spec.
let ipCounterBefore: { failures: number; locked_until: Date | null } | null = null;
test.beforeAll(async () => {
  ipCounterBefore = await withTestDatabase(
    async (db) => (await db.query(`SELECT failures, locked_until FROM sign_in_throttles WHERE key = 'ip:127.0.0.1'`)).rows[0] ?? null,
  );
});
test.afterAll(async () => {
  await withTestDatabase((db) =>
    ipCounterBefore
      ? db.query(`UPDATE sign_in_throttles SET failures = $1, locked_until = $2 WHERE key = 'ip:127.0.0.1'`, [
          ipCounterBefore.failures,
          ipCounterBefore.locked_until,
        ])
      : db.query(`DELETE FROM sign_in_throttles WHERE key = 'ip:127.0.0.1'`),
  );
});

test("a forged X-Forwarded-For changes neither the address counted nor the one recorded", async ({ browser }) => {
  const email = await createAccount("forged");
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.77" } });
  const page = await context.newPage();
  await submit(page, email, "a wrong guess entirely");
  await expect(page.getByTestId("login-error")).toBeVisible();
  await submit(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/people/);

  const recorded = await withTestDatabase(async (db) => ({
    sessions: (await db.query(`SELECT s.ip FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`, [email])).rows,
    forgedCounters: (await db.query(`SELECT key FROM sign_in_throttles WHERE key LIKE '%203.0.113.77%'`)).rows,
    failures: (
      await db.query(
        `SELECT after->>'ip' AS ip FROM audit_entries WHERE action = 'auth.sign_in_failed' AND entity_id = (SELECT id FROM users WHERE email = $1)`,
        [email],
      )
    ).rows,
  }));
  expect(recorded.sessions).toEqual([{ ip: "127.0.0.1" }]);
  expect(recorded.failures).toEqual([{ ip: "127.0.0.1" }]);
  // Nothing was counted under the forged address.
  expect(recorded.forgedCounters).toEqual([]);
  await context.close();
});

test("an ADMIN sees a locked-out account's failed sign-ins and clears them; the owner is then told how many there were", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = await createAccount("locked");
  const owner = await (await browser.newContext()).newPage();
  for (let i = 0; i < 5; i++) {
    await submit(owner, email, `a wrong guess number ${i}`);
    await expect(owner.getByTestId("login-error")).toHaveText(/wrong email or password/i);
  }
  // Paused for this address: even the right password is refused, with the same message.
  await submit(owner, email, PASSWORD);
  await expect(owner.getByTestId("login-error")).toHaveText(/wrong email or password/i);

  await signIn(page, "ADMIN");
  await page.goto("/admin/users");
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId("user-throttle")).toContainText("5 failed sign-ins counted");
  await expect(row.getByTestId("user-throttle")).toContainText("1 network paused");
  await row.getByTestId("user-action-clearThrottle").click();
  const dialog = page.getByTestId("user-action-dialog");
  await expect(dialog).toContainText("Clear the failed sign-ins of E2E throttle locked?");
  await expect(dialog.getByTestId("throttle-row").filter({ hasText: "127.0.0.1" })).toContainText("5");
  await dialog.getByTestId("user-action-confirm").click();
  await expect(row.getByTestId("user-action-done")).toHaveText("The failed sign-ins of E2E throttle locked were cleared.");
  await expect(row.getByTestId("user-throttle")).toHaveCount(0);
  await expect(row.getByTestId("user-action-clearThrottle")).toHaveCount(0);
  const audited = await withTestDatabase(
    async (db) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.throttle_cleared' AND entity_id = (SELECT id FROM users WHERE email = $1)`,
          [email],
        )
      ).rows[0],
  );
  expect(audited).toEqual({ n: 1 });

  // The owner gets in from the same address, and is told: 5 wrong passwords and 1 refused.
  await submit(owner, email, PASSWORD);
  await expect(owner).toHaveURL(/\/people/);
  const notice = owner.getByTestId("sign-in-notice");
  await expect(notice).toBeVisible();
  await expect(owner.getByTestId("sign-in-notice-count")).toHaveText("6 failed sign-in attempts before this first sign-in.");
  // On every page of the session, until dismissed.
  await owner.goto("/account/security");
  await expect(notice).toBeVisible();
  await owner.getByTestId("sign-in-notice-dismiss").click();
  await expect(notice).toHaveCount(0);
  await owner.reload();
  await expect(owner.getByTestId("totp-status")).toBeVisible();
  await expect(notice).toHaveCount(0);
});
