// Two-factor sign-in (TOTP): set-up with a confirming code, sign-in asking for a code only
// after the right password, each code accepted once (replays refused), recovery codes that
// work once, the secret encrypted in its row and absent from every answer of the sign-in
// flow and from the audit trail.
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOTP_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
});

import { openSecret } from "@/lib/auth/secret-box";
import { db } from "@/lib/db";
import { signInWithPassword, type SignInAttempt } from "@/lib/data/auth-sign-in";
import { clearTwoFactor, confirmTotpEnrolment, disableTotp, getTwoFactorOverview, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/data/auth-totp";
import { checkSession } from "@/lib/data/users";
import { ValidationError } from "@/lib/data/validation-error";
import { timeStepAt, totpCodeAt } from "@/lib/domain/totp";
import { totpEncryptionKey } from "@/lib/env";
import { createUser } from "../support/factories";

let host = 1;
const signIn = (email: string, password: string, code: string | null = null): Promise<Awaited<ReturnType<typeof signInWithPassword>>> =>
  signInWithPassword({ email, password, code, ip: `198.18.0.${host++ % 250}`, userAgent: "vitest" } satisfies SignInAttempt);
const text = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
const WRONG = "not the password at all";

/** A user with two-factor sign-in on; returns its secret and recovery codes (as a phone and a sheet of paper would hold them). */
async function enrolledUser(role: "ADMIN" | "EDITOR" | "VIEWER" = "EDITOR") {
  const user = await createUser(role);
  await startTotpEnrolment(user);
  const overview = await getTwoFactorOverview(user);
  if (!overview.enrolment) throw new Error("no pending enrolment");
  const secret = overview.enrolment.secret;
  const { recoveryCodes } = await confirmTotpEnrolment(user, totpCodeAt(secret, Date.now()));
  return { user, secret, recoveryCodes };
}

describe("set-up", () => {
  it("stores the secret encrypted (never the base32 secret), shows it only while pending, and turns on with a valid code", async () => {
    const user = await createUser("EDITOR");
    expect(await getTwoFactorOverview(user)).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, enrolment: null });
    await startTotpEnrolment(user);
    const pending = await getTwoFactorOverview(user);
    const secret = pending.enrolment!.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending.enrolment!.uri).toContain(`secret=${secret}`);

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecretEnc: true, totpEnabledAt: true } });
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecretEnc).not.toBe(secret);
    expect(row.totpSecretEnc).not.toContain(secret);
    expect(row.totpSecretEnc).toMatch(/^v1\./);
    expect(openSecret(totpEncryptionKey(), row.totpSecretEnc!, user.id)).toBe(secret);
    // Bound to its user: the same ciphertext on another row does not decrypt.
    expect(() => openSecret(totpEncryptionKey(), row.totpSecretEnc!, "someone-else")).toThrow();

    await expect(confirmTotpEnrolment(user, "000000" === totpCodeAt(secret, Date.now()) ? "111111" : "000000")).rejects.toBeInstanceOf(ValidationError);
    const { recoveryCodes } = await confirmTotpEnrolment(user, totpCodeAt(secret, Date.now()));
    expect(recoveryCodes).toHaveLength(10);
    const on = await getTwoFactorOverview(user);
    expect(on).toMatchObject({ enabled: true, recoveryCodesLeft: 10, enrolment: null });
    expect(text(on)).not.toContain(secret);

    const stored = await db().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) {
      expect(text(stored)).not.toContain(code);
      expect(text(stored)).not.toContain(code.replace(/-/g, ""));
    }
    // Starting again while on is refused.
    await expect(startTotpEnrolment(user)).rejects.toBeInstanceOf(ValidationError);
  });

  it("is audited without the secret or the codes", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const entries = await db().auditEntry.findMany({ where: { entityId: user.id, action: { startsWith: "auth.totp" } }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.action)).toEqual(["auth.totp_enrolment_started", "auth.totp_enabled"]);
    expect(text(entries)).not.toContain(secret);
    for (const code of recoveryCodes) expect(text(entries)).not.toContain(code);
  });
});

