import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { safeExternalUrl } from "@/lib/format";
import { partialDateText } from "@/components/case/partial-date";
import type { SourceView } from "@/lib/data/visibility";

/**
 * Sources as the data layer returns them for this reader: confidential ones are already
 * removed for VIEWERs, so a "Confidential" badge only ever reaches EDITOR/ADMIN pages.
 */
export async function SourceList({ sources, compact = false }: { sources: SourceView[]; compact?: boolean }) {
  const [t, tk, tc] = await Promise.all([getTranslations("source"), getTranslations("sourceKind"), getTranslations("common")]);
  if (sources.length === 0) return compact ? null : <p className="text-sm text-ink-muted">{t("none")}</p>;

  const items = await Promise.all(sources.map(async (s) => ({ source: s, url: safeExternalUrl(s.url), date: await partialDateText(s.date, s.datePrecision) })));

  return (
    <ul className={compact ? "space-y-1 text-sm" : "space-y-3"}>
      {items.map(({ source: s, url, date }) => (
        <li key={s.id} className="min-w-0 break-words">
          <span dir="auto" className={compact ? "" : "font-medium"}>
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {s.title}
                <span className="sr-only"> {t("newTab")}</span>
              </a>
            ) : (
              s.title
            )}
          </span>
          <span className="text-sm text-ink-muted">
            {s.publisher ? (
              <>
                {tc("separator")}
                <span dir="auto">{s.publisher}</span>
              </>
            ) : null}
            {tc("separator")}
            {tk(s.kind)}
            {date ? (
              <>
                {tc("separator")}
                {date}
              </>
            ) : null}
          </span>
          {s.confidential ? (
            <>
              {" "}
              <Badge tone="restricted" title={t("confidentialHint")}>
                {tc("confidential")}
              </Badge>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
