import "server-only";
// The case table: one row per case with the person, place, dates, status, court, charges
// and sentence columns, filtered by the shared case filters, searched by name, sorted by
// whitelisted columns and paginated in SQL. Used by the /cases page and GET /api/cases.
//
// The page statement first picks the ids of the page's cases (narrow and index-friendly, so
// a deep OFFSET skips index entries rather than assembled rows), then assembles only those
// rows: aliases, incident, facility and the court's name come from small per-row lookups; the
// charges and which court to show are cached per case (case_list_details, see
// lib/sql/case-event-summaries.ts).
// Without a search the total is a second statement run in parallel on another connection;
// with one, the page statement counts the matches itself (count(*) OVER ()), so the
// trigram search runs once.
//
// The row holds no restricted field (restricted notes, confidential sources) for any role,
// so what a VIEWER receives is exactly what an EDITOR does.
import { requireActor, type Actor } from "@/lib/authz";
import { caseFrom, caseOrderBy, caseWhere, sortNeedsPerson } from "@/lib/data/case-table-sql";
import { matchedPeopleCte } from "@/lib/data/name-search";
import { db } from "@/lib/db";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { CaseStatus, DatePrecision } from "@/lib/domain/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";
import { DEFAULT_CASE_PAGE_SIZE, DEFAULT_CASE_SORT, MAX_CASE_PAGE, type CaseSort } from "@/lib/validation/case-table";

/** A date at its precision: `date` is the first day of the period ("2020-10-01"), null when unknown. */
export interface PartialDateValue {
  date: string | null;
  precision: DatePrecision;
}

export interface CaseTableRow {
  id: string;
  person: { id: string; name: string; aliases: string[] };
  /** City of the arrest. */
  city: string | null;
  incident: { id: string; title: string } | null;
  arrest: PartialDateValue;
  status: { value: CaseStatus } & PartialDateValue;
  facility: { id: string; name: string } | null;
  /** Court and branch of the effective sentence, else of the last trial, sentence or appeal naming a court. */
  court: { id: string; name: string; branch: string | null } | null;
  /** Distinct charges of the case, in timeline order, each as quoted and with its article. */
  charges: { text: string | null; article: string | null }[];
  firstInstance: { prisonDays: number | null; lashes: number | null };
  effective: { prisonDays: number | null; lashes: number | null };
  /** ISO timestamp of the case record's last change. */
  updatedAt: string;
  /** Name similarity (0–1) of the best-matching name or alias when searching, else null. */
  score: number | null;
}

export interface CaseTableQuery {
  filters: CaseFilters;
  /** null or absent: most recent arrest first, or by relevance when searching. */
  sort?: readonly CaseSort[] | null;
  page?: number;
  pageSize?: number;
}

export interface CaseTablePage {
  total: number;
  page: number;
  pageSize: number;
  /** The ordering applied (empty when ranked by search relevance). */
  sort: CaseSort[];
  rows: CaseTableRow[];
}

export interface RawRow {
  id: string;
  score: number | null;
  total: number | null;
  status: CaseStatus;
  status_date: string | null;
  status_date_precision: DatePrecision;
  arrest_date: string | null;
  arrest_date_precision: DatePrecision;
  arrest_city: string | null;
  first_instance_prison_days: number | null;
  first_instance_lashes: number | null;
  effective_prison_days: number | null;
  effective_lashes: number | null;
  updated_at: Date;
  person_id: string;
  person_name: string;
  aliases: string[];
  incident_id: string | null;
  incident_title: string | null;
  facility_id: string | null;
  facility_name: string | null;
  court_id: string | null;
  court_name: string | null;
  court_branch: string | null;
  charges: unknown;
}

