import "server-only";
// The one writer of case_events. Every change to a timeline (the event form's create, edit,
// move, delete and restore; the CSV, demo and exchange imports) goes through writeTimeline:
// it hands the change a writer that records which cases it touched, then recomputes those
// cases' derived columns and event summaries in the SAME transaction, by one set-based
// derivation (recomputeCases). No caller can forget it, and a single edit and an import of
// 10,000 rows leave identical case rows. tests/unit/timeline-writer-only.test.ts checks that
// no other module writes case_events.
import type { Tx } from "@/lib/data/audit";
import { CASE_TIMELINE_SELECT, refreshCaseEventSummaries } from "@/lib/data/case-derived";
import { deriveCaseColumns, type CaseColumns } from "@/lib/domain/case-derivation";
import { Prisma } from "@/lib/generated/prisma/client";

/** A new event row: its case, position, common and typed columns (lib/events/columns.ts). */
export type NewEventRow = Prisma.CaseEventCreateManyInput;
/** A change to an event row (the columns to set). */
export type EventRowChange = Prisma.CaseEventUncheckedUpdateManyInput;

/** What insert() returns of each new row. */
export interface InsertedEvent {
  id: string;
  caseId: string;
  key: string | null;
  position: number;
  version: number;
}

export interface TimelineWriter {
  /** Inserts events (in chunks), returning each new row's id, case and key, in input order. */
  insert(rows: readonly NewEventRow[]): Promise<InsertedEvent[]>;
  /**
   * Changes one event of `caseId`; with `where.version` only while the row still has it, and
   * with `where.live` only while it is not soft-deleted. Returns how many rows changed (0 or 1).
   */
  update(caseId: string, id: string, data: EventRowChange, where?: { version?: number; live?: boolean }): Promise<number>;
  /** Moves the case's events at or after `from` (all, or all but `exceptId`) by `by` places. */
  shift(caseId: string, from: { gte?: number; gt?: number }, by: 1 | -1, exceptId?: string): Promise<void>;
  /** Sets events' positions (a move, or the room the CSV import makes for new events). */
  setPositions(caseId: string, moves: readonly { id: string; position: number }[]): Promise<void>;
  /** Marks a case's derived columns for recomputation without changing an event. */
  touch(caseId: string): void;
}

const CHUNK = 1_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `change` with the timeline writer, then recomputes the derived columns and event
 * summaries of every case it touched, in the caller's transaction.
 */
export async function writeTimeline<T>(tx: Tx, change: (w: TimelineWriter) => Promise<T>): Promise<T> {
  const touched = new Set<string>();
  const writer: TimelineWriter = {
    async insert(rows) {
      const out: InsertedEvent[] = [];
      for (const chunk of chunks(rows, CHUNK)) {
        for (const r of chunk) touched.add(r.caseId);
        out.push(...(await tx.caseEvent.createManyAndReturn({ data: chunk, select: { id: true, caseId: true, key: true, position: true, version: true } })));
      }
      return out;
    },
    async update(caseId, id, data, where = {}) {
      touched.add(caseId);
      const { count } = await tx.caseEvent.updateMany({
        where: { id, caseId, ...(where.version !== undefined ? { version: where.version } : {}), ...(where.live ? { deletedAt: null } : {}) },
        data,
      });
      return count;
    },
    async shift(caseId, from, by, exceptId) {
      touched.add(caseId);
      await tx.caseEvent.updateMany({ where: { caseId, ...(exceptId ? { id: { not: exceptId } } : {}), position: from }, data: { position: { increment: by } } });
    },
    async setPositions(caseId, moves) {
      touched.add(caseId);
      for (const m of moves) await tx.caseEvent.updateMany({ where: { id: m.id, caseId }, data: { position: m.position } });
    },
    touch(caseId) {
      touched.add(caseId);
    },
  };
  const result = await change(writer);
  await recomputeCases(tx, [...touched]);
  return result;
}

/** What deriveCaseColumns reads of each event, with the case it belongs to. */
const TIMELINE_SELECT = { caseId: true, ...CASE_TIMELINE_SELECT } as const;

