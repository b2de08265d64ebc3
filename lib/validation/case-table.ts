// The case table's view state in the URL: the shared filters (lib/validation/case-filters.ts)
// plus sort, page, page size and visible columns. One module reads and writes it, on the
// server (page, JSON API) and in the browser (table controls), so a link reproduces the view
// and Back returns to the previous one.
//
// Two readers: the page is lenient (an invalid value falls back to its default, a shared
// link never breaks the page), the JSON API is strict (400 naming the parameter and why).
import { z } from "zod";
import { CASE_FILTER_KEYS, caseFilterSchema, caseFiltersToSearchParams, parseCaseFilters, type CaseFilters } from "@/lib/validation/case-filters";

/** Columns of the case table, in display order. */
export const CASE_TABLE_COLUMNS = [
  "person",
  "city",
  "incident",
  "arrestDate",
  "status",
  "facility",
  "court",
  "charges",
  "firstInstancePrisonDays",
  "firstInstanceLashes",
  "effectivePrisonDays",
  "effectiveLashes",
  "updatedAt",
] as const;
export type CaseTableColumn = (typeof CASE_TABLE_COLUMNS)[number];

/** Shown unless the URL says otherwise; the rest can be switched on. */
export const DEFAULT_CASE_COLUMNS: readonly CaseTableColumn[] = [
  "person",
  "city",
  "incident",
  "arrestDate",
  "status",
  "court",
  "charges",
  "effectivePrisonDays",
  "effectiveLashes",
];

/** The only orderings the SQL accepts (each maps to one fixed column expression). */
export const CASE_SORT_KEYS = [
  "person",
  "city",
  "arrestDate",
  "status",
  "statusDate",
  "firstInstancePrisonDays",
  "firstInstanceLashes",
  "effectivePrisonDays",
  "effectiveLashes",
  "updatedAt",
] as const;
export type CaseSortKey = (typeof CASE_SORT_KEYS)[number];

export interface CaseSort {
  key: CaseSortKey;
  desc: boolean;
}

/** Most recent arrests first. With a search and no explicit sort, rows are ranked by name similarity instead. */
export const DEFAULT_CASE_SORT: readonly CaseSort[] = [{ key: "arrestDate", desc: true }];
export const MAX_SORT_KEYS = 3;
export const CASE_PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_CASE_PAGE_SIZE = 25;
/** Far beyond any real table (100k cases at 25 per page is page 4,000); bounds the OFFSET. */
export const MAX_CASE_PAGE = 100_000;

export interface CaseTableParams {
  filters: CaseFilters;
  /** null: the default order (or relevance when searching). */
  sort: CaseSort[] | null;
  page: number;
  pageSize: number;
  /** null: DEFAULT_CASE_COLUMNS. */
  columns: CaseTableColumn[] | null;
}

export const EMPTY_CASE_TABLE_PARAMS: CaseTableParams = { filters: {}, sort: null, page: 1, pageSize: DEFAULT_CASE_PAGE_SIZE, columns: null };

const isSortKey = (v: string): v is CaseSortKey => (CASE_SORT_KEYS as readonly string[]).includes(v);
const isColumn = (v: string): v is CaseTableColumn => (CASE_TABLE_COLUMNS as readonly string[]).includes(v);

/** "-arrestDate,person" → [{arrestDate, desc}, {person, asc}]; an error message when invalid. */
export function parseSort(value: string): { ok: true; sort: CaseSort[] } | { ok: false; reason: string } {
  const parts = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, reason: "is empty" };
  if (parts.length > MAX_SORT_KEYS) return { ok: false, reason: `sorts by at most ${MAX_SORT_KEYS} columns` };
  const sort: CaseSort[] = [];
  for (const part of parts) {
    const desc = part.startsWith("-");
    const key = desc ? part.slice(1) : part;
    if (!isSortKey(key)) return { ok: false, reason: `"${key}" is not sortable; use one of ${CASE_SORT_KEYS.join(", ")} (prefix - for descending)` };
    if (sort.some((s) => s.key === key)) return { ok: false, reason: `"${key}" appears twice` };
    sort.push({ key, desc });
  }
  return { ok: true, sort };
}

export function formatSort(sort: readonly CaseSort[]): string {
  return sort.map((s) => `${s.desc ? "-" : ""}${s.key}`).join(",");
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: Params, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  return ([] as string[]).concat(params[key] ?? []).filter((v): v is string => typeof v === "string");
}

