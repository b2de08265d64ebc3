import { describe, expect, it } from "vitest";
import { PRISON_TERM_BUCKETS, prisonTermBucket } from "./prison-term-buckets";

describe("prison term ranges", () => {
  it("are contiguous, half-open and start at one day", () => {
    expect(PRISON_TERM_BUCKETS[0]?.fromDays).toBe(1);
    for (let i = 1; i < PRISON_TERM_BUCKETS.length; i++) {
      expect(PRISON_TERM_BUCKETS[i]?.fromDays).toBe(PRISON_TERM_BUCKETS[i - 1]?.underDays);
    }
    expect(PRISON_TERM_BUCKETS.at(-1)?.underDays).toBeNull();
  });

  it("use the day counts of the terms they name (1 year = 365, 1 month = 30)", () => {
    expect(PRISON_TERM_BUCKETS.map((b) => [b.fromDays, b.underDays])).toEqual([
      [1, 180],
      [180, 365],
      [365, 730],
      [730, 1825],
      [1825, 3650],
      [3650, null],
    ]);
  });

  it("put each demo term where a reader expects it", () => {
    expect(prisonTermBucket(120)).toBe("under6Months"); // 4 months
    expect(prisonTermBucket(226)).toBe("6MonthsTo1Year"); // 7 months 16 days
    expect(prisonTermBucket(360)).toBe("6MonthsTo1Year"); // 12 months
    expect(prisonTermBucket(365)).toBe("1To2Years"); // 1 year
    expect(prisonTermBucket(730)).toBe("2To5Years"); // 2 years
    expect(prisonTermBucket(940)).toBe("2To5Years"); // 2 years 7 months
    expect(prisonTermBucket(1460)).toBe("2To5Years"); // 4 years
    expect(prisonTermBucket(3649)).toBe("5To10Years");
    expect(prisonTermBucket(3650)).toBe("10YearsOrMore"); // 10 years
  });

  it("count no term and a zero term in no range", () => {
    expect(prisonTermBucket(null)).toBeNull();
    expect(prisonTermBucket(undefined)).toBeNull();
    expect(prisonTermBucket(0)).toBeNull();
  });
});
