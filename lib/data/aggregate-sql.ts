import "server-only";
// The SQL of every aggregate. lib/data/aggregates.ts runs it through Prisma; the benchmark
// (scripts/bench/aggregates.ts) runs the very same text through plain pg as its baseline.
//
// Every figure is a GROUP BY in PostgreSQL over the cases the shared filters select
// (case-filter-sql.ts: soft-deleted cases and people never match), reading the sentence and
// arrest values the cases table caches from lib/domain (case-derivation.ts), so the charts
// add up exactly what the case pages show. Soft-deleted events and incidents are excluded
// here wherever events or incidents are read.
import { caseFilterConditions, caseFilterWhere, HAS_ARREST_EVENT, PRISON_CHANGE, SENTENCE_COLUMNS } from "@/lib/data/case-filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { PRISON_TERM_BUCKETS } from "@/lib/domain/prison-term-buckets";
import type { CaseFilters } from "@/lib/validation/case-filters";

export type SentenceBasis = keyof typeof SENTENCE_COLUMNS;
export const SENTENCE_BASES: readonly SentenceBasis[] = ["firstInstance", "effective"];
type SentenceColumns = (typeof SENTENCE_COLUMNS)[SentenceBasis];

// PERFORMANCE (100k people, 2 cores; see scripts/bench/aggregates.ts):
// - "people" figures are distinct counts. count(DISTINCT person_id) sorts every row per
//   group; grouping twice, by (group, person) and then by group, hashes instead and is
//   several times faster, with the same result.
// - The shared conditions need the person row only to drop soft-deleted people unless a
//   person filter (gender, province, vulnerability) is set. Without one, the join with
//   every person is replaced by an anti-join with the few deleted people: same cases.

const LIVE_PERSON = "p.deleted_at IS NULL";
const mentionsPerson = (sql: Prisma.Sql) => /\bp\./.test(sql.sql);

/** The matching cases: `FROM ... WHERE <shared filters>` (alias c, and p when a filter needs the person). */
function matching(filters: CaseFilters): Prisma.Sql {
  const conditions = caseFilterConditions(filters);
  const rest = conditions.filter((c) => c.sql !== LIVE_PERSON);
  if (rest.some(mentionsPerson) || rest.length === conditions.length) {
    return Prisma.sql`FROM cases c JOIN people p ON p.id = c.person_id WHERE ${Prisma.join(conditions, " AND ")}`;
  }
  const livePerson = Prisma.sql`NOT EXISTS (SELECT 1 FROM people dp WHERE dp.id = c.person_id AND dp.deleted_at IS NOT NULL)`;
  return Prisma.sql`FROM cases c WHERE ${Prisma.join([...rest, livePerson], " AND ")}`;
}

/**
 * Groups `rows` (each with person_id and the `keys` columns) twice: per key and person,
 * then per key, giving `cases` and distinct `people` per key plus the `sums` (summed in both steps).
 */
function groupWithPeople(rows: Prisma.Sql, keys: string[], sums: string[] = []): Prisma.Sql {
  // Column names from this file only, never from input.
  const k = Prisma.raw(keys.join(", "));
  const inner = Prisma.raw(sums.map((x) => `, sum(${x}) AS ${x}`).join(""));
  const outer = Prisma.raw(sums.map((x) => `, sum(${x})::bigint AS ${x}`).join(""));
  return Prisma.sql`SELECT ${k}, sum(n)::int AS cases, count(*)::int AS people ${outer}
    FROM (SELECT ${k}, person_id, count(*) AS n ${inner} FROM (${rows}) r GROUP BY ${k}, person_id) g
    GROUP BY ${k}`;
}

/**
 * One row per matching case and sentence basis (first instance, then effective) for which
 * `where` holds, with `basis`, `case_id`, `person_id` and the columns `select` adds: the two
 * bases share one GROUP BY, so each group carries both figures.
 */
function perBasis(filters: CaseFilters, where: (col: SentenceColumns) => Prisma.Sql, select: (col: SentenceColumns) => Prisma.Sql): Prisma.Sql {
  const part = (basis: SentenceBasis) => {
    const col = SENTENCE_COLUMNS[basis];
    return Prisma.sql`SELECT ${basis}::text AS basis, c.id AS case_id, c.person_id, ${select(col)} ${matching(filters)} AND ${where(col)}`;
  };
  return Prisma.sql`${part("firstInstance")} UNION ALL ${part("effective")}`;
}

