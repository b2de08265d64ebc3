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
import { CASE_PERSON_LIVE } from "@/lib/data/case-table-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { Vulnerability } from "@/lib/generated/prisma/enums";
import { PRISON_TERM_BUCKETS } from "@/lib/domain/prison-term-buckets";
import type { CaseFilters } from "@/lib/validation/case-filters";

export type SentenceBasis = keyof typeof SENTENCE_COLUMNS;
export const SENTENCE_BASES: readonly SentenceBasis[] = ["firstInstance", "effective"];
type SentenceColumns = (typeof SENTENCE_COLUMNS)[SentenceBasis];

// PERFORMANCE (100k people, 115k cases, 2 cores; see scripts/bench/aggregates.ts):
// - Distinct people per group cost a second grouping (by group and person, then by group),
//   so the dashboard's breakdowns count cases only; the public page, which hides groups by
//   their people, asks for them (GroupOptions) and caches its figures.
// - A key computed per row (a month from a date, a range from a term) is computed once per
//   distinct value instead, after grouping by the raw value (groupedBy).
// - The shared conditions need the person row only to drop soft-deleted people unless a
//   person filter (gender, province, vulnerability) is set. Without one, the join with
//   every person is replaced by a check against the short list of deleted people, read
//   once (CASE_PERSON_LIVE): same cases, and the unfiltered charts can then be answered
//   from partial covering indexes alone (cases_arrests_idx, cases_sentenced_idx, migration
//   20261124060000_aggregate_indexes).

const LIVE_PERSON = "p.deleted_at IS NULL";
const mentionsPerson = (sql: Prisma.Sql) => /\bp\./.test(sql.sql);

/** The matching cases: `FROM ... WHERE <shared filters>` (alias c, and p when a filter needs the person). */
function matching(filters: CaseFilters): Prisma.Sql {
  const conditions = caseFilterConditions(filters);
  const rest = conditions.filter((c) => c.sql !== LIVE_PERSON);
  if (rest.some(mentionsPerson) || rest.length === conditions.length) {
    return Prisma.sql`FROM cases c JOIN people p ON p.id = c.person_id WHERE ${Prisma.join(conditions, " AND ")}`;
  }
  return Prisma.sql`FROM cases c WHERE ${Prisma.join([...rest, CASE_PERSON_LIVE], " AND ")}`;
}

/** Whether each group also counts its distinct people (the public page needs it to hide small groups). */
export interface GroupOptions {
  people: boolean;
}

/**
 * Groups `rows` (each with person_id and the `keys` columns) by `keys`: `cases` per group, the
 * sums and minimums asked for, and, when asked, distinct `people` — by grouping twice, per
 * key and person, then per key (see PERFORMANCE); otherwise `people` is NULL and one
 * grouping suffices.
 */
function grouped(rows: Prisma.Sql, keys: string[], columns: { sum?: string[]; min?: string[] }, options: GroupOptions): Prisma.Sql {
  // Column names from this file only, never from input.
  const k = Prisma.raw(keys.join(", "));
  const aggregates = (sumCast: string) =>
    Prisma.raw([...(columns.sum ?? []).map((x) => `, sum(${x})${sumCast} AS ${x}`), ...(columns.min ?? []).map((x) => `, min(${x}) AS ${x}`)].join(""));
  if (!options.people) {
    return Prisma.sql`SELECT ${k}, count(*)::int AS cases, NULL::int AS people ${aggregates("::bigint")} FROM (${rows}) r GROUP BY ${k}`;
  }
  return Prisma.sql`SELECT ${k}, sum(n)::int AS cases, count(*)::int AS people ${aggregates("::bigint")}
    FROM (SELECT ${k}, person_id, count(*) AS n ${aggregates("")} FROM (${rows}) r GROUP BY ${k}, person_id) g
    GROUP BY ${k}`;
}

/**
 * Like grouped(), for keys computed from row columns (a month from a date, a range from a
 * number of days). Without people, rows are grouped by the raw `columns` first and the keys
 * computed once per distinct value, not once per case; with people, per row as grouped() needs.
 */
