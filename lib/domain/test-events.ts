// Test helper (used by lib/domain/*.test.ts only): builds timelines tersely.
// Dates are built here with the Date API directly, not with dates.ts, so that tests of the
// derivations do not depend on the code they might be checking.

import type { DatePrecision, EventType, TimelineEvent } from "./types";

type EventFields = Omit<TimelineEvent, "type" | "position" | "date" | "datePrecision" | "confidence"> &
  Partial<Pick<TimelineEvent, "confidence" | "position">> & {
    /** "2020-10-18", "2020-10", "2020" or omitted (undated). */
    on?: string;
  };

export type TestEvent = TimelineEvent & { label?: string };

/** UTC midnight of the first day of an ISO partial date, with the precision its shape implies. */
export function isoDate(iso: string): { date: Date; datePrecision: DatePrecision } {
  if (/^\d{4}$/.test(iso)) return { date: new Date(`${iso}-01-01T00:00:00Z`), datePrecision: "YEAR" };
  if (/^\d{4}-\d{2}$/.test(iso)) return { date: new Date(`${iso}-01T00:00:00Z`), datePrecision: "MONTH" };
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { date: new Date(`${iso}T00:00:00Z`), datePrecision: "DAY" };
  throw new Error(`bad test date ${iso}`);
}

/** One event; position defaults to 0 (use `timeline` to number a list). */
export function ev(type: EventType, fields: EventFields = {}): TestEvent {
  const { on, ...rest } = fields;
  const dated = on === undefined ? { date: null, datePrecision: "UNKNOWN" as const } : isoDate(on);
  return { type, position: 0, confidence: "HIGH", ...dated, ...rest };
}

/** Numbers the events 0, 1, 2... in the order given (the timeline order). */
export function timeline(...events: TestEvent[]): TestEvent[] {
  return events.map((e, i) => ({ ...e, position: i }));
}