/** "2021-10" for a date known to the day or month; NULL for a year-only or unknown date. */
function monthOf(date: Prisma.Sql, precision: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${precision} IN ('DAY', 'MONTH') THEN to_char(${date}, 'YYYY-MM') END`;
}

/** Keys whose filters say nothing about people or cases beyond an incident's place and date. */
const INCIDENT_FILTER_KEYS: ReadonlySet<keyof CaseFilters> = new Set(["incident", "city", "arrestFrom", "arrestTo", "sentence"]);

/** Whether any filter is set (`sentence` alone only picks a basis, it selects nothing). */
export function hasActiveFilters(filters: CaseFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== "sentence" && value !== undefined);
}

/**
 * Named records: with no filter, every live person, case and incident (as getStats counts
 * them); with filters, the matching cases and the people and incidents they involve.
 */
export function recordCountsSql(filters: CaseFilters): Prisma.Sql {
  if (!hasActiveFilters(filters)) {
    return Prisma.sql`SELECT (SELECT count(*)::int FROM people WHERE deleted_at IS NULL) AS people,
      (SELECT count(*)::int ${matching({})}) AS cases,
      (SELECT count(*)::int FROM incidents WHERE deleted_at IS NULL) AS incidents`;
  }
  return Prisma.sql`SELECT count(*)::int AS people, coalesce(sum(n), 0)::int AS cases,
      (SELECT count(*)::int FROM incidents i WHERE i.deleted_at IS NULL AND EXISTS (SELECT 1 ${matching(filters)} AND c.incident_id = i.id)) AS incidents
    FROM (SELECT c.person_id, count(*) AS n ${matching(filters)} GROUP BY c.person_id) g`;
}

/** Totals of lashes and prison days, first instance and effective, with the cases and people behind each. */
export function sentenceTotalsSql(filters: CaseFilters): Prisma.Sql {
  // Per person first (see PERFORMANCE), then over people.
  return Prisma.sql`SELECT
      coalesce(sum(fi_lashes), 0)::bigint AS fi_lashes,
      coalesce(sum(fi_lash_cases), 0)::int AS fi_lash_cases,
      count(*) FILTER (WHERE fi_lash_cases > 0)::int AS fi_lash_people,
      coalesce(sum(eff_lashes), 0)::bigint AS eff_lashes,
      coalesce(sum(eff_lash_cases), 0)::int AS eff_lash_cases,
      count(*) FILTER (WHERE eff_lash_cases > 0)::int AS eff_lash_people,
      coalesce(sum(fi_days), 0)::bigint AS fi_days,
      coalesce(sum(fi_prison_cases), 0)::int AS fi_prison_cases,
      count(*) FILTER (WHERE fi_prison_cases > 0)::int AS fi_prison_people,
      coalesce(sum(eff_days), 0)::bigint AS eff_days,
      coalesce(sum(eff_prison_cases), 0)::int AS eff_prison_cases,
      count(*) FILTER (WHERE eff_prison_cases > 0)::int AS eff_prison_people
    FROM (
      SELECT c.person_id,
        sum(c.first_instance_lashes) AS fi_lashes, count(*) FILTER (WHERE c.first_instance_lashes > 0) AS fi_lash_cases,
        sum(c.effective_lashes) AS eff_lashes, count(*) FILTER (WHERE c.effective_lashes > 0) AS eff_lash_cases,
        sum(c.first_instance_prison_days) AS fi_days, count(*) FILTER (WHERE c.first_instance_prison_days > 0) AS fi_prison_cases,
        sum(c.effective_prison_days) AS eff_days, count(*) FILTER (WHERE c.effective_prison_days > 0) AS eff_prison_cases
      ${matching(filters)}
      GROUP BY c.person_id
    ) per_person`;
}

/** Lashes by the court and branch of the event each sentence comes from (lashes > 0 only). */
export function lashesByCourtSql(filters: CaseFilters): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    (col) => Prisma.sql`${col.court} AS court_id, ${col.branch} AS branch, ${col.lashes} AS lashes`,
  );
  return Prisma.sql`SELECT s.basis, s.court_id, co.name AS court, s.branch, s.lashes, s.cases, s.people
    FROM (${groupWithPeople(rows, ["basis", "court_id", "branch"], ["lashes"])}) s LEFT JOIN courts co ON co.id = s.court_id`;
}

/** Lashes by city of arrest (the case's arrest; spelling compared case-insensitively, as the city filter does). */
export function lashesByCitySql(filters: CaseFilters): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    (col) => Prisma.sql`lower(c.arrest_city) AS city_key, c.arrest_city AS city, ${col.lashes} AS lashes`,
  );
  // Grouped by the lower-cased name; the spelling shown is the first in sort order.
  return Prisma.sql`SELECT s.basis, s.city, s.lashes, s.cases, s.people FROM (
      SELECT basis, min(city) AS city, sum(lashes)::bigint AS lashes, sum(n)::int AS cases, count(*)::int AS people
      FROM (SELECT basis, city_key, person_id, min(city) AS city, count(*) AS n, sum(lashes) AS lashes FROM (${rows}) r GROUP BY basis, city_key, person_id) g
      GROUP BY basis, city_key
    ) s`;
}

/** Lashes by month of the sentence's event; NULL month = its date is not known to the month. */
export function lashesByMonthSql(filters: CaseFilters): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    (col) => Prisma.sql`${monthOf(col.date, col.precision)} AS month, ${col.lashes} AS lashes`,
  );
  return groupWithPeople(rows, ["basis", "month"], ["lashes"]);
}

/** Cases by range of prison term (lib/domain/prison-term-buckets.ts); terms of 0 days or none are in no range. */
export function prisonHistogramSql(filters: CaseFilters): Prisma.Sql {
  const whens = PRISON_TERM_BUCKETS.map((b) =>
    b.underDays === null
      ? Prisma.sql`WHEN ${b.fromDays} <= days THEN ${b.id}`
      : Prisma.sql`WHEN ${b.fromDays} <= days AND days < ${b.underDays} THEN ${b.id}`,
  );
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.days} > 0`,
    (col) => Prisma.sql`${col.days} AS days`,
  );
  return groupWithPeople(Prisma.sql`SELECT basis, person_id, (CASE ${Prisma.join(whens, " ")} END)::text AS bucket FROM (${rows}) d`, ["basis", "bucket"]);
}

