"use client";

// The case table page's interactive part. The server renders it with the first page's rows
// (never more), and every change — filters, search, sort, page, page size, columns — is a
// new URL: the server component reads it and renders the next view, so Back and Forward
// walk through views and a copied link reproduces one. While the next view loads, the
// table is marked busy.
import type { SortingState, VisibilityState } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { CaseFilterOptions } from "@/lib/data/case-filter-options";
import type { CaseTablePage } from "@/lib/data/case-table";
import type { CaseFilters } from "@/lib/validation/case-filters";
import {
  CASE_SORT_KEYS,
  CASE_TABLE_COLUMNS,
  DEFAULT_CASE_SORT,
  caseTableHref,
  caseTableSearchParams,
  visibleColumns,
  type CaseSort,
  type CaseSortKey,
  type CaseTableColumn,
  type CaseTableParams,
} from "@/lib/validation/case-table";
import { ColumnPicker } from "./column-picker";
import { useCaseColumns } from "./columns";
import { CasesEmptyState, PastEndState } from "./empty-state";
import { CaseFiltersBar } from "./filters-bar";
import { Pager } from "./pager";

const isSortKey = (id: string): id is CaseSortKey => (CASE_SORT_KEYS as readonly string[]).includes(id);

export function CasesTableView({ params, result, options }: { params: CaseTableParams; result: CaseTablePage; options: CaseFilterOptions }) {
  const t = useTranslations("cases");
  const tcol = useTranslations("cases.col");
  const format = useFormatter();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const columns = useCaseColumns();

  const navigate = (href: string) => startTransition(() => router.push(href, { scroll: false }));
  const hrefWith = (next: Partial<CaseTableParams>) => caseTableHref({ ...params, ...next });

  const ranked = params.filters.q !== undefined && !params.sort?.length;
  const sort: readonly CaseSort[] = params.sort ?? (ranked ? [] : DEFAULT_CASE_SORT);
  const sorting: SortingState = sort.map((s) => ({ id: s.key, desc: s.desc }));
  const visible = visibleColumns(params);
  const columnVisibility: VisibilityState = Object.fromEntries(CASE_TABLE_COLUMNS.map((c) => [c, visible.includes(c)]));
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const from = result.rows.length ? (result.page - 1) * result.pageSize + 1 : 0;
  const to = from ? from + result.rows.length - 1 : 0;

  const sortDescription = ranked
    ? t("sortedByRelevance")
    : t("sortedBy", {
        columns: sort.map((s) => t("sortKey", { column: tcol(s.key), direction: s.desc ? t("descending") : t("ascending") })).join(", "),
      });

  const onSortingChange = (next: SortingState) => {
    const nextSort = next.filter((s) => isSortKey(s.id)).map((s) => ({ key: s.id as CaseSortKey, desc: s.desc }));
    // No sort left means the default order (or relevance while searching): keep the URL short.
    navigate(hrefWith({ sort: nextSort.length ? nextSort : null, page: 1 }));
  };
  const applyFilters = (filters: CaseFilters) => navigate(hrefWith({ filters, page: 1 }));
  const setColumns = (columns: CaseTableColumn[]) => navigate(hrefWith({ columns }));
  const clearHref = hrefWith({ filters: {}, page: 1 });
  // What a submission without JavaScript must carry besides the filters.
  const keep = caseTableSearchParams({ ...params, filters: {}, page: 1 });

  return (
    <>
      <CaseFiltersBar
        key={JSON.stringify(params.filters)}
        filters={params.filters}
        options={options}
        keep={keep}
        onApply={applyFilters}
        clearHref={clearHref}
      />

      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm font-medium" role="status" aria-live="polite" data-testid="cases-total">
            {t("total", { count: result.total })}
            {to ? (
              <span className="font-normal text-ink-muted">
                {" · "}
                {t("showing", { from: format.number(from), to: format.number(to), total: format.number(result.total) })}
              </span>
            ) : null}
            {pending ? <span className="ms-2 font-normal text-ink-muted">{t("loading")}</span> : null}
          </p>
          <p className="text-xs text-ink-muted" data-testid="cases-sort-description">
            {sortDescription}
          </p>
        </div>
        <ColumnPicker visible={visible} onChange={setColumns} />
      </div>

      {result.total === 0 ? (
        <CasesEmptyState query={params.filters.q} clearHref={clearHref} />
      ) : result.rows.length === 0 ? (
        <PastEndState lastPage={pageCount} href={hrefWith({ page: pageCount })} />
      ) : (
        <>
          <p id="cases-sort-hint" className="mb-2 text-xs text-ink-muted">
            {t("sortHint")}
          </p>
          <DataTable
            data={result.rows}
            columns={columns}
            getRowId={(row) => row.id}
            sorting={sorting}
            onSortingChange={onSortingChange}
            columnVisibility={columnVisibility}
            busy={pending}
            rowTestId="case-row"
            tableTestId="cases-table"
            captionDetail={sortDescription}
            labels={{
              caption: t("caption"),
              ascending: t("ascending"),
              descending: t("descending"),
              sortPosition: (position, direction) => t("sortPosition", { position, direction }),
            }}
          />
          <Pager
            page={result.page}
            pageCount={pageCount}
            pageSize={result.pageSize}
            hrefFor={(page) => hrefWith({ page })}
            onNavigate={navigate}
            onPageSize={(pageSize) => navigate(hrefWith({ pageSize, page: 1 }))}
          />
        </>
      )}
    </>
  );
}
