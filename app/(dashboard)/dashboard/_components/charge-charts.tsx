// The charges and law-articles charts of the dashboard. Their query reads every charge of
// every matching case and is the slowest of the dashboard, so the page streams these two
// cards in after the others (React Suspense) instead of waiting for them.
import { getTranslations } from "next-intl/server";
import { ChartCard } from "@/components/charts/chart-card";
import type { Actor } from "@/lib/authz";
import { getTopCharges } from "@/lib/data/aggregates";
import { chargeChartSpecs, type ChartContext } from "@/components/dashboard/dashboard-chart-specs";

export async function ChargeCharts({ actor, cases, context }: { actor: Actor; cases: number; context: Omit<ChartContext, "t"> }) {
  const [topCharges, topArticles, t] = await Promise.all([
    getTopCharges(actor, context.filters, "text"),
    getTopCharges(actor, context.filters, "article"),
    getTranslations(),
  ]);
  return chargeChartSpecs({ topCharges, topArticles, cases }, { ...context, t }).map((spec) => <ChartCard key={spec.id} spec={spec} />);
}

export async function ChargeChartsLoading() {
  const t = await getTranslations("dashboard.card");
  return (
    <>
      {[0, 1].map((i) => (
        <p key={i} role="status" className="min-h-40 rounded-lg border border-dashed border-line bg-surface p-6 text-sm text-ink-muted">
          {t("loading")}
        </p>
      ))}
    </>
  );
}
