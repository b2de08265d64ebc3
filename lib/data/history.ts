import "server-only";
// The History of a person, a case or an incident, read from the audit trail: who changed what,
// when, field by field, newest first, one page at a time. Only the record's changes count
// (lib/data/history-actions.ts): reads such as report downloads are on the ADMIN audit page,
// so however many there are they cannot push a change out of sight. Pages are keyset on the
// entry id (never an offset), so paging older never skips or repeats an entry while others
// are being written.
//
// Readers who may not see restricted data get the entries with restricted notes removed and
// every source they may not see NOW removed (lib/data/history-redact.ts: confidential or
// deleted since the snapshot was written counts), so the History never leaks what the
// record page hides.
import { db } from "@/lib/db";
import { canSeeRestricted, requireActor, type Actor } from "@/lib/authz";
import { HISTORY_CHANGE_ACTIONS, type HistoryEntityType } from "@/lib/data/history-actions";
import { diffSnapshots, type FieldChange } from "@/lib/data/history-diff";
import { redactEntry, sourceIdsOf } from "@/lib/data/history-redact";
import { ValidationError } from "@/lib/data/validation-error";
import { visibleSourceWhere } from "@/lib/data/visibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import { HISTORY_PAGE_SIZE, type HistoryCursor } from "@/lib/validation/history";

export interface HistoryEntry {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** A label for what was changed ("Arrest", a person's name), from the snapshot. */
  subject: string | null;
  changes: FieldChange[];
}

export interface HistoryPage {
  /** Newest first, at most HISTORY_PAGE_SIZE. */
  entries: HistoryEntry[];
  /** The page of older entries, or null when these are the oldest. */
  older: HistoryCursor | null;
  /** The page of newer entries ("newest": the first page), or null when these are the newest. */
  newer: HistoryCursor | "newest" | null;
}

const EMPTY: HistoryPage = { entries: [], older: null, newer: null };

function subjectOf(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const s = snapshot as Record<string, unknown>;
  for (const key of ["type", "name", "title"]) if (typeof s[key] === "string") return s[key] as string;
  return null;
}

/** The entry id a cursor names, checked (a cursor comes from a URL). */
function cursorId(cursor: HistoryCursor): bigint {
  const id = "before" in cursor ? cursor.before : cursor.after;
  if (typeof id !== "string" || !/^\d{1,18}$/.test(id)) throw new ValidationError({ cursor: "History page: must name an entry by its number" });
  return BigInt(id);
}

type Scope = { entityType: HistoryEntityType; ids: string[] };

/** The change entries of these records (and nothing they were merely read for). */
const scopeWhere = (scopes: Scope[]): Prisma.AuditEntryWhereInput => ({
  OR: scopes.filter((s) => s.ids.length > 0).map((s) => ({ entityType: s.entityType, entityId: { in: s.ids }, action: { in: [...HISTORY_CHANGE_ACTIONS[s.entityType]] } })),
});

const select = { id: true, at: true, action: true, entityType: true, entityId: true, before: true, after: true, actor: { select: { name: true, email: true } } } as const;

async function historyPage(actor: Actor, scopes: Scope[], cursor: HistoryCursor | null): Promise<HistoryPage> {
  const scope = scopeWhere(scopes);
  const and = (more: Prisma.AuditEntryWhereInput): Prisma.AuditEntryWhereInput => ({ AND: [scope, more] });
  const at = cursor ? cursorId(cursor) : null;
  const rows =
    cursor && "after" in cursor
      ? (await db().auditEntry.findMany({ where: and({ id: { gt: at! } }), orderBy: { id: "asc" }, take: HISTORY_PAGE_SIZE, select })).reverse()
      : await db().auditEntry.findMany({ where: at === null ? scope : and({ id: { lt: at } }), orderBy: { id: "desc" }, take: HISTORY_PAGE_SIZE, select });

  let older: HistoryPage["older"] = null;
  let newer: HistoryPage["newer"] = null;
  if (rows.length) {
    const newest = rows[0]!.id;
    const oldest = rows[rows.length - 1]!.id;
    const [below, above] = await Promise.all([
      db().auditEntry.findFirst({ where: and({ id: { lt: oldest } }), select: { id: true } }),
      db().auditEntry.findMany({ where: and({ id: { gt: newest } }), take: HISTORY_PAGE_SIZE + 1, select: { id: true } }),
    ]);
    if (below) older = { before: oldest.toString() };
    // Up to one page of newer entries: the first page itself (a "Newer" link lands where the
    // History starts); more: the page just above this one.
    if (above.length) newer = above.length <= HISTORY_PAGE_SIZE ? "newest" : { after: newest.toString() };
  } else if (cursor && (await db().auditEntry.findFirst({ where: scope, select: { id: true } }))) {
    newer = "newest"; // a page past either end (an old link): back to the start
  }

  let visible: Set<string> | null = null;
  if (!canSeeRestricted(actor)) {
    const ids = sourceIdsOf(rows);
    const live = ids.length ? await db().source.findMany({ where: { id: { in: ids }, ...visibleSourceWhere(actor) }, select: { id: true } }) : [];
    visible = new Set(live.map((s) => s.id));
  }

  const entries: HistoryEntry[] = [];
  for (const r of rows) {
    const shown = visible ? redactEntry(r, visible) : { before: r.before, after: r.after };
    if (!shown) continue;
    entries.push({
      id: r.id.toString(),
      at: r.at,
      actor: r.actor ? r.actor.name || r.actor.email : null,
      action: r.action,
      entityType: r.entityType ?? "",
      entityId: r.entityId ?? "",
      subject: subjectOf(shown.after) ?? subjectOf(shown.before),
      changes: diffSnapshots(shown.before, shown.after),
    });
  }
  return { entries, older, newer };
}

/** The person's own changes (details, aliases, relations, deletion), newest first. */
export async function personHistory(actor: Actor | null, personId: string, cursor: HistoryCursor | null = null): Promise<HistoryPage> {
  const a = requireActor(actor);
  const person = await db().person.findFirst({ where: { id: personId, deletedAt: null }, select: { id: true } });
  if (!person) return EMPTY;
  return historyPage(a, [{ entityType: "person", ids: [personId] }], cursor);
}

/** The case's changes and those of every event it has had (deleted ones included), newest first. */
export async function caseHistory(actor: Actor | null, caseId: string, cursor: HistoryCursor | null = null): Promise<HistoryPage> {
  const a = requireActor(actor);
  const kase = await db().case.findFirst({ where: { id: caseId, deletedAt: null, person: { deletedAt: null } }, select: { events: { select: { id: true } } } });
  if (!kase) return EMPTY;
  return historyPage(
    a,
    [
      { entityType: "case", ids: [caseId] },
      { entityType: "event", ids: kase.events.map((e) => e.id) },
    ],
    cursor,
  );
}

/** The incident's own changes (details, sources, deletion), newest first. */
export async function incidentHistory(actor: Actor | null, incidentId: string, cursor: HistoryCursor | null = null): Promise<HistoryPage> {
  const a = requireActor(actor);
  const incident = await db().incident.findFirst({ where: { id: incidentId, deletedAt: null }, select: { id: true } });
  if (!incident) return EMPTY;
  return historyPage(a, [{ entityType: "incident", ids: [incidentId] }], cursor);
}
