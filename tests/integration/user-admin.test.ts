// Account management on a real PostgreSQL: every ADMIN operation revokes the target's
// sessions at once and writes exactly one audit entry with no secret in it; VIEWER and
// EDITOR are refused and nothing changes; links work once and expire; the password policy
// holds on every path; the last active ADMIN survives even two concurrent demotions.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/action";
import { AuthRequiredError, ForbiddenError, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import {
  acceptLink,
  changeOwnPassword,
  changeUserRole,
  clearSignInThrottle,
  describeLink,
  disableUser,
  enableUser,
  InvalidLinkError,
  inviteUser,
  listUsers,
  resetUserPassword,
  resetUserTwoFactor,
  revokeUserSessions,
  type IssuedCredential,
} from "@/lib/data/user-admin";
import { signInWithPassword } from "@/lib/data/auth-sign-in";
import { actorForSession, verifyCredentials } from "@/lib/data/users";
import { ValidationError } from "@/lib/data/validation-error";
import { inviteUserInput } from "@/lib/validation/users";
import { createUser, unique } from "../support/factories";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
type TestUser = Awaited<ReturnType<typeof createUser>>;
const actors = {} as Record<Role, TestUser>;

const ARGON2ID_OWASP = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** JSON of database rows (audit ids and TOTP steps are BigInts). */
const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
});

/** Everything about a user row an operation could change, secrets included. */
async function fullRow(id: string) {
  return db().user.findUniqueOrThrow({
    where: { id },
    omit: { passwordHash: false, totpSecretEnc: false },
    include: { sessions: { orderBy: { id: "asc" } }, recoveryCodes: { orderBy: { id: "asc" } } },
  });
}

async function passwordHashOf(id: string) {
  return (await db().user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } })).passwordHash;
}

/** A user with an open session row, two-factor on and two recovery codes. */
async function targetUser(role: Role = "EDITOR", extra: { disabled?: boolean } = {}) {
  const user = await createUser(role);
  await db().user.update({
    where: { id: user.id },
    data: {
      totpSecretEnc: "v1:encrypted-secret-for-test",
      totpEnabledAt: new Date(),
      totpLastStep: 123n,
      disabledAt: extra.disabled ? new Date() : null,
      sessions: { create: { expiresAt: new Date(Date.now() + 3_600_000) } },
      recoveryCodes: { create: [{ codeHash: "hash-one" }, { codeHash: "hash-two" }] },
    },
  });
  return user;
}

async function auditEntriesSince(id: bigint) {
  return db().auditEntry.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}
