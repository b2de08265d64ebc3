// Sign-in checks and session revocation: a session stops working as soon as its user's
// session version moves on or the account is disabled; the role comes from the database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actorForSession, revokeSessions, verifyCredentials } from "@/lib/data/users";
import { createUser } from "../support/factories";

describe("verifyCredentials", () => {
  it("accepts the right password and stores an argon2id hash with OWASP parameters", async () => {
    const user = await createUser("EDITOR");
    const ok = await verifyCredentials(user.email.toUpperCase(), user.password);
    expect(ok?.id).toBe(user.id);
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("answers the same (null) for a wrong password and an unknown email, and audits both", async () => {
    const user = await createUser("VIEWER");
    expect(await verifyCredentials(user.email, "wrong password!!")).toBeNull();
    expect(await verifyCredentials("nobody-here@test.local", "wrong password!!")).toBeNull();
    const failures = await db().auditEntry.count({ where: { action: "auth.sign_in_failed" } });
    expect(failures).toBeGreaterThanOrEqual(2);
  });

  it("refuses a disabled account even with the right password", async () => {
    const user = await createUser("VIEWER");
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await verifyCredentials(user.email, user.password)).toBeNull();
  });
});

describe("actorForSession", () => {
  it("accepts the current session version and refuses it after revocation", async () => {
    const user = await createUser("EDITOR");
    expect((await actorForSession(user.id, user.sessionVersion))?.id).toBe(user.id);
    await revokeSessions(user.id);
    expect(await actorForSession(user.id, user.sessionVersion)).toBeNull();
    expect((await actorForSession(user.id, user.sessionVersion + 1))?.id).toBe(user.id);
  });

  it("refuses a disabled user's session", async () => {
    const user = await createUser("EDITOR");
    await db().user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await actorForSession(user.id, user.sessionVersion)).toBeNull();
  });

  it("takes the role from the database, not from the token", async () => {
    const user = await createUser("ADMIN");
    await db().user.update({ where: { id: user.id }, data: { role: "VIEWER" } });
    expect((await actorForSession(user.id, user.sessionVersion))?.role).toBe("VIEWER");
  });
});
