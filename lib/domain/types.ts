// Domain types shared by every derivation in lib/domain. The enumerations live in
// ./vocab.ts (each written once) and are re-exported here for the derivations' imports.
export {
  APPEAL_OUTCOMES,
  ARREST_CIRCUMSTANCES,
  CASE_STATUSES,
  CONFIDENCES,
  DATE_PRECISIONS,
  EVENT_TYPES,
  RELEASE_TYPES,
  type AppealOutcome,
  type ArrestCircumstance,
  type CaseStatus,
  type Confidence,
  type DatePrecision,
  type EventType,
  type ReleaseType,
} from "@/lib/domain/vocab";
import type { AppealOutcome, Confidence, DatePrecision, EventType, ReleaseType } from "@/lib/domain/vocab";

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
