"use client";

// First / previous / "page x of y" / next / last, and the page size. Real links (a page can
// be opened in a new tab or copied); a plain click goes through the table's navigation so
// the loading state shows.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { MouseEvent, ReactNode } from "react";
import { CASE_PAGE_SIZES } from "@/lib/validation/case-table";

const linkClass =
  "inline-flex items-center gap-1 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-accent no-underline hover:bg-accent-soft";
const disabledClass = "inline-flex items-center gap-1 rounded-md border border-line px-3 py-1.5 text-sm text-ink-muted opacity-70";

export function Pager({
  page,
  pageCount,
  pageSize,
  hrefFor,
  onNavigate,
  onPageSize,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  hrefFor: (page: number) => string;
  onNavigate: (href: string) => void;
  onPageSize: (size: number) => void;
}) {
  const t = useTranslations("cases");
  const tp = useTranslations("pagination");
  const go = (target: number) => (event: MouseEvent<HTMLAnchorElement>) => {
    // Let the browser handle new-tab and download clicks.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate(hrefFor(target));
  };
  const step = (target: number, enabled: boolean, label: string, text: ReactNode, rel?: string) =>
    enabled ? (
      <Link href={hrefFor(target)} onClick={go(target)} aria-label={label} rel={rel} className={linkClass} prefetch={false}>
        {text}
      </Link>
    ) : (
      <span aria-disabled="true" className={disabledClass}>
        {text}
      </span>
    );

  return (
    <nav aria-label={tp("label")} className="mt-4 flex flex-wrap items-center justify-between gap-3" data-testid="case-pager">
      <div className="flex flex-wrap items-center gap-2">
        {step(1, page > 1, t("firstLabel"), t("first"))}
        {step(page - 1, page > 1, tp("previousLabel"), tp("previous"), "prev")}
        <p className="px-1 text-sm text-ink-muted" aria-live="polite">
          {tp("pageOf", { page, pages: pageCount })}
        </p>
        {step(page + 1, page < pageCount, tp("nextLabel"), tp("next"), "next")}
        {step(pageCount, page < pageCount, t("lastLabel"), t("last"))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        {t("pageSize")}
        <select
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.currentTarget.value))}
          className="rounded-md border border-line bg-surface px-2 py-1 text-sm"
        >
          {CASE_PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
