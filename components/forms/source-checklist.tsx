"use client";
// The sources an event or incident cites, ticked from every source the user may see. Past a
// handful, a filter box narrows the list by title or publisher (ignoring case, accents,
// Arabic/Persian letter variants and invisible characters, as the name search does); the
// sources already ticked always stay in view, and a status line counts what is shown.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { normalizeName } from "@/lib/domain/normalize-name";
import { TextField } from "./fields";

export type SourceChoice = { id: string; title: string; publisher: string | null; confidential: boolean };

/** Lists this long or shorter are shown without a filter box. */
const FILTER_FROM = 8;

export function SourceChecklist({
  idPrefix,
  sources,
  chosen,
  onChange,
}: {
  idPrefix: string;
  sources: SourceChoice[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations("recording");
  const [filter, setFilter] = useState("");
  const query = normalizeName(filter);
  const shown = query === "" ? sources : sources.filter((s) => chosen.includes(s.id) || normalizeName(`${s.title} ${s.publisher ?? ""}`).includes(query));
  const listId = `${idPrefix}-source-list`;
  return (
    <>
      {sources.length > FILTER_FROM ? (
        <TextField id={`${idPrefix}-source-filter`} label={t("sourceFilter")} hint={t("sourceFilterHint")} value={filter} onChange={setFilter} />
      ) : null}
      <div id={listId} className="max-h-56 space-y-1 overflow-y-auto rounded border border-line p-2">
        {shown.map((s) => (
          <label key={s.id} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1"
              checked={chosen.includes(s.id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
            />
            <span dir="auto">
              {s.title}
              {s.publisher ? <span className="text-ink-muted"> — {s.publisher}</span> : null}
              {s.confidential ? <span className="ms-1 font-medium text-restricted-ink">({t("confidential")})</span> : null}
            </span>
          </label>
        ))}
        {shown.length === 0 ? <p className="text-sm text-ink-muted">{t("sourceFilterEmpty")}</p> : null}
      </div>
      <p role="status" aria-live="polite" className="text-xs text-ink-muted" data-testid={`${idPrefix}-sources-status`}>
        {t("sourcesShown", { shown: shown.length, total: sources.length, chosen: chosen.length })}
      </p>
    </>
  );
}
