// Sign-in throttling without account enumeration: failures are counted per (account, client
// network) pair, per network and per account over all networks in PostgreSQL (so the count
// holds across processes and pools); a locked pair refuses even the right password from that
// network, while the owner from another network still gets in; an unknown email, a wrong
// password and a locked account get the same answer in about the same time; what failures
// write is bounded.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { signInWithPassword, type SignInAttempt } from "@/lib/data/auth-sign-in";
import { createUser, unique } from "../support/factories";
import { normalizeEmail, pairKey } from "@/lib/domain/sign-in-throttle";
import { databaseUrl } from "@/lib/env";

// Each account its own documentation-range address unless one is given (the same one for
// every attempt on it, as one client's would be), so the per-address counter of one test
// never locks another's attempts.
let nextHost = 1;
const freshIp = () => `192.0.2.${nextHost++ % 250}`;
const hostOf = new Map<string, string>();
const ipFor = (email: string) => {
  const key = normalizeEmail(email);
  if (!hostOf.has(key)) hostOf.set(key, freshIp());
  return hostOf.get(key)!;
};
const attempt = (email: string, password: string, ip: string | null = ipFor(email)): SignInAttempt => ({
  email,
  password,
  code: null,
  ip,
  userAgent: "vitest",
});
/** The counter of the account from its usual address (the progressive lock). */
const pairOf = (email: string) => pairKey(normalizeEmail(email), ipFor(email));
/** JSON of a row with bigint ids. */
const text = (value: unknown) => JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
const throttleRow = (key: string) => db().signInThrottle.findUnique({ where: { key } });
const WRONG = "not the password at all";

// The real argon2 functions, watched: every path must run exactly one verification.
vi.mock("@/lib/auth/password", async (importActual) => {
  const actual = await importActual<typeof import("@/lib/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const { verifyPassword, dummyPasswordHash } = await import("@/lib/auth/password");

const extraClients: PrismaClient[] = [];
afterAll(async () => {
  for (const client of extraClients) await client.$disconnect();
});

describe("per account, from one network", () => {
  it("after 5 failures even the right password is refused, with the same answer as a wrong one", async () => {
    const user = await createUser("EDITOR");
    for (let i = 0; i < 5; i++) expect(await signInWithPassword(attempt(user.email, WRONG))).toEqual({ status: "failed" });
    const row = await throttleRow(pairOf(user.email));
    expect(row?.failures).toBe(5);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(row?.lockedUntil?.getTime()).toBeLessThanOrEqual(Date.now() + 61_000);

    expect(await signInWithPassword(attempt(user.email, user.password))).toEqual({ status: "failed" });
    // While locked, attempts neither count nor extend the lock.
    expect((await throttleRow(pairOf(user.email)))?.failures).toBe(5);
    expect(await db().userSession.count({ where: { userId: user.id } })).toBe(0);

    const refused = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: user.id }, orderBy: { id: "desc" } });
    expect(refused.after).toMatchObject({ reason: "locked" });
    expect(text(refused)).not.toContain(user.password);
  });

  it("once the lock has passed the right password works, and success resets the counter", async () => {
    const user = await createUser("VIEWER");
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(user.email, WRONG));
    await db().signInThrottle.update({ where: { key: pairOf(user.email) }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    const ok = await signInWithPassword(attempt(user.email, user.password));
    expect(ok.status).toBe("ok");
    expect(await throttleRow(pairOf(user.email))).toBeNull();
    // A fresh start: four more failures do not lock.
    for (let i = 0; i < 4; i++) await signInWithPassword(attempt(user.email, WRONG));
    expect((await signInWithPassword(attempt(user.email, user.password))).status).toBe("ok");
  });

  it("a further failure after the first lock doubles the wait", async () => {
    const user = await createUser("VIEWER");
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(user.email, WRONG));
    await db().signInThrottle.update({ where: { key: pairOf(user.email) }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await signInWithPassword(attempt(user.email, WRONG));
    const row = await throttleRow(pairOf(user.email));
    expect(row?.failures).toBe(6);
    const waitMs = (row?.lockedUntil?.getTime() ?? 0) - Date.now();
    expect(waitMs).toBeGreaterThan(110_000);
    expect(waitMs).toBeLessThanOrEqual(121_000);
  });

  it("the email's case and spaces do not give a fresh counter", async () => {
    const user = await createUser("VIEWER");
    for (const variant of [user.email, user.email.toUpperCase(), ` ${user.email} `, user.email, user.email.toUpperCase()]) {
      await signInWithPassword(attempt(variant, WRONG));
    }
    expect(await signInWithPassword(attempt(user.email, user.password))).toEqual({ status: "failed" });
  });

  it("a burst of parallel guesses is counted in full before any password is checked", async () => {
    const user = await createUser("VIEWER");
    const results = await Promise.all(Array.from({ length: 8 }, () => signInWithPassword(attempt(user.email, WRONG))));
    expect(results.every((r) => r.status === "failed")).toBe(true);
    expect((await throttleRow(pairOf(user.email)))?.failures).toBeGreaterThanOrEqual(5);
    expect(await signInWithPassword(attempt(user.email, user.password))).toEqual({ status: "failed" });
  });

  it("the count lives in PostgreSQL: two separate clients (pools) and a fresh module load share it", async () => {
    const user = await createUser("EDITOR");
    for (let i = 0; i < 3; i++) await signInWithPassword(attempt(user.email, WRONG));

    // A second Prisma client on its own connection pool, as another app process would have,
    // and the sign-in code loaded afresh (nothing kept in module memory survives).
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(), max: 2 }) });
    extraClients.push(other);
    const globalForDb = globalThis as unknown as { __trackerDb?: unknown };
    const original = globalForDb.__trackerDb;
    globalForDb.__trackerDb = other;
    try {
      vi.resetModules();
      const fresh = await import("@/lib/data/auth-sign-in");
      expect(fresh.signInWithPassword).not.toBe(signInWithPassword);
      for (let i = 0; i < 2; i++) expect(await fresh.signInWithPassword(attempt(user.email, WRONG))).toEqual({ status: "failed" });
      expect(await fresh.signInWithPassword(attempt(user.email, user.password))).toEqual({ status: "failed" });
      expect((await other.signInThrottle.findUniqueOrThrow({ where: { key: pairOf(user.email) } })).failures).toBe(5);
    } finally {
      globalForDb.__trackerDb = original;
    }
    // And the first client sees the lock the second one set.
    expect(await signInWithPassword(attempt(user.email, user.password))).toEqual({ status: "failed" });
  });
});