describe("sign-in with two-factor sign-in on", () => {
  it("asks for a code only after the right password; a wrong password gets the usual answer", async () => {
    const { user } = await enrolledUser();
    expect(await signIn(user.email, user.password)).toEqual({ status: "code_required" });
    expect(await signIn(user.email, WRONG)).toEqual({ status: "failed" });
    expect(await signIn(user.email, WRONG, "123456")).toEqual({ status: "failed" });
    // "Code required" is not a failed guess: it does not count towards the lock.
    for (let i = 0; i < 6; i++) await signIn(user.email, user.password);
    expect((await db().signInThrottle.findUnique({ where: { key: `account:${user.email}` } }))?.failures ?? 0).toBeLessThanOrEqual(2);
  });

  it("accepts a valid code once: the same code again is a refused replay", async () => {
    const { user, secret } = await enrolledUser();
    // The code that confirmed set-up has been used: it cannot sign in.
    expect(await signIn(user.email, user.password, totpCodeAt(secret, Date.now()))).toEqual({ status: "code_invalid" });
    const next = totpCodeAt(secret, Date.now() + 30_000);
    const ok = await signIn(user.email, user.password, next);
    expect(ok.status).toBe("ok");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpLastStep: true } });
    expect(Number(row.totpLastStep)).toBe(timeStepAt(Date.now() + 30_000));
    expect(await signIn(user.email, user.password, next)).toEqual({ status: "code_invalid" });
    const failures = await db().auditEntry.findMany({ where: { action: "auth.sign_in_failed", entityId: user.id }, orderBy: { id: "asc" } });
    expect(failures.map((e) => (e.after as { reason: string }).reason)).toEqual(["replayed_code", "replayed_code"]);
  });

  it("two sign-ins racing with the same code: exactly one wins", async () => {
    const { user, secret } = await enrolledUser();
    const code = totpCodeAt(secret, Date.now() + 30_000);
    const results = await Promise.all([signIn(user.email, user.password, code), signIn(user.email, user.password, code)]);
    expect(results.map((r) => r.status).sort()).toEqual(["code_invalid", "ok"]);
  });

  it("refuses a wrong code, and wrong codes count towards the account's lock", async () => {
    const { user, secret } = await enrolledUser();
    const valid = new Set([-1, 0, 1, 2].map((d) => totpCodeAt(secret, Date.now() + d * 30_000)));
    const wrong = ["000000", "111111", "222222", "333333", "444444", "555555", "666666"].filter((c) => !valid.has(c)).slice(0, 5);
    expect(wrong).toHaveLength(5);
    for (const code of wrong) expect(await signIn(user.email, user.password, code)).toEqual({ status: "code_invalid" });
    expect(await signIn(user.email, user.password, "not a code")).toEqual({ status: "failed" });
    // Locked now: the right password with the right code is refused like anything else.
    expect(await signIn(user.email, user.password, totpCodeAt(secret, Date.now() + 30_000))).toEqual({ status: "failed" });
  });

  it("a recovery code signs in once, is audited, and then is spent", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const [code] = recoveryCodes as [string];
    const ok = await signIn(user.email, user.password, code.toUpperCase());
    expect(ok.status).toBe("ok");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_in", entityId: user.id }, orderBy: { id: "desc" } });
    expect(entry.after).toMatchObject({ secondFactor: "recovery_code", recoveryCodesLeft: 9 });
    expect(text(entry)).not.toContain(code);
    expect(await signIn(user.email, user.password, code)).toEqual({ status: "code_invalid" });
    expect((await getTwoFactorOverview(user)).recoveryCodesLeft).toBe(9);
    // Another user's recovery code does not work here.
    const other = await enrolledUser();
    expect(await signIn(user.email, user.password, other.recoveryCodes[0]!)).toEqual({ status: "code_invalid" });
  });

  it("no answer of the flow carries the secret, and neither does the audit trail", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const answers = [
      await signIn(user.email, user.password),
      await signIn(user.email, user.password, "000000"),
      await signIn(user.email, user.password, totpCodeAt(secret, Date.now() + 30_000)),
      await signIn(user.email, user.password, recoveryCodes[1]!),
    ];
    expect(answers.at(-2)?.status === "ok" || answers.at(-2)?.status === "code_invalid").toBe(true);
    const sealed = (await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecretEnc: true } })).totpSecretEnc!;
    for (const answer of answers) {
      expect(text(answer)).not.toContain(secret);
      expect(text(answer)).not.toContain(sealed);
      expect(text(answer)).not.toMatch(/totp|secret/i);
    }
    const trail = await db().auditEntry.findMany({ where: { OR: [{ entityId: user.id }, { actorId: user.id }] } });
    expect(text(trail)).not.toContain(secret);
    expect(text(trail)).not.toContain(sealed);
  });
});