function groupedBy(
  rows: Prisma.Sql,
  columns: string[],
  keys: Record<string, Prisma.Sql>,
  columnsSummed: { sum?: string[] },
  options: GroupOptions,
): Prisma.Sql {
  const sums = columnsSummed.sum ?? [];
  const keyExprs = Object.entries(keys).map(([name, expr]) => Prisma.sql`${expr} AS ${Prisma.raw(name)}`);
  if (options.people) {
    const keyed = Prisma.sql`SELECT r.person_id, ${Prisma.join(keyExprs, ", ")}${Prisma.raw(sums.map((x) => `, r.${x}`).join(""))} FROM (${rows}) r`;
    return grouped(keyed, Object.keys(keys), columnsSummed, options);
  }
  // Column names from this file only, never from input.
  const raw = Prisma.raw(columns.join(", "));
  const innerSums = Prisma.raw(sums.map((x) => `, sum(${x}) AS ${x}`).join(""));
  const outerSums = Prisma.raw(sums.map((x) => `, sum(${x})::bigint AS ${x}`).join(""));
  return Prisma.sql`SELECT ${Prisma.join(keyExprs, ", ")}, sum(n)::int AS cases, NULL::int AS people ${outerSums}
    FROM (SELECT ${raw}, count(*) AS n ${innerSums} FROM (${rows}) r GROUP BY ${raw}) r
    GROUP BY ${Prisma.raw(Object.keys(keys).map((_, i) => String(i + 1)).join(", "))}`;
}

/**
 * One row per matching case and sentence basis (first instance, effective) for which
 * `where` holds, with `basis`, `case_id`, `person_id` and the named `columns`: the two bases
 * share one GROUP BY, so each group carries both figures. One scan of the cases, each case
 * read once and expanded to its two readings.
 */
function perBasis(
  filters: CaseFilters,
  where: (col: SentenceColumns) => Prisma.Sql,
  columns: Record<string, (col: SentenceColumns) => Prisma.Sql>,
): Prisma.Sql {
  const fi = SENTENCE_COLUMNS.firstInstance;
  const eff = SENTENCE_COLUMNS.effective;
  // Column names from this file only, never from input.
  const names = Object.entries(columns);
  const inner = names.map(([name, expr]) => Prisma.sql`, ${expr(fi)} AS ${Prisma.raw(`fi_${name}`)}, ${expr(eff)} AS ${Prisma.raw(`eff_${name}`)}`);
  const outer = names.map(([name]) => Prisma.raw(`, CASE WHEN b.basis = 'firstInstance' THEN m.fi_${name} ELSE m.eff_${name} END AS ${name}`));
  return Prisma.sql`SELECT b.basis, m.case_id, m.person_id ${Prisma.join(outer, " ")}
    FROM (SELECT c.id AS case_id, c.person_id, (${where(fi)}) AS fi_ok, (${where(eff)}) AS eff_ok ${Prisma.join(inner, " ")}
          ${matching(filters)} AND (${where(fi)} OR ${where(eff)})) m
    CROSS JOIN (VALUES ('firstInstance'), ('effective')) b(basis)
    WHERE CASE WHEN b.basis = 'firstInstance' THEN m.fi_ok ELSE m.eff_ok END`;
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

/**
 * Totals of lashes and prison days, first instance and effective, with the cases behind each
 * and the distinct people sentenced to lashes; the people sentenced to prison only when asked
 * (the public page; NULL otherwise, as the dashboard does not show them).
 *
 * Summed per person first, then over the people: the distinct people are then the persons
 * with at least one such case, counted without count(DISTINCT) (which sorts every row, and
 * led PostgreSQL to read all cases in person order through an index).
 */
export function sentenceTotalsSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const prisonPeople = options.people
    ? Prisma.sql`count(*) FILTER (WHERE fi_prison_cases > 0)::int AS fi_prison_people, count(*) FILTER (WHERE eff_prison_cases > 0)::int AS eff_prison_people`
    : Prisma.sql`NULL::int AS fi_prison_people, NULL::int AS eff_prison_people`;
  return Prisma.sql`SELECT
      coalesce(sum(fi_lashes), 0)::bigint AS fi_lashes,
      coalesce(sum(fi_lash_cases), 0)::int AS fi_lash_cases,
      count(*) FILTER (WHERE fi_lash_cases > 0)::int AS fi_lash_people,
      coalesce(sum(eff_lashes), 0)::bigint AS eff_lashes,
      coalesce(sum(eff_lash_cases), 0)::int AS eff_lash_cases,
      count(*) FILTER (WHERE eff_lash_cases > 0)::int AS eff_lash_people,
      coalesce(sum(fi_days), 0)::bigint AS fi_days,
      coalesce(sum(fi_prison_cases), 0)::int AS fi_prison_cases,
      coalesce(sum(eff_days), 0)::bigint AS eff_days,
      coalesce(sum(eff_prison_cases), 0)::int AS eff_prison_cases,
      ${prisonPeople}
    FROM (SELECT c.person_id,
        sum(c.first_instance_lashes) AS fi_lashes, count(*) FILTER (WHERE c.first_instance_lashes > 0) AS fi_lash_cases,
        sum(c.effective_lashes) AS eff_lashes, count(*) FILTER (WHERE c.effective_lashes > 0) AS eff_lash_cases,
        sum(c.first_instance_prison_days) AS fi_days, count(*) FILTER (WHERE c.first_instance_prison_days > 0) AS fi_prison_cases,
        sum(c.effective_prison_days) AS eff_days, count(*) FILTER (WHERE c.effective_prison_days > 0) AS eff_prison_cases
      ${matching(filters)}
        -- Cases without lashes or prison days add nothing to any figure here.
        AND (c.first_instance_lashes > 0 OR c.effective_lashes > 0 OR c.first_instance_prison_days > 0 OR c.effective_prison_days > 0)
      GROUP BY c.person_id) per_person`;
}

