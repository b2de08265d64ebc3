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
// Every attempt is counted in PostgreSQL before its password is checked (auth-throttle.ts),
// per (account, client network) pair, per network and per account over all networks, with
// the rules of lib/domain/sign-in-throttle.ts; what a failure writes is bounded
// (sign-in-failures.ts).
import { createHmac } from "node:crypto";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { openSecret } from "@/lib/auth/secret-box";
import { writeAudit } from "@/lib/data/audit";
import { createSessionRow, type SessionOrigin } from "@/lib/data/auth-sessions";
import { forgetStaleCounters, reserveAttempt, settleAttempt, signedInFromNetwork, type ThrottleKey } from "@/lib/data/auth-throttle";
import { closeFinishedWindows, recordFailedSignIn, takeFailuresSinceSignIn, type FailureReason } from "@/lib/data/sign-in-failures";
import { db } from "@/lib/db";
import {
  ACCOUNT_CEILING_POLICY,
  CONFIRM_POLICY,
  IP_POLICY,
  PAIR_POLICY,
  SECOND_FACTOR_POLICY,
  accountKey,
  addressNetwork,
  confirmKey,
  ipKey,
  normalizeEmail,
  pairKey,
  secondFactorKey,
} from "@/lib/domain/sign-in-throttle";
import { checkTotpCode, classifySecondFactor, hashRecoveryCode } from "@/lib/domain/totp";
import { authSecret, totpEncryptionKey } from "@/lib/env";
import type { Actor } from "@/lib/authz";

/** The signed-in user as the session keeps it (users.ts hands it to next-auth). */
export interface SessionUser extends Actor {
  sessionVersion: number;
}

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

/** The counters one sign-in attempt touches (lib/domain/sign-in-throttle.ts). */
export function signInThrottleKeys(normalizedEmail: string, network: string | null) {
  const pair: ThrottleKey = { key: pairKey(normalizedEmail, network), policy: PAIR_POLICY, account: normalizedEmail, address: network };
  const ceiling: ThrottleKey = { key: accountKey(normalizedEmail), policy: ACCOUNT_CEILING_POLICY, account: normalizedEmail };
  const secondFactor: ThrottleKey = { key: secondFactorKey(normalizedEmail), policy: SECOND_FACTOR_POLICY, account: normalizedEmail };
  const confirm: ThrottleKey = { key: confirmKey(normalizedEmail), policy: CONFIRM_POLICY, account: normalizedEmail };
  const ip: ThrottleKey | null = network ? { key: ipKey(network), policy: IP_POLICY, address: network } : null;
  return { pair, ceiling, secondFactor, confirm, ip };
}

export async function signInWithPassword(attempt: SignInAttempt): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email);
  const network = attempt.ip ? addressNetwork(attempt.ip) : null;
  const { pair, ceiling, secondFactor: codeKey, confirm, ip } = signInThrottleKeys(email, network);

  const [knownNetwork, user] = await Promise.all([
    signedInFromNetwork(email, network),
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
  // Counted: the pair, the network, the account's ceiling. Refused while the pair or the
  // network is locked; while the ceiling is, unless the account signed in from this network
  // lately (the owner's usual networks keep working through a guessing attack spread over
  // many others); and while the second factor or the password re-confirmation is, which only
  // someone holding the password or a session can lock.
  const counted = [pair, ceiling, ...(ip ? [ip] : [])];
  const gates = [pair, codeKey, confirm, ...(ip ? [ip] : []), ...(knownNetwork ? [] : [ceiling])];
  const reserved = await reserveAttempt(counted, gates);
  // Always exactly one argon2 verification, whatever happens next.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), attempt.password);

  const fail = async (reason: FailureReason): Promise<SignInResult> => {
    await recordFailedSignIn({ userId: user?.id ?? null, normalizedEmail: email, emailHash: auditEmailHash(email), ip: attempt.ip, network, reason });
    // Counters and audit windows nobody has used for a while are dropped now and then.
    if (Math.random() < 0.02) {
      await forgetStaleCounters(PAIR_POLICY.forgetAfterMs);
      await closeFinishedWindows();
    }
    return { status: "failed" };
  };

  if (reserved.locked) return fail("locked");
  if (!user) return fail("unknown_account");
  if (!passwordOk) return fail("wrong_password");
  if (user.disabledAt) return fail("disabled");

  let secondFactor: { kind: "totp"; step: number } | { kind: "recovery"; hash: string } | null = null;
  if (user.totpEnabledAt) {
    // Enabled without a secret cannot happen through the app; refuse rather than skip the code.
    if (!user.totpSecretEnc) throw new Error("Two-factor sign-in is enabled but no secret is stored");
    if (!attempt.code?.trim()) {
      // The right password, the code still to come: not a failed guess.
      await settleAttempt(reserved.counted);
      return { status: "code_required" };
    }
    // Wrong codes are counted on the account for every network: only someone who has the
    // password can move this counter, and they must not get five codes per network.
    if ((await reserveAttempt([codeKey], [codeKey])).locked) return fail("locked");
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
      // What failed since the previous sign-in, shown to the owner on this session's pages.
      const since = await takeFailuresSinceSignIn(tx, user.id, email);
      const id = await createSessionRow(tx, user.id, attempt, since.failures > 0 ? since : null);
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
          failedAttemptsSincePreviousSignIn: since.failures,
        },
      });
      return id;
    });
    // The pair and the second factor start again; the network and the account-wide ceiling
    // only get this attempt back (the owner signing in must not reset an attack on them).
    await settleAttempt(
      reserved.counted.filter((k) => k !== pair),
      [pair, codeKey],
    );
    // Audit windows that are over get their summary entries (also done now and then after a
    // failure). The sign-in has succeeded: a problem here is logged, not the user's.
    await closeFinishedWindows().catch((error: unknown) => console.error("Could not close sign-in audit windows", error instanceof Error ? error.message : error));
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