/** Each derived column of a case (CaseColumns), its SQL column and type: all of them, or this does not compile. */
const DERIVED_COLUMNS: { [K in keyof CaseColumns]: [column: string, type: string] } = {
  status: ["status", '"CaseStatus"'],
  statusDate: ["status_date", "date"],
  statusDatePrecision: ["status_date_precision", '"DatePrecision"'],
  currentFacilityId: ["current_facility_id", "text"],
  arrestDate: ["arrest_date", "date"],
  arrestDatePrecision: ["arrest_date_precision", '"DatePrecision"'],
  arrestCity: ["arrest_city", "text"],
  firstInstancePrisonDays: ["first_instance_prison_days", "integer"],
  firstInstanceLashes: ["first_instance_lashes", "integer"],
  effectivePrisonDays: ["effective_prison_days", "integer"],
  effectiveLashes: ["effective_lashes", "integer"],
  firstInstanceCourtId: ["first_instance_court_id", "text"],
  firstInstanceBranch: ["first_instance_branch", "text"],
  firstInstanceSentenceDate: ["first_instance_sentence_date", "date"],
  firstInstanceSentenceDatePrecision: ["first_instance_sentence_date_precision", '"DatePrecision"'],
  effectiveCourtId: ["effective_court_id", "text"],
  effectiveBranch: ["effective_branch", "text"],
  effectiveSentenceDate: ["effective_sentence_date", "date"],
  effectiveSentenceDatePrecision: ["effective_sentence_date_precision", '"DatePrecision"'],
};
const DERIVED_KEYS = Object.keys(DERIVED_COLUMNS) as (keyof CaseColumns)[];

/** A Prisma select of every derived column of a case (to read back what the writer stored). */
export const CASE_DERIVED_SELECT = Object.fromEntries(DERIVED_KEYS.map((k) => [k, true])) as { [K in keyof CaseColumns]: true };
// Constant SQL built from the table above (no input reaches it).
const DERIVED_SET = Prisma.raw(DERIVED_KEYS.map((k) => `"${DERIVED_COLUMNS[k][0]}" = v."${DERIVED_COLUMNS[k][0]}"`).join(", "));
const DERIVED_NAMES = Prisma.raw(DERIVED_KEYS.map((k) => `"${DERIVED_COLUMNS[k][0]}"`).join(", "));

/**
 * The derived columns of many cases at once: each case's live timeline is read in position
 * order and derived by the one domain function (deriveCaseColumns); the timelines are read
 * per chunk of cases and the columns written by one UPDATE per chunk (10,000 rows: seconds,
 * not a minute of two queries per case); the event summaries are refreshed for the same chunk.
 */
export async function recomputeCases(tx: Tx, caseIds: readonly string[]): Promise<void> {
  for (const chunk of chunks([...new Set(caseIds)], 400)) {
    const events = await tx.caseEvent.findMany({ where: { caseId: { in: chunk }, deletedAt: null }, orderBy: [{ caseId: "asc" }, { position: "asc" }], select: TIMELINE_SELECT });
    const byCase = new Map<string, (typeof events)[number][]>();
    for (const e of events) {
      const list = byCase.get(e.caseId) ?? [];
      list.push(e);
      byCase.set(e.caseId, list);
    }
    const values = chunk.map((id) => {
      const derived = deriveCaseColumns(byCase.get(id) ?? []);
      const cells = DERIVED_KEYS.map((k) => Prisma.sql`${derived[k]}::${Prisma.raw(DERIVED_COLUMNS[k][1])}`);
      return Prisma.sql`(${id}, ${Prisma.join(cells)})`;
    });
    await tx.$executeRaw`UPDATE cases AS c SET ${DERIVED_SET}, updated_at = now() FROM (VALUES ${Prisma.join(values)}) AS v(id, ${DERIVED_NAMES}) WHERE c.id = v.id`;
    await refreshCaseEventSummaries(tx, chunk);
  }
}
