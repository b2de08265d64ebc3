import "server-only";
// The current values of an incident or a source being edited, with its version. EDITOR and
// ADMIN only, like the other recording forms (lib/data/recording-forms.ts).
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { visibleSourceWhere } from "@/lib/data/visibility";
import { toIsoPartial } from "@/lib/domain/dates";

export async function incidentForEdit(actor: Actor | null, id: string) {
  const a = requireRole(actor, "EDITOR");
  const i = await db().incident.findFirst({
    where: { id: knownIdShape(id, "Incident"), deletedAt: null },
    select: {
      id: true, title: true, date: true, datePrecision: true, dateText: true, country: true, province: true, city: true, place: true,
      description: true, reportedDetained: true, reportedDetainedNote: true, confidence: true, note: true, version: true,
      sources: { where: { source: visibleSourceWhere(a) }, select: { sourceId: true } },
    },
  });
  if (!i) throw new NotFoundError("Incident");
  const { sources, ...rest } = i;
  return { ...rest, date: toIsoPartial(i.date, i.datePrecision), sourceIds: sources.map((s) => s.sourceId) };
}
export type IncidentForEdit = Awaited<ReturnType<typeof incidentForEdit>>;

export async function sourceForEdit(actor: Actor | null, id: string) {
  requireRole(actor, "EDITOR");
  const s = await db().source.findFirst({
    where: { id: knownIdShape(id, "Source"), deletedAt: null },
    select: { id: true, title: true, publisher: true, kind: true, url: true, date: true, datePrecision: true, language: true, confidential: true, via: true, version: true },
  });
  if (!s) throw new NotFoundError("Source");
  return { ...s, date: toIsoPartial(s.date, s.datePrecision) };
}
export type SourceForEdit = Awaited<ReturnType<typeof sourceForEdit>>;
