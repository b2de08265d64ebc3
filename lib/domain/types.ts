// Domain types shared by every derivation in lib/domain.
//
// The enum values are spelled exactly like the Prisma enums in prisma/schema.prisma, as plain
// string-literal unions, so that this module never imports the generated client (it must
// stay pure: usable from tests, scripts, the demo importer and client components alike),
// while a Prisma value is still assignable to these types and vice versa.
// Each union is derived from a `const` list so that runtime validation (the seed importer,
// invariant tests) and the type cannot drift apart.

export const EVENT_TYPES = [
  "ARREST",
  "SUMMONS",
  "DETENTION",
  "TRANSFER",
  "INCOMMUNICADO",
  "BAIL",
  "TEMPORARY_RELEASE",
  "CHARGE",
  "TRIAL",
  "SENTENCE",
  "APPEAL",
  "ACQUITTAL",
  "RELEASE",
  "ILL_TREATMENT",
  "HUNGER_STRIKE",
  "RESTRICTION",
  "DISAPPEARANCE",
  "OTHER",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CASE_STATUSES = [
  "SUMMONED",
  "DETAINED",
  "DISAPPEARED",
  "RELEASED_ON_BAIL",
  "SENTENCED",
  "IMPRISONED",
  "CONDITIONALLY_RELEASED",
  "RELEASED",
  "ACQUITTED",
  "UNKNOWN",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR", "UNKNOWN"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const CONFIDENCES = ["HIGH", "MEDIUM", "LOW"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const RELEASE_TYPES = [
  "FULL",
  "CONDITIONAL",
  "ELECTRONIC_MONITORING",
  "END_OF_SENTENCE",
  "UNCONDITIONAL",
  "AFTER_INTERROGATION",
  "UNKNOWN",
] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const APPEAL_OUTCOMES = ["UPHELD", "REDUCED", "INCREASED", "OVERTURNED", "UNKNOWN"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const ARREST_CIRCUMSTANCES = [
  "AT_PROTEST",
  "BEFORE_PROTEST",
  "HOME_RAID",
  "SUMMONED",
  "WORKPLACE",
  "OTHER",
] as const;
export type ArrestCircumstance = (typeof ARREST_CIRCUMSTANCES)[number];

/** Whether `value` is one of `values` (narrows unknown input, e.g. from an import). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}

/**
 * A money amount as stored: a number, a decimal string, or a Prisma `Decimal` (anything whose
 * `toString()` gives the decimal digits). Kept as text downstream so no precision is lost.
 */
export type DecimalLike = string | number | { toString(): string };

/**
 * The part of a case event that the derivations read. Field names are the Prisma `CaseEvent`
 * field names, so a row loaded with Prisma is assignable as is.
 *
 * Only `type`, `position`, `date`, `datePrecision` and `confidence` are required (every row and
 * every seed event has them); the typed columns are optional, and absent means null, so tests
 * and importers can build an event without listing every column.
 */
export interface TimelineEvent {
  type: EventType;
  /** Explicit timeline order within the case; every derivation walks events in this order. */
  position: number;
  /** First day of the period (UTC midnight), null when unknown. */
  date: Date | null;
  datePrecision: DatePrecision;
  confidence: Confidence;

  // SENTENCE / APPEAL terms as pronounced; null = not stated.
  prisonYears?: number | null;
  prisonMonths?: number | null;
  prisonDays?: number | null;
  lashes?: number | null;
  fineAmount?: DecimalLike | null;
  fineCurrency?: string | null;

  appealOutcome?: AppealOutcome | null;
  releaseType?: ReleaseType | null;

  // DETENTION / TRANSFER: a DB row has the id, the demo data only the name; either counts.
  facilityId?: string | null;
  facilityName?: string | null;

  // ARREST
  city?: string | null;

  // TRIAL / SENTENCE / APPEAL: the court (a DB row has its id) and branch. The case caches
  // those of the event its first-instance and effective sentences come from (charts group by them).
  courtId?: string | null;
  branch?: string | null;

  /** Soft delete: a deleted event stays in the database but no longer counts. */
  deletedAt?: Date | null;
}

/** A prison term exactly as pronounced ("7 months and 16 days" = {0, 7, 16}). */
export interface PrisonTerm {
  years: number;
  months: number;
  days: number;
}

export interface Fine {
  /** Decimal amount as text (e.g. "800000"), never a float. */
  amount: string;
  currency: string | null;
}
