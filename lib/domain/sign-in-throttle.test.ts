import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, IP_POLICY, accountKey, clientAddress, ipKey, lockDurationMs, normalizeEmail } from "./sign-in-throttle";

describe("lock durations", () => {
  it("an account is not locked before its 5th failure, then 1 min doubling up to 1 h", () => {
    expect([0, 1, 2, 3, 4].map((n) => lockDurationMs(n, ACCOUNT_POLICY))).toEqual([0, 0, 0, 0, 0]);
    const minutes = [5, 6, 7, 8, 9, 10, 11, 12, 100, 10_000].map((n) => lockDurationMs(n, ACCOUNT_POLICY) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it("an address is locked from its 50th failure", () => {
    expect(lockDurationMs(49, IP_POLICY)).toBe(0);
    expect(lockDurationMs(50, IP_POLICY)).toBe(60_000);
    expect(lockDurationMs(51, IP_POLICY)).toBe(120_000);
  });

  it("nonsense counts never lock forever or throw", () => {
    expect(lockDurationMs(Number.NaN, ACCOUNT_POLICY)).toBe(0);
    expect(lockDurationMs(Number.MAX_SAFE_INTEGER, ACCOUNT_POLICY)).toBe(ACCOUNT_POLICY.maxLockMs);
  });
});

describe("keys", () => {
  it("normalise the email, so case and spaces do not make a new counter", () => {
    expect(accountKey(normalizeEmail("  Editor@Demo.Local "))).toBe("account:editor@demo.local");
    expect(ipKey("203.0.113.9")).toBe("ip:203.0.113.9");
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
