// The cached, derived columns of the `cases` table, computed from the timeline in one place.
// The data layer writes them after every change to a case's events (and the demo importer
// after loading a case); nothing else writes them, so filters and charts read exactly what
// the derivation rules say.

import { effectiveSentence, firstInstanceSentence } from "./sentence";
import { deriveCaseState } from "./status";
import type { CaseStatus, DatePrecision, TimelineEvent } from "./types";

export interface CaseColumns {
  status: CaseStatus;
  statusDate: Date | null;
  statusDatePrecision: DatePrecision;
  currentFacilityId: string | null;
  arrestDate: Date | null;
  arrestDatePrecision: DatePrecision;
  arrestCity: string | null;
  firstInstancePrisonDays: number | null;
  firstInstanceLashes: number | null;
  effectivePrisonDays: number | null;
  effectiveLashes: number | null;
  /** Court, branch and date of the event each sentence comes from (see sentenceSource). */
  firstInstanceCourtId: string | null;
  firstInstanceBranch: string | null;
  firstInstanceSentenceDate: Date | null;
  firstInstanceSentenceDatePrecision: DatePrecision;
  effectiveCourtId: string | null;
  effectiveBranch: string | null;
  effectiveSentenceDate: Date | null;
  effectiveSentenceDatePrecision: DatePrecision;
}

/** Name → id of the facilities table, as a Map or a plain object. */
export type FacilityIdByName = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function lookup(table: FacilityIdByName | undefined, name: string | null): string | null {
  if (table === undefined || name === null) return null;
  if (table instanceof Map) return table.get(name) ?? null;
  const record = table as Readonly<Record<string, string>>;
  return Object.prototype.hasOwnProperty.call(record, name) ? (record[name] ?? null) : null;
}

// A date without a precision (or a precision without a date) is stored as "unknown", so the
// pair in the row is always consistent.
function datePair(e: TimelineEvent | null): { date: Date | null; precision: DatePrecision } {
  if (e === null || e.date === null || e.datePrecision === "UNKNOWN") return { date: null, precision: "UNKNOWN" };
  return { date: e.date, precision: e.datePrecision };
}

/*
 * WHERE A SENTENCE COMES FROM, for the charts that group lashes "by court" and "by month of
 * sentence": the court, branch and date of the event the summary names. First instance: the
 * first-instance SENTENCE itself. Effective: the SENTENCE or APPEAL that stated the terms in
 * force (or the APPEAL/ACQUITTAL that cancelled them). An appeal that revises only the prison
 * term still counts as the source of the lashes it leaves standing: its court's decision is
 * the one that imposes them.
 */
function sentenceSource(e: TimelineEvent | null | undefined) {
  const date = datePair(e ?? null);
  return { courtId: e?.courtId ?? null, branch: e?.branch ?? null, date: date.date, precision: date.precision };
}

/**
 * Derives the cached columns of a case from its events (see status.ts and sentence.ts for
 * the rules).
 *
 * `facilityIdByName` resolves the current facility for events that carry only a facility
 * name (the demo data names facilities; the importer creates facility rows and passes their
 * ids here). An event's own `facilityId` always wins.
 */
export function deriveCaseColumns(events: readonly TimelineEvent[], facilityIdByName?: FacilityIdByName): CaseColumns {
  const state = deriveCaseState(events);
  const first = firstInstanceSentence(events);
  const effective = effectiveSentence(events);
  const statusDate = datePair(state.statusEvent);
  const arrestDate = datePair(state.arrest);
  const firstSource = sentenceSource(first?.event);
  const effectiveSource = sentenceSource(effective?.event);

  return {
    status: state.status,
    statusDate: statusDate.date,
    statusDatePrecision: statusDate.precision,
    currentFacilityId: state.currentFacilityId ?? lookup(facilityIdByName, state.currentFacilityName),
    arrestDate: arrestDate.date,
    arrestDatePrecision: arrestDate.precision,
    arrestCity: state.arrest?.city ?? null,
    firstInstancePrisonDays: first?.prisonDays ?? null,
    firstInstanceLashes: first?.lashes ?? null,
    effectivePrisonDays: effective?.prisonDays ?? null,
    effectiveLashes: effective?.lashes ?? null,
    firstInstanceCourtId: firstSource.courtId,
    firstInstanceBranch: firstSource.branch,
    firstInstanceSentenceDate: firstSource.date,
    firstInstanceSentenceDatePrecision: firstSource.precision,
    effectiveCourtId: effectiveSource.courtId,
    effectiveBranch: effectiveSource.branch,
    effectiveSentenceDate: effectiveSource.date,
    effectiveSentenceDatePrecision: effectiveSource.precision,
  };
}
