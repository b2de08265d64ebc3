// The query string of GET /api/export/cases.csv and .xlsx: the case table's own URL (filters,
// search, sort, visible columns), so the export buttons link to the view as it is. Strict,
// like the JSON API: an unknown or invalid parameter is refused naming it (a mistyped filter
// must not silently export every case). `page` and `pageSize` are accepted and ignored: an
// export holds every row of the view, not one page.
import { caseFilterSchema, CASE_FILTER_KEYS, type CaseFilters } from "@/lib/validation/case-filters";
import { CASE_TABLE_COLUMNS, DEFAULT_CASE_COLUMNS, parseSort, type CaseSort, type CaseTableColumn, type ParamProblem } from "@/lib/validation/case-table";

export interface CaseExportParams {
  filters: CaseFilters;
  sort: CaseSort[] | null;
  columns: CaseTableColumn[];
}

const SINGLE = new Set(["sort", "cols", "page", "pageSize"]);
const KNOWN = new Set<string>([...CASE_FILTER_KEYS, ...SINGLE]);
const isColumn = (v: string): v is CaseTableColumn => (CASE_TABLE_COLUMNS as readonly string[]).includes(v);

export function parseCaseExportParams(params: URLSearchParams): { ok: true; value: CaseExportParams } | { ok: false; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const rawFilters: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (!KNOWN.has(key)) problems.push({ field: key, reason: "is not a known parameter" });
    else if (key === "status") rawFilters[key] = values;
    else if (values.length > 1) problems.push({ field: key, reason: "must be given once" });
    else if (values[0] === "") problems.push({ field: key, reason: "is empty" });
    else if (!SINGLE.has(key)) rawFilters[key] = values[0];
  }
  const filters = caseFilterSchema.safeParse(rawFilters);
  if (!filters.success) for (const issue of filters.error.issues) problems.push({ field: String(issue.path[0] ?? "query"), reason: issue.message });

  const sortValue = params.get("sort");
  const sort = sortValue ? parseSort(sortValue) : null;
  if (sort && !sort.ok) problems.push({ field: "sort", reason: sort.reason });

  let columns: CaseTableColumn[] = [...DEFAULT_CASE_COLUMNS];
  const cols = params.get("cols");
  if (cols) {
    const listed = cols
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean);
    const unknown = listed.filter((c) => !isColumn(c));
    if (unknown.length) problems.push({ field: "cols", reason: `"${unknown[0]}" is not a column; use ${CASE_TABLE_COLUMNS.join(", ")}` });
    // The table's order, whatever the order in the URL; the person always comes first (the table never hides it).
    columns = CASE_TABLE_COLUMNS.filter((c) => c === "person" || listed.includes(c));
  }

  if (problems.length || !filters.success) return { ok: false, problems };
  return { ok: true, value: { filters: filters.data, sort: sort?.ok ? sort.sort : null, columns } };
}
