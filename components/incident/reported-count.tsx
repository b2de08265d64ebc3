import { getLocale, getTranslations } from "next-intl/server";

/**
 * The number of detainees SOURCES report for an incident. It overlaps the named people and
 * other reports, so it is labelled as such and never added to any named count.
 */
export async function ReportedCount({ count, note }: { count: number | null; note: string | null }) {
  const [t, locale] = await Promise.all([getTranslations("incident"), getLocale()]);
  return (
    <div data-testid="incident-reported-count" className="rounded-lg border border-info-ink/25 bg-info-bg p-4 text-info-ink">
      <p className="text-sm font-medium">{t("reportedLabel")}</p>
      <p className="mt-0.5 text-2xl font-semibold tabular-nums">
        {count !== null ? new Intl.NumberFormat(locale).format(count) : <span className="text-base font-medium">{t("reportedNone")}</span>}
      </p>
      {count !== null ? <p className="mt-1 text-sm">{t("reportedOverlap")}</p> : null}
      {note ? (
        <p dir="auto" className="mt-2 text-sm">
          {note}
        </p>
      ) : null}
    </div>
  );
}
