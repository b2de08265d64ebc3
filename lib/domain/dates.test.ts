import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPartialDate, parsePartialDate, PartialDateError, partialDateSortKey, toIsoPartial } from "./dates";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("parsePartialDate", () => {
  it("parses each precision to UTC midnight of the first day of the period", () => {
    expect(parsePartialDate("2020-10-18")).toEqual({ date: utc("2020-10-18"), precision: "DAY" });
    expect(parsePartialDate("2020-10")).toEqual({ date: utc("2020-10-01"), precision: "MONTH" });
    expect(parsePartialDate("2020")).toEqual({ date: utc("2020-01-01"), precision: "YEAR" });
  });

  it("accepts a precision that agrees with the string", () => {
    expect(parsePartialDate("2021-06-19", "DAY").date?.toISOString()).toBe("2021-06-19T00:00:00.000Z");
    expect(parsePartialDate("2023-02", "MONTH").date?.toISOString()).toBe("2023-02-01T00:00:00.000Z");
    expect(parsePartialDate("2004", "YEAR").date?.toISOString()).toBe("2004-01-01T00:00:00.000Z");
  });

  it("gives an unknown date for null, undefined or the empty string", () => {
    expect(parsePartialDate(null)).toEqual({ date: null, precision: "UNKNOWN" });
    expect(parsePartialDate(undefined)).toEqual({ date: null, precision: "UNKNOWN" });
    expect(parsePartialDate("", "UNKNOWN")).toEqual({ date: null, precision: "UNKNOWN" });
    expect(parsePartialDate(null, "UNKNOWN")).toEqual({ date: null, precision: "UNKNOWN" });
  });

  it("accepts 29 February only in leap years", () => {
    expect(parsePartialDate("2020-02-29").date).toEqual(utc("2020-02-29"));
    expect(() => parsePartialDate("2021-02-29")).toThrow(PartialDateError);
    expect(() => parsePartialDate("1900-02-29")).toThrow(PartialDateError); // century, not leap
    expect(parsePartialDate("2000-02-29").date).toEqual(utc("2000-02-29")); // 400-year rule
  });

  it.each([
    ["2020-13"],
    ["2020-00"],
    ["2020-02-30"],
    ["2020-04-31"],
    ["2020-10-00"],
    ["2020-1-5"],
    ["20-10-18"],
    ["2020/10/18"],
    ["18 Oct 2020"],
    ["2020-10-18T00:00:00Z"],
    [" 2020"],
    ["0000"],
  ])("rejects %j", (input) => {
    expect(() => parsePartialDate(input)).toThrow(PartialDateError);
  });

  it("rejects a precision that contradicts the string", () => {
    expect(() => parsePartialDate("2020-10", "DAY")).toThrow(/precision MONTH, not DAY/);
    expect(() => parsePartialDate("2020-10-18", "MONTH")).toThrow(PartialDateError);
    expect(() => parsePartialDate("2020", "MONTH")).toThrow(PartialDateError);
    expect(() => parsePartialDate("2020", "UNKNOWN")).toThrow(PartialDateError);
    expect(() => parsePartialDate(null, "DAY")).toThrow(/needs a date/);
  });

  it("does not depend on the process time zone (no local-time parsing)", () => {
    // new Date("2020-10") would be UTC, but new Date(2020, 9, 1) local; check the instant.
    expect(parsePartialDate("2020-10")!.date!.getTime()).toBe(Date.UTC(2020, 9, 1));
    expect(parsePartialDate("2020-12-31")!.date!.getTime()).toBe(Date.UTC(2020, 11, 31));
  });
});

