// Server-side sessions: a cookie's session is refused once its row is revoked (sign-out,
// sign out everywhere, an administrator's revocation), idle past the idle timeout, past its
// absolute lifetime, or once the user is disabled or their session version moved on.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sessionLifetime } from "@/lib/env";
import { signInWithPassword } from "@/lib/data/auth-sign-in";
import { endSession, listOwnSessions, revokeOwnSession, signOutEverywhere } from "@/lib/data/auth-sessions";
import { setRequireTwoFactor } from "@/lib/data/settings";
import { actorForSession, checkSession, revokeSessions } from "@/lib/data/users";
import { createUser } from "../support/factories";

async function signedIn(role: "ADMIN" | "EDITOR" | "VIEWER" = "EDITOR") {
  const user = await createUser(role);
  const result = await signInWithPassword({ email: user.email, password: user.password, code: null, ip: "203.0.113.5", userAgent: "Test browser/1.0" });
  if (result.status !== "ok") throw new Error(`sign-in failed: ${result.status}`);
  const claims = { userId: user.id, sessionVersion: result.user.sessionVersion, sessionId: result.sessionId };
  return { user, claims, sessionId: result.sessionId };
}

const ago = (ms: number) => new Date(Date.now() - ms);

describe("a session row per sign-in", () => {
  it("is created with the absolute lifetime, address and browser, and accepted", async () => {
    const { user, claims, sessionId } = await signedIn();
    const row = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row).toMatchObject({ userId: user.id, ip: "203.0.113.5", userAgent: "Test browser/1.0", revokedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(sessionLifetime().absoluteMs);
    expect(sessionLifetime()).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
    expect((await checkSession(claims))?.actor).toEqual({ id: user.id, email: user.email, name: user.name, role: "EDITOR" });
    expect((await actorForSession(claims.userId, claims.sessionVersion, claims.sessionId))?.id).toBe(user.id);
  });

  it("a session id of another user, or an unknown one, is refused", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect(await checkSession({ ...a.claims, sessionId: b.sessionId })).toBeNull();
    expect(await checkSession({ ...a.claims, sessionId: "no-such-session" })).toBeNull();
  });
});

describe("refused", () => {
  it("after sign-out (its row revoked), and audited", async () => {
    const { user, claims, sessionId } = await signedIn();
    await endSession(sessionId);
    expect(await checkSession(claims)).toBeNull();
    expect((await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).revokedAt).not.toBeNull();
    expect(await db().auditEntry.count({ where: { action: "auth.sign_out", actorId: user.id, entityId: sessionId } })).toBe(1);
    // Signing out twice writes nothing more.
    await endSession(sessionId);
    expect(await db().auditEntry.count({ where: { action: "auth.sign_out", entityId: sessionId } })).toBe(1);
  });

  it("when idle longer than the idle timeout", async () => {
    const { claims, sessionId } = await signedIn();
    await db().userSession.update({ where: { id: sessionId }, data: { lastSeenAt: ago(29 * 60_000) } });
    expect(await checkSession(claims)).not.toBeNull();
    await db().userSession.update({ where: { id: sessionId }, data: { lastSeenAt: ago(31 * 60_000) } });
    expect(await checkSession(claims)).toBeNull();
  });

  it("past its absolute lifetime, however active", async () => {
    const { claims, sessionId } = await signedIn();
    await db().userSession.update({ where: { id: sessionId }, data: { createdAt: ago(12 * 3_600_000 + 1000), expiresAt: ago(1000) } });
    expect(await checkSession(claims)).toBeNull();
  });

  it("when the user is disabled", async () => {
    const { user, claims } = await signedIn();
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await checkSession(claims)).toBeNull();
  });

  it("when the session version moved on (revokeSessions), which also ends every row", async () => {
    const first = await signedIn();
    const again = await signInWithPassword({ email: first.user.email, password: first.user.password, code: null, ip: null, userAgent: null });
    if (again.status !== "ok") throw new Error("second sign-in failed");
    await revokeSessions(first.user.id);
    expect(await checkSession(first.claims)).toBeNull();
    expect(await checkSession({ ...first.claims, sessionId: again.sessionId })).toBeNull();
    // Even with the new version, the old rows stay ended.
    expect(await checkSession({ ...first.claims, sessionVersion: first.claims.sessionVersion + 1 })).toBeNull();
    const rows = await db().userSession.findMany({ where: { userId: first.user.id } });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
  });

  it("when only the version moved on (a change made elsewhere)", async () => {
    const { user, claims } = await signedIn();
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await checkSession(claims)).toBeNull();
  });
});

