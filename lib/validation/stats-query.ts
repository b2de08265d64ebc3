// The query string of GET /api/stats: the shared case filters, read strictly. Where the
// pages drop an invalid filter (a link should still open), an API client must learn that
// its filter was not applied, so any problem is reported with the parameter it concerns.
import { CASE_FILTER_KEYS, caseFilterSchema, type CaseFilters } from "@/lib/validation/case-filters";

export type StatsQuery = { ok: true; filters: CaseFilters } | { ok: false; field: string; message: string };

const LIST_KEYS = new Set<string>(["status"]);

export function parseStatsQuery(params: URLSearchParams): StatsQuery {
  const entries: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key).filter((v) => v !== "");
    if (key === "q") return { ok: false, field: key, message: "text search is not an aggregate filter; use the case table" };
    if (!(CASE_FILTER_KEYS as string[]).includes(key)) return { ok: false, field: key, message: "unknown filter" };
    if (values.length === 0) continue;
    if (!LIST_KEYS.has(key) && values.length > 1) return { ok: false, field: key, message: "given more than once" };
    entries[key] = LIST_KEYS.has(key) ? values : values[0];
  }
  const parsed = caseFilterSchema.safeParse(entries);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, field: String(issue?.path[0] ?? "query"), message: issue?.message ?? "invalid" };
}