describe("turning it off", () => {
  it("needs the password; then sign-in needs no code, and the secret and codes are gone", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    await expect(disableTotp(user, WRONG)).rejects.toBeInstanceOf(ValidationError);
    expect((await getTwoFactorOverview(user)).enabled).toBe(true);
    await disableTotp(user, user.password);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true } });
    expect(row).toEqual({ totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(user.email, user.password)).status).toBe("ok");
    expect((await signIn(user.email, user.password, recoveryCodes[0]!)).status).toBe("ok");
    const actions = (
      await db().auditEntry.findMany({
        where: { actorId: user.id, action: { in: ["auth.password_confirm_failed", "auth.totp_disabled"] } },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["auth.password_confirm_failed", "auth.totp_disabled"]);
  });

  it("password guesses on the form count towards the account's lock", async () => {
    const { user } = await enrolledUser();
    for (let i = 0; i < 5; i++) await expect(disableTotp(user, WRONG)).rejects.toBeInstanceOf(ValidationError);
    // Locked: even the right password is refused, here and at sign-in.
    await expect(disableTotp(user, user.password)).rejects.toBeInstanceOf(ValidationError);
    expect(await signIn(user.email, user.password)).toEqual({ status: "failed" });
    expect((await getTwoFactorOverview(user)).enabled).toBe(true);
  });

  it("an administrator's reset (clearTwoFactor) removes secret, step and codes in the caller's transaction", async () => {
    const { user } = await enrolledUser();
    await db().$transaction((tx) => clearTwoFactor(tx, user.id));
    expect(await getTwoFactorOverview(user)).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, enrolment: null });
  });
});

describe("new recovery codes", () => {
  it("need the password and replace every old code", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    await expect(regenerateRecoveryCodes(user, WRONG)).rejects.toBeInstanceOf(ValidationError);
    const { recoveryCodes: fresh } = await regenerateRecoveryCodes(user, user.password);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
    expect(await signIn(user.email, user.password, recoveryCodes[0]!)).toEqual({ status: "code_invalid" });
    expect((await signIn(user.email, user.password, fresh[0]!)).status).toBe("ok");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.recovery_codes_regenerated", actorId: user.id } });
    expect(text(entry)).not.toContain(fresh[0]!);
    expect(text(entry)).not.toContain(secret);
  });
});

// Issue 13, item 8: a session opened before two-factor sign-in was turned on (the password
// alone), or before the recovery codes were replaced, must not outlive the change. The check
// is the real per-request one behind getActor (checkSession, with the cookie's claims).
describe("the change ends every other session", () => {
  const claims = (user: { id: string; sessionVersion: number }, sessionId: string) => ({ userId: user.id, sessionVersion: user.sessionVersion, sessionId });
  const opened = async (result: Awaited<ReturnType<typeof signIn>>) => {
    if (result.status !== "ok") throw new Error(`expected a sign-in, got ${result.status}`);
    return result.sessionId;
  };

  it("turning two-factor sign-in on: a session opened with the password before is refused, the enabling one goes on", async () => {
    const user = await createUser("EDITOR");
    const passwordOnly = await opened(await signIn(user.email, user.password));
    const enabling = await opened(await signIn(user.email, user.password));
    expect((await checkSession(claims(user, passwordOnly)))?.actor.id).toBe(user.id);

    await startTotpEnrolment(user);
    const secret = (await getTwoFactorOverview(user)).enrolment!.secret;
    await confirmTotpEnrolment(user, totpCodeAt(secret, Date.now()), enabling);

    expect(await checkSession(claims(user, passwordOnly))).toBeNull();
    expect((await checkSession(claims(user, enabling)))?.actor.id).toBe(user.id);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.totp_enabled", entityId: user.id } });
    expect(entry.after).toMatchObject({ recoveryCodes: 10, otherSessionsEnded: 1 });
  });

  it("new recovery codes: every other session is refused, the one asking goes on", async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    const other = await opened(await signIn(user.email, user.password, totpCodeAt(secret, Date.now() + 30_000)));
    const asking = await opened(await signIn(user.email, user.password, recoveryCodes[0]!));

    await regenerateRecoveryCodes(user, user.password, asking);

    expect(await checkSession(claims(user, other))).toBeNull();
    expect((await checkSession(claims(user, asking)))?.actor.id).toBe(user.id);
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.recovery_codes_regenerated", entityId: user.id } });
    expect(entry.after).toMatchObject({ recoveryCodes: 10, otherSessionsEnded: 1 });
  });

  it("another account's sessions are left alone", async () => {
    const user = await createUser("EDITOR");
    const bystander = await createUser("EDITOR");
    const theirs = await opened(await signIn(bystander.email, bystander.password));
    await startTotpEnrolment(user);
    const secret = (await getTwoFactorOverview(user)).enrolment!.secret;
    await confirmTotpEnrolment(user, totpCodeAt(secret, Date.now()));
    expect((await checkSession(claims(bystander, theirs)))?.actor.id).toBe(bystander.id);
  });
});
