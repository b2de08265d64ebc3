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

/**
 * Derives the cached columns of a case from its events (see status.ts and sentence.ts for
 * the rules).
 *
 * `facilityIdByName` resolves the current facility for events that carry only a facility
 * name (the demo data names facilities; the importer creates facility rows and passes their
 * ids here). An event's own `facilityId` always wins.
 */
export function deriveCaseColumns(
  events: readonly TimelineEvent[],
  facilityIdByName?: FacilityIdByName,
): CaseColumns {
  const state = deriveCaseState(events);
  const first = firstInstanceSentence(events);
  const effective = effectiveSentence(events);
  const statusDate = datePair(state.statusEvent);
  const arrestDate = datePair(state.arrest);

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
  };
}
