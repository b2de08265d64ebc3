"use client";

// The case table's filters and search, as one GET form: it works without JavaScript (the
// browser submits it to /cases), and with JavaScript the view changes without a full page
// load. Every control has a visible label. Filters the form has no control for (for
// instance those of a dashboard chart's "show these cases" link) travel along as hidden
// fields, so refining such a list does not silently widen it.
import { useTranslations } from "next-intl";
import { useId, type FormEvent, type ReactNode } from "react";
import type { CaseFilterOptions } from "@/lib/data/case-filter-options";
import { CASE_STATUSES, CONFIDENCES } from "@/lib/domain/types";
import { GENDERS, VULNERABILITIES } from "@/lib/domain/vocab";
import { CASE_FILTER_KEYS, parseCaseFilters, type CaseFilters } from "@/lib/validation/case-filters";

/** Filters with a control in this form; any other filter key is kept as a hidden field. */
const FORM_KEYS = [
  "q",
  "status",
  "city",
  "province",
  "incident",
  "gender",
  "vulnerability",
  "arrestFrom",
  "arrestTo",
  "court",
  "article",
  "hasSentence",
  "lashes",
  "confidence",
] as const satisfies readonly (keyof CaseFilters)[];
const SECONDARY_KEYS: readonly (keyof CaseFilters)[] = FORM_KEYS.filter((k) => !["q", "status", "city"].includes(k));