/*
 * How appeals (and acquittals, and retrials) changed prison terms: the cases with a stated
 * first-instance or effective term, by PRISON_CHANGE (case-filter-sql.ts): unchanged (most
 * cases were never appealed), reduced (to more than 0), set aside (to 0), increased.
 */
export function prisonChangeSql(filters: CaseFilters): Prisma.Sql {
  return groupWithPeople(
    Prisma.sql`SELECT c.person_id, ${PRISON_CHANGE} AS change,
        coalesce(c.first_instance_prison_days, 0) AS fi_days, coalesce(c.effective_prison_days, 0) AS eff_days
      ${matching(filters)} AND (c.first_instance_prison_days IS NOT NULL OR c.effective_prison_days IS NOT NULL)`,
    ["change"],
    ["fi_days", "eff_days"],
  );
}

/**
 * Named arrests (cases) by month of arrest. NULL month: arrested (an ARREST or DETENTION
 * event), but the date is known only to the year or not at all. Cases without any arrest
 * (only summoned, say) are not arrests and are not counted.
 */
export function arrestsByMonthSql(filters: CaseFilters): Prisma.Sql {
  // A case has an arrest date of some precision exactly when it has an arrest
  // (case-derivation.ts), so only the UNKNOWN ones need a look at their events: one index
  // lookup each (the scalar subquery keeps PostgreSQL from hashing every arrest event).
  return groupWithPeople(
    Prisma.sql`SELECT c.person_id, ${monthOf(Prisma.sql`c.arrest_date`, Prisma.sql`c.arrest_date_precision`)} AS month
        ${matching(filters)} AND c.arrest_date_precision <> 'UNKNOWN'
      UNION ALL
      SELECT c.person_id, NULL ${matching(filters)} AND c.arrest_date_precision = 'UNKNOWN' AND ${HAS_ARREST_EVENT}`,
    ["month"],
  );
}

/**
 * Incidents' reported numbers of detained people, one row per incident: they overlap each
 * other and the named detainees, so they are never summed. Only the incident, city and date
 * filters apply to incidents; with a filter about people or cases (gender, court, status...)
 * the reported numbers say nothing about the filtered group, and this returns null.
 */
