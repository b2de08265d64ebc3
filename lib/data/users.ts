import "server-only";
// The per-request session check, session revocation, and re-confirming one's own password.
// The session check runs before an actor exists, so it authorizes by the signed cookie's
// claims (user, session version, session row) against the database instead.
// Sign-in itself is lib/data/auth-sign-in.ts.
import { db } from "@/lib/db";
import { requireActor, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { signInThrottleKeys, signInWithPassword, type SessionUser } from "@/lib/data/auth-sign-in";
import { parseSignInNotice, type SignInNotice } from "@/lib/data/auth-sessions";
import { reserveAttempt, settleAttempt } from "@/lib/data/auth-throttle";
import { twoFactorRequiredForStaff } from "@/lib/data/settings";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/domain/sign-in-throttle";
import { sessionLifetime } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";

/** What the session cookie claims; checked against the database on every request. */
export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  sessionId: string;
}

export interface SessionState {
  actor: Actor;
  sessionId: string;
  /** Two-factor sign-in is required for this role and not set up: only /account/security works. */
  needsTwoFactorEnrolment: boolean;
  /** An administrator set a temporary password that must be changed first. */
  mustChangePassword: boolean;
  /** Failed sign-ins on the account before this session began, until the owner dismisses it. */
  signInNotice: SignInNotice | null;
}

/** last_seen_at is written at most this often per session (the idle check needs no more). */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The session behind a cookie, or null when it no longer holds: its row is revoked (sign-out,
 * sign out everywhere), idle longer than the idle timeout, past its absolute lifetime; the
 * account is disabled; or the user's session version moved on (password, role change,
 * disable). The role comes from the database, never from the cookie.
 */
export async function checkSession(claims: SessionClaims): Promise<SessionState | null> {
  const { idleMs } = sessionLifetime();
  const [row] = await db().$queryRaw<
    { id: string; email: string; name: string; role: Role; totpEnabled: boolean; mustChangePassword: boolean; stale: boolean; signInNotice: unknown }[]
  >`
    SELECT u.id, u.email, u.name, u.role::text AS role, s.sign_in_notice AS "signInNotice",
           (u.totp_enabled_at IS NOT NULL) AS "totpEnabled",
           u.must_change_password AS "mustChangePassword",
           (s.last_seen_at < now() - ${TOUCH_INTERVAL_MS}::int * interval '1 millisecond') AS stale
    FROM user_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${claims.sessionId} AND s.user_id = ${claims.userId}
      AND s.revoked_at IS NULL AND s.expires_at > now()
      AND s.last_seen_at > now() - ${idleMs}::bigint * interval '1 millisecond'
      AND u.disabled_at IS NULL AND u.session_version = ${claims.sessionVersion}`;
  if (!row) return null;
  if (row.stale) {
    await db().$executeRaw`
      UPDATE user_sessions SET last_seen_at = now()
      WHERE id = ${claims.sessionId} AND last_seen_at < now() - ${TOUCH_INTERVAL_MS}::int * interval '1 millisecond'`;
  }
  const needsTwoFactorEnrolment = !row.totpEnabled && row.role !== "VIEWER" && (await twoFactorRequiredForStaff());
  return {
    actor: { id: row.id, email: row.email, name: row.name, role: row.role },
    sessionId: claims.sessionId,
    needsTwoFactorEnrolment,
    mustChangePassword: row.mustChangePassword,
    signInNotice: parseSignInNotice(row.signInNotice),
  };
}

/**
 * The actor behind a session, or null when the session no longer holds (see checkSession)
 * or when two-factor sign-in must be set up first: every page, action and API answer that
 * depends on an actor then refuses. Without a session id only the account-level part is
 * checked (account enabled, session version current, two-factor obligation): what a
 * revocation by version changes, for tests and tools that hold no session row.
 */
export async function actorForSession(userId: string, sessionVersion: number, sessionId?: string): Promise<Actor | null> {
  if (sessionId !== undefined) {
    const state = await checkSession({ userId, sessionVersion, sessionId });
    return state && !state.needsTwoFactorEnrolment ? state.actor : null;
  }
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true, disabledAt: true, totpEnabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  if (!user.totpEnabledAt && user.role !== "VIEWER" && (await twoFactorRequiredForStaff())) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * Signs in with email and password only (no session cookie is involved): the user, or null
 * for anything but a full success, a second factor still due included. Goes through the
 * same throttling, audit and session row as the sign-in form (lib/data/auth-sign-in.ts).
 */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const result = await signInWithPassword({ email, password, code: null, ip: null, userAgent: null });
  return result.status === "ok" ? result.user : null;
}

/**
 * Invalidates every session of a user at once (disable, password, role and two-factor
 * changes): bumps the session version, which older cookies carry, and ends every session
 * row. Pass the caller's transaction to make it part of the change and its audit entry.
 */
export async function revokeSessions(userId: string, tx?: Tx): Promise<void> {
  const run = async (t: Tx) => {
    await t.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await t.$executeRaw`UPDATE user_sessions SET revoked_at = now() WHERE user_id = ${userId} AND revoked_at IS NULL`;
  };
  if (tx) await run(tx);
  else await db().$transaction(run);
}

/**
 * Re-confirms the signed-in user's own password before a sensitive change (turning off
 * two-factor sign-in, new recovery codes, a password change). Failures are counted on the
 * account's re-confirmation counter (5 failures, then 1 minute doubling up to an hour) and
 * on its account-wide ceiling, so a session left open cannot be used to guess the password.
 * While the re-confirmation counter is locked even the right password is refused, here and
 * at sign-in from every network: only a signed-in session of the account can move it, so it
 * is no way for an outsider to lock the owner out. Each failure is audited (it needs a
 * session: no one can cause it anonymously).
 */
export async function confirmOwnPassword(actor: Actor | null, password: string): Promise<boolean> {
  const me = requireActor(actor);
  const email = normalizeEmail(me.email);
  const { confirm, ceiling } = signInThrottleKeys(email, null);
  const [reserved, user] = await Promise.all([
    reserveAttempt([confirm, ceiling], [confirm]),
    db().user.findUnique({ where: { id: me.id }, select: { passwordHash: true } }),
  ]);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (ok && !reserved.locked && user) {
    await settleAttempt(reserved.counted);
    return true;
  }
  await db().$transaction((tx) =>
    writeAudit(tx, { actorId: me.id, action: "auth.password_confirm_failed", entityType: "user", entityId: me.id, after: { reason: reserved.locked ? "locked" : "wrong_password" } }),
  );
  return false;
}
