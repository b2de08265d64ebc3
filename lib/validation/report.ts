// Query strings of the report endpoints, read strictly: an unknown parameter or an invalid
// profile is a 400 naming it, never silently ignored.
import { z } from "zod";
import { REPORT_PROFILES, type ReportProfile } from "@/lib/report/types";
import { parseCaseTableApiParams, type ParamProblem } from "@/lib/validation/case-table";
import type { CaseFilters } from "@/lib/validation/case-filters";

export const reportProfileSchema = z.enum(REPORT_PROFILES, { error: `must be one of ${REPORT_PROFILES.join(", ")}` });

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ParamProblem };

function profileOf(params: URLSearchParams): Parsed<ReportProfile | undefined> {
  const values = params.getAll("profile");
  if (values.length === 0) return { ok: true, value: undefined };
  if (values.length > 1) return { ok: false, problem: { field: "profile", reason: "must be given once" } };
  const parsed = reportProfileSchema.safeParse(values[0]);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: { field: "profile", reason: `must be one of ${REPORT_PROFILES.join(", ")}` } };
}

/** GET /api/people/{id}/report.pdf?profile=public|internal */
export function parsePersonReportQuery(params: URLSearchParams): Parsed<{ profile?: ReportProfile }> {
  for (const key of params.keys()) {
    if (key !== "profile") return { ok: false, problem: { field: key, reason: "is not a known parameter" } };
  }
  const profile = profileOf(params);
  if (!profile.ok) return profile;
  return { ok: true, value: profile.value ? { profile: profile.value } : {} };
}

/** POST /api/dossier?<case table filters>&profile=public|internal */
export function parseDossierQuery(params: URLSearchParams): Parsed<{ profile?: ReportProfile; filters: CaseFilters }> {
  const profile = profileOf(params);
  if (!profile.ok) return profile;
  const rest = new URLSearchParams([...params].filter(([key]) => key !== "profile"));
  for (const key of ["sort", "page", "pageSize"]) {
    if (rest.has(key)) return { ok: false, problem: { field: key, reason: "is not a dossier parameter (a dossier takes the filters only)" } };
  }
  const parsed = parseCaseTableApiParams(rest);
  if (!parsed.ok) return { ok: false, problem: parsed.problems[0] ?? { field: "query", reason: "is invalid" } };
  return { ok: true, value: { ...(profile.value ? { profile: profile.value } : {}), filters: parsed.value.filters } };
}