describe("per address", () => {
  it("50 failures from one address lock it for every account; another address is unaffected", async () => {
    const ip = "198.51.100.77";
    // Spread over 13 unknown accounts, so no account counter reaches its own limit.
    for (let i = 0; i < 50; i++) await signInWithPassword(attempt(`nobody-${i % 13}-${unique("x")}@test.local`, WRONG, ip));
    expect((await throttleRow(`ip:${ip}`))?.failures).toBe(50);
    const user = await createUser("VIEWER");
    expect(await signInWithPassword(attempt(user.email, user.password, ip))).toEqual({ status: "failed" });
    expect((await signInWithPassword(attempt(user.email, user.password, "198.51.100.78"))).status).toBe("ok");
  }, 120_000);

  it("a success does not clear the address's counter, but does not add to it either", async () => {
    const ip = "198.51.100.90";
    const user = await createUser("VIEWER");
    await signInWithPassword(attempt(`nobody-${unique("y")}@test.local`, WRONG, ip));
    expect((await signInWithPassword(attempt(user.email, user.password, ip))).status).toBe("ok");
    expect((await throttleRow(`ip:${ip}`))?.failures).toBe(1);
  });
});

describe("no enumeration", () => {
  it("an unknown email, a wrong password, a disabled account and a locked account get identical answers", async () => {
    const known = await createUser("EDITOR");
    const disabled = await createUser("EDITOR");
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const locked = await createUser("EDITOR");
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(locked.email, WRONG));

    const answers = [
      await signInWithPassword(attempt(`nobody-${unique("z")}@test.local`, WRONG)),
      await signInWithPassword(attempt(known.email, WRONG)),
      await signInWithPassword(attempt(disabled.email, disabled.password)),
      await signInWithPassword(attempt(locked.email, locked.password)),
    ];
    for (const answer of answers) expect(answer).toStrictEqual({ status: "failed" });
  });

  it("runs exactly one argon2 verification on every path, against a dummy hash for an unknown email", async () => {
    const known = await createUser("EDITOR");
    const disabled = await createUser("EDITOR");
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const locked = await createUser("EDITOR");
    for (let i = 0; i < 5; i++) await signInWithPassword(attempt(locked.email, WRONG));
    const dummy = await dummyPasswordHash();
    const spy = vi.mocked(verifyPassword);
    const cases: [string, SignInAttempt, string | null][] = [
      ["unknown email", attempt(`nobody-${unique("v")}@test.local`, WRONG), dummy],
      ["wrong password", attempt(known.email, WRONG), null],
      ["disabled account", attempt(disabled.email, disabled.password), null],
      ["locked account", attempt(locked.email, locked.password), null],
      ["right password", attempt(known.email, known.password), null],
    ];
    for (const [name, input, expectedHash] of cases) {
      spy.mockClear();
      await signInWithPassword(input);
      expect(spy, name).toHaveBeenCalledTimes(1);
      const [hash, password] = spy.mock.calls[0]!;
      expect(hash, name).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      if (expectedHash) expect(hash, name).toBe(expectedHash);
      else expect(hash, name).not.toBe(dummy);
      expect(password, name).toBe(input.password);
    }
  });

  it("an unknown email runs the same database statements as a wrong password", async () => {
    const known = await createUser("VIEWER");
    // Every statement of the app's client, as the kind of operation and, for raw SQL, its
    // text without values: the two paths must not differ by a single round trip.
    const global = globalThis as unknown as { __trackerDb?: ReturnType<typeof db> };
    const plain = db();
    const statements: string[] = [];
    global.__trackerDb = plain.$extends({
      query: {
        async $allOperations({ model, operation, args, query }) {
          const strings = (args as { strings?: unknown } | null)?.strings;
          const sql = Array.isArray(strings) ? strings.join("?").replace(/\s+/g, " ").trim() : "";
          if (operation.startsWith("$") && !sql) throw new Error(`No SQL text found for ${operation}`);
          statements.push(`${model ?? ""}.${operation} ${sql}`);
          return query(args);
        },
      },
    }) as unknown as ReturnType<typeof db>;
    const run = async (email: string) => {
      statements.length = 0;
      expect(await signInWithPassword(attempt(email, WRONG, "192.0.2.252"))).toEqual({ status: "failed" });
      return [...statements];
    };
    try {
      // Not the first failure of either (each has its counters and windows by then).
      const unknown = `nobody-${unique("s")}@test.local`;
      await run(unknown);
      await run(known.email);
      const [unknownPath, knownPath] = [await run(unknown), await run(known.email)];
      expect(unknownPath.length).toBeGreaterThan(5);
      expect(unknownPath).toEqual(knownPath);
      // And a first failure of each.
      expect(await run(`nobody-${unique("s")}@test.local`)).toEqual(await run((await createUser("VIEWER")).email));
    } finally {
      global.__trackerDb = plain;
    }
  });

  it("an unknown email takes about as long as a wrong password", async () => {
    const known = await createUser("VIEWER");
    // Each attempt from its own address, so that the known account's pair never locks.
    let host = 0;
    const time = async (email: string) => {
      const started = performance.now();
      await signInWithPassword(attempt(email, WRONG, `203.0.113.${host++}`));
      return performance.now() - started;
    };
    await time(`warm-up-${unique("w")}@test.local`);
    const unknownTimes: number[] = [];
    const knownTimes: number[] = [];
    // Interleaved, and enough of them that a busy machine's noise (single attempts here
    // range from 25 to 120 ms under load) does not decide the medians.
    for (let i = 0; i < 25; i++) {
      unknownTimes.push(await time(`nobody-${unique("t")}@test.local`));
      knownTimes.push(await time(known.email));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknownTimes) / median(knownTimes);
    // Both paths do the same work (one argon2 verification, one counter, one audit entry);
    // the bounds leave room for a busy machine's noise.
    expect(ratio).toBeGreaterThan(0.67);
    expect(ratio).toBeLessThan(1.5);
  });

  it("audits each failure without the password, and an unknown email only as a keyed hash", async () => {
    const email = `Someone-${unique("a")}@Example.org`;
    const password = "a very secret guess 123";
    await signInWithPassword(attempt(email, password, "192.0.2.251"));
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_in_failed" }, orderBy: { id: "desc" } });
    expect(entry.actorId).toBeNull();
    expect(entry.after).toMatchObject({ reason: "unknown_account", ip: "192.0.2.251", emailHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const json = text(entry).toLowerCase();
    expect(json).not.toContain(password);
    expect(json).not.toContain(email.toLowerCase());
    expect(json).not.toContain(email.toLowerCase().split("@")[0]!);
    // The same address typed differently gives the same hash (attempts can be correlated).
    await signInWithPassword(attempt(email.toLowerCase(), password));
    const again = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_in_failed" }, orderBy: { id: "desc" } });
    expect((again.after as { emailHash: string }).emailHash).toBe((entry.after as { emailHash: string }).emailHash);
  });

  it("audits a success as auth.sign_in with its session", async () => {
    const user = await createUser("ADMIN");
    const result = await signInWithPassword(attempt(user.email, user.password));
    if (result.status !== "ok") throw new Error("expected a sign-in");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "auth.sign_in", entityId: user.id }, orderBy: { id: "desc" } });
    expect(entry.actorId).toBe(user.id);
    expect(entry.after).toMatchObject({ sessionId: result.sessionId, secondFactor: "none" });
    expect(text(entry)).not.toContain(user.password);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });
});
