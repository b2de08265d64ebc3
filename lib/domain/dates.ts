// Dates with a precision ("16 July 2020", "October 2020", "2020", or unknown).
//
// Storage convention (domain.md): the first day of the period at UTC midnight plus the
// precision, so that dates sort and filter in SQL while the precision says how much of the
// date is known. Everything here works in UTC: the server, the browser and the database may
// be in different time zones, and a local-time conversion would move "1 Oct 2020" to
// "30 Sep 2020" for a reader west of Greenwich.

import type { DatePrecision } from "./types";

export interface PartialDate {
  /** First day of the period, UTC midnight; null when the precision is UNKNOWN. */
  date: Date | null;
  precision: DatePrecision;
}

/** Raised for a date string that is malformed, impossible, or contradicts its precision. */
export class PartialDateError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "PartialDateError";
  }
}

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A UTC-midnight Date; setUTCFullYear avoids Date.UTC's "years 0-99 mean 19xx" quirk. */
function utcDate(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

function daysInMonth(year: number, monthIndex: number): number {
  // Day 0 of the next month is the last day of this one (leap years included).
  return utcDate(year, monthIndex + 1, 0).getUTCDate();
}

/**
 * Parses "2020-10-18" (DAY), "2020-10" (MONTH), "2020" (YEAR) or null/"" (UNKNOWN) into the
 * stored form. The precision is inferred from the string's shape; when `precision` is given
 * too, it must agree with the shape (an import saying "2020-10" with precision "day" is a
 * data error to report, not something to guess about).
 *
 * @throws PartialDateError for "2020-13", "2020-02-30", "20-1-1", a mismatched precision, ...
 */
export function parsePartialDate(input: string | null | undefined, precision?: DatePrecision): PartialDate {
  if (input === null || input === undefined || input === "") {
    if (precision !== undefined && precision !== "UNKNOWN") {
      throw new PartialDateError(`Precision ${precision} needs a date`);
    }
    return { date: null, precision: "UNKNOWN" };
  }

  const match = ISO_PARTIAL.exec(input);
  if (!match) throw new PartialDateError(`Not a YYYY, YYYY-MM or YYYY-MM-DD date: "${input}"`);
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  if (year < 1) throw new PartialDateError(`Year out of range: "${input}"`);

  const shape: DatePrecision = dayText !== undefined ? "DAY" : monthText !== undefined ? "MONTH" : "YEAR";
  if (precision !== undefined && precision !== shape) {
    throw new PartialDateError(`"${input}" has precision ${shape}, not ${precision}`);
  }

  const month = monthText === undefined ? 1 : Number(monthText);
  if (month < 1 || month > 12) throw new PartialDateError(`Month out of range: "${input}"`);
  const day = dayText === undefined ? 1 : Number(dayText);
  if (day < 1 || day > daysInMonth(year, month - 1)) {
    throw new PartialDateError(`Day out of range: "${input}"`);
  }
  return { date: utcDate(year, month - 1, day), precision: shape };
}

/** True when the event has a usable date: a date AND a precision other than UNKNOWN. */
export function isDated(date: Date | null | undefined, precision: DatePrecision): date is Date {
  return date != null && precision !== "UNKNOWN" && !Number.isNaN(date.getTime());
}

/**
 * The instant a partial date sorts at: the start of its period (so "Oct 2020" sorts before
 * "18 Oct 2020", as domain.md asks), whatever day the Date object itself carries.
 * Null when undated.
 */
export function partialDateSortKey(date: Date | null | undefined, precision: DatePrecision): number | null {
  if (!isDated(date, precision)) return null;
  const y = date.getUTCFullYear();
  switch (precision) {
    case "YEAR":
      return utcDate(y, 0, 1).getTime();
    case "MONTH":
      return utcDate(y, date.getUTCMonth(), 1).getTime();
    default:
      return utcDate(y, date.getUTCMonth(), date.getUTCDate()).getTime();
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A stored DATE as its day ("2020-10-01"), whatever its precision; null for none. */
export function isoDay(date: Date | null | undefined): string | null {
  return date instanceof Date ? date.toISOString().slice(0, 10) : null;
}

/** "2020-10-18", "2020-10", "2020", or null when undated: the inverse of parsePartialDate. */
export function toIsoPartial(date: Date | null | undefined, precision: DatePrecision): string | null {
  if (!isDated(date, precision)) return null;
  const y = pad(date.getUTCFullYear(), 4);
  const m = pad(date.getUTCMonth() + 1, 2);
  const d = pad(date.getUTCDate(), 2);
  if (precision === "YEAR") return y;
  if (precision === "MONTH") return `${y}-${m}`;
  return `${y}-${m}-${d}`;
}

// English is formatted from a fixed table, not Intl: the reports and the UI must print the
// same "16 Jul 2020" on the server and in every browser, and ICU versions disagree ("Sep"
// vs "Sept", "Jul 16, 2020" for plain "en"). Day-month-year is the order used by the
// human-rights reports this tool feeds.
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Human-readable partial date: "16 Jul 2020" (DAY), "Oct 2020" (MONTH), "2020" (YEAR).
 * Returns null when the date is unknown, so the caller prints its own translated
 * "date unknown" text instead of an empty string that would look like a bug.
 */
export function formatPartialDate(date: Date | null | undefined, precision: DatePrecision, locale = "en"): string | null {
  if (!isDated(date, precision)) return null;
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();

  if (locale === "en" || locale.startsWith("en-")) {
    if (precision === "YEAR") return String(y);
    if (precision === "MONTH") return `${EN_MONTHS[m]} ${y}`;
    return `${d} ${EN_MONTHS[m]} ${y}`;
  }

  // Other locales: Intl in UTC and in the Gregorian calendar. The stored period is a
  // Gregorian month or year; shown in another calendar (e.g. the Persian default for "fa")
  // "Oct 2020" would straddle two months and read as more precise than it is.
  const options: Intl.DateTimeFormatOptions = { timeZone: "UTC", calendar: "gregory", year: "numeric" };
  if (precision !== "YEAR") options.month = "short";
  if (precision === "DAY") options.day = "numeric";
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    // An invalid locale tag must not break a page or a report: fall back to English.
    return formatPartialDate(date, precision, "en");
  }
}
