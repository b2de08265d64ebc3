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
  where.push(...sentenceConditions(filters));
  if (filters.prisonChange) {
    where.push(Prisma.sql`(c.first_instance_prison_days IS NOT NULL OR c.effective_prison_days IS NOT NULL) AND ${PRISON_CHANGE} = ${filters.prisonChange}`);
  }
  if (filters.charge) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM case_events e JOIN charges ch ON ch.event_id = e.id
      WHERE e.case_id = c.id AND e.deleted_at IS NULL AND lower(btrim(ch.text)) = lower(${filters.charge}))`);
  }
  if (filters.arrestMonth === "unknown") {
    // A year-only arrest date means an arrest; an UNKNOWN one may mean none (only summoned).
    where.push(Prisma.sql`(c.arrest_date_precision = 'YEAR' OR (c.arrest_date_precision = 'UNKNOWN' AND ${HAS_ARREST_EVENT}))`);
  } else if (filters.arrestMonth) {
    where.push(Prisma.sql`c.arrest_date_precision IN ('DAY', 'MONTH') AND ${monthRange(Prisma.sql`c.arrest_date`, filters.arrestMonth)}`);
  }
  return where;
}

// The cached columns of the sentence the filters read (constant SQL, never user input).
export const SENTENCE_COLUMNS = {
  firstInstance: {
    court: Prisma.sql`c.first_instance_court_id`,
    branch: Prisma.sql`c.first_instance_branch`,
    date: Prisma.sql`c.first_instance_sentence_date`,
    precision: Prisma.sql`c.first_instance_sentence_date_precision`,
    lashes: Prisma.sql`c.first_instance_lashes`,
    days: Prisma.sql`c.first_instance_prison_days`,
  },
  effective: {
    court: Prisma.sql`c.effective_court_id`,
    branch: Prisma.sql`c.effective_branch`,
    date: Prisma.sql`c.effective_sentence_date`,
    precision: Prisma.sql`c.effective_sentence_date_precision`,
    lashes: Prisma.sql`c.effective_lashes`,
    days: Prisma.sql`c.effective_prison_days`,
  },
} as const;

/**
 * The case has a live ARREST or DETENTION event (the events its arrest comes from), as the
 * case row caches it (cases.has_arrest, lib/sql/case-event-summaries.ts).
 */
export const HAS_ARREST_EVENT = Prisma.sql`c.has_arrest`;

/*
 * How a case's effective prison term compares with its first-instance one, no term counting
 * as 0 days: unchanged, reduced (to more than 0), setAside (to 0), increased. Meaningful for
 * cases with a stated first-instance or effective term.
 */
export const PRISON_CHANGE = Prisma.sql`CASE
  WHEN coalesce(c.effective_prison_days, 0) = coalesce(c.first_instance_prison_days, 0) THEN 'unchanged'
  WHEN coalesce(c.effective_prison_days, 0) = 0 THEN 'setAside'
  WHEN c.effective_prison_days < coalesce(c.first_instance_prison_days, 0) THEN 'reduced'
  ELSE 'increased' END`;

/** A month ("2021-10") as a half-open date range, so an index on the column can serve it. */
function monthRange(column: Prisma.Sql, month: string): Prisma.Sql {
  return Prisma.sql`${column} >= ${`${month}-01`}::date AND ${column} < (${`${month}-01`}::date + interval '1 month')`;
}

function sentenceConditions(filters: CaseFilters): Prisma.Sql[] {
  const col = SENTENCE_COLUMNS[filters.sentence ?? "effective"];
  const where: Prisma.Sql[] = [];
  if (filters.sentenceCourt) where.push(filters.sentenceCourt === "none" ? Prisma.sql`${col.court} IS NULL` : Prisma.sql`${col.court} = ${filters.sentenceCourt}`);
  if (filters.sentenceBranch) where.push(filters.sentenceBranch === "none" ? Prisma.sql`${col.branch} IS NULL` : Prisma.sql`${col.branch} = ${filters.sentenceBranch}`);
  if (filters.sentenceMonth === "unknown") where.push(Prisma.sql`${col.precision} IN ('YEAR', 'UNKNOWN')`);
  else if (filters.sentenceMonth) where.push(Prisma.sql`${col.precision} IN ('DAY', 'MONTH') AND ${monthRange(col.date, filters.sentenceMonth)}`);
  if (filters.lashesMin) where.push(Prisma.sql`${col.lashes} >= ${Number(filters.lashesMin)}`);
  if (filters.prisonDaysFrom) where.push(Prisma.sql`${col.days} >= ${Number(filters.prisonDaysFrom)}`);
  if (filters.prisonDaysUnder) where.push(Prisma.sql`${col.days} < ${Number(filters.prisonDaysUnder)}`);
  return where;
}

export function caseFilterWhere(filters: CaseFilters): Prisma.Sql {
  return Prisma.sql`WHERE ${Prisma.join(caseFilterConditions(filters), " AND ")}`;
}

/** LIKE patterns treat % and _ as wildcards; a user's text must match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
