// The ranges of the "distribution of prison terms" chart, defined once for the SQL that
// counts cases into them (lib/data/aggregate-sql.ts), the chart labels and the tests.
//
// Terms are compared in prison days (prisonTermDays: 1 year = 365 days, 1 month = 30), so a
// range boundary is the day count of the term it names: "6 months" = 180, "1 year" = 365.
// Each range is half-open, [fromDays, underDays): a term of exactly 1 year (365 days) is in
// "1 to under 2 years", never in two ranges; "12 months" (360 days) is under a year.
// A term of 0 days (a sentence overturned or acquitted) or no stated term is in no range:
// the chart counts people sentenced to prison, not people who were not.

import { prisonTermDays } from "./sentence";

export const PRISON_TERM_BUCKET_IDS = ["under6Months", "6MonthsTo1Year", "1To2Years", "2To5Years", "5To10Years", "10YearsOrMore"] as const;
export type PrisonTermBucketId = (typeof PRISON_TERM_BUCKET_IDS)[number];

export interface PrisonTermBucket {
  id: PrisonTermBucketId;
  /** Inclusive lower bound, in prison days. */
  fromDays: number;
  /** Exclusive upper bound, in prison days; null = no upper bound. */
  underDays: number | null;
}

const days = (term: { years?: number; months?: number }) => prisonTermDays(term) as number;

export const PRISON_TERM_BUCKETS: readonly PrisonTermBucket[] = [
  { id: "under6Months", fromDays: 1, underDays: days({ months: 6 }) },
  { id: "6MonthsTo1Year", fromDays: days({ months: 6 }), underDays: days({ years: 1 }) },
  { id: "1To2Years", fromDays: days({ years: 1 }), underDays: days({ years: 2 }) },
  { id: "2To5Years", fromDays: days({ years: 2 }), underDays: days({ years: 5 }) },
  { id: "5To10Years", fromDays: days({ years: 5 }), underDays: days({ years: 10 }) },
  { id: "10YearsOrMore", fromDays: days({ years: 10 }), underDays: null },
];

/** The range a term falls in, or null for a term of 0 days or no stated term. */
export function prisonTermBucket(prisonDays: number | null | undefined): PrisonTermBucketId | null {
  if (prisonDays == null || prisonDays <= 0) return null;
  const bucket = PRISON_TERM_BUCKETS.find((b) => prisonDays >= b.fromDays && (b.underDays === null || prisonDays < b.underDays));
  return bucket?.id ?? null;
}
