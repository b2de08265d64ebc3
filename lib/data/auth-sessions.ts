import "server-only";
// Server-side sessions (user_sessions): one row per sign-in, referenced by the signed
// session cookie. A session is live while its row is not revoked, not past expires_at
// (absolute lifetime from sign-in) and seen within the idle timeout; the per-request check
// is actorForSession in lib/data/users.ts. Rows are kept after they end, as a record.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requireActor, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { sessionLifetime } from "@/lib/env";

/** Longest user agent kept (browsers send a few hundred characters). */
const USER_AGENT_MAX = 400;

export interface SessionOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** Failed sign-ins on the account between the previous sign-in and this session's. */
export interface SignInNotice {
  failures: number;
  /** How many of them had the right password and a wrong two-factor code. */
  wrongCodes: number;
  previousSignInAt: Date | null;
}

const storedNotice = z.object({
  failures: z.number().int().min(1),
  wrongCodes: z.number().int().min(0),
  previousSignInAt: z.iso.datetime({ offset: true }).nullable(),
});

/** The notice as stored on a session row (JSON), or null when there is none to show. */
export function parseSignInNotice(value: unknown): SignInNotice | null {
  const parsed = storedNotice.safeParse(value);
  if (!parsed.success) return null;
  const { previousSignInAt, ...counts } = parsed.data;
  return { ...counts, previousSignInAt: previousSignInAt ? new Date(previousSignInAt) : null };
}

/**
 * Opens a session for a user who just signed in; returns its id (the cookie carries it).
 * `notice`: failed attempts since the previous sign-in, shown on this session's pages.
 */
export async function createSessionRow(tx: Tx, userId: string, origin: SessionOrigin, notice: SignInNotice | null = null): Promise<string> {
  const { absoluteMs } = sessionLifetime();
  const noticeJson = notice ? JSON.stringify({ ...notice, previousSignInAt: notice.previousSignInAt?.toISOString() ?? null }) : null;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO user_sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent, sign_in_notice)
    VALUES (${newSessionId()}, ${userId}, now(), now(), now() + ${absoluteMs}::bigint * interval '1 millisecond',
            ${origin.ip}, ${origin.userAgent?.slice(0, USER_AGENT_MAX) ?? null}, ${noticeJson}::jsonb)
    RETURNING id`;
  if (!row) throw new Error("Session row not written");
  return row.id;
}

function newSessionId(): string {
  // Not a secret (the signed, encrypted cookie is the credential), but not guessable either.
  return randomUUID();
}

/**
 * Sign-out: ends the session the cookie named. Called by next-auth's signOut event, before
 * any actor exists (the cookie is being cleared), so it is keyed by the session id alone.
 */
export async function endSession(sessionId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE user_sessions SET revoked_at = now() WHERE id = ${sessionId} AND revoked_at IS NULL RETURNING user_id`;
    const userId = rows[0]?.user_id;
    if (!userId) return;
    await writeAudit(tx, { actorId: userId, action: "auth.sign_out", entityType: "user_session", entityId: sessionId });
  });
}

export interface SessionListItem {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The actor's own live sessions, newest activity first, the current one marked. */
export async function listOwnSessions(actor: Actor | null, currentSessionId: string | null): Promise<SessionListItem[]> {
  const me = requireActor(actor);
  const { idleMs } = sessionLifetime();
  const rows = await db().$queryRaw<Omit<SessionListItem, "current">[]>`
    SELECT id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", ip, user_agent AS "userAgent"
    FROM user_sessions
    WHERE user_id = ${me.id} AND revoked_at IS NULL AND expires_at > now()
      AND last_seen_at > now() - ${idleMs}::bigint * interval '1 millisecond'
    ORDER BY last_seen_at DESC, created_at DESC
    LIMIT 100`;
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

/** Ends one of the actor's own sessions (another device). Someone else's session id: nothing happens. */
export async function revokeOwnSession(actor: Actor | null, sessionId: string): Promise<{ revoked: boolean }> {
  const me = requireActor(actor);
  return db().$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE user_sessions SET revoked_at = now() WHERE id = ${sessionId} AND user_id = ${me.id} AND revoked_at IS NULL`;
    if (count === 0) return { revoked: false };
    await writeAudit(tx, { actorId: me.id, action: "auth.session_revoked", entityType: "user_session", entityId: sessionId });
    return { revoked: true };
  });
}

/** "Sign out everywhere": ends every session of the actor, this one included. */
export async function signOutEverywhere(actor: Actor | null): Promise<{ revoked: number }> {
  const me = requireActor(actor);
  return db().$transaction(async (tx) => {
    const revoked = await tx.$executeRaw`UPDATE user_sessions SET revoked_at = now() WHERE user_id = ${me.id} AND revoked_at IS NULL`;
    await writeAudit(tx, { actorId: me.id, action: "auth.sign_out_everywhere", entityType: "user", entityId: me.id, after: { sessionsEnded: revoked } });
    return { revoked };
  });
}

/**
 * Hides the failed-sign-in notice of one of the actor's own sessions (the owner has read
 * it). Someone else's session id: nothing happens.
 */
export async function dismissSignInNotice(actor: Actor | null, sessionId: string): Promise<{ dismissed: boolean }> {
  const me = requireActor(actor);
  return db().$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE user_sessions SET sign_in_notice = NULL WHERE id = ${sessionId} AND user_id = ${me.id} AND sign_in_notice IS NOT NULL`;
    if (count === 0) return { dismissed: false };
    await writeAudit(tx, { actorId: me.id, action: "auth.sign_in_notice_dismissed", entityType: "user_session", entityId: sessionId });
    return { dismissed: true };
  });
}

/**
 * Ends every session of the actor except `keepSessionId` (the one making the change) inside
 * the caller's transaction, for changes after which an older session must not go on: two-
 * factor sign-in turned on, new recovery codes. Every session cookie names its row and the
 * per-request check (checkSession) refuses a revoked row, so this ends them on their next
 * request; the session version is left alone, so the current cookie stays valid without
 * being re-issued. Returns how many sessions ended.
 */
export async function endOtherSessions(tx: Tx, userId: string, keepSessionId: string | null): Promise<number> {
  const { idleMs } = sessionLifetime();
  // Sessions already past their lifetime or idle timeout cannot come back: not counted.
  return tx.$executeRaw`
    UPDATE user_sessions SET revoked_at = now()
    WHERE user_id = ${userId} AND revoked_at IS NULL AND id IS DISTINCT FROM ${keepSessionId}
      AND expires_at > now() AND last_seen_at > now() - ${idleMs}::bigint * interval '1 millisecond'`;
}