describe("activity", () => {
  it("last_seen_at is written at most once a minute", async () => {
    const { claims, sessionId } = await signedIn();
    const fresh = (await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    await checkSession(claims);
    expect((await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(fresh);
    await db().userSession.update({ where: { id: sessionId }, data: { lastSeenAt: ago(5 * 60_000) } });
    await checkSession(claims);
    const touched = (await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt;
    expect(Date.now() - touched.getTime()).toBeLessThan(10_000);
    await checkSession(claims);
    expect((await db().userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(touched);
  });
});

describe("the user's own sessions", () => {
  it("lists live sessions with the current one marked; ended ones are left out", async () => {
    const a = await signedIn();
    const b = await signInWithPassword({ email: a.user.email, password: a.user.password, code: null, ip: "203.0.113.6", userAgent: "Phone" });
    const c = await signInWithPassword({ email: a.user.email, password: a.user.password, code: null, ip: "203.0.113.7", userAgent: "Old laptop" });
    if (b.status !== "ok" || c.status !== "ok") throw new Error("sign-in failed");
    await db().userSession.update({ where: { id: c.sessionId }, data: { lastSeenAt: ago(45 * 60_000) } });
    const actor = (await checkSession(a.claims))!.actor;
    const list = await listOwnSessions(actor, a.sessionId);
    expect(list.map((s) => [s.id, s.current, s.userAgent])).toEqual(
      expect.arrayContaining([
        [a.sessionId, true, "Test browser/1.0"],
        [b.sessionId, false, "Phone"],
      ]),
    );
    expect(list).toHaveLength(2);
  });

  it("ends one of its own sessions, but never someone else's", async () => {
    const a = await signedIn();
    const other = await signedIn();
    const actor = (await checkSession(a.claims))!.actor;
    expect(await revokeOwnSession(actor, other.sessionId)).toEqual({ revoked: false });
    expect(await checkSession(other.claims)).not.toBeNull();
    const second = await signInWithPassword({ email: a.user.email, password: a.user.password, code: null, ip: null, userAgent: null });
    if (second.status !== "ok") throw new Error("sign-in failed");
    expect(await revokeOwnSession(actor, second.sessionId)).toEqual({ revoked: true });
    expect(await checkSession({ ...a.claims, sessionId: second.sessionId })).toBeNull();
    expect(await checkSession(a.claims)).not.toBeNull();
    await expect(revokeOwnSession(null, second.sessionId)).rejects.toThrow(/Sign-in required/);
  });

  it("sign out everywhere ends every session of the user, this one included, and no one else's", async () => {
    const a = await signedIn();
    const second = await signInWithPassword({ email: a.user.email, password: a.user.password, code: null, ip: null, userAgent: null });
    if (second.status !== "ok") throw new Error("sign-in failed");
    const other = await signedIn();
    const actor = (await checkSession(a.claims))!.actor;
    expect(await signOutEverywhere(actor)).toEqual({ revoked: 2 });
    expect(await checkSession(a.claims)).toBeNull();
    expect(await checkSession({ ...a.claims, sessionId: second.sessionId })).toBeNull();
    expect(await checkSession(other.claims)).not.toBeNull();
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_out_everywhere", actorId: a.user.id } });
    expect(entry.after).toEqual({ sessionsEnded: 2 });
  });
});

describe("two-factor sign-in required for editors and administrators", () => {
  it("sends an EDITOR or ADMIN without it to set-up (no actor), leaves a VIEWER alone, and can be turned off", async () => {
    const admin = await signedIn("ADMIN");
    const editor = await signedIn("EDITOR");
    const viewer = await signedIn("VIEWER");
    const adminActor = (await checkSession(admin.claims))!.actor;
    expect(await setRequireTwoFactor(adminActor, true)).toEqual({ changed: true });
    try {
      for (const s of [admin, editor]) {
        const state = await checkSession(s.claims);
        expect(state?.needsTwoFactorEnrolment).toBe(true);
        expect(await actorForSession(s.claims.userId, s.claims.sessionVersion, s.claims.sessionId)).toBeNull();
        expect(await actorForSession(s.claims.userId, s.claims.sessionVersion)).toBeNull();
      }
      expect((await checkSession(viewer.claims))?.needsTwoFactorEnrolment).toBe(false);
      expect((await actorForSession(viewer.claims.userId, viewer.claims.sessionVersion, viewer.claims.sessionId))?.id).toBe(viewer.user.id);
      // With two-factor sign-in on, the editor gets through.
      await db().user.update({ where: { id: editor.user.id }, data: { totpEnabledAt: new Date(), totpSecretEnc: "v1.x.y.z" } });
      expect((await actorForSession(editor.claims.userId, editor.claims.sessionVersion, editor.claims.sessionId))?.id).toBe(editor.user.id);
    } finally {
      expect(await setRequireTwoFactor(adminActor, false)).toEqual({ changed: true });
    }
    expect((await actorForSession(admin.claims.userId, admin.claims.sessionVersion, admin.claims.sessionId))?.id).toBe(admin.user.id);
    const entries = await db().auditEntry.findMany({ where: { action: "settings.update", entityId: "requireTwoFactor" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => e.after)).toEqual([{ enabled: true }, { enabled: false }]);
  });

  it("only an ADMIN can change the requirement", async () => {
    const editor = await signedIn("EDITOR");
    const actor = (await checkSession(editor.claims))!.actor;
    await expect(setRequireTwoFactor(actor, true)).rejects.toThrow(/Not allowed/);
    await expect(setRequireTwoFactor(null, true)).rejects.toThrow(/Sign-in required/);
  });
});