export function reportedByIncidentSql(filters: CaseFilters): Prisma.Sql | null {
  const keys = Object.entries(filters).filter(([, v]) => v !== undefined).map(([k]) => k as keyof CaseFilters);
  if (keys.some((k) => !INCIDENT_FILTER_KEYS.has(k))) return null;
  const where: Prisma.Sql[] = [Prisma.sql`i.deleted_at IS NULL`, Prisma.sql`i.reported_detained IS NOT NULL`];
  if (filters.incident) where.push(Prisma.sql`i.id = ${filters.incident}`);
  if (filters.city) where.push(Prisma.sql`lower(i.city) = lower(${filters.city})`);
  if (filters.arrestFrom) where.push(Prisma.sql`i.date >= ${filters.arrestFrom}::date`);
  if (filters.arrestTo) where.push(Prisma.sql`i.date <= ${filters.arrestTo}::date`);
  return Prisma.sql`SELECT i.id, i.title, i.city, i.country, i.reported_detained AS reported,
      ${monthOf(Prisma.sql`i.date`, Prisma.sql`i.date_precision`)} AS month, to_char(i.date, 'YYYY-MM-DD') AS date, i.date_precision::text AS date_precision
    FROM incidents i WHERE ${Prisma.join(where, " AND ")}
    ORDER BY i.date NULLS LAST, i.title`;
}

export function statusSql(filters: CaseFilters): Prisma.Sql {
  return groupWithPeople(Prisma.sql`SELECT c.person_id, c.status::text AS status ${matching(filters)}`, ["status"]);
}

/**
 * Named detainees (people with at least one matching case): how many in all, by gender, and
 * with each vulnerability recorded on the person.
 */
export function demographicsSql(filters: CaseFilters): Prisma.Sql {
  // The shared conditions name the person `p`: inside EXISTS they refer to the outer row.
  return Prisma.sql`WITH m AS (
      SELECT p.gender, p.vulnerabilities FROM people p
       WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM cases c ${caseFilterWhere(filters)} AND c.person_id = p.id)
    )
    SELECT 'total' AS kind, NULL::text AS key, count(*)::int AS people FROM m
    UNION ALL SELECT 'gender', m.gender::text, count(*)::int FROM m GROUP BY m.gender
    UNION ALL SELECT 'vulnerability', v::text, count(*)::int FROM m, unnest(m.vulnerabilities) v GROUP BY v`;
}

/**
 * The most frequent charges (as quoted) or law articles: the number of matching cases with
 * that charge on any live event (CHARGE or SENTENCE), each case counted once per text.
 * Texts are compared trimmed and case-insensitively.
 */
export function topChargesSql(filters: CaseFilters, field: "text" | "article", limit: number): Prisma.Sql {
  const value = field === "text" ? Prisma.sql`ch.text` : Prisma.sql`ch.article`;
  // Each case once per text (a charge repeated in its sentence counts once), then per person.
  return Prisma.sql`SELECT min(label) AS label, sum(n)::int AS cases, count(*)::int AS people
    FROM (
      SELECT key, person_id, min(label) AS label, count(*) AS n
      FROM (
        SELECT lower(btrim(${value})) AS key, m.id, m.person_id, min(btrim(${value})) AS label
        FROM charges ch
        JOIN case_events e ON e.id = ch.event_id AND e.deleted_at IS NULL
        JOIN (SELECT c.id, c.person_id ${matching(filters)}) m ON m.id = e.case_id
        WHERE ${value} IS NOT NULL AND btrim(${value}) <> ''
        GROUP BY 1, 2, 3
      ) per_case
      GROUP BY key, person_id
    ) per_person
    GROUP BY key
    ORDER BY cases DESC, people DESC, label
    LIMIT ${limit}`;
}

/** Choices of the dashboard's filter form: cities of arrest, incidents, courts (live records only). */
export function filterOptionsSql(): { cities: Prisma.Sql; incidents: Prisma.Sql; courts: Prisma.Sql } {
  return {
    cities: Prisma.sql`SELECT min(c.arrest_city) AS city ${matching({})} AND c.arrest_city IS NOT NULL GROUP BY lower(c.arrest_city) ORDER BY 1`,
    incidents: Prisma.sql`SELECT i.id, i.title FROM incidents i WHERE i.deleted_at IS NULL ORDER BY i.date NULLS LAST, i.title`,
    courts: Prisma.sql`SELECT co.id, co.name FROM courts co
      WHERE EXISTS (SELECT 1 FROM case_events e WHERE e.court_id = co.id AND e.deleted_at IS NULL) ORDER BY co.name`,
  };
}