/** Lashes by the court and branch of the event each sentence comes from (lashes > 0 only). */
export function lashesByCourtSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    { court_id: (col) => col.court, branch: (col) => col.branch, lashes: (col) => col.lashes },
  );
  return Prisma.sql`SELECT s.basis, s.court_id, co.name AS court, s.branch, s.lashes, s.cases, s.people
    FROM (${grouped(rows, ["basis", "court_id", "branch"], { sum: ["lashes"] }, options)}) s LEFT JOIN courts co ON co.id = s.court_id`;
}

/** Lashes by city of arrest (the case's arrest; spelling compared case-insensitively, as the city filter does). */
export function lashesByCitySql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    { city_key: () => Prisma.sql`lower(c.arrest_city)`, city: () => Prisma.sql`c.arrest_city`, lashes: (col) => col.lashes },
  );
  // Grouped by the lower-cased name; the spelling shown is the first in sort order.
  return Prisma.sql`SELECT basis, city, lashes, cases, people FROM (${grouped(rows, ["basis", "city_key"], { sum: ["lashes"], min: ["city"] }, options)}) g`;
}

/** Lashes by month of the sentence's event; NULL month = its date is not known to the month. */
export function lashesByMonthSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.lashes} > 0`,
    { sentence_date: (col) => col.date, sentence_precision: (col) => col.precision, lashes: (col) => col.lashes },
  );
  return groupedBy(
    rows,
    ["basis", "sentence_date", "sentence_precision"],
    { basis: Prisma.sql`r.basis`, month: monthOf(Prisma.sql`r.sentence_date`, Prisma.sql`r.sentence_precision`) },
    { sum: ["lashes"] },
    options,
  );
}

/** Cases by range of prison term (lib/domain/prison-term-buckets.ts); terms of 0 days or none are in no range. */
export function prisonHistogramSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const whens = PRISON_TERM_BUCKETS.map((b) =>
    b.underDays === null
      ? Prisma.sql`WHEN ${b.fromDays} <= r.days THEN ${b.id}`
      : Prisma.sql`WHEN ${b.fromDays} <= r.days AND r.days < ${b.underDays} THEN ${b.id}`,
  );
  const rows = perBasis(
    filters,
    (col) => Prisma.sql`${col.days} > 0`,
    { days: (col) => col.days },
  );
  return groupedBy(rows, ["basis", "days"], { basis: Prisma.sql`r.basis`, bucket: Prisma.sql`(CASE ${Prisma.join(whens, " ")} END)::text` }, {}, options);
}

/*
 * How appeals (and acquittals, and retrials) changed prison terms: the cases with a stated
 * first-instance or effective term, by PRISON_CHANGE (case-filter-sql.ts): unchanged (most
 * cases were never appealed), reduced (to more than 0), set aside (to 0), increased.
 */
export function prisonChangeSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  return grouped(
    Prisma.sql`SELECT c.person_id, ${PRISON_CHANGE} AS change,
        coalesce(c.first_instance_prison_days, 0) AS fi_days, coalesce(c.effective_prison_days, 0) AS eff_days
      ${matching(filters)} AND (c.first_instance_prison_days IS NOT NULL OR c.effective_prison_days IS NOT NULL)`,
    ["change"],
    { sum: ["fi_days", "eff_days"] },
    options,
  );
}

/**
 * Named arrests (cases) by month of arrest. NULL month: arrested (an ARREST or DETENTION
 * event), but the date is known only to the year or not at all. Cases without any arrest
 * (only summoned, say) are not arrests and are not counted.
 */
export function arrestsByMonthSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  // A case is counted when it has an arrest (the cached has_arrest: no event is read).
  // Grouped by the arrest date and its precision first (in the order of cases_arrests_idx,
  // so without a hash), the month computed once per date: NULL unless known to the month.
  return groupedBy(
    Prisma.sql`SELECT c.person_id, c.arrest_date AS day, c.arrest_date_precision AS day_precision
        ${matching(filters)} AND ${HAS_ARREST_EVENT}`,
    ["day", "day_precision"],
    { month: Prisma.sql`CASE WHEN r.day_precision IN ('DAY', 'MONTH') THEN to_char(r.day, 'YYYY-MM') END` },
    {},
    options,
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

export function statusSql(filters: CaseFilters, options: GroupOptions): Prisma.Sql {
  const rows = grouped(Prisma.sql`SELECT c.person_id, c.status ${matching(filters)}`, ["status"], {}, options);
  return Prisma.sql`SELECT g.status::text AS status, g.cases, g.people FROM (${rows}) g`;
}

/**
 * Named detainees (people with at least one matching case): how many in all, by gender, and
 * with each vulnerability recorded on the person.
 */
export function demographicsSql(filters: CaseFilters): Prisma.Sql {
  // One pass over the people: per gender, how many and how many with each vulnerability (the
  // genders partition the people, so the vulnerability counts add up across them exactly).
  // The shared conditions name the person `p`: inside EXISTS they refer to the outer row.
  const vulnerabilities = Object.values(Vulnerability).map(
    (v, i) => Prisma.sql`, count(*) FILTER (WHERE ${v}::"Vulnerability" = ANY(p.vulnerabilities))::int AS ${Prisma.raw(`v${i}`)}`,
  );
  return Prisma.sql`SELECT p.gender::text AS gender, count(*)::int AS people ${Prisma.join(vulnerabilities, " ")}
    FROM people p
    WHERE p.deleted_at IS NULL AND EXISTS (SELECT 1 FROM cases c ${caseFilterWhere(filters)} AND c.person_id = p.id)
    GROUP BY p.gender`;
}

/**
 * The most frequent charges (as quoted) or law articles: the number of matching cases with
 * that charge on any live event (CHARGE or SENTENCE), each case counted once per text.
 * Texts are compared trimmed and case-insensitively: each case caches its set of texts so
 * compared (cases.charge_texts and charge_articles, lib/sql/case-event-summaries.ts), so this
 * reads the matching cases alone, not every charge and event behind them.
 */
export function topChargesSql(filters: CaseFilters, field: "text" | "article", limit: number, options: GroupOptions): Prisma.Sql {
  const set = field === "text" ? Prisma.sql`c.charge_texts` : Prisma.sql`c.charge_articles`;
  // One row per case and text (the sets hold each text once), unnested in the select list
  // (cheaper per case than a lateral function scan).
  const perCase = Prisma.sql`SELECT unnest(${set}) AS label, c.person_id ${matching(filters)} AND cardinality(${set}) > 0`;
  // Grouped by the spelling first, so lower() runs once per distinct spelling rather than
  // once per case; min() then picks one spelling among the variants, bytewise as the sets do.
  // With people, per spelling and person, then per text and person (one person's cases may
  // spell a text differently), then per text.
  const perKey = options.people
    ? Prisma.sql`SELECT min(label COLLATE "C") AS label, sum(n)::int AS cases, count(*)::int AS people
        FROM (SELECT lower(label) AS key, person_id, min(label COLLATE "C") AS label, sum(n) AS n
                FROM (SELECT label, person_id, count(*) AS n FROM (${perCase}) pc GROUP BY label, person_id) ps
               GROUP BY lower(label), person_id) pp
       GROUP BY key`
    : Prisma.sql`SELECT min(label COLLATE "C") AS label, sum(n)::int AS cases, NULL::int AS people
        FROM (SELECT label, count(*) AS n FROM (${perCase}) pc GROUP BY label) ps
       GROUP BY lower(label)`;
  return Prisma.sql`${perKey} ORDER BY cases DESC, label LIMIT ${limit}`;
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
