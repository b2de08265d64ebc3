// Sign-in throttling without handing out a denial of service (issue 13, item 2): guesses
// from one client network slow that network down on that account, not the owner signing in
// from elsewhere; guesses spread over many networks hit an account-wide ceiling that still
// lets the owner in from a network they signed in from before; what failed attempts write
// (audit entries, counters) stays bounded however many there are; and the owner is told at
// the next sign-in how many attempts failed since the previous one.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dismissSignInNotice } from "@/lib/data/auth-sessions";
import { signInWithPassword, type SignInAttempt } from "@/lib/data/auth-sign-in";
import { closeFinishedWindows } from "@/lib/data/sign-in-failures";
import { checkSession } from "@/lib/data/users";
import { ACCOUNT_CEILING_POLICY, AUDITED_PER_ACCOUNT, AUDITED_PER_NETWORK, accountKey, ipKey, normalizeEmail, pairKey } from "@/lib/domain/sign-in-throttle";
import { createUser, unique } from "../support/factories";

const WRONG = "not the password at all";
const attempt = (email: string, password: string, ip: string | null): SignInAttempt => ({ email, password, code: null, ip, userAgent: "vitest" });
const row = (key: string) => db().signInThrottle.findUnique({ where: { key } });
const lastAuditId = async () => (await db().auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;
const auditSince = (id: bigint, action?: string) =>
  db().auditEntry.findMany({ where: { id: { gt: id }, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });

/** Runs `count` calls of `fn(i)`, `width` at a time (argon2 runs on a small thread pool). */
async function inBatches<T>(count: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, k) => fn(start + k)))));
  }
  return results;
}

describe("guesses from one network", () => {
  it("an attacker address failing 50 times does not stop the owner signing in from another address", async () => {
    const owner = await createUser("EDITOR");
    const attacker = "203.0.113.50";
    for (let i = 0; i < 50; i++) expect(await signInWithPassword(attempt(owner.email, `${WRONG} ${i}`, attacker))).toEqual({ status: "failed" });

    // The owner, from an address that never signed in to this account before.
    const ok = await signInWithPassword(attempt(owner.email, owner.password, "198.51.100.20"));
    expect(ok.status).toBe("ok");

    // The attacker's address is still slowed: locked, and refused even with the right password.
    const pair = await row(pairKey(normalizeEmail(owner.email), attacker));
    expect(pair?.failures).toBe(5);
    expect(pair?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await signInWithPassword(attempt(owner.email, owner.password, attacker))).toEqual({ status: "failed" });
    // Attempts refused during the lock were not counted anywhere: the account-wide count
    // holds the five real guesses only, far from its ceiling.
    expect((await row(accountKey(normalizeEmail(owner.email))))?.failures).toBe(5);
  }, 60_000);

  it("after the attacker's lock passes, its next failure waits twice as long", async () => {
    const owner = await createUser("VIEWER");
    const attacker = "203.0.113.51";
    const key = pairKey(normalizeEmail(owner.email), attacker);
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(owner.email, WRONG, attacker));
    await db().signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await signInWithPassword(attempt(owner.email, WRONG, attacker));
    const waitMs = ((await row(key))?.lockedUntil?.getTime() ?? 0) - Date.now();
    expect(waitMs).toBeGreaterThan(110_000);
    expect(waitMs).toBeLessThanOrEqual(121_000);
  });

  it("an IPv6 client is one network however many of its /64's addresses it uses", async () => {
    const owner = await createUser("VIEWER");
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(owner.email, WRONG, `2001:db8:77:1::${(i + 1).toString(16)}`));
    expect(await signInWithPassword(attempt(owner.email, owner.password, "2001:db8:77:1:ffff::9"))).toEqual({ status: "failed" });
    expect((await signInWithPassword(attempt(owner.email, owner.password, "2001:db8:77:2::1"))).status).toBe("ok");
  });
});

