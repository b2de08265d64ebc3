import "server-only";
// The choices the case table's filter controls offer: incidents and courts (the filters take
// their ids), and the arrest cities and provinces on record (suggestions; any text filters).
import { requireActor, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";

export interface CaseFilterOptions {
  incidents: { id: string; title: string }[];
  courts: { id: string; name: string }[];
  cities: string[];
  provinces: string[];
}

export async function getCaseFilterOptions(actor: Actor | null): Promise<CaseFilterOptions> {
  requireActor(actor);
  const [incidents, courts, cities, provinces] = await Promise.all([
    db().incident.findMany({
      where: { deletedAt: null },
      orderBy: [{ date: { sort: "desc", nulls: "last" } }, { title: "asc" }],
      select: { id: true, title: true },
    }),
    db().court.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    // Distinct values by hopping along the arrest_city index (one index probe per city)
    // instead of reading every case: the list stays instant at 100k cases.
    db().$queryRaw<{ city: string }[]>`
      WITH RECURSIVE cities AS (
        (SELECT arrest_city AS city FROM cases WHERE arrest_city IS NOT NULL AND deleted_at IS NULL ORDER BY arrest_city LIMIT 1)
        UNION ALL
        SELECT (SELECT c.arrest_city FROM cases c WHERE c.arrest_city > cities.city AND c.deleted_at IS NULL ORDER BY c.arrest_city LIMIT 1)
          FROM cities WHERE cities.city IS NOT NULL
      )
      SELECT city FROM cities WHERE city IS NOT NULL`,
    db().$queryRaw<{ province: string }[]>`
      SELECT DISTINCT province FROM people WHERE province IS NOT NULL AND deleted_at IS NULL ORDER BY province`,
  ]);
  return {
    incidents,
    courts,
    cities: cities.map((r) => r.city),
    provinces: provinces.map((r) => r.province),
  };
}
