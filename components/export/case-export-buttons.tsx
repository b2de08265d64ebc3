// "Export CSV" / "Export XLSX" on the case table, for EDITOR and ADMIN (the page renders it
// only for them; the server refuses a VIEWER anyway). Plain links to the export endpoints
// with the current view's query string (filters, search, sort, visible columns), so the file
// holds every row of the view, on every page, in its order and with its columns. The
// browser downloads the file (Content-Disposition: attachment); no JavaScript needed.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { caseTableSearchParams, type CaseTableParams } from "@/lib/validation/case-table";

const linkClass =
  "inline-flex items-center rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink no-underline hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent";

/** The export URL of a view: its canonical query string, always from the first row. */
export function caseExportHref(params: CaseTableParams, format: "csv" | "xlsx"): string {
  const qs = caseTableSearchParams({ ...params, page: 1 }).toString();
  return `/api/export/cases.${format}${qs ? `?${qs}` : ""}`;
}

export function CaseExportButtons({ params, total }: { params: CaseTableParams; total: number }) {
  const t = useTranslations("export");
  const hintId = "case-export-hint";
  return (
    <div role="group" aria-label={t("toolbarLabel")} aria-describedby={hintId} className="flex flex-wrap items-center gap-2" data-testid="case-export">
      <a href={caseExportHref(params, "csv")} className={linkClass} title={t("csvDescription")} data-testid="export-csv" download>
        {t("csv")}
      </a>
      <a href={caseExportHref(params, "xlsx")} className={linkClass} title={t("xlsxDescription")} data-testid="export-xlsx" download>
        {t("xlsx")}
      </a>
      <Link href="/admin/exchange" className="text-sm" title={t("exchangeDescription")} data-testid="export-exchange-link">
        {t("exchangeLink")}
      </Link>
      <span id={hintId} className="sr-only">
        {t("hint", { count: total })}
      </span>
    </div>
  );
}
