import "server-only";
// Sign-in with email, password and (when the account uses two-factor sign-in) a code.
// Runs before an actor exists: it authorizes by the credentials themselves.
//
// What a caller learns, and when:
//   - "failed" for an unknown email, a wrong password, a disabled account and a locked
//     account or address alike; every path runs one argon2 verification (against a dummy
//     hash when there is no account), so they also take about the same time;
//   - "code_required" / "code_invalid" only after the right password on an unlocked,
//     enabled account: they reveal nothing to someone without the password.
// Every attempt is counted in PostgreSQL before its password is checked (auth-throttle.ts).
import { createHmac } from "node:crypto";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { openSecret } from "@/lib/auth/secret-box";
import { writeAudit } from "@/lib/data/audit";
import { createSessionRow, type SessionOrigin } from "@/lib/data/auth-sessions";
import { forgetStaleCounters, reserveAttempt, settleAttempt, type ThrottleKey } from "@/lib/data/auth-throttle";
import type { SessionUser } from "@/lib/data/users";
import { db } from "@/lib/db";
import { ACCOUNT_POLICY, IP_POLICY, accountKey, ipKey, normalizeEmail } from "@/lib/domain/sign-in-throttle";
import { checkTotpCode, classifySecondFactor, hashRecoveryCode } from "@/lib/domain/totp";
import { authSecret, totpEncryptionKey } from "@/lib/env";

export interface SignInAttempt extends SessionOrigin {
  email: string;
  password: string;
  /** A 6-digit authenticator code or a recovery code; empty on the first try. */
  code?: string | null;
}

export type SignInResult =
  | { status: "ok"; user: SessionUser; sessionId: string }
  | { status: "failed" }
  | { status: "code_required" }
  | { status: "code_invalid" };

type FailureReason = "locked" | "unknown_account" | "wrong_password" | "disabled" | "wrong_code" | "replayed_code" | "used_recovery_code";

class SecondFactorRefused extends Error {
  constructor(readonly reason: FailureReason) {
    super("Second factor refused");
  }
}

/**
 * The attempted email as a keyed hash: failed attempts on the same address can be told
 * apart in the audit trail without the trail holding the addresses people typed.
 */
export function auditEmailHash(normalizedEmail: string): string {
  return createHmac("sha256", authSecret() ?? "").update(`sign-in-email:${normalizedEmail}`).digest("hex").slice(0, 16);
}

export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email);
  const keys: ThrottleKey[] = [{ key: accountKey(email), policy: ACCOUNT_POLICY }];
  if (attempt.ip) keys.push({ key: ipKey(attempt.ip), policy: IP_POLICY });

  const [{ locked }, user] = await Promise.all([
    reserveAttempt(keys),
    db().user.findUnique({
      where: { email },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        sessionVersion: true,
        disabledAt: true,
        passwordHash: true,
        totpSecretEnc: true,
        totpEnabledAt: true,
        totpLastStep: true,
      },
    }),
  ]);
  // Always exactly one argon2 verification, whatever happens next.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), attempt.password);

  const fail = async (reason: FailureReason): Promise<SignInResult> => {
    await db().$transaction((tx) =>
      writeAudit(tx, {
        actorId: user?.id ?? null,
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user?.id,
        after: { reason, emailHash: auditEmailHash(email), ip: attempt.ip },
      }),
    );
    // Counters of addresses nobody has used for a day are dropped now and then.
    if (Math.random() < 0.02) await forgetStaleCounters(ACCOUNT_POLICY.forgetAfterMs);
    return { status: "failed" };
  };

  if (locked) return fail("locked");
  if (!user) return fail("unknown_account");
  if (!passwordOk) return fail("wrong_password");
  if (user.disabledAt) return fail("disabled");

  let secondFactor: { kind: "totp"; step: number } | { kind: "recovery"; hash: string } | null = null;
  if (user.totpEnabledAt) {
    // Enabled without a secret cannot happen through the app; refuse rather than skip the code.
    if (!user.totpSecretEnc) throw new Error("Two-factor sign-in is enabled but no secret is stored");
    if (!attempt.code?.trim()) {
      // The right password, the code still to come: not a failed guess.
      await settleAttempt(keys);
      return { status: "code_required" };
    }
    const factor = classifySecondFactor(attempt.code);
    if (factor.kind === "totp") {
      const secret = openSecret(totpEncryptionKey(), user.totpSecretEnc, user.id);
      const lastStep = user.totpLastStep === null ? null : Number(user.totpLastStep);
      const check = checkTotpCode({ secret, code: factor.code, nowMs: Date.now(), lastStep });
      if (!check.ok) {
        await fail(check.reason === "replay" ? "replayed_code" : "wrong_code");
        return { status: "code_invalid" };
      }
      secondFactor = { kind: "totp", step: check.step };
    } else if (factor.kind === "recovery") {
      secondFactor = { kind: "recovery", hash: hashRecoveryCode(factor.code) };
    } else {
      await fail("wrong_code");
      return { status: "code_invalid" };
    }
  }

  try {
    const sessionId = await db().$transaction(async (tx) => {
      let recoveryCodesLeft: number | undefined;
      if (secondFactor?.kind === "totp") {
        // Claimed atomically: of two sign-ins with the same code, one wins.
        const claimed = await tx.$executeRaw`
          UPDATE users SET totp_last_step = ${secondFactor.step}
          WHERE id = ${user.id} AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ${secondFactor.step})`;
        if (claimed !== 1) throw new SecondFactorRefused("replayed_code");
      } else if (secondFactor?.kind === "recovery") {
        const used = await tx.$executeRaw`
          UPDATE recovery_codes SET used_at = now() WHERE user_id = ${user.id} AND code_hash = ${secondFactor.hash} AND used_at IS NULL`;
        if (used !== 1) throw new SecondFactorRefused("used_recovery_code");
        recoveryCodesLeft = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
      }
      const id = await createSessionRow(tx, user.id, attempt);
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
      await writeAudit(tx, {
        actorId: user.id,
        action: "auth.sign_in",
        entityType: "user",
        entityId: user.id,
        after: {
          sessionId: id,
          ip: attempt.ip,
          secondFactor: secondFactor?.kind === "totp" ? "authenticator_code" : secondFactor?.kind === "recovery" ? "recovery_code" : "none",
          ...(recoveryCodesLeft === undefined ? {} : { recoveryCodesLeft }),
        },
      });
      return id;
    });
    await settleAttempt(
      keys.filter((k) => k.policy !== ACCOUNT_POLICY),
      keys.filter((k) => k.policy === ACCOUNT_POLICY),
    );
    return {
      status: "ok",
      sessionId,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    };
  } catch (error) {
    if (!(error instanceof SecondFactorRefused)) throw error;
    await fail(error.reason);
    return { status: "code_invalid" };
  }
}
