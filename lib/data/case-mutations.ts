import "server-only";
// Creating, editing, soft-deleting and restoring cases (person, incident, summary). The
// derived columns are not editable here: they follow the timeline (event-mutations.ts).
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { conflictFor } from "@/lib/data/conflict";
import { newRecordKey } from "@/lib/data/record-keys";
import { ValidationError } from "@/lib/data/validation-error";
import { caseSchema, type CaseData } from "@/lib/validation/case";
import { versionSchema } from "@/lib/validation/version";

async function snapshot(tx: Tx, id: string) {
  return tx.case.findUnique({
    where: { id },
    select: {
      id: true,
      summary: true,
      version: true,
      deletedAt: true,
      status: true,
      person: { select: { id: true, name: true } },
      incident: { select: { id: true, title: true } },
    },
  });
}

async function checkRefs(tx: Tx, c: CaseData): Promise<string> {
  const person = await tx.person.findFirst({ where: { id: c.personId, deletedAt: null }, select: { name: true } });
  if (!person) throw new ValidationError({ personId: "Person: this person does not exist or was deleted" });
  if (c.incidentId !== null && (await tx.incident.count({ where: { id: c.incidentId, deletedAt: null } })) === 0) {
    throw new ValidationError({ incidentId: "Incident: this incident does not exist or was deleted" });
  }
  return person.name;
}

export async function createCase(actor: Actor | null, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const c = caseSchema.parse(input);
  return db().$transaction(async (tx) => {
    const personName = await checkRefs(tx, c);
    const row = await tx.case.create({
      data: { key: newRecordKey("c", personName), personId: c.personId, incidentId: c.incidentId, summary: c.summary },
      select: { id: true, version: true },
    });
    await writeAudit(tx, { actorId: a.id, action: "case.create", entityType: "case", entityId: row.id, after: await snapshot(tx, row.id) });
    return row;
  });
}

export async function updateCase(actor: Actor | null, id: string, version: unknown, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  const c = caseSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Case");
    await checkRefs(tx, c);
    const { count } = await tx.case.updateMany({
      where: { id, version: expected, deletedAt: null },
      data: { personId: c.personId, incidentId: c.incidentId, summary: c.summary, version: { increment: 1 } },
    });
    if (count === 0) throw await conflictFor(tx, "case", id, before.version);
    const after = await snapshot(tx, id);
    await writeAudit(tx, { actorId: a.id, action: "case.update", entityType: "case", entityId: id, before, after });
    return { id, version: expected + 1 };
  });
}

export async function deleteCase(actor: Actor | null, id: string, version: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Case");
    const { count } = await tx.case.updateMany({ where: { id, version: expected, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "case", id, before.version);
    await writeAudit(tx, { actorId: a.id, action: "case.delete", entityType: "case", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function restoreCase(actor: Actor | null, id: string): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || !before.deletedAt) throw new NotFoundError("Deleted case");
    const row = await tx.case.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } }, select: { version: true } });
    await writeAudit(tx, { actorId: a.id, action: "case.restore", entityType: "case", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: row.version };
  });
}
