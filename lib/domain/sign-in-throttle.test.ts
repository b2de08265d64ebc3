import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CEILING_POLICY,
  AUDITED_PER_ACCOUNT,
  AUDITED_PER_NETWORK,
  IP_POLICY,
  PAIR_POLICY,
  SECOND_FACTOR_POLICY,
  accountKey,
  addressNetwork,
  auditPlacement,
  clientAddress,
  ipKey,
  lockDurationMs,
  normalizeEmail,
  pairKey,
} from "./sign-in-throttle";

describe("lock durations", () => {
  it("an (account, network) pair is not locked before its 5th failure, then 1 min doubling up to 1 h", () => {
    expect([0, 1, 2, 3, 4].map((n) => lockDurationMs(n, PAIR_POLICY))).toEqual([0, 0, 0, 0, 0]);
    const minutes = [5, 6, 7, 8, 9, 10, 11, 12, 100, 10_000].map((n) => lockDurationMs(n, PAIR_POLICY) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it("an address is locked from its 50th failure", () => {
    expect(lockDurationMs(49, IP_POLICY)).toBe(0);
    expect(lockDurationMs(50, IP_POLICY)).toBe(60_000);
    expect(lockDurationMs(51, IP_POLICY)).toBe(120_000);
  });

  it("nonsense counts never lock forever or throw", () => {
    expect(lockDurationMs(Number.NaN, PAIR_POLICY)).toBe(0);
    expect(lockDurationMs(Number.MAX_SAFE_INTEGER, PAIR_POLICY)).toBe(PAIR_POLICY.maxLockMs);
  });

  it("the account-wide ceiling: 99 failures lock nothing, the 100th and every later one lock for an hour", () => {
    expect(lockDurationMs(99, ACCOUNT_CEILING_POLICY)).toBe(0);
    expect([100, 101, 150, 10_000].map((n) => lockDurationMs(n, ACCOUNT_CEILING_POLICY) / 60_000)).toEqual([60, 60, 60, 60]);
    // It forgets only after a whole day without a failure: a slow attack keeps counting.
    expect(ACCOUNT_CEILING_POLICY.forgetAfterMs).toBe(24 * 3_600_000);
  });

  it("wrong second-factor codes lock like a pair: from the 5th", () => {
    expect(lockDurationMs(4, SECOND_FACTOR_POLICY)).toBe(0);
    expect(lockDurationMs(5, SECOND_FACTOR_POLICY)).toBe(60_000);
  });

  it("distributed guessing gets fewer guesses a year than the common passwords the policy refuses", () => {
    // After the ceiling: one guess per lock (an hour), every day of the year.
    const perYear = ACCOUNT_CEILING_POLICY.threshold + (365 * 24 * 3_600_000) / ACCOUNT_CEILING_POLICY.maxLockMs;
    expect(perYear).toBeLessThan(9_000);
    expect(perYear).toBeLessThan(49_000);
  });
});

describe("keys", () => {
  it("normalise the email, so case and spaces do not make a new counter", () => {
    expect(accountKey(normalizeEmail("  Editor@Demo.Local "))).toBe("account:editor@demo.local");
    expect(ipKey("203.0.113.9")).toBe("ip:203.0.113.9");
    expect(pairKey(normalizeEmail(" A@B.org"), "203.0.113.9")).toBe("pair:203.0.113.9|a@b.org");
    expect(pairKey("a@b.org", null)).toBe("pair:-|a@b.org");
  });

  it("count an IPv4 address by itself and an IPv6 address by its /64", () => {
    expect(addressNetwork("203.0.113.9")).toBe("203.0.113.9");
    expect(addressNetwork("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(addressNetwork("2001:db8:0:1:ffff:ffff:ffff:ffff")).toBe("2001:db8:0:1::/64");
    expect(addressNetwork("2001:0db8:0000:0001:0:0:0:7")).toBe("2001:db8:0:1::/64");
    expect(addressNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("2001:db8:1:2:3::")).toBe("2001:db8:1:2::/64");
    expect(addressNetwork("::1")).toBe("0:0:0:0::/64");
    expect(addressNetwork("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
    expect(addressNetwork("2001:db8:0:1::1")).not.toBe(addressNetwork("2001:db8:0:2::1"));
  });
});

describe("audit budget of failed sign-ins", () => {
  it("itemises failures while both hourly budgets have room, then counts them in one summary", () => {
    expect(auditPlacement(1, 1)).toBe("entry");
    expect(auditPlacement(AUDITED_PER_ACCOUNT, AUDITED_PER_NETWORK)).toBe("entry");
    expect(auditPlacement(AUDITED_PER_ACCOUNT + 1, 1)).toBe("account");
    expect(auditPlacement(1, AUDITED_PER_NETWORK + 1)).toBe("network");
    // Over both: counted once, in the account's summary (the one its owner is shown).
    expect(auditPlacement(AUDITED_PER_ACCOUNT + 1, AUDITED_PER_NETWORK + 1)).toBe("account");
    // An unknown email has no window: only the network's budget applies.
    expect(auditPlacement(null, AUDITED_PER_NETWORK)).toBe("entry");
    expect(auditPlacement(null, AUDITED_PER_NETWORK + 1)).toBe("network");
  });
});

describe("client address", () => {
  it("without a trusted proxy: the address Next.js recorded (the last entry)", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress("::1", 0)).toBe("::1");
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress("", 0)).toBeNull();
  });

  it("behind one proxy: the entry that proxy appended, not what the client claimed before it", () => {
    expect(clientAddress("1.1.1.1, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", 1)).toBe("198.51.100.7");
  });

  it("behind two proxies: the entry the outer proxy appended", () => {
    expect(clientAddress("6.6.6.6, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", 2)).toBeNull();
  });

  it("strips ports and brackets, and refuses what is not an address", () => {
    expect(clientAddress("203.0.113.9:5123", 1)).toBe("203.0.113.9");
    expect(clientAddress("[2001:db8::1]:443", 1)).toBe("2001:db8::1");
    expect(clientAddress("2001:DB8::1", 1)).toBe("2001:db8::1");
    expect(clientAddress("unknown", 1)).toBeNull();
    expect(clientAddress("<script>", 1)).toBeNull();
    expect(clientAddress("a".repeat(5000), 1)).toBeNull();
  });
});
