import "server-only";
// The WHERE clause of every case query (table, charts, API, exports), built from the shared
// filters as a parameterised Prisma.sql fragment over `cases c JOIN people p ON p.id =
// c.person_id`. Soft-deleted cases and people never match. Text search (`q`) is not handled
// here: the search module adds its own condition and ranking.
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";

export function caseFilterConditions(filters: CaseFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`c.deleted_at IS NULL`, Prisma.sql`p.deleted_at IS NULL`];
  if (filters.status?.length) where.push(Prisma.sql`c.status::text IN (${Prisma.join(filters.status)})`);
  if (filters.city) where.push(Prisma.sql`lower(c.arrest_city) = lower(${filters.city})`);
  if (filters.province) where.push(Prisma.sql`lower(p.province) = lower(${filters.province})`);
  if (filters.incident) where.push(Prisma.sql`c.incident_id = ${filters.incident}`);
  if (filters.gender) where.push(Prisma.sql`p.gender::text = ${filters.gender}`);
  if (filters.vulnerability) where.push(Prisma.sql`${filters.vulnerability} = ANY(p.vulnerabilities::text[])`);
  if (filters.arrestFrom) where.push(Prisma.sql`c.arrest_date >= ${filters.arrestFrom}::date`);
  if (filters.arrestTo) where.push(Prisma.sql`c.arrest_date <= ${filters.arrestTo}::date`);
  if (filters.court) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.court_id = ${filters.court})`);
  }
  if (filters.article) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_events e JOIN charges ch ON ch.event_id = e.id
      WHERE e.case_id = c.id AND e.deleted_at IS NULL AND ch.article ILIKE ${`%${escapeLike(filters.article)}%`})`);
  }
  if (filters.hasSentence) {
    const exists = Prisma.sql`EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.type = 'SENTENCE')`;
    where.push(filters.hasSentence === "true" ? exists : Prisma.sql`NOT ${exists}`);
  }
  if (filters.lashes === "true") where.push(Prisma.sql`c.effective_lashes > 0`);
  if (filters.confidence) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.confidence::text = ${filters.confidence})`);
  }
  return where;
}

export function caseFilterWhere(filters: CaseFilters): Prisma.Sql {
  return Prisma.sql`WHERE ${Prisma.join(caseFilterConditions(filters), " AND ")}`;
}

/** LIKE patterns treat % and _ as wildcards; a user's text must match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