async function lastAuditId(): Promise<bigint> {
  return (await db().auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
}

function secretsOf(c: IssuedCredential): string[] {
  return c.method === "link" ? [c.token, sha256(c.token)] : [c.temporaryPassword];
}

interface Operation {
  name: string;
  audit: string;
  targetRole?: Role;
  disabled?: boolean;
  run: (actor: Actor | null, target: TestUser) => Promise<unknown>;
}

const operations: Operation[] = [
  { name: "change role", audit: "user.role_change", run: (a, t) => changeUserRole(a, { userId: t.id, role: "VIEWER" }) },
  { name: "disable", audit: "user.disable", run: (a, t) => disableUser(a, { userId: t.id }) },
  { name: "enable", audit: "user.enable", disabled: true, run: (a, t) => enableUser(a, { userId: t.id }) },
  { name: "reset password (link)", audit: "user.password_reset", run: (a, t) => resetUserPassword(a, { userId: t.id, method: "link" }) },
  { name: "reset password (temporary)", audit: "user.password_reset", run: (a, t) => resetUserPassword(a, { userId: t.id, method: "temporaryPassword" }) },
  { name: "reset two-factor", audit: "user.totp_reset", run: (a, t) => resetUserTwoFactor(a, { userId: t.id }) },
  { name: "revoke sessions", audit: "user.sessions_revoke", run: (a, t) => revokeUserSessions(a, { userId: t.id }) },
];

describe.each(operations)("$name", (op) => {
  it("by an ADMIN: revokes the user's sessions at once and writes exactly one audit entry, with no secret", async () => {
    const target = await targetUser(op.targetRole, { disabled: op.disabled });
    const before = await fullRow(target.id);
    if (!op.disabled) expect((await actorForSession(target.id, target.sessionVersion))?.id).toBe(target.id);
    const mark = await lastAuditId();

    const result = await op.run(actors.ADMIN, target);

    expect(await actorForSession(target.id, target.sessionVersion)).toBeNull();
    const after = await fullRow(target.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.sessions.every((s) => s.revokedAt !== null)).toBe(true);
    const entries = await auditEntriesSince(mark);
    expect(entries.map((e) => [e.action, e.actorId, e.entityType, e.entityId])).toEqual([[op.audit, actors.ADMIN.id, "user", target.id]]);
    const audited = json(entries);
    for (const secret of [before.passwordHash, after.passwordHash, "v1:encrypted-secret-for-test", "hash-one", after.inviteTokenHash ?? "no-token-hash"]) {
      expect(audited).not.toContain(secret);
    }
    if (result && typeof result === "object" && "method" in result) {
      for (const secret of secretsOf(result as IssuedCredential)) expect(audited).not.toContain(secret);
    }
  });

  it.each(["VIEWER", "EDITOR"] as const)("by a %s: refused, the row and the audit trail unchanged", async (role) => {
    const target = await targetUser(op.targetRole, { disabled: op.disabled });
    const before = await fullRow(target.id);
    const mark = await lastAuditId();
    await expect(op.run(actors[role], target)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await fullRow(target.id)).toEqual(before);
    expect(await auditEntriesSince(mark)).toEqual([]);
  });

  it("without a session: refused", async () => {
    const target = await targetUser(op.targetRole, { disabled: op.disabled });
    const before = await fullRow(target.id);
    await expect(op.run(null, target)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(await fullRow(target.id)).toEqual(before);
  });
});

/** The flag every request's session check reads (checkSession): set, the account gets no actor until it changes its password. */
const mustChangePassword = async (id: string) =>
  (await db().user.findUniqueOrThrow({ where: { id }, select: { mustChangePassword: true } })).mustChangePassword;

describe("what each operation changes", () => {
  it("change role: the database role changes, and so does the role of a new session", async () => {
    const target = await createUser("VIEWER");
    expect(await changeUserRole(actors.ADMIN, { userId: target.id, role: "EDITOR" })).toEqual({ changed: true });
    expect((await actorForSession(target.id, target.sessionVersion + 1))?.role).toBe("EDITOR");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "user.role_change", entityId: target.id } });
    expect([entry.before, entry.after]).toEqual([{ role: "VIEWER" }, { role: "EDITOR" }]);
  });

  it("change role to the same role: nothing written, nothing revoked", async () => {
    const target = await createUser("EDITOR");
    const mark = await lastAuditId();
    expect(await changeUserRole(actors.ADMIN, { userId: target.id, role: "EDITOR" })).toEqual({ changed: false });
    expect(await actorForSession(target.id, target.sessionVersion)).not.toBeNull();
    expect(await auditEntriesSince(mark)).toEqual([]);
  });

  it("disable: the right password no longer signs in; enable: it does again", async () => {
    const target = await createUser("EDITOR");
    await disableUser(actors.ADMIN, { userId: target.id });
    expect(await verifyCredentials(target.email, target.password)).toBeNull();
    await expect(disableUser(actors.ADMIN, { userId: target.id })).rejects.toBeInstanceOf(ValidationError);
    await enableUser(actors.ADMIN, { userId: target.id });
    expect((await verifyCredentials(target.email, target.password))?.id).toBe(target.id);
  });

  it("an ADMIN cannot disable, reset or reset the two-factor of their own account", async () => {
    const admin = await createUser("ADMIN");
    const before = await fullRow(admin.id);
    await expect(disableUser(admin, { userId: admin.id })).rejects.toThrow(/cannot disable your own account/);
    await expect(resetUserPassword(admin, { userId: admin.id, method: "link" })).rejects.toBeInstanceOf(ValidationError);
    await expect(resetUserTwoFactor(admin, { userId: admin.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await fullRow(admin.id)).toEqual(before);
  });

  it("reset two-factor: secret, enrolment, last step and recovery codes are gone", async () => {
    const target = await targetUser();
    await resetUserTwoFactor(actors.ADMIN, { userId: target.id });
    const after = await fullRow(target.id);
    expect([after.totpSecretEnc, after.totpEnabledAt, after.totpLastStep, after.recoveryCodes]).toEqual([null, null, null, []]);
  });

  it("reset password with a link: the old password stops working at once; the link sets a new one", async () => {
    const target = await createUser("EDITOR");
    const issued = await resetUserPassword(actors.ADMIN, { userId: target.id, method: "link" });
    if (issued.method !== "link") throw new Error("expected a link");
    expect(await verifyCredentials(target.email, target.password)).toBeNull();
    expect((await describeLink(issued.token))?.firstPassword).toBe(true);
    await acceptLink({ token: issued.token, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" });
    expect((await verifyCredentials(target.email, "a brand new passphrase"))?.id).toBe(target.id);
  });

  it("reset password with a temporary password: it signs in, and must be changed before anything else", async () => {
    const target = await createUser("VIEWER");
    const issued = await resetUserPassword(actors.ADMIN, { userId: target.id, method: "temporaryPassword" });
    if (issued.method !== "temporaryPassword") throw new Error("expected a temporary password");
    expect(issued.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await verifyCredentials(target.email, target.password)).toBeNull();
    const signedIn = await verifyCredentials(target.email, issued.temporaryPassword);
    expect(signedIn?.id).toBe(target.id);
    expect(await mustChangePassword(signedIn!.id)).toBe(true);
    await changeOwnPassword(signedIn, {
      currentPassword: issued.temporaryPassword,
      newPassword: "my own long passphrase",
      confirmPassword: "my own long passphrase",
    });
    expect(await mustChangePassword(signedIn!.id)).toBe(false);
  });

  it("the user list shows role, status and two-factor, and no hash, token or secret", async () => {
    const target = await targetUser("EDITOR");
    const invited = await inviteUser(actors.ADMIN, { name: "Listed Invitee", email: `${unique("listed")}@test.local`, role: "VIEWER", method: "link" });
    const rows = await listUsers(actors.ADMIN);
    expect(rows.find((r) => r.id === target.id)).toMatchObject({ role: "EDITOR", status: "active", twoFactor: true });
    expect(rows.find((r) => r.id === invited.userId)).toMatchObject({ role: "VIEWER", status: "linkPending", twoFactor: false });
    const body = json(rows);
    expect(body).not.toMatch(/argon2|encrypted-secret|hash-one/);
    if (invited.credential.method === "link") expect(body).not.toContain(sha256(invited.credential.token));
    await expect(listUsers(actors.EDITOR)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listUsers(actors.VIEWER)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("invitations", () => {
  const invite = (method: "link" | "temporaryPassword", role: Role = "EDITOR") =>
    inviteUser(actors.ADMIN, { name: "Leyla Invited", email: `${unique("Invitee")}@Test.Local`, role, method });

  it("creates the user with an unusable password, a 7-day link and one audit entry; only the token's SHA-256 is stored", async () => {
    const mark = await lastAuditId();
    const invited = await invite("link");
    if (invited.credential.method !== "link") throw new Error("expected a link");
    const { token, expiresAt } = invited.credential;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await fullRow(invited.userId);
    expect(row.email).toBe(invited.email);
    expect(row.email).toBe(row.email.toLowerCase());
    expect(row.inviteTokenHash).toBe(sha256(token));
    expect(row.passwordHash).toMatch(ARGON2ID_OWASP);
    expect(row.mustChangePassword).toBe(false);
    const days = (expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const entries = await auditEntriesSince(mark);
    expect(entries.map((e) => e.action)).toEqual(["user.invite"]);
    expect(entries[0]?.after).toMatchObject({ email: invited.email, role: "EDITOR", method: "link" });
    expect(json(entries)).not.toContain(token);
    expect(json(entries)).not.toContain(sha256(token));
    // Before the link is used nothing signs in, not even an empty or guessed password.
    expect(await verifyCredentials(invited.email, "correct horse battery staple")).toBeNull();
  });

  it("the link works once: it sets an argon2id password, signs in, revokes older sessions, and is then void", async () => {
    const invited = await invite("link");
    if (invited.credential.method !== "link") throw new Error("expected a link");
    const { token } = invited.credential;
    expect(await describeLink(token)).toMatchObject({ email: invited.email, name: "Leyla Invited", firstPassword: true });
    const versionBefore = (await fullRow(invited.userId)).sessionVersion;
    const mark = await lastAuditId();

    const password = "Tabriz in the spring rain";
    await acceptLink({ token, newPassword: password, confirmPassword: password });

    const row = await fullRow(invited.userId);
    expect(row.passwordHash).toMatch(ARGON2ID_OWASP);
    expect([row.inviteTokenHash, row.inviteExpiresAt]).toEqual([null, null]);
    expect(row.passwordChangedAt).not.toBeNull();
    expect(await actorForSession(invited.userId, versionBefore)).toBeNull();
    expect((await verifyCredentials(invited.email, password))?.id).toBe(invited.userId);
    const entries = await auditEntriesSince(mark);
    expect(entries.filter((e) => e.action === "user.password_set").map((e) => [e.actorId, e.entityId])).toEqual([[invited.userId, invited.userId]]);

    expect(await describeLink(token)).toBeNull();
    await expect(acceptLink({ token, newPassword: "another password here", confirmPassword: "another password here" })).rejects.toBeInstanceOf(
      InvalidLinkError,
    );
    expect((await verifyCredentials(invited.email, password))?.id).toBe(invited.userId);
  });

  it("two concurrent uses of one link: exactly one sets the password", async () => {
    const invited = await invite("link");
    if (invited.credential.method !== "link") throw new Error("expected a link");
    const { token } = invited.credential;
    const results = await Promise.allSettled(
      ["first racing password", "second racing password"].map((p) => acceptLink({ token, newPassword: p, confirmPassword: p })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(InvalidLinkError)]);
  });

  it("an expired link does not work", async () => {
    const invited = await invite("link");
    if (invited.credential.method !== "link") throw new Error("expected a link");
    await db().user.update({ where: { id: invited.userId }, data: { inviteExpiresAt: new Date(Date.now() - 1000) } });
    expect(await describeLink(invited.credential.token)).toBeNull();
    const before = await fullRow(invited.userId);
    await expect(
      acceptLink({ token: invited.credential.token, newPassword: "too late for this one", confirmPassword: "too late for this one" }),
    ).rejects.toBeInstanceOf(InvalidLinkError);
    expect(await fullRow(invited.userId)).toEqual(before);
    expect((await listUsers(actors.ADMIN)).find((r) => r.id === invited.userId)?.status).toBe("linkExpired");
  });

  it("a disabled user's link does not work, and a new link replaces the old one", async () => {
    const invited = await invite("link");
    if (invited.credential.method !== "link") throw new Error("expected a link");
    const reset = await resetUserPassword(actors.ADMIN, { userId: invited.userId, method: "link" });
    if (reset.method !== "link") throw new Error("expected a link");
    expect(await describeLink(invited.credential.token)).toBeNull();
    expect(await describeLink(reset.token)).not.toBeNull();
    await disableUser(actors.ADMIN, { userId: invited.userId });
    expect(await describeLink(reset.token)).toBeNull();
    await expect(acceptLink({ token: reset.token, newPassword: "disabled but trying", confirmPassword: "disabled but trying" })).rejects.toBeInstanceOf(
      InvalidLinkError,
    );
  });

  it("a made-up or malformed token does not work", async () => {
    expect(await describeLink("A".repeat(43))).toBeNull();
    expect(await describeLink("../../etc/passwd")).toBeNull();
    await expect(acceptLink({ token: "A".repeat(43), newPassword: "whatever long enough", confirmPassword: "whatever long enough" })).rejects.toBeInstanceOf(
      InvalidLinkError,
    );
  });

  it("a temporary password signs in and must be changed first", async () => {
    const invited = await invite("temporaryPassword", "VIEWER");
    if (invited.credential.method !== "temporaryPassword") throw new Error("expected a temporary password");
    const row = await fullRow(invited.userId);
    expect(row.mustChangePassword).toBe(true);
    expect(row.inviteTokenHash).toBeNull();
    expect(row.passwordHash).toMatch(ARGON2ID_OWASP);
    const actor = await verifyCredentials(invited.email, invited.credential.temporaryPassword);
    expect(actor?.role).toBe("VIEWER");
    expect(await mustChangePassword(actor!.id)).toBe(true);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "user.invite", entityId: invited.userId } });
    expect(json(entry)).not.toContain(invited.credential.temporaryPassword);
  });

  it("refuses a second account with the same email (in any case), a bad email, an unknown role and extra keys", async () => {
    const email = `${unique("dup")}@test.local`;
    await inviteUser(actors.ADMIN, { name: "First", email, role: "VIEWER", method: "link" });
    await expect(inviteUser(actors.ADMIN, { name: "Second", email: email.toUpperCase(), role: "VIEWER", method: "link" })).rejects.toThrow(/already exists/);
    const bad = await runAction(
      actors.ADMIN,
      inviteUserInput,
      { name: "X", email: "not-an-email", role: "SUPERUSER", method: "link", passwordHash: "x" },
      (a, d) => inviteUser(a, d),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok && bad.error.kind === "validation") {
      expect(Object.keys(bad.error.fieldErrors).sort()).toEqual(["email", "passwordHash", "role"]);
    } else {
      throw new Error("expected a validation failure");
    }
  });

  it.each(["VIEWER", "EDITOR"] as const)("a %s cannot invite, and no user or audit entry is created", async (role) => {
    const email = `${unique("refused")}@test.local`;
    const mark = await lastAuditId();
    await expect(inviteUser(actors[role], { name: "Nobody", email, role: "ADMIN", method: "link" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().user.count({ where: { email } })).toBe(0);
    expect(await auditEntriesSince(mark)).toEqual([]);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, passes the policy, revokes every session and is audited once", async () => {
    const user = await createUser("VIEWER");
    await db().userSession.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const mark = await lastAuditId();
    const newPassword = "a quiet street in Ardabil";
    await changeOwnPassword(user, { currentPassword: user.password, newPassword, confirmPassword: newPassword });
    expect(await actorForSession(user.id, user.sessionVersion)).toBeNull();
    const row = await fullRow(user.id);
    expect(row.passwordHash).toMatch(ARGON2ID_OWASP);
    expect(row.sessions.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await verifyCredentials(user.email, user.password)).toBeNull();
    expect((await verifyCredentials(user.email, newPassword))?.id).toBe(user.id);
    const entries = await auditEntriesSince(mark);
    expect(entries.filter((e) => !e.action.startsWith("auth.")).map((e) => [e.action, e.actorId, e.entityId])).toEqual([
      ["user.password_change", user.id, user.id],
    ]);
    expect(json(entries)).not.toContain(newPassword);
  });

  it("a wrong current password changes nothing; the failure is audited", async () => {
    const user = await createUser("EDITOR");
    const before = await fullRow(user.id);
    const mark = await lastAuditId();
    await expect(
      changeOwnPassword(user, { currentPassword: "not my password at all", newPassword: "some new passphrase", confirmPassword: "some new passphrase" }),
    ).rejects.toThrow(/Current password is not correct/);
    expect(await fullRow(user.id)).toEqual(before);
    expect((await auditEntriesSince(mark)).map((e) => [e.action, e.entityId])).toEqual([["auth.password_confirm_failed", user.id]]);
  });

  it("guessing the current password is throttled like signing in: after five failures even the right one is refused", async () => {
    const user = await createUser("VIEWER");
    const hashBefore = await passwordHashOf(user.id);
    const attempt = (currentPassword: string) =>
      changeOwnPassword(user, { currentPassword, newPassword: "a fresh long passphrase", confirmPassword: "a fresh long passphrase" });
    for (let i = 0; i < 5; i++) await expect(attempt(`wrong guess number ${i}`)).rejects.toThrow(/not correct/);
    await expect(attempt(user.password)).rejects.toThrow(/not correct/);
    expect(await passwordHashOf(user.id)).toBe(hashBefore);
  });

  it("refuses a mismatched confirmation, the same password again, and a password equal to the email", async () => {
    const user = await createUser("EDITOR");
    const p = user.password;
    await expect(changeOwnPassword(user, { currentPassword: p, newPassword: "one new passphrase", confirmPassword: "another passphrase" })).rejects.toThrow(
      /not the same/,
    );
    await expect(changeOwnPassword(user, { currentPassword: p, newPassword: p, confirmPassword: p })).rejects.toThrow(/must differ/);
    await expect(changeOwnPassword(user, { currentPassword: p, newPassword: user.email, confirmPassword: user.email })).rejects.toThrow(
      /email address or your name/,
    );
    expect((await verifyCredentials(user.email, p))?.id).toBe(user.id);
  });

  it("refuses an unknown key (no mass assignment)", async () => {
    const user = await createUser("VIEWER");
    await expect(
      changeOwnPassword(user, { currentPassword: user.password, newPassword: "x new passphrase", confirmPassword: "x new passphrase", role: "ADMIN" }),
    ).rejects.toThrow();
    expect((await fullRow(user.id)).role).toBe("VIEWER");
  });
});

describe("password policy on the real paths", () => {
  const cases: [string, string, boolean][] = [
    ["11 characters", "abcdefghijk", false],
    ["12 characters", "kettle-moon7", true],
    ["64 characters", "the quiet river runs under the old stone bridge of Tabriz at dus", true],
    ["128 characters", "w".repeat(60) + "z".repeat(68), true],
    ["129 characters", "q".repeat(129), false],
    ["a common password", "qwerty123456", false],
    ["a common password in capitals", "QWERTY123456", false],
    ["a common password with digits added", "Password1234!", false],
  ];

  it.each(cases)("through changeOwnPassword: %s", async (_label, password, accepted) => {
    const user = await createUser("VIEWER");
    const run = changeOwnPassword(user, { currentPassword: user.password, newPassword: password, confirmPassword: password });
    if (accepted) {
      await run;
      expect(await passwordHashOf(user.id)).toMatch(ARGON2ID_OWASP);
      expect((await verifyCredentials(user.email, password))?.id).toBe(user.id);
    } else {
      await expect(run).rejects.toThrow(/at least 12|at most 128|commonly used/);
      expect((await verifyCredentials(user.email, user.password))?.id).toBe(user.id);
    }
  });

  it.each(cases)("through an invitation link: %s", async (_label, password, accepted) => {
    const invited = await inviteUser(actors.ADMIN, { name: "Policy Test", email: `${unique("policy")}@test.local`, role: "VIEWER", method: "link" });
    if (invited.credential.method !== "link") throw new Error("expected a link");
    const run = acceptLink({ token: invited.credential.token, newPassword: password, confirmPassword: password });
    if (accepted) {
      await run;
      expect(await passwordHashOf(invited.userId)).toMatch(ARGON2ID_OWASP);
    } else {
      await expect(run).rejects.toThrow(/at least 12|at most 128|commonly used/);
      expect(await describeLink(invited.credential.token)).not.toBeNull();
    }
  });

  it("the 64-character case is 64 characters long (and the others as named)", () => {
    expect(cases.map(([, p]) => p.length)).toEqual([11, 12, 64, 128, 129, 12, 12, 13]);
  });
});

// Last: these tests decide which ADMINs are active, so they run on their own set.
describe("the last active ADMIN", () => {
  async function onlyActiveAdmins(count: number): Promise<TestUser[]> {
    await db().user.updateMany({ where: { role: "ADMIN", disabledAt: null }, data: { disabledAt: new Date() } });
    const admins: TestUser[] = [];
    for (let i = 0; i < count; i++) admins.push(await createUser("ADMIN"));
    return admins;
  }
  const activeAdmins = () => db().user.count({ where: { role: "ADMIN", disabledAt: null } });

  afterAll(async () => {
    await db().user.updateMany({ where: { id: actors.ADMIN.id }, data: { disabledAt: null } });
  });

  it("cannot be demoted, even by themselves; nothing changes", async () => {
    const [admin] = await onlyActiveAdmins(1);
    if (!admin) throw new Error("no admin");
    const before = await fullRow(admin.id);
    await expect(changeUserRole(admin, { userId: admin.id, role: "EDITOR" })).rejects.toThrow(/last active administrator/);
    expect(await fullRow(admin.id)).toEqual(before);
    expect(await activeAdmins()).toBe(1);
  });

  it("cannot be disabled (an ADMIN cannot disable themselves either)", async () => {
    const [admin] = await onlyActiveAdmins(1);
    if (!admin) throw new Error("no admin");
    await expect(disableUser(admin, { userId: admin.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await activeAdmins()).toBe(1);
  });

  it("with two ADMINs one may be demoted, then the other is the last", async () => {
    const [a, b] = await onlyActiveAdmins(2);
    if (!a || !b) throw new Error("no admins");
    await changeUserRole(a, { userId: b.id, role: "EDITOR" });
    await expect(changeUserRole(a, { userId: a.id, role: "VIEWER" })).rejects.toThrow(/last active administrator/);
    expect(await activeAdmins()).toBe(1);
  });

  it("two concurrent demotions of the last two ADMINs: exactly one passes (ten rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await onlyActiveAdmins(2);
      if (!a || !b) throw new Error("no admins");
      const mark = await lastAuditId();
      // A demotes B while A demotes A: without the lock both would read "two active ADMINs".
      const results = await Promise.allSettled([changeUserRole(a, { userId: b.id, role: "EDITOR" }), changeUserRole(a, { userId: a.id, role: "VIEWER" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await activeAdmins()).toBe(1);
      expect((await auditEntriesSince(mark)).map((e) => e.action)).toEqual(["user.role_change"]);
    }
  });

  it("two ADMINs demoting each other at the same time: exactly one passes (ten rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = await onlyActiveAdmins(2);
      if (!a || !b) throw new Error("no admins");
      const results = await Promise.allSettled([changeUserRole(a, { userId: b.id, role: "VIEWER" }), changeUserRole(b, { userId: a.id, role: "VIEWER" })]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await activeAdmins()).toBe(1);
    }
  });

  it("a demoted or disabled ADMIN's stale actor can no longer manage users", async () => {
    const [a, b] = await onlyActiveAdmins(2);
    if (!a || !b) throw new Error("no admins");
    await changeUserRole(a, { userId: b.id, role: "EDITOR" });
    const victim = await createUser("VIEWER");
    // b's Actor object still says ADMIN; the database no longer does.
    await expect(disableUser(b, { userId: victim.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await fullRow(victim.id)).disabledAt).toBeNull();
  });
});

// Issue 13, item 2: an ADMIN sees an account's sign-in throttle and can clear it (audited);
// nobody else can.
describe("the sign-in throttle", () => {
  const guess = (email: string, ip: string, password = "a wrong guess entirely") =>
    signInWithPassword({ email, password, code: null, ip, userAgent: "vitest" });
  const countersOf = (email: string) => db().signInThrottle.findMany({ where: { account: email.toLowerCase() }, orderBy: { key: "asc" } });

  /** A user locked out from 203.0.113.9 (5 guesses) with 2 more guesses from 203.0.113.10. */
  async function lockedOutUser() {
    const user = await createUser("EDITOR");
    for (let i = 0; i < 5; i++) await guess(user.email, "203.0.113.9");
    for (let i = 0; i < 2; i++) await guess(user.email, "203.0.113.10");
    expect(await guess(user.email, "203.0.113.9", user.password)).toEqual({ status: "failed" });
    return user;
  }

  it("the user list shows an ADMIN the account's failures, pauses and networks", async () => {
    const user = await lockedOutUser();
    const listed = (await listUsers(actors.ADMIN)).find((r) => r.id === user.id)!;
    expect(listed.failedSignIns).toBe(8);
    expect(listed.signInThrottle).toMatchObject({
      accountFailures: 7,
      accountLockedUntil: null,
      codeFailures: 0,
      networks: [
        { kind: "network", address: "203.0.113.9", failures: 5, lockedUntil: expect.any(Date) },
        { kind: "network", address: "203.0.113.10", failures: 2, lockedUntil: null },
      ],
    });
    expect((await listUsers(actors.ADMIN)).find((r) => r.id === actors.VIEWER.id)?.signInThrottle).toBeNull();
  });

  it("an ADMIN clears it: the owner signs in from the locked network again, and one audit entry records what was cleared", async () => {
    const user = await lockedOutUser();
    const mark = await lastAuditId();
    expect(await clearSignInThrottle(actors.ADMIN, { userId: user.id })).toEqual({ cleared: 3 });
    expect(await countersOf(user.email)).toEqual([]);
    const entries = await auditEntriesSince(mark);
    expect(entries.map((e) => [e.action, e.actorId, e.entityType, e.entityId])).toEqual([["user.throttle_cleared", actors.ADMIN.id, "user", user.id]]);
    expect(entries[0]!.before).toMatchObject({
      accountFailures: 7,
      networks: [
        { address: "203.0.113.9", failures: 5 },
        { address: "203.0.113.10", failures: 2 },
      ],
    });
    expect(entries[0]!.after).toEqual({ countersCleared: 3 });
    // Clearing signs nobody out and changes nothing else on the account.
    expect((await guess(user.email, "203.0.113.9", user.password)).status).toBe("ok");
    // Nothing left to clear: refused, nothing written.
    const again = await lastAuditId();
    await expect(clearSignInThrottle(actors.ADMIN, { userId: user.id })).rejects.toBeInstanceOf(ValidationError);
    expect(await auditEntriesSince(again)).toEqual([]);
  });

  it.each(["VIEWER", "EDITOR"] as const)("a %s cannot clear it: refused, the counters and the audit trail unchanged", async (role) => {
    const user = await lockedOutUser();
    const before = await countersOf(user.email);
    const mark = await lastAuditId();
    await expect(clearSignInThrottle(actors[role], { userId: user.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(clearSignInThrottle(null, { userId: user.id })).rejects.toBeInstanceOf(AuthRequiredError);
    expect(await countersOf(user.email)).toEqual(before);
    expect(await auditEntriesSince(mark)).toEqual([]);
  });

  it("refuses an unknown key (no mass assignment)", async () => {
    const user = await lockedOutUser();
    await expect(clearSignInThrottle(actors.ADMIN, { userId: user.id, email: "someone@else.org" })).rejects.toThrow();
    expect(await countersOf(user.email)).toHaveLength(3);
  });
});
