import "server-only";
// Creating, editing, soft-deleting and restoring incidents.
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { conflictFor } from "@/lib/data/conflict";
import { newRecordKey } from "@/lib/data/record-keys";
import { ValidationError } from "@/lib/data/validation-error";
import { parsePartialDate } from "@/lib/domain/dates";
import { incidentSchema, type IncidentData } from "@/lib/validation/incident";
import { versionSchema } from "@/lib/validation/version";

const snapshot = (tx: Tx, id: string) =>
  tx.incident.findUnique({
    where: { id },
    select: {
      id: true, title: true, date: true, datePrecision: true, dateText: true, country: true, province: true, city: true, place: true,
      description: true, reportedDetained: true, reportedDetainedNote: true, confidence: true, note: true, version: true, deletedAt: true,
      sources: { select: { source: { select: { id: true, title: true, confidential: true } } } },
    },
  }).then((r) => (r ? { ...r, sources: r.sources.map((s) => s.source).sort((a, b) => a.title.localeCompare(b.title)) } : r));

function columns(input: IncidentData) {
  const i = { ...input };
  delete i.sourceIds; // links, written by writeSources
  const { date, precision } = parsePartialDate(i.date, i.datePrecision);
  return { ...i, date, datePrecision: precision };
}

/** Replaces the incident's sources when the input lists them (each must be live). */
async function writeSources(tx: Tx, incidentId: string, sourceIds: string[] | undefined): Promise<void> {
  if (sourceIds === undefined) return;
  if (sourceIds.length && (await tx.source.count({ where: { id: { in: sourceIds }, deletedAt: null } })) !== sourceIds.length) {
    throw new ValidationError({ sourceIds: "Sources: a chosen source no longer exists" });
  }
  await tx.incidentSource.deleteMany({ where: { incidentId } });
  if (sourceIds.length) await tx.incidentSource.createMany({ data: sourceIds.map((sourceId) => ({ incidentId, sourceId })) });
}

export async function createIncident(actor: Actor | null, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const i = incidentSchema.parse(input);
  return db().$transaction(async (tx) => {
    const row = await tx.incident.create({ data: { key: newRecordKey("inc", i.title), ...columns(i) }, select: { id: true, version: true } });
    await writeSources(tx, row.id, i.sourceIds);
    await writeAudit(tx, { actorId: a.id, action: "incident.create", entityType: "incident", entityId: row.id, after: await snapshot(tx, row.id) });
    return row;
  });
}

export async function updateIncident(actor: Actor | null, id: string, version: unknown, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  const i = incidentSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Incident");
    const { count } = await tx.incident.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...columns(i), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "incident", id, before.version);
    await writeSources(tx, id, i.sourceIds);
    await writeAudit(tx, { actorId: a.id, action: "incident.update", entityType: "incident", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function deleteIncident(actor: Actor | null, id: string, version: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Incident");
    const { count } = await tx.incident.updateMany({ where: { id, version: expected, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "incident", id, before.version);
    await writeAudit(tx, { actorId: a.id, action: "incident.delete", entityType: "incident", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function restoreIncident(actor: Actor | null, id: string): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || !before.deletedAt) throw new NotFoundError("Deleted incident");
    const row = await tx.incident.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } }, select: { version: true } });
    await writeAudit(tx, { actorId: a.id, action: "incident.restore", entityType: "incident", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: row.version };
  });
}