const pageNumber = z.coerce.number().int().min(1).max(MAX_CASE_PAGE);

/** The page's reader: keeps every valid part of the URL and drops the rest. */
export function parseCaseTableParams(params: Params): CaseTableParams {
  const sortValue = all(params, "sort")[0];
  const sort = sortValue ? parseSort(sortValue) : null;
  const page = pageNumber.safeParse(all(params, "page")[0]);
  const pageSize = Number(all(params, "pageSize")[0]);
  const cols = all(params, "cols")[0];
  const columns = cols === undefined ? null : cols.split(",").filter(isColumn);
  return {
    filters: parseCaseFilters(params),
    sort: sort?.ok ? sort.sort : null,
    page: page.success ? page.data : 1,
    pageSize: (CASE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_CASE_PAGE_SIZE,
    columns: columns === null ? null : CASE_TABLE_COLUMNS.filter((c) => columns.includes(c)),
  };
}

export interface ParamProblem {
  field: string;
  reason: string;
}

const API_KEYS = new Set<string>([...CASE_FILTER_KEYS, "page", "pageSize", "sort"]);

/**
 * The JSON API's reader: every parameter must be known and valid, or the problems are
 * returned (field and reason) for a 400 answer. Page size is any whole number 1–100.
 */
export function parseCaseTableApiParams(params: URLSearchParams): { ok: true; value: CaseTableParams } | { ok: false; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const raw: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (!API_KEYS.has(key)) problems.push({ field: key, reason: "is not a known parameter" });
    else if (key === "status") raw[key] = values;
    else if (values.length > 1) problems.push({ field: key, reason: "must be given once" });
    else if (values[0] === "") problems.push({ field: key, reason: "is empty" });
    else raw[key] = values[0];
  }
  const { page: rawPage, pageSize: rawPageSize, sort: rawSort, ...rawFilters } = raw;
  const filters = caseFilterSchema.safeParse(rawFilters);
  if (!filters.success) {
    for (const issue of filters.error.issues) problems.push({ field: String(issue.path[0] ?? "query"), reason: issue.message });
  }
  const page = wholeNumberParam(rawPage, 1, 1, MAX_CASE_PAGE);
  if (page === null) problems.push({ field: "page", reason: `must be a whole number from 1 to ${MAX_CASE_PAGE}` });
  const pageSize = wholeNumberParam(rawPageSize, DEFAULT_CASE_PAGE_SIZE, 1, 100);
  if (pageSize === null) problems.push({ field: "pageSize", reason: "must be a whole number from 1 to 100" });
  const sort = rawSort === undefined ? null : parseSort(String(rawSort));
  if (sort && !sort.ok) problems.push({ field: "sort", reason: sort.reason });

  if (!filters.success || page === null || pageSize === null || problems.length) return { ok: false, problems };
  return { ok: true, value: { filters: filters.data, sort: sort?.ok ? sort.sort : null, page, pageSize, columns: null } };
}

/** A whole-number parameter: its default when absent, null when not a whole number in range. */
function wholeNumberParam(value: unknown, fallback: number, min: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/**
 * The canonical query string of a view: filters in the shared order, then sort, page, page
 * size and columns, each left out when it has its default value (so the plain /cases URL is
 * the default view).
 */
export function caseTableSearchParams(params: CaseTableParams): URLSearchParams {
  const out = caseFiltersToSearchParams(params.filters);
  if (params.sort && params.sort.length) out.set("sort", formatSort(params.sort));
  if (params.page > 1) out.set("page", String(params.page));
  if (params.pageSize !== DEFAULT_CASE_PAGE_SIZE) out.set("pageSize", String(params.pageSize));
  if (params.columns && !sameColumns(params.columns, DEFAULT_CASE_COLUMNS)) out.set("cols", params.columns.join(","));
  return out;
}

export function caseTableHref(params: CaseTableParams, path = "/cases"): string {
  const qs = caseTableSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
}

export function visibleColumns(params: Pick<CaseTableParams, "columns">): readonly CaseTableColumn[] {
  return params.columns ?? DEFAULT_CASE_COLUMNS;
}

function sameColumns(a: readonly CaseTableColumn[], b: readonly CaseTableColumn[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}
