import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, requireActor, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { sourceSelect, visibleSourceWhere } from "@/lib/data/visibility";

export async function listIncidents(actor: Actor | null) {
  requireActor(actor);
  const rows = await db().incident.findMany({
    where: { deletedAt: null },
    orderBy: [{ date: { sort: "desc", nulls: "last" } }, { title: "asc" }],
    select: {
      id: true,
      title: true,
      date: true,
      datePrecision: true,
      city: true,
      country: true,
      reportedDetained: true,
      _count: { select: { cases: { where: { deletedAt: null, person: { deletedAt: null } } } } },
    },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, namedCases: _count.cases }));
}

export async function getIncident(actor: Actor | null, id: string) {
  const a = requireActor(actor);
  const incident = await db().incident.findFirst({
    where: { id: knownIdShape(id, "Incident"), deletedAt: null },
    select: {
      id: true,
      title: true,
      date: true,
      datePrecision: true,
      dateText: true,
      country: true,
      province: true,
      city: true,
      place: true,
      description: true,
      reportedDetained: true,
      reportedDetainedNote: true,
      confidence: true,
      note: true,
      version: true,
      sources: { where: { source: visibleSourceWhere(a) }, select: { source: { select: sourceSelect } } },
      cases: {
        where: { deletedAt: null, person: { deletedAt: null } },
        orderBy: [{ person: { name: "asc" } }],
        select: {
          id: true,
          status: true,
          statusDate: true,
          statusDatePrecision: true,
          arrestDate: true,
          arrestDatePrecision: true,
          effectivePrisonDays: true,
          effectiveLashes: true,
          person: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!incident) throw new NotFoundError("Incident");
  const { sources, ...rest } = incident;
  return { ...rest, sources: sources.map((s) => s.source) };
}

export type IncidentView = Awaited<ReturnType<typeof getIncident>>;
export type IncidentListRow = Awaited<ReturnType<typeof listIncidents>>[number];