describe("guesses spread over many networks", () => {
  it(`${ACCOUNT_CEILING_POLICY.threshold} failures lock the account for unfamiliar networks; a network it signed in from still gets in`, async () => {
    const owner = await createUser("EDITOR");
    const email = normalizeEmail(owner.email);
    const home = "198.51.100.30";
    expect((await signInWithPassword(attempt(owner.email, owner.password, home))).status).toBe("ok");

    // 4 guesses from each of 25 networks: no network reaches its own lock.
    await inBatches(ACCOUNT_CEILING_POLICY.threshold, 4, (i) => signInWithPassword(attempt(owner.email, `${WRONG} ${i}`, `10.13.${Math.floor(i / 4)}.1`)));
    const ceiling = await row(accountKey(email));
    expect(ceiling?.failures).toBe(ACCOUNT_CEILING_POLICY.threshold);
    const lockMs = (ceiling?.lockedUntil?.getTime() ?? 0) - Date.now();
    expect(lockMs).toBeGreaterThan(59 * 60_000);
    expect(lockMs).toBeLessThanOrEqual(60 * 60_000 + 1000);

    // A fresh network, even with the right password: refused, like any other failure.
    expect(await signInWithPassword(attempt(owner.email, owner.password, "10.13.200.1"))).toEqual({ status: "failed" });
    expect(await signInWithPassword(attempt(owner.email, owner.password, null))).toEqual({ status: "failed" });
    // The owner's own network: in.
    expect((await signInWithPassword(attempt(owner.email, owner.password, home))).status).toBe("ok");
    // The owner's success neither lifts nor resets the ceiling for the attackers.
    expect((await row(accountKey(email)))?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await signInWithPassword(attempt(owner.email, owner.password, "10.13.201.1"))).toEqual({ status: "failed" });
  }, 120_000);
});

describe("what failed attempts write", () => {
  it("1,000 failed attempts add a bounded number of audit entries and counters, and every failure is still counted", async () => {
    const victim = await createUser("EDITOR");
    const home = "198.51.100.40";
    expect((await signInWithPassword(attempt(victim.email, victim.password, home))).status).toBe("ok");
    const auditMark = await lastAuditId();
    const throttleRowsBefore = await db().signInThrottle.count();
    const windowsBefore = await db().signInAuditWindow.count();

    // 500 guesses at one account from 50 networks, 500 at random unknown emails from 5.
    const results = await inBatches(1000, 8, (i) =>
      i < 500
        ? signInWithPassword(attempt(victim.email, `${WRONG} ${i}`, `10.50.${i % 50}.7`))
        : signInWithPassword(attempt(`nobody-${unique("n")}@test.local`, WRONG, `10.60.${i % 5}.9`)),
    );
    expect(results.every((r) => r.status === "failed")).toBe(true);

    const itemised = await auditSince(auditMark, "auth.sign_in_failed");
    const onVictim = itemised.filter((e) => e.entityId === victim.id);
    // One account: AUDITED_PER_ACCOUNT entries an hour; unknown emails: AUDITED_PER_NETWORK per network.
    expect(onVictim).toHaveLength(AUDITED_PER_ACCOUNT);
    expect(itemised.length - onVictim.length).toBe(5 * AUDITED_PER_NETWORK);
    expect(await auditSince(auditMark)).toHaveLength(AUDITED_PER_ACCOUNT + 5 * AUDITED_PER_NETWORK);
    // Counters: the victim's per network (pair and network) and its ceiling; unknown emails at
    // most two per counted failure, and a network stops counting at IP_POLICY's 50.
    expect((await db().signInThrottle.count()) - throttleRowsBefore).toBeLessThanOrEqual(50 * 2 + 1 + 5 * (2 * 50 + 1));
    // Audit windows: one per account and one per network, whatever the number of emails tried.
    expect((await db().signInAuditWindow.count()) - windowsBefore).toBeLessThanOrEqual(1 + 50 + 5);
    for (let n = 0; n < 5; n++) expect((await row(ipKey(`10.60.${n}.9`)))?.failures).toBe(50);

    // Every failure on the victim is counted for its owner, and summarised at the next sign-in.
    expect((await db().user.findUniqueOrThrow({ where: { id: victim.id } })).failedSignIns).toBe(500);
    const beforeSignIn = await lastAuditId();
    const ok = await signInWithPassword(attempt(victim.email, victim.password, home));
    expect(ok.status).toBe("ok");
    const written = await auditSince(beforeSignIn);
    expect(written.map((e) => e.action)).toEqual(["auth.sign_in_failed_summary", "auth.sign_in"]);
    expect(written[0]).toMatchObject({ entityType: "user", entityId: victim.id });
    expect(written[0]!.after).toMatchObject({ scope: "account", failuresNotItemised: 500 - AUDITED_PER_ACCOUNT });
    expect(written[1]!.after).toMatchObject({ failedAttemptsSincePreviousSignIn: 500 });

    // The networks' windows are summarised once they are over: one entry each, with the rest.
    await db().signInAuditWindow.updateMany({ where: { key: { startsWith: "ip:10.60." } }, data: { windowStartedAt: new Date(Date.now() - 2 * 3_600_000) } });
    const beforeClose = await lastAuditId();
    await closeFinishedWindows();
    const summaries = await auditSince(beforeClose);
    expect(summaries).toHaveLength(5);
    for (const s of summaries) expect(s.after).toMatchObject({ scope: "network", failuresNotItemised: 100 - AUDITED_PER_NETWORK });
    expect(await db().signInAuditWindow.count({ where: { key: { startsWith: "ip:10.60." } } })).toBe(0);
  }, 300_000);

  it("a window that is over is summarised by the next failure on it, which starts a new one", async () => {
    const user = await createUser("VIEWER");
    const networks = Array.from({ length: AUDITED_PER_ACCOUNT + 2 }, (_, i) => `10.70.${i}.1`);
    for (const ip of networks) await signInWithPassword(attempt(user.email, WRONG, ip));
    const key = `account:${normalizeEmail(user.email)}`;
    expect(await db().signInAuditWindow.findUnique({ where: { key } })).toMatchObject({ attempts: AUDITED_PER_ACCOUNT + 2, unaudited: 2 });
    await db().signInAuditWindow.update({ where: { key }, data: { windowStartedAt: new Date(Date.now() - 3_700_000) } });
    const mark = await lastAuditId();
    await signInWithPassword(attempt(user.email, WRONG, "10.70.99.1"));
    expect((await auditSince(mark)).map((e) => [e.action, (e.after as { failuresNotItemised?: number }).failuresNotItemised ?? null])).toEqual([
      ["auth.sign_in_failed_summary", 2],
      ["auth.sign_in_failed", null],
    ]);
    expect(await db().signInAuditWindow.findUnique({ where: { key } })).toMatchObject({ attempts: 1, unaudited: 0 });
  });
});

