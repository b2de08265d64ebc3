import "server-only";
// Two-factor sign-in for the signed-in user's own account: set up (a pending secret, then
// a confirming code), recovery codes, turning it off. The secret is stored encrypted
// (AES-256-GCM, TOTP_ENCRYPTION_KEY, bound to the user id) and decrypted only to check a
// code or to show it on the set-up page while set-up is pending. Recovery codes are stored
// as SHA-256 hashes and shown once. Every change writes one audit entry, never the secret.
// Turning two-factor sign-in on and making new recovery codes end every other session of the
// account (a session opened with the password alone, or one that may have seen the old
// codes, must not outlive the change); the session making the change goes on.
import { openSecret, sealSecret } from "@/lib/auth/secret-box";
import { requireActor, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { endOtherSessions } from "@/lib/data/auth-sessions";
import { confirmOwnPassword } from "@/lib/data/users";
import { ValidationError } from "@/lib/data/validation-error";
import { db } from "@/lib/db";
import { checkTotpCode, generateRecoveryCodes, generateTotpSecret, hashRecoveryCode, normalizeRecoveryCode, totpUri } from "@/lib/domain/totp";
import { totpEncryptionKey } from "@/lib/env";

/** The name authenticator apps show next to the account. */
export const TOTP_ISSUER = "Case tracker";

export interface TwoFactorOverview {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Only while set-up is pending: the secret to scan or type. Shown on the set-up page alone. */
  enrolment: { secret: string; uri: string } | null;
}

export async function getTwoFactorOverview(actor: Actor | null): Promise<TwoFactorOverview> {
  const me = requireActor(actor);
  const user = await db().user.findUniqueOrThrow({
    where: { id: me.id },
    select: { email: true, totpEnabledAt: true, totpSecretEnc: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  let enrolment: TwoFactorOverview["enrolment"] = null;
  if (!user.totpEnabledAt && user.totpSecretEnc) {
    const secret = openSecret(totpEncryptionKey(), user.totpSecretEnc, me.id);
    enrolment = { secret, uri: totpUri(secret, user.email, TOTP_ISSUER) };
  }
  return { enabled: !!user.totpEnabledAt, enabledAt: user.totpEnabledAt, recoveryCodesLeft: user._count.recoveryCodes, enrolment };
}

/** Starts (or restarts) set-up with a new secret; refused while two-factor sign-in is on. */
export async function startTotpEnrolment(actor: Actor | null): Promise<void> {
  const me = requireActor(actor);
  const sealed = sealSecret(totpEncryptionKey(), generateTotpSecret(), me.id);
  await db().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: me.id, totpEnabledAt: null }, data: { totpSecretEnc: sealed, totpLastStep: null } });
    if (updated.count !== 1) throw new ValidationError({ _form: "Two-factor sign-in is already on. Turn it off first to set up another authenticator." });
    await writeAudit(tx, { actorId: me.id, action: "auth.totp_enrolment_started", entityType: "user", entityId: me.id });
  });
}

/**
 * Finishes set-up with a code from the authenticator: turns two-factor sign-in on and
 * returns 10 new recovery codes, the only time they are shown. The confirming code's step
 * counts as used, so it cannot sign in afterwards. Every session of the account but
 * `currentSessionId` (the one confirming) ends.
 */
export async function confirmTotpEnrolment(actor: Actor | null, code: string, currentSessionId: string | null = null): Promise<{ recoveryCodes: string[] }> {
  const me = requireActor(actor);
  const user = await db().user.findUniqueOrThrow({ where: { id: me.id }, select: { totpEnabledAt: true, totpSecretEnc: true } });
  if (user.totpEnabledAt) throw new ValidationError({ _form: "Two-factor sign-in is already on." });
  if (!user.totpSecretEnc) throw new ValidationError({ _form: "Start the set-up first." });
  const secret = openSecret(totpEncryptionKey(), user.totpSecretEnc, me.id);
  const check = checkTotpCode({ secret, code, nowMs: Date.now(), lastStep: null });
  if (!check.ok) throw new ValidationError({ code: check.reason === "format" ? "Enter the 6 digits your authenticator app shows." : "That code does not match. Check the time on your phone and enter the current code." });
  const recoveryCodes = generateRecoveryCodes();
  await db().$transaction(async (tx) => {
    // Only the secret that was checked is turned on (a set-up restarted meanwhile is not).
    const updated = await tx.user.updateMany({
      where: { id: me.id, totpEnabledAt: null, totpSecretEnc: user.totpSecretEnc },
      data: { totpEnabledAt: new Date(), totpLastStep: BigInt(check.step) },
    });
    if (updated.count !== 1) throw new ValidationError({ _form: "The set-up changed meanwhile. Reload the page and try again." });
    await replaceRecoveryCodes(tx, me.id, recoveryCodes);
    const otherSessionsEnded = await endOtherSessions(tx, me.id, currentSessionId);
    await writeAudit(tx, { actorId: me.id, action: "auth.totp_enabled", entityType: "user", entityId: me.id, after: { recoveryCodes: recoveryCodes.length, otherSessionsEnded } });
  });
  return { recoveryCodes };
}

/** Turns two-factor sign-in off (the password is required again). */
export async function disableTotp(actor: Actor | null, password: string): Promise<void> {
  const me = requireActor(actor);
  if (!(await confirmOwnPassword(me, password))) throw new ValidationError({ password: "That password is not right (or too many attempts: wait a few minutes)." });
  await db().$transaction(async (tx) => {
    const row = await tx.user.findUniqueOrThrow({ where: { id: me.id }, select: { totpEnabledAt: true, totpSecretEnc: true } });
    if (!row.totpEnabledAt && !row.totpSecretEnc) throw new ValidationError({ _form: "Two-factor sign-in is already off." });
    await clearTwoFactor(tx, me.id);
    await writeAudit(tx, { actorId: me.id, action: "auth.totp_disabled", entityType: "user", entityId: me.id });
  });
}

/**
 * Replaces the recovery codes with 10 new ones (the password is required again). Every
 * session of the account but `currentSessionId` ends.
 */
export async function regenerateRecoveryCodes(actor: Actor | null, password: string, currentSessionId: string | null = null): Promise<{ recoveryCodes: string[] }> {
  const me = requireActor(actor);
  if (!(await confirmOwnPassword(me, password))) throw new ValidationError({ password: "That password is not right (or too many attempts: wait a few minutes)." });
  const recoveryCodes = generateRecoveryCodes();
  await db().$transaction(async (tx) => {
    const row = await tx.user.findUniqueOrThrow({ where: { id: me.id }, select: { totpEnabledAt: true } });
    if (!row.totpEnabledAt) throw new ValidationError({ _form: "Turn on two-factor sign-in first." });
    await replaceRecoveryCodes(tx, me.id, recoveryCodes);
    const otherSessionsEnded = await endOtherSessions(tx, me.id, currentSessionId);
    await writeAudit(tx, {
      actorId: me.id,
      action: "auth.recovery_codes_regenerated",
      entityType: "user",
      entityId: me.id,
      after: { recoveryCodes: recoveryCodes.length, otherSessionsEnded },
    });
  });
  return { recoveryCodes };
}

/**
 * Removes a user's two-factor sign-in (secret, last step, recovery codes) inside the
 * caller's transaction. For an administrator's "reset two-factor": the caller authorizes,
 * revokes the sessions and writes the audit entry.
 */
export async function clearTwoFactor(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

async function replaceRecoveryCodes(tx: Tx, userId: string, codes: string[]): Promise<void> {
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!) })),
  });
}
