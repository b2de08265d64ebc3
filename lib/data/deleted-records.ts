import "server-only";
// What an ADMIN sees on /admin/deleted: every soft-deleted record, newest deletion first,
// with who deleted it (from the audit trail), so it can be restored.
import { db } from "@/lib/db";
import { requireRole, type Actor } from "@/lib/authz";

export type DeletedKind = "person" | "case" | "incident" | "event" | "source";

export interface DeletedRecord {
  kind: DeletedKind;
  id: string;
  label: string;
  context: string | null;
  deletedAt: Date;
  deletedBy: string | null;
}

const notNull = { not: null } as const;

export async function listDeletedRecords(actor: Actor | null): Promise<DeletedRecord[]> {
  requireRole(actor, "ADMIN");
  const [people, cases, incidents, events, sources] = await Promise.all([
    db().person.findMany({ where: { deletedAt: notNull }, select: { id: true, name: true, deletedAt: true } }),
    db().case.findMany({ where: { deletedAt: notNull }, select: { id: true, deletedAt: true, person: { select: { name: true } } } }),
    db().incident.findMany({ where: { deletedAt: notNull }, select: { id: true, title: true, deletedAt: true } }),
    db().caseEvent.findMany({ where: { deletedAt: notNull }, select: { id: true, type: true, deletedAt: true, case: { select: { person: { select: { name: true } } } } } }),
    db().source.findMany({ where: { deletedAt: notNull }, select: { id: true, title: true, deletedAt: true } }),
  ]);
  const records: DeletedRecord[] = [
    ...people.map((p) => ({ kind: "person" as const, id: p.id, label: p.name, context: null, deletedAt: p.deletedAt!, deletedBy: null })),
    ...cases.map((c) => ({ kind: "case" as const, id: c.id, label: c.person.name, context: null, deletedAt: c.deletedAt!, deletedBy: null })),
    ...incidents.map((i) => ({ kind: "incident" as const, id: i.id, label: i.title, context: null, deletedAt: i.deletedAt!, deletedBy: null })),
    ...events.map((e) => ({ kind: "event" as const, id: e.id, label: e.type, context: e.case.person.name, deletedAt: e.deletedAt!, deletedBy: null })),
    ...sources.map((s) => ({ kind: "source" as const, id: s.id, label: s.title, context: null, deletedAt: s.deletedAt!, deletedBy: null })),
  ];
  if (records.length) {
    const audits = await db().auditEntry.findMany({
      where: { action: { endsWith: ".delete" }, entityId: { in: records.map((r) => r.id) } },
      orderBy: { id: "asc" },
      select: { entityId: true, actor: { select: { name: true } } },
    });
    const by = new Map(audits.map((a) => [a.entityId, a.actor?.name ?? null]));
    for (const r of records) r.deletedBy = by.get(r.id) ?? null;
  }
  return records.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
}