describe("the owner is told", () => {
  it("at the next sign-in, how many attempts failed since the previous one; dismissing it is audited", async () => {
    const owner = await createUser("EDITOR");
    const first = await signInWithPassword(attempt(owner.email, owner.password, "198.51.100.60"));
    if (first.status !== "ok") throw new Error("expected a sign-in");
    const firstAt = (await db().user.findUniqueOrThrow({ where: { id: owner.id } })).lastSignInAt!;
    // The first session has nothing to tell.
    const claims = (sessionId: string) => ({ userId: owner.id, sessionVersion: owner.sessionVersion, sessionId });
    expect((await checkSession(claims(first.sessionId)))?.signInNotice).toBeNull();

    for (let i = 0; i < 3; i++) await signInWithPassword(attempt(owner.email, WRONG, `10.80.${i}.1`));
    for (let i = 0; i < 6; i++) await signInWithPassword(attempt(owner.email, WRONG, "10.80.9.1")); // the 6th refused by the lock: still an attempt

    const second = await signInWithPassword(attempt(owner.email, owner.password, "198.51.100.60"));
    if (second.status !== "ok") throw new Error("expected a sign-in");
    const state = await checkSession(claims(second.sessionId));
    expect(state?.signInNotice).toEqual({ failures: 9, wrongCodes: 0, previousSignInAt: firstAt });
    // Counted afresh from this sign-in on.
    expect((await db().user.findUniqueOrThrow({ where: { id: owner.id } })).failedSignIns).toBe(0);

    // Dismissed for this session only, and only by its owner.
    const someoneElse = await createUser("ADMIN");
    expect(await dismissSignInNotice(someoneElse, second.sessionId)).toEqual({ dismissed: false });
    const mark = await lastAuditId();
    expect(await dismissSignInNotice(owner, second.sessionId)).toEqual({ dismissed: true });
    expect((await checkSession(claims(second.sessionId)))?.signInNotice).toBeNull();
    expect((await auditSince(mark)).map((e) => [e.action, e.actorId, e.entityId])).toEqual([["auth.sign_in_notice_dismissed", owner.id, second.sessionId]]);

    // A sign-in with no failures before it has no notice.
    const third = await signInWithPassword(attempt(owner.email, owner.password, "198.51.100.60"));
    if (third.status !== "ok") throw new Error("expected a sign-in");
    expect((await checkSession(claims(third.sessionId)))?.signInNotice).toBeNull();
  });
});
