import "server-only";
// After any change to a case's events, the case's cached columns (status, current facility,
// arrest, sentences) are recomputed from the whole timeline by the one domain function and
// stored in the SAME transaction, so every list and chart sees them at once and never a
// timeline that disagrees with its case row. The case row is locked first, so two event
// changes on one case are applied one after the other (positions and derived columns
// cannot interleave).
import type { Tx } from "@/lib/data/audit";
import { NotFoundError } from "@/lib/authz";
import { deriveCaseColumns } from "@/lib/domain/case-derivation";
import { Prisma } from "@/lib/generated/prisma/client";
import { CASE_EVENT_SUMMARIES_ASSIGNMENT, caseListDetailsRewrite } from "@/lib/sql/case-event-summaries";

const CASE_IDS = "$1";
const LIST_DETAILS_REWRITE = caseListDetailsRewrite(`c.id = ANY(${CASE_IDS}::text[])`);

/** One statement of LIST_DETAILS_REWRITE with the case ids bound where it names them. */
function forCases(statement: string, ids: string[]): Prisma.Sql {
  const [before, after, ...more] = statement.split(CASE_IDS);
  if (after === undefined || more.length > 0) throw new Error("expected the case ids once in the statement");
  return Prisma.sql`${Prisma.raw(before!)}${ids}${Prisma.raw(after)}`;
}

/** Recomputes the cached summaries of the events (lib/sql/case-event-summaries.ts) of the given cases after their events, charges or derived columns changed. */
export async function refreshCaseEventSummaries(tx: Tx, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = [...caseIds];
  await tx.$executeRaw`UPDATE cases c SET ${Prisma.raw(CASE_EVENT_SUMMARIES_ASSIGNMENT)} WHERE c.id = ANY(${ids}::text[])`;
  for (const statement of LIST_DETAILS_REWRITE) await tx.$executeRaw(forCases(statement, ids));
}

/** Locks a live case (and checks its person is live) for the rest of the transaction. */
export async function lockLiveCase(tx: Tx, caseId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM cases c JOIN people p ON p.id = c.person_id
    WHERE c.id = ${caseId} AND c.deleted_at IS NULL AND p.deleted_at IS NULL
    FOR UPDATE OF c`;
  if (rows.length === 0) throw new NotFoundError("Case");
}

/** What deriveCaseColumns reads of each live event of a case (also read in bulk by the CSV import). */
export const CASE_TIMELINE_SELECT = {
  type: true,
  position: true,
  date: true,
  datePrecision: true,
  confidence: true,
  prisonYears: true,
  prisonMonths: true,
  prisonDays: true,
  lashes: true,
  fineAmount: true,
  fineCurrency: true,
  appealOutcome: true,
  releaseType: true,
  facilityId: true,
  city: true,
  courtId: true,
  branch: true,
  deletedAt: true,
} as const;

export async function recomputeCaseColumns(tx: Tx, caseId: string): Promise<void> {
  const events = await tx.caseEvent.findMany({
    where: { caseId, deletedAt: null },
    orderBy: { position: "asc" },
    select: CASE_TIMELINE_SELECT,
  });
  await tx.case.update({ where: { id: caseId }, data: deriveCaseColumns(events) });
  await refreshCaseEventSummaries(tx, [caseId]);
}

/** The case's last known status and its arrest, as the case page and the reports read them. */
export const CASE_STATUS_ARREST_SELECT = {
  status: true,
  statusDate: true,
  statusDatePrecision: true,
  arrestDate: true,
  arrestDatePrecision: true,
  arrestCity: true,
} as const;
