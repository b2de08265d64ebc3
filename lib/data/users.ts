import "server-only";
// Account lookups used by sign-in and by the per-request session check. These run before
// an actor exists, so they authorize by credentials and session version instead.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/authz";
import { writeAudit } from "@/lib/data/audit";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";

export interface SessionUser extends Actor {
  sessionVersion: number;
}

/** Checks email + password. Unknown email and wrong password take the same path and time. */
export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const normalized = email.trim().toLowerCase();
  const user = await db().user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true, disabledAt: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabledAt) {
    await db().$transaction((tx) =>
      writeAudit(tx, { actorId: user?.id ?? null, action: "auth.sign_in_failed", entityType: "user", entityId: user?.id }),
    );
    return null;
  }
  await db().$transaction((tx) => writeAudit(tx, { actorId: user.id, action: "auth.sign_in", entityType: "user", entityId: user.id }));
  return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}

/**
 * The actor behind a session token, or null when the account was disabled or its session
 * version moved on (password, role change, disable): old cookies stop working at once.
 * The role comes from the database, never from the token.
 */
export async function actorForSession(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true, disabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** Invalidates every session of a user (used by disable, password and role changes). */
export async function revokeSessions(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