/** The assembled columns of the page's cases, `page(id, score, closeness, total)` being the chosen ids. */
function rowSelect(orderBy: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
  SELECT c.id, pg.score, pg.total, c.status::text AS status,
         to_char(c.status_date, 'YYYY-MM-DD') AS status_date, c.status_date_precision::text AS status_date_precision,
         to_char(c.arrest_date, 'YYYY-MM-DD') AS arrest_date, c.arrest_date_precision::text AS arrest_date_precision,
         c.arrest_city, c.first_instance_prison_days, c.first_instance_lashes, c.effective_prison_days, c.effective_lashes,
         c.updated_at, p.id AS person_id, p.name AS person_name,
         ARRAY(SELECT a.name FROM person_aliases a WHERE a.person_id = p.id ORDER BY a.name) AS aliases,
         i.id AS incident_id, i.title AS incident_title, f.id AS facility_id, f.name AS facility_name,
         ct.id AS court_id, ct.name AS court_name, ld.court_branch, coalesce(ld.charge_list, '[]'::jsonb) AS charges
    FROM page pg
    JOIN cases c ON c.id = pg.id
    JOIN people p ON p.id = c.person_id
    LEFT JOIN incidents i ON i.id = c.incident_id AND i.deleted_at IS NULL
    LEFT JOIN facilities f ON f.id = c.current_facility_id
    LEFT JOIN case_list_details ld ON ld.case_id = c.id
    LEFT JOIN courts ct ON ct.id = ld.court_id
   ORDER BY ${orderBy}`;
}

/** A row of rowSelect as the table's row (also used by the streamed exports). */
export function toRow(r: RawRow): CaseTableRow {
  const charges = (typeof r.charges === "string" ? JSON.parse(r.charges) : r.charges) as CaseTableRow["charges"];
  return {
    id: r.id,
    person: { id: r.person_id, name: r.person_name, aliases: r.aliases },
    city: r.arrest_city,
    incident: r.incident_id && r.incident_title !== null ? { id: r.incident_id, title: r.incident_title } : null,
    arrest: { date: r.arrest_date, precision: r.arrest_date_precision },
    status: { value: r.status, date: r.status_date, precision: r.status_date_precision },
    facility: r.facility_id && r.facility_name !== null ? { id: r.facility_id, name: r.facility_name } : null,
    court: r.court_id && r.court_name !== null ? { id: r.court_id, name: r.court_name, branch: r.court_branch } : null,
    charges: charges.map((c) => ({ text: c.text, article: c.article })),
    firstInstance: { prisonDays: r.first_instance_prison_days, lashes: r.first_instance_lashes },
    effective: { prisonDays: r.effective_prison_days, lashes: r.effective_lashes },
    updatedAt: r.updated_at.toISOString(),
    score: r.score === null ? null : Number(r.score),
  };
}

function clampPageSize(size: number | undefined): number {
  return Number.isInteger(size) && size! >= 1 && size! <= 100 ? size! : DEFAULT_CASE_PAGE_SIZE;
}

function clampPage(page: number | undefined): number {
  return Number.isInteger(page) && page! >= 1 ? Math.min(page!, MAX_CASE_PAGE) : 1;
}

/** The statements of one page, exposed so the benchmark can run the same SQL through plain pg. */
export interface CaseTableStatements {
  page: number;
  pageSize: number;
  sort: CaseSort[];
  /** Set when searching by name (the page statement then also carries the total). */
  searching: boolean;
  /** The page's rows (with a search, each row also carries the total). */
  pageSql: Prisma.Sql;
  /** The total (run in parallel without a search; with one, only for a page past the end). */
  countSql: Prisma.Sql;
}

/**
 * What every reading of a view shares, before any pagination: its ordering, its WHERE and the
 * FROM clauses of its id selection and of its count. The page (below) and the streamed
 * exports (lib/data/export-cases.ts) both build on it, so they select the very same rows.
 */
function caseTableSelection(filters: CaseFilters, requestedSort: readonly CaseSort[] | null | undefined) {
  const search = filters.q === undefined ? null : normalizeName(filters.q);
  const ranked = search !== null && !requestedSort?.length;
  const sort = requestedSort?.length ? [...requestedSort] : ranked ? [] : [...DEFAULT_CASE_SORT];
  const { where, readsPerson } = caseWhere(filters);
  const searching = search !== null;
  // Ranked rows tie-break on the default order.
  const orderSort: CaseSort[] = ranked ? [...DEFAULT_CASE_SORT] : sort;
  const withMatched = search !== null ? Prisma.sql`WITH ${matchedPeopleCte(search)}` : Prisma.empty;
  return {
    sort,
    searching,
    where,
    /** `WITH matched AS (...)` when searching, else nothing. */
    withMatched,
    countSql: Prisma.sql`${withMatched} SELECT count(*)::int AS total ${caseFrom({ person: readsPerson, matched: searching })} ${where}`,
    pickFrom: caseFrom({ person: readsPerson || sortNeedsPerson(orderSort), matched: searching }),
    /** ORDER BY inside the id selection (the search rank is the matched CTE's). */
    pickOrder: caseOrderBy(orderSort, ranked ? "m" : null),
    /** ORDER BY of the assembled rows (the search rank is the page's). */
    rowOrder: caseOrderBy(orderSort, ranked ? "pg" : null),
  };
}

export function caseTableStatements(query: CaseTableQuery): CaseTableStatements {
  const page = clampPage(query.page);
  const pageSize = clampPageSize(query.pageSize);
  const sel = caseTableSelection(query.filters, query.sort);
  const offset = (page - 1) * pageSize;
  const picked = sel.searching ? Prisma.sql`m.score, m.closeness, count(*) OVER ()::int AS total` : Prisma.sql`NULL::real AS score, NULL::int AS closeness, NULL::int AS total`;

  return {
    page,
    pageSize,
    sort: sel.sort,
    searching: sel.searching,
    pageSql: Prisma.sql`
      ${sel.searching ? Prisma.sql`${sel.withMatched},` : Prisma.sql`WITH`} page AS MATERIALIZED (
        SELECT c.id, ${picked} ${sel.pickFrom} ${sel.where}
         ORDER BY ${sel.pickOrder} LIMIT ${pageSize} OFFSET ${offset}
      )
      ${rowSelect(sel.rowOrder)}`,
    countSql: sel.countSql,
  };
}

/**
 * The statements of a whole view without pagination, for the exports that stream every row
 * (lib/data/export-cases.ts): `idsSql` selects the ids (with the search rank) in the view's
 * order, to be read through a cursor; `rowsSql` assembles a batch of them into the table's
 * rows exactly as a page does, in the same order. Searching, both must run in a transaction
 * with the name-match threshold set (name-search.ts).
 */
export interface CaseTableStreamStatements {
  sort: CaseSort[];
  searching: boolean;
  countSql: Prisma.Sql;
  idsSql: Prisma.Sql;
  rowsSql: (batch: { ids: string[]; scores: (number | null)[]; closeness: (number | null)[] }) => Prisma.Sql;
}

export function caseTableStreamStatements(query: Pick<CaseTableQuery, "filters" | "sort">): CaseTableStreamStatements {
  const sel = caseTableSelection(query.filters, query.sort);
  const picked = sel.searching ? Prisma.sql`m.score, m.closeness` : Prisma.sql`NULL::real AS score, NULL::int AS closeness`;
  return {
    sort: sel.sort,
    searching: sel.searching,
    countSql: sel.countSql,
    idsSql: Prisma.sql`${sel.withMatched} SELECT c.id, ${picked} ${sel.pickFrom} ${sel.where} ORDER BY ${sel.pickOrder}`,
    rowsSql: (batch) => Prisma.sql`
      WITH page AS MATERIALIZED (
        SELECT t.id, t.score, t.closeness, NULL::int AS total
          FROM unnest(${batch.ids}::text[], ${batch.scores}::real[], ${batch.closeness}::int[]) AS t(id, score, closeness)
      )
      ${rowSelect(sel.rowOrder)}`,
  };
}

/**
 * One page of the case table. A page past the end returns no rows (with the true total),
 * so the caller can offer the last page.
 */
export async function listCaseTable(actor: Actor | null, query: CaseTableQuery): Promise<CaseTablePage> {
  requireActor(actor);
  const st = caseTableStatements(query);
  const result = (total: number, rows: RawRow[]): CaseTablePage => ({ total, page: st.page, pageSize: st.pageSize, sort: st.sort, rows: rows.map(toRow) });

  if (!st.searching) {
    // Two connections at once: the count and the page take about as long as the slower one.
    const [counts, rows] = await Promise.all([db().$queryRaw<{ total: number }[]>(st.countSql), db().$queryRaw<RawRow[]>(st.pageSql)]);
    return result(counts[0]?.total ?? 0, rows);
  }
  const rows = await db().$queryRaw<RawRow[]>(st.pageSql);
  if (rows.length > 0 || st.page === 1) return result(rows[0]?.total ?? 0, rows);
  // Past the last page: no row carries the total, so count on its own.
  const counts = await db().$queryRaw<{ total: number }[]>(st.countSql);
  return result(counts[0]?.total ?? 0, rows);
}
