import "server-only";
// What the recording forms need: choices (people, incidents, sources, courts, facilities)
// and the current values of a record being edited, with its version. EDITOR and ADMIN only:
// a VIEWER never gets an edit form, and the restricted notes it carries.
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { visibleSourceWhere } from "@/lib/data/visibility";
import { toIsoPartial } from "@/lib/domain/dates";
import { storedFieldValues } from "@/lib/events/columns";

export async function recordingChoices(actor: Actor | null) {
  const a = requireRole(actor, "EDITOR");
  const [people, incidents, sources, courts, facilities] = await Promise.all([
    db().person.findMany({ where: { deletedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().incident.findMany({ where: { deletedAt: null }, orderBy: [{ date: { sort: "desc", nulls: "last" } }, { title: "asc" }], select: { id: true, title: true } }),
    db().source.findMany({ where: visibleSourceWhere(a), orderBy: { title: "asc" }, select: { id: true, title: true, publisher: true, confidential: true } }),
    db().court.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
    db().facility.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { people, incidents, sources, courts: courts.map((c) => c.name), facilities: facilities.map((f) => f.name) };
}
export type RecordingChoices = Awaited<ReturnType<typeof recordingChoices>>;

export async function personForEdit(actor: Actor | null, id: string) {
  requireRole(actor, "EDITOR");
  const p = await db().person.findFirst({
    where: { id: knownIdShape(id, "Person"), deletedAt: null },
    select: {
      id: true, name: true, gender: true, ageYears: true, ageAsOf: true, birthYear: true, homeCity: true, province: true, provinceCode: true,
      vulnerabilities: true, description: true, restrictedNotes: true, version: true,
      aliases: { select: { name: true, script: true }, orderBy: { name: "asc" } },
      relations: { where: { relatedPerson: { deletedAt: null } }, select: { relatedPersonId: true, kind: true } },
    },
  });
  if (!p) throw new NotFoundError("Person");
  return { ...p, ageAsOf: p.ageAsOf ? p.ageAsOf.toISOString().slice(0, 10) : null, relations: p.relations.map((r) => ({ personId: r.relatedPersonId, kind: r.kind })) };
}
export type PersonForEdit = Awaited<ReturnType<typeof personForEdit>>;

export async function caseForEdit(actor: Actor | null, id: string) {
  requireRole(actor, "EDITOR");
  const c = await db().case.findFirst({
    where: { id: knownIdShape(id, "Case"), deletedAt: null, person: { deletedAt: null } },
    select: { id: true, personId: true, incidentId: true, summary: true, version: true, person: { select: { name: true } } },
  });
  if (!c) throw new NotFoundError("Case");
  return c;
}
export type CaseForEdit = Awaited<ReturnType<typeof caseForEdit>>;

export async function eventForEdit(actor: Actor | null, id: string) {
  const a = requireRole(actor, "EDITOR");
  const e = await db().caseEvent.findFirst({
    where: { id: knownIdShape(id, "Event"), deletedAt: null, case: { deletedAt: null, person: { deletedAt: null } } },
    include: {
      facility: { select: { name: true } },
      court: { select: { name: true } },
      charges: { orderBy: { position: "asc" }, select: { text: true, article: true } },
      sources: { where: { source: visibleSourceWhere(a) }, select: { sourceId: true } },
    },
  });
  if (!e) throw new NotFoundError("Event");
  return {
    id: e.id,
    caseId: e.caseId,
    version: e.version,
    type: e.type,
    date: toIsoPartial(e.date, e.datePrecision),
    datePrecision: e.datePrecision,
    dateText: e.dateText,
    description: e.description,
    confidence: e.confidence,
    note: e.note,
    sourceIds: e.sources.map((s) => s.sourceId),
    ...storedFieldValues(e),
  };
}
export type EventForEdit = Awaited<ReturnType<typeof eventForEdit>>;
