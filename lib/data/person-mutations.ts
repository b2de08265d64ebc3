import "server-only";
// Creating, editing, soft-deleting and restoring people. Each function: EDITOR or ADMIN
// (restore: ADMIN), input parsed with the shared strict schema, ONE transaction holding the
// change and exactly one audit entry with the record before and after. Updates and deletes
// are conditional on the version the user loaded (see conflict.ts).
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { conflictFor } from "@/lib/data/conflict";
import { newRecordKey } from "@/lib/data/record-keys";
import { normalizeName } from "@/lib/domain/normalize-name";
import { personSchema, type PersonData } from "@/lib/validation/person";
import { ValidationError } from "@/lib/data/validation-error";
import { versionSchema } from "@/lib/validation/version";
import { PERSON_FIELDS_SELECT } from "@/lib/data/person-select";

const snapshotSelect = {
  id: true,
  ...PERSON_FIELDS_SELECT,
  restrictedNotes: true,
  version: true,
  deletedAt: true,
  aliases: { select: { name: true, script: true }, orderBy: { name: "asc" as const } },
  relations: { select: { kind: true, relatedPerson: { select: { id: true, name: true } } }, orderBy: { kind: "asc" as const } },
};

/** The person as the audit trail records it (relations by id and name, for a readable history). */
async function snapshot(tx: Tx, id: string) {
  const p = await tx.person.findUnique({ where: { id }, select: snapshotSelect });
  if (!p) return null;
  const { relations, ageAsOf, ...rest } = p;
  return {
    ...rest,
    ageAsOf: ageAsOf ? ageAsOf.toISOString().slice(0, 10) : null,
    relations: relations.map((r) => ({ kind: r.kind, personId: r.relatedPerson.id, name: r.relatedPerson.name })),
  };
}

function columns(p: PersonData) {
  return {
    name: p.name,
    nameNormalized: normalizeName(p.name),
    gender: p.gender,
    ageYears: p.ageYears,
    ageAsOf: p.ageAsOf ? new Date(`${p.ageAsOf}T00:00:00Z`) : null,
    birthYear: p.birthYear,
    homeCity: p.homeCity,
    province: p.province,
    provinceCode: p.provinceCode,
    vulnerabilities: p.vulnerabilities,
    description: p.description,
    restrictedNotes: p.restrictedNotes,
  };
}

async function checkRelated(tx: Tx, selfId: string | null, p: PersonData): Promise<void> {
  const ids = [...new Set(p.relations.map((r) => r.personId))];
  if (ids.length === 0) return;
  if (selfId && ids.includes(selfId)) throw new ValidationError({ relations: "Relations: a person cannot be related to themselves" });
  const found = await tx.person.count({ where: { id: { in: ids }, deletedAt: null } });
  if (found !== ids.length) throw new ValidationError({ relations: "Relations: a related person no longer exists" });
}

async function writeChildren(tx: Tx, personId: string, p: PersonData): Promise<void> {
  await tx.personAlias.deleteMany({ where: { personId } });
  await tx.personRelation.deleteMany({ where: { personId } });
  if (p.aliases.length) {
    await tx.personAlias.createMany({ data: p.aliases.map((a) => ({ personId, name: a.name, script: a.script, nameNormalized: normalizeName(a.name) })) });
  }
  if (p.relations.length) {
    await tx.personRelation.createMany({ data: p.relations.map((r) => ({ personId, relatedPersonId: r.personId, kind: r.kind })) });
  }
}

export async function createPerson(actor: Actor | null, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const p = personSchema.parse(input);
  return db().$transaction(async (tx) => {
    await checkRelated(tx, null, p);
    const row = await tx.person.create({ data: { key: newRecordKey("p", p.name), ...columns(p) }, select: { id: true, version: true } });
    await writeChildren(tx, row.id, p);
    await writeAudit(tx, { actorId: a.id, action: "person.create", entityType: "person", entityId: row.id, after: await snapshot(tx, row.id) });
    return row;
  });
}

export async function updatePerson(actor: Actor | null, id: string, version: unknown, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  const p = personSchema.parse(input);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Person");
    await checkRelated(tx, id, p);
    const { count } = await tx.person.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...columns(p), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "person", id, before.version);
    await writeChildren(tx, id, p);
    const after = await snapshot(tx, id);
    await writeAudit(tx, { actorId: a.id, action: "person.update", entityType: "person", entityId: id, before, after });
    return { id, version: after?.version ?? expected + 1 };
  });
}

export async function deletePerson(actor: Actor | null, id: string, version: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Person");
    const { count } = await tx.person.updateMany({ where: { id, version: expected, deletedAt: null }, data: { deletedAt: new Date(), version: { increment: 1 } } });
    if (count === 0) throw await conflictFor(tx, "person", id, before.version);
    const after = await snapshot(tx, id);
    await writeAudit(tx, { actorId: a.id, action: "person.delete", entityType: "person", entityId: id, before, after });
    return { id, version: expected + 1 };
  });
}

export async function restorePerson(actor: Actor | null, id: string): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    const before = await snapshot(tx, id);
    if (!before || !before.deletedAt) throw new NotFoundError("Deleted person");
    await tx.person.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } } });
    const after = await snapshot(tx, id);
    await writeAudit(tx, { actorId: a.id, action: "person.restore", entityType: "person", entityId: id, before, after });
    return { id, version: after?.version ?? before.version + 1 };
  });
}