const inputClass = "w-full rounded-md border border-line bg-surface px-2.5 py-1.5 text-sm text-ink placeholder:text-ink-muted focus-visible:border-accent";
const labelClass = "mb-1 block text-sm font-medium";

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function CaseFiltersBar({
  filters,
  options,
  keep,
  onApply,
  clearHref,
}: {
  filters: CaseFilters;
  options: CaseFilterOptions;
  /** View state to carry through a submission without JavaScript (sort, page size, columns). */
  keep: URLSearchParams;
  onApply: (filters: CaseFilters) => void;
  clearHref: string;
}) {
  const t = useTranslations("cases.filters");
  const ts = useTranslations("status");
  const tg = useTranslations("gender");
  const tv = useTranslations("vulnerability");
  const tconf = useTranslations("confidence");
  const id = useId();
  const fid = (name: string) => `${id}-${name}`;
  const extraKeys = CASE_FILTER_KEYS.filter((k) => !(FORM_KEYS as readonly string[]).includes(k) && filters[k] !== undefined);
  const secondaryActive = SECONDARY_KEYS.some((k) => filters[k] !== undefined);
  const chosenStatuses = filters.status ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const [key, value] of data.entries()) if (typeof value === "string" && value.trim() !== "") params.append(key, value);
    onApply(parseCaseFilters(params));
  }

  return (
    <form
      method="get"
      action="/cases"
      role="search"
      aria-label={t("heading")}
      onSubmit={submit}
      data-testid="case-filters"
      className="mb-4 rounded-lg border border-line bg-surface p-4 shadow-sm"
    >
      {[...keep.entries()].map(([key, value]) => (
        <input key={`keep-${key}`} type="hidden" name={key} value={value} />
      ))}
      {extraKeys.flatMap((key) =>
        ([] as unknown[]).concat(filters[key]).map((value) => <input key={`extra-${key}-${String(value)}`} type="hidden" name={key} value={String(value)} />),
      )}

      <div className="grid grid-cols-1 gap-3 md:grid-cols-[minmax(14rem,2fr)_minmax(10rem,1fr)_minmax(10rem,1fr)_auto] md:items-start">
        <Field id={fid("q")} label={t("search")} hint={t("searchHint")}>
          <input
            id={fid("q")}
            name="q"
            type="search"
            dir="auto"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            autoComplete="off"
            aria-describedby={`${fid("q")}-hint`}
            className={inputClass}
          />
        </Field>

        <div>
          <span id={fid("status-label")} className={labelClass}>
            {t("status")}
          </span>
          <details className="group relative">
            <summary
              aria-labelledby={`${fid("status-label")} ${fid("status-summary")}`}
              className={`${inputClass} cursor-pointer list-none`}
              data-testid="status-filter-toggle"
            >
              <span id={fid("status-summary")}>
                {chosenStatuses.length === 0
                  ? t("statusAny")
                  : chosenStatuses.length <= 2
                    ? chosenStatuses.map((s) => ts(s)).join(", ")
                    : t("statusChosen", { count: chosenStatuses.length })}
              </span>
              <span aria-hidden="true" className="float-end text-ink-muted">
                ▾
              </span>
            </summary>
            <fieldset className="absolute z-20 mt-1 w-64 rounded-md border border-line bg-surface p-3 shadow-lg">
              <legend className="sr-only">{t("status")}</legend>
              {CASE_STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-2 py-0.5 text-sm">
                  <input type="checkbox" name="status" value={s} defaultChecked={chosenStatuses.includes(s)} />
                  {ts(s)}
                </label>
              ))}
            </fieldset>
          </details>
        </div>

        <Field id={fid("city")} label={t("city")}>
          <input id={fid("city")} name="city" dir="auto" defaultValue={filters.city ?? ""} list={fid("cities")} autoComplete="off" className={inputClass} />
          <datalist id={fid("cities")}>
            {options.cities.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </Field>

        <div className="flex items-end gap-2 md:pt-6">
          <button type="submit" className="rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-accent-ink hover:opacity-90">
            {t("apply")}
          </button>
          <a href={clearHref} className="rounded-md px-2 py-1.5 text-sm font-medium">
            {t("clear")}
          </a>
        </div>
      </div>

      <details className="mt-3" open={secondaryActive || undefined}>
        <summary className="cursor-pointer text-sm font-medium text-accent">{t("more")}</summary>
        <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field id={fid("province")} label={t("province")}>
            <input
              id={fid("province")}
              name="province"
              dir="auto"
              defaultValue={filters.province ?? ""}
              list={fid("provinces")}
              autoComplete="off"
              className={inputClass}
            />
            <datalist id={fid("provinces")}>
              {options.provinces.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </Field>
          <Field id={fid("incident")} label={t("incident")}>
            <select id={fid("incident")} name="incident" defaultValue={filters.incident ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {options.incidents.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fid("court")} label={t("court")}>
            <select id={fid("court")} name="court" defaultValue={filters.court ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {options.courts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fid("article")} label={t("article")}>
            <input id={fid("article")} name="article" defaultValue={filters.article ?? ""} placeholder={t("articlePlaceholder")} className={inputClass} />
          </Field>
          <Field id={fid("arrestFrom")} label={t("arrestFrom")}>
            <input id={fid("arrestFrom")} name="arrestFrom" type="date" defaultValue={filters.arrestFrom ?? ""} className={inputClass} />
          </Field>
          <Field id={fid("arrestTo")} label={t("arrestTo")}>
            <input id={fid("arrestTo")} name="arrestTo" type="date" defaultValue={filters.arrestTo ?? ""} className={inputClass} />
          </Field>
          <Field id={fid("gender")} label={t("gender")}>
            <select id={fid("gender")} name="gender" defaultValue={filters.gender ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {tg(g)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fid("vulnerability")} label={t("vulnerability")}>
            <select id={fid("vulnerability")} name="vulnerability" defaultValue={filters.vulnerability ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {VULNERABILITIES.map((v) => (
                <option key={v} value={v}>
                  {tv(v)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fid("hasSentence")} label={t("hasSentence")}>
            <select id={fid("hasSentence")} name="hasSentence" defaultValue={filters.hasSentence ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              <option value="true">{t("hasSentenceTrue")}</option>
              <option value="false">{t("hasSentenceFalse")}</option>
            </select>
          </Field>
          <Field id={fid("confidence")} label={t("confidence")}>
            <select id={fid("confidence")} name="confidence" defaultValue={filters.confidence ?? ""} className={inputClass}>
              <option value="">{t("any")}</option>
              {CONFIDENCES.map((c) => (
                <option key={c} value={c}>
                  {tconf(c)}
                </option>
              ))}
            </select>
          </Field>
          <div className="flex items-center gap-2 sm:pt-6">
            <input id={fid("lashes")} name="lashes" type="checkbox" value="true" defaultChecked={filters.lashes === "true"} />
            <label htmlFor={fid("lashes")} className="text-sm font-medium">
              {t("lashes")}
            </label>
          </div>
        </div>
      </details>

      {extraKeys.length ? (
        <p className="mt-3 text-xs text-ink-muted" data-testid="kept-filters">
          {t("kept", { count: extraKeys.length })} {extraKeys.join(", ")}
        </p>
      ) : null}
    </form>
  );
}
