import "server-only";
// Creating, editing, soft-deleting and restoring sources. `insertSource` is also used by
// event-mutations.ts for sources added inline with an event (inside that event's
// transaction and audit entry).
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { conflictFor } from "@/lib/data/conflict";
import { newRecordKey } from "@/lib/data/record-keys";
import { parsePartialDate } from "@/lib/domain/dates";
import { sourceSchema, type SourceData } from "@/lib/validation/source";
import { versionSchema } from "@/lib/validation/version";

const snapshot = (tx: Tx, id: string) =>
  tx.source.findUnique({
    where: { id },
    select: { id: true, title: true, publisher: true, kind: true, url: true, date: true, datePrecision: true, language: true, confidential: true, via: true, version: true, deletedAt: true },
  });

function columns(s: SourceData) {
  const { date, precision } = parsePartialDate(s.date);
  return { ...s, date, datePrecision: precision };
}

export async function insertSource(tx: Tx, s: SourceData): Promise<{ id: string; title: string; confidential: boolean }> {
  return tx.source.create({ data: { key: newRecordKey("src", s.title), ...columns(s) }, select: { id: true, title: true, confidential: true } });
}

export async function createSource(actor: Actor | null, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const s = sourceSchema.parse(input);
  return db().$transaction(async (tx) => {
    const { id } = await insertSource(tx, s);
    await writeAudit(tx, { actorId: a.id, action: "source.create", entityType: "source", entityId: id, after: await snapshot(tx, id) });
    return { id, version: 1 };
  });
}

export async function updateSource(actor: Actor | null, id: string, version: unknown, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  const s = sourceSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Source");
    const { count } = await tx.source.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...columns(s), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "source", id, before.version);
    await writeAudit(tx, { actorId: a.id, action: "source.update", entityType: "source", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function deleteSource(actor: Actor | null, id: string, version: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Source");
    const { count } = await tx.source.updateMany({ where: { id, version: expected, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "source", id, before.version);
    await writeAudit(tx, { actorId: a.id, action: "source.delete", entityType: "source", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function restoreSource(actor: Actor | null, id: string): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || !before.deletedAt) throw new NotFoundError("Deleted source");
    const row = await tx.source.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } }, select: { version: true } });
    await writeAudit(tx, { actorId: a.id, action: "source.restore", entityType: "source", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: row.version };
  });
}
