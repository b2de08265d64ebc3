import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Previous / next links with "Page x of y"; a disabled end is plain text, not a dead link. */
export async function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  const t = await getTranslations("pagination");
  const linkClass =
    "inline-flex items-center gap-1 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-accent no-underline hover:bg-accent-soft";
  const disabledClass = "inline-flex items-center gap-1 rounded-md border border-line px-3 py-1.5 text-sm text-ink-muted opacity-70";
  return (
    <nav aria-label={t("label")} className="mt-4 flex flex-wrap items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" aria-label={t("previousLabel")} className={linkClass}>
          <span aria-hidden="true" className="rtl:rotate-180">
            ‹
          </span>
          {t("previous")}
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <span aria-hidden="true" className="rtl:rotate-180">
            ‹
          </span>
          {t("previous")}
        </span>
      )}
      <p className="text-sm text-ink-muted">{t("pageOf", { page, pages: pageCount })}</p>
      {page < pageCount ? (
        <Link href={hrefFor(page + 1)} rel="next" aria-label={t("nextLabel")} className={linkClass}>
          {t("next")}
          <span aria-hidden="true" className="rtl:rotate-180">
            ›
          </span>
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          {t("next")}
          <span aria-hidden="true" className="rtl:rotate-180">
            ›
          </span>
        </span>
      )}
    </nav>
  );
}
