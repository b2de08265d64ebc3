import "server-only";
// The History of a person or a case, read from the audit trail: who changed what, when,
// field by field. Readers who may not see restricted data get the same entries with the
// restricted notes and confidential sources removed from the snapshots before diffing, so
// the History never leaks what the record page hides.
import { db } from "@/lib/db";
import { canSeeRestricted, requireActor, type Actor } from "@/lib/authz";
import { diffSnapshots, type FieldChange } from "@/lib/data/history-diff";

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

function redact(snapshot: unknown, restricted: boolean): unknown {
  if (restricted || !snapshot || typeof snapshot !== "object" || Array.isArray(snapshot)) return snapshot;
  const copy: Record<string, unknown> = { ...(snapshot as Record<string, unknown>) };
  delete copy.restrictedNotes;
  if (Array.isArray(copy.sources)) copy.sources = copy.sources.filter((s) => !(s && typeof s === "object" && (s as { confidential?: unknown }).confidential === true));
  return copy;
}

function subjectOf(snapshot: unknown): string | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const s = snapshot as Record<string, unknown>;
  for (const key of ["type", "name", "title"]) if (typeof s[key] === "string") return s[key] as string;
  return null;
}

const LIMIT = 200;

async function entries(actor: Actor, where: { entityType: string; entityId: { in: string[] } }[]): Promise<HistoryEntry[]> {
  const restricted = canSeeRestricted(actor);
  const rows = await db().auditEntry.findMany({
    where: { OR: where },
    orderBy: { id: "desc" },
    take: LIMIT,
    select: { id: true, at: true, action: true, entityType: true, entityId: true, before: true, after: true, actor: { select: { name: true, email: true } } },
  });
  return rows.map((r) => {
    const before = redact(r.before, restricted);
    const after = redact(r.after, restricted);
    return {
      id: r.id.toString(),
      at: r.at,
      actor: r.actor ? r.actor.name || r.actor.email : null,
      action: r.action,
      entityType: r.entityType ?? "",
      entityId: r.entityId ?? "",
      subject: subjectOf(after) ?? subjectOf(before),
      changes: diffSnapshots(before, after),
    };
  });
}

/** The person's own entries (details, aliases, relations, deletion), newest first. */
export async function personHistory(actor: Actor | null, personId: string): Promise<HistoryEntry[]> {
  const a = requireActor(actor);
  const person = await db().person.findFirst({ where: { id: personId, deletedAt: null }, select: { id: true } });
  if (!person) return [];
  return entries(a, [{ entityType: "person", entityId: { in: [personId] } }]);
}

/** The case's entries and those of every event it has had (deleted ones included), newest first. */
export async function caseHistory(actor: Actor | null, caseId: string): Promise<HistoryEntry[]> {
  const a = requireActor(actor);
  const kase = await db().case.findFirst({ where: { id: caseId, deletedAt: null, person: { deletedAt: null } }, select: { events: { select: { id: true } } } });
  if (!kase) return [];
  return entries(a, [
    { entityType: "case", entityId: { in: [caseId] } },
    { entityType: "event", entityId: { in: kase.events.map((e) => e.id) } },
  ]);
}

/** The incident's own entries (details, sources, deletion), newest first. */
export async function incidentHistory(actor: Actor | null, incidentId: string): Promise<HistoryEntry[]> {
  const a = requireActor(actor);
  const incident = await db().incident.findFirst({ where: { id: incidentId, deletedAt: null }, select: { id: true } });
  if (!incident) return [];
  return entries(a, [{ entityType: "incident", entityId: { in: [incidentId] } }]);
}
