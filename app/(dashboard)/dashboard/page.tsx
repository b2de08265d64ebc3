import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { ChartCard } from "@/components/charts/chart-card";
import { BasisToggle } from "@/components/dashboard/basis-toggle";
import { dayLabel, filterSummary, type Basis } from "@/components/dashboard/chart-text";
import { ChargeCharts, ChargeChartsLoading } from "@/app/(dashboard)/dashboard/_components/charge-charts";
import { dashboardChartSpecs } from "@/components/dashboard/dashboard-chart-specs";
import { FilterForm } from "@/components/dashboard/filter-form";
import { Totals } from "@/components/dashboard/totals";
import { PageHeader } from "@/components/ui/page-header";
import { getChartAggregates, getFilterOptions } from "@/lib/data/aggregates";
import { caseFiltersToSearchParams, parseCaseFilters } from "@/lib/validation/case-filters";
import { requirePageActor } from "../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  // The case table's filters, read the same way; invalid values are dropped. Text search
  // (q) ranks names and is no aggregate filter: it is ignored here.
  const filters = { ...parseCaseFilters(await searchParams), q: undefined };
  const basis: Basis = filters.sentence ?? "effective";
  const [aggregates, options, t, locale] = await Promise.all([getChartAggregates(actor, filters), getFilterOptions(actor), getTranslations(), getLocale()]);

  const names = {
    incident: options.incidents.find((i) => i.id === filters.incident)?.title,
    court: options.courts.find((c) => c.id === filters.court)?.name,
  };
  const context = t("dashboard.context", { filters: filterSummary(t, filters, names), date: dayLabel(new Date(), locale) });
  const specs = dashboardChartSpecs(aggregates, { t, locale, basis, filters, context });
  const hrefFor = (b: Basis) => {
    const params = caseFiltersToSearchParams({ ...filters, sentence: b === "effective" ? undefined : b });
    const qs = params.toString();
    return qs ? `/dashboard?${qs}` : "/dashboard";
  };

  return (
    <>
      <PageHeader
        title={t("dashboard.title")}
        intro={t("dashboard.intro")}
        meta={actor.role === "ADMIN" ? <Link href="/admin/settings">{t("dashboard.settingsLink")}</Link> : undefined}
      />
      <div className="space-y-4">
        <FilterForm filters={filters} options={options} basis={basis} t={t} />
        <BasisToggle basis={basis} hrefFor={hrefFor} t={t} />
        <Totals
          basis={basis}
          t={t}
          locale={locale}
          suppressedText="—"
          data={{
            cases: aggregates.cases,
            people: aggregates.people,
            lashes: { firstInstance: aggregates.lashes.firstInstance, effective: aggregates.lashes.effective },
            lashesGroup: aggregates.lashes.sentenced,
            prisonDays: { firstInstance: aggregates.prisonDays.firstInstance, effective: aggregates.prisonDays.effective },
          }}
        />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {specs.map((spec) => (
            <ChartCard key={spec.id} spec={spec} />
          ))}
          <Suspense fallback={<ChargeChartsLoading />}>
            <ChargeCharts actor={actor} cases={aggregates.cases} context={{ locale, basis, filters, context }} />
          </Suspense>
        </div>
      </div>
    </>
  );
}
