import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { CaseExportButtons } from "@/components/export/case-export-buttons";
import { DossierControl } from "@/components/report/dossier-control";
import { CasesTableView } from "@/components/tables/cases/cases-table-view";
import { CasesTableSkeleton } from "@/components/tables/cases/skeleton";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit } from "@/lib/authz";
import { getCaseFilterOptions } from "@/lib/data/case-filter-options";
import { DOSSIER_MAX_PEOPLE } from "@/lib/data/report";
import { listCaseTable } from "@/lib/data/case-table";
import { parseCaseTableParams, type CaseTableParams } from "@/lib/validation/case-table";
import { orNotFound, requirePageActor } from "../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("cases");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The table with this view's page of rows (never more), read on the server. */
async function CasesTable({ params }: { params: CaseTableParams }) {
  const actor = await requirePageActor();
  const [result, options] = await Promise.all([
    orNotFound(listCaseTable(actor, { filters: params.filters, sort: params.sort, page: params.page, pageSize: params.pageSize })),
    orNotFound(getCaseFilterOptions(actor)),
  ]);
  return (
    <>
      <div className="mb-3 flex flex-wrap items-start justify-end gap-3">
        {canEdit(actor) ? <CaseExportButtons params={params} total={result.total} /> : null}
        <DossierControl key={JSON.stringify(params.filters)} filters={params.filters} canInternal={canEdit(actor)} max={DOSSIER_MAX_PEOPLE} />
      </div>
      <CasesTableView params={params} result={result} options={options} />
    </>
  );
}

// The header shows at once and the table streams in behind a skeleton. (A loading.tsx in
// this folder would also stand in for the case pages below /cases while they load.)
// An invalid part of the URL falls back to its default instead of failing the page.
export default async function CasesPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageActor();
  const params = parseCaseTableParams(await searchParams);
  const t = await getTranslations("cases");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Suspense fallback={<CasesTableSkeleton />}>
        <CasesTable params={params} />
      </Suspense>
    </>
  );
}
