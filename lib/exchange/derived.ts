// The derived values of a case in an exchange file, computed from its events by the one
// domain function the app uses after every edit (lib/domain/case-derivation.ts), and compared
// with the values the exporting installation stored. Courts and facilities are named in the
// file, so the derivation runs on names in place of ids: what it returns is directly the
// file's spelling.
import { deriveCaseColumns, type CaseColumns } from "@/lib/domain/case-derivation";
import type { TimelineEvent } from "@/lib/domain/types";
import type { ExchangeCase, ExchangeDerived, ExchangeEvent } from "./schema";

const day = (d: Date | null) => (d === null ? null : d.toISOString().slice(0, 10));
const date = (s: string | null) => (s === null ? null : new Date(`${s}T00:00:00Z`));

/** An event of the file as the derivation reads it (court and facility by name). */
export function timelineEvent(e: ExchangeEvent): TimelineEvent {
  return {
    type: e.type,
    position: e.position,
    date: date(e.date),
    datePrecision: e.datePrecision,
    confidence: e.confidence,
    prisonYears: e.prisonYears,
    prisonMonths: e.prisonMonths,
    prisonDays: e.prisonDays,
    lashes: e.lashes,
    fineAmount: e.fineAmount,
    fineCurrency: e.fineCurrency,
    appealOutcome: e.appealOutcome,
    releaseType: e.releaseType,
    facilityId: e.facility,
    city: e.city,
    courtId: e.court,
    branch: e.branch,
    deletedAt: e.deletedAt === null ? null : new Date(e.deletedAt),
  };
}

/** Cached columns (with names where the database holds ids) in the file's spelling. */
export function derivedFromColumns(c: CaseColumns): ExchangeDerived {
  return {
    status: c.status,
    statusDate: day(c.statusDate),
    statusDatePrecision: c.statusDatePrecision,
    currentFacility: c.currentFacilityId,
    arrestDate: day(c.arrestDate),
    arrestDatePrecision: c.arrestDatePrecision,
    arrestCity: c.arrestCity,
    firstInstancePrisonDays: c.firstInstancePrisonDays,
    firstInstanceLashes: c.firstInstanceLashes,
    effectivePrisonDays: c.effectivePrisonDays,
    effectiveLashes: c.effectiveLashes,
    firstInstanceCourt: c.firstInstanceCourtId,
    firstInstanceBranch: c.firstInstanceBranch,
    firstInstanceSentenceDate: day(c.firstInstanceSentenceDate),
    firstInstanceSentenceDatePrecision: c.firstInstanceSentenceDatePrecision,
    effectiveCourt: c.effectiveCourtId,
    effectiveBranch: c.effectiveBranch,
    effectiveSentenceDate: day(c.effectiveSentenceDate),
    effectiveSentenceDatePrecision: c.effectiveSentenceDatePrecision,
  };
}

/**
 * The case's columns derived from its live events in timeline order, exactly as
 * recomputeCaseColumns (lib/data/case-derived.ts) does after an edit; court and facility
 * fields hold names.
 */
export function deriveExchangeCase(kase: Pick<ExchangeCase, "events">): ExchangeDerived {
  const live = kase.events.filter((e) => e.deletedAt === null).sort((a, b) => a.position - b.position);
  return derivedFromColumns(deriveCaseColumns(live.map(timelineEvent)));
}

export interface DerivedDifference {
  field: keyof ExchangeDerived;
  expected: unknown;
  actual: unknown;
}

export function derivedDifferences(expected: ExchangeDerived, actual: ExchangeDerived): DerivedDifference[] {
  return (Object.keys(expected) as (keyof ExchangeDerived)[])
    .filter((field) => expected[field] !== actual[field])
    .map((field) => ({ field, expected: expected[field], actual: actual[field] }));
}
