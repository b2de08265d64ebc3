// The dashboard's filters: a plain GET form, so the filters live in the URL with the same
// parameter names as the case table's (lib/validation/case-filters.ts) and work without
// JavaScript. Filters the form has no field for (arriving from a link) are kept as hidden
// fields and named, so applying the form never drops one silently.
import Link from "next/link";
import type { FilterOptions } from "@/lib/data/aggregates";
import { GENDERS } from "@/lib/domain/vocab";
import { caseFiltersToSearchParams, type CaseFilters } from "@/lib/validation/case-filters";
import type { Basis, Translator } from "./chart-text";

const FORM_FIELDS = new Set(["arrestFrom", "arrestTo", "city", "incident", "court", "gender", "sentence"]);

const fieldClass = "mt-1 block w-full min-w-0 rounded-md border border-line bg-surface px-3 py-2 text-base text-ink shadow-sm";
const labelClass = "block text-sm font-medium";

export function FilterForm({ filters, options, basis, t }: { filters: CaseFilters; options: FilterOptions; basis: Basis; t: Translator }) {
  const hidden = [...caseFiltersToSearchParams(filters)].filter(([key]) => !FORM_FIELDS.has(key));
  const clearHref = basis === "firstInstance" ? "/dashboard?sentence=firstInstance" : "/dashboard";
  return (
    <form
      method="get"
      action="/dashboard"
      aria-labelledby="dashboard-filters"
      className="rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5"
      data-testid="dashboard-filters"
    >
      <h2 id="dashboard-filters" className="text-base font-semibold">
        {t("dashboard.filters.legend")}
      </h2>
      <p className="mt-1 text-sm text-ink-muted">{t("dashboard.filters.hint")}</p>
      {basis === "firstInstance" ? <input type="hidden" name="sentence" value="firstInstance" /> : null}
      {hidden.map(([key, value]) => (
        <input key={`${key}=${value}`} type="hidden" name={key} value={value} />
      ))}
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="f-arrestFrom" className={labelClass}>
            {t("dashboard.filters.arrestFrom")}
          </label>
          <input id="f-arrestFrom" name="arrestFrom" type="date" defaultValue={filters.arrestFrom ?? ""} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="f-arrestTo" className={labelClass}>
            {t("dashboard.filters.arrestTo")}
          </label>
          <input id="f-arrestTo" name="arrestTo" type="date" defaultValue={filters.arrestTo ?? ""} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="f-city" className={labelClass}>
            {t("dashboard.filters.city")}
          </label>
          <select
            id="f-city"
            name="city"
            defaultValue={options.cities.find((c) => c.toLowerCase() === filters.city?.toLowerCase()) ?? filters.city ?? ""}
            className={fieldClass}
          >
            <option value="">{t("dashboard.filters.any")}</option>
            {filters.city && !options.cities.some((c) => c.toLowerCase() === filters.city?.toLowerCase()) ? (
              <option value={filters.city}>{filters.city}</option>
            ) : null}
            {options.cities.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-incident" className={labelClass}>
            {t("dashboard.filters.incident")}
          </label>
          <select id="f-incident" name="incident" defaultValue={filters.incident ?? ""} className={fieldClass}>
            <option value="">{t("dashboard.filters.any")}</option>
            {options.incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-court" className={labelClass}>
            {t("dashboard.filters.court")}
          </label>
          <select id="f-court" name="court" defaultValue={filters.court ?? ""} className={fieldClass}>
            <option value="">{t("dashboard.filters.any")}</option>
            {options.courts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-gender" className={labelClass}>
            {t("dashboard.filters.gender")}
          </label>
          <select id="f-gender" name="gender" defaultValue={filters.gender ?? ""} className={fieldClass}>
            <option value="">{t("dashboard.filters.any")}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {hidden.length ? (
        <p className="mt-3 text-sm text-ink-muted" data-testid="other-filters">
          {t("dashboard.filters.otherActive", { list: hidden.map(([k, v]) => `${k}: ${v}`).join(", ") })}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink shadow-sm hover:opacity-90">
          {t("dashboard.filters.apply")}
        </button>
        <Link href={clearHref} className="text-sm font-medium">
          {t("dashboard.filters.clear")}
        </Link>
      </div>
    </form>
  );
}
