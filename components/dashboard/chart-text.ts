// Helpers shared by the dashboard's and the public page's chart specs: the translator type,
// labels of months, courts and cities, and the "context" line printed on a downloaded PNG.
import type { createTranslator, Messages } from "use-intl/core";
import type { CaseFilters } from "@/lib/validation/case-filters";

/** The root translator (getTranslations() on the server, createTranslator in tests). */
export type Translator = ReturnType<typeof createTranslator<Messages>>;

export type Basis = "firstInstance" | "effective";

/** "2021-10" → "Oct 2021" (UTC, as every stored date). */
export function monthLabel(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}

export function dayLabel(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

export function courtLabel(t: Translator, court: string | null, branch: string | null): string {
  return t("dashboard.labels.courtBranch", { court: court ?? t("dashboard.labels.noCourt"), branch: branch ?? t("dashboard.labels.noBranch") });
}

/** 365 days a prison-year, as prison days count a year. */
export const prisonYears = (days: number) => days / 365;

/** "Filters: City of arrest Tabriz; Gender Female" — names the filters in force, for the PNG header. */
export function filterSummary(t: Translator, filters: CaseFilters, names: { incident?: string; court?: string }): string {
  const parts: string[] = [];
  if (filters.arrestFrom) parts.push(`${t("dashboard.filters.arrestFrom")} ${filters.arrestFrom}`);
  if (filters.arrestTo) parts.push(`${t("dashboard.filters.arrestTo")} ${filters.arrestTo}`);
  if (filters.city) parts.push(`${t("dashboard.filters.city")} ${filters.city}`);
  if (filters.incident) parts.push(`${t("dashboard.filters.incident")} ${names.incident ?? filters.incident}`);
  if (filters.court) parts.push(`${t("dashboard.filters.court")} ${names.court ?? filters.court}`);
  if (filters.gender) parts.push(`${t("dashboard.filters.gender")} ${t(`gender.${filters.gender}`)}`);
  for (const [key, value] of Object.entries(filters)) {
    if (["arrestFrom", "arrestTo", "city", "incident", "court", "gender", "sentence"].includes(key) || value === undefined) continue;
    parts.push(`${key} ${Array.isArray(value) ? value.join(", ") : String(value)}`);
  }
  return parts.length ? t("dashboard.filterSummary", { list: parts.join("; ") }) : t("dashboard.noFilters");
}
