import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { HistoryPage } from "@/lib/data/history";
import { formatHistoryCursor, type HistoryCursor } from "@/lib/validation/history";

const linkClass =
  "inline-flex items-center gap-1 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-accent no-underline hover:bg-accent-soft";

/**
 * "Newer changes" / "Show older changes" under a History: plain links (server-rendered, so
 * they work without JavaScript) to the same record page with the History's own search
 * parameter, landing on the History's heading. Nothing when the History fits on one page.
 */
export async function HistoryPages({ page, path, param, anchor }: { page: Pick<HistoryPage, "older" | "newer">; path: string; param: string; anchor: string }) {
  if (!page.older && !page.newer) return null;
  const t = await getTranslations("history");
  const href = (cursor: HistoryCursor | "newest") =>
    cursor === "newest" ? `${path}#${anchor}` : `${path}?${new URLSearchParams({ [param]: formatHistoryCursor(cursor) }).toString()}#${anchor}`;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex flex-wrap items-center justify-between gap-3" data-testid="history-pages">
      {page.newer ? (
        <Link href={href(page.newer)} rel="prev" className={linkClass}>
          <span aria-hidden="true" className="rtl:rotate-180">
            ‹
          </span>
          {t("newer")}
        </Link>
      ) : (
        <span />
      )}
      {page.older ? (
        <Link href={href(page.older)} rel="next" className={linkClass}>
          {t("older")}
          <span aria-hidden="true" className="rtl:rotate-180">
            ›
          </span>
        </Link>
      ) : null}
    </nav>
  );
}