describe("toIsoPartial", () => {
  it("cuts the date to its precision", () => {
    expect(toIsoPartial(utc("2020-10-18"), "DAY")).toBe("2020-10-18");
    expect(toIsoPartial(utc("2020-10-01"), "MONTH")).toBe("2020-10");
    expect(toIsoPartial(utc("2020-01-01"), "YEAR")).toBe("2020");
  });

  it("uses the UTC day, even for an instant late in the day", () => {
    expect(toIsoPartial(new Date("2021-06-19T23:30:00Z"), "DAY")).toBe("2021-06-19");
  });

  it("is null when undated", () => {
    expect(toIsoPartial(null, "UNKNOWN")).toBeNull();
    expect(toIsoPartial(null, "DAY")).toBeNull();
    expect(toIsoPartial(utc("2020-10-18"), "UNKNOWN")).toBeNull();
  });

  it("round-trips with parsePartialDate (property)", () => {
    const partial = fc
      .record({
        year: fc.integer({ min: 1000, max: 2999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        shape: fc.constantFrom("DAY" as const, "MONTH" as const, "YEAR" as const),
      })
      .map(({ year, month, day, shape }) => {
        const y = String(year);
        const m = String(month).padStart(2, "0");
        const d = String(day).padStart(2, "0");
        return shape === "YEAR" ? y : shape === "MONTH" ? `${y}-${m}` : `${y}-${m}-${d}`;
      });
    fc.assert(
      fc.property(partial, (iso) => {
        const { date, precision } = parsePartialDate(iso);
        expect(toIsoPartial(date, precision)).toBe(iso);
      }),
    );
  });
});

describe("formatPartialDate", () => {
  it("prints English day-month-year with short month names", () => {
    expect(formatPartialDate(utc("2020-07-16"), "DAY")).toBe("16 Jul 2020");
    expect(formatPartialDate(utc("2020-10-01"), "MONTH")).toBe("Oct 2020");
    expect(formatPartialDate(utc("2020-01-01"), "YEAR")).toBe("2020");
    expect(formatPartialDate(utc("2021-09-05"), "DAY", "en")).toBe("5 Sep 2021");
    expect(formatPartialDate(utc("2021-09-05"), "DAY", "en-GB")).toBe("5 Sep 2021");
  });

  it("returns null for an unknown date so the UI prints its own 'date unknown'", () => {
    expect(formatPartialDate(null, "UNKNOWN")).toBeNull();
    expect(formatPartialDate(null, "DAY")).toBeNull();
    expect(formatPartialDate(utc("2020-10-18"), "UNKNOWN")).toBeNull();
    expect(formatPartialDate(new Date(Number.NaN), "DAY")).toBeNull();
  });

  it("never shows more than the precision (a MONTH date prints no day)", () => {
    expect(formatPartialDate(utc("2020-10-01"), "MONTH")).not.toMatch(/\b1\b/);
  });

  it("formats in UTC: the first of the month stays the first", () => {
    expect(formatPartialDate(new Date("2020-10-01T00:00:00Z"), "DAY")).toBe("1 Oct 2020");
  });

  it("formats other locales with Intl, in the Gregorian calendar", () => {
    const fa = formatPartialDate(utc("2020-07-16"), "YEAR", "fa");
    // Persian digits for 2020, not the Solar Hijri year 1399.
    expect(fa).toBe("۲۰۲۰");
    const de = formatPartialDate(utc("2020-07-16"), "DAY", "de");
    expect(de).toMatch(/16/);
    expect(de).toMatch(/2020/);
  });

  it("falls back to English for an invalid locale tag", () => {
    expect(formatPartialDate(utc("2020-07-16"), "DAY", "not a locale!")).toBe("16 Jul 2020");
  });
});

describe("partialDateSortKey", () => {
  it("places a month or year at the start of its period", () => {
    expect(partialDateSortKey(utc("2020-10-18"), "MONTH")).toBe(Date.UTC(2020, 9, 1));
    expect(partialDateSortKey(utc("2020-10-18"), "YEAR")).toBe(Date.UTC(2020, 0, 1));
    expect(partialDateSortKey(utc("2020-10-18"), "DAY")).toBe(Date.UTC(2020, 9, 18));
    expect(partialDateSortKey(null, "DAY")).toBeNull();
    expect(partialDateSortKey(utc("2020-10-18"), "UNKNOWN")).toBeNull();
  });
});
