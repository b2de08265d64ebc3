// The public aggregate page's body (app/(public)/stats/page.tsx): headline totals and the
// charts, from the published figures only. It takes a translator instead of calling hooks,
// so the integration test renders exactly this to check the HTML for names.
import { ChartCard } from "@/components/charts/chart-card";
import type { ChartSpec } from "@/components/charts/chart-spec";
import type { PublicAggregates } from "@/lib/data/public-aggregates";
import { BasisToggle } from "./basis-toggle";
import type { Basis, Translator } from "./chart-text";
import { Totals } from "./totals";

export function PublicStatsView({
  data,
  specs,
  t,
  locale,
  basis,
}: {
  data: PublicAggregates;
  specs: ChartSpec[];
  t: Translator;
  locale: string;
  basis: Basis;
}) {
  const suppressed = t("dashboard.public.suppressedValue");
  const figure = <F,>(row: { figures: F | null }, pick: (f: F) => number) => (row.figures === null ? null : pick(row.figures));
  const group = (b: Basis) => {
    const total = data.lashes[b].total;
    return total.figures && typeof total.people === "number" ? { cases: total.figures.cases, people: total.people } : null;
  };
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{t("dashboard.public.title")}</h1>
        <p className="mt-2 max-w-3xl text-ink-muted">{t("dashboard.public.intro")}</p>
        <p className="mt-2 max-w-3xl text-ink-muted">{t("dashboard.intro")}</p>
        <p className="mt-2 max-w-3xl text-sm text-ink-muted">{t("dashboard.public.suppressed")}</p>
        <p className="mt-2 text-sm text-ink-muted">
          {t("dashboard.public.generated", { date: data.generatedAt.slice(0, 10) })}{" "}
          {/* A plain link: the JSON is no page, so the router must not prefetch it. */}
          <a href="/api/public/stats">{t("dashboard.public.json")}</a>
        </p>
      </div>
      <div className="space-y-4">
        <BasisToggle basis={basis} hrefFor={(b) => (b === "effective" ? "/stats" : "/stats?sentence=firstInstance")} t={t} />
        <Totals
          basis={basis}
          t={t}
          locale={locale}
          suppressedText={suppressed}
          data={{
            cases: data.cases,
            people: data.people,
            lashes: {
              firstInstance: figure(data.lashes.firstInstance.total, (f) => f.lashes),
              effective: figure(data.lashes.effective.total, (f) => f.lashes),
            },
            lashesGroup: { firstInstance: group("firstInstance"), effective: group("effective") },
            prisonDays: {
              firstInstance: figure(data.prisonDays.firstInstance.total, (f) => f.days),
              effective: figure(data.prisonDays.effective.total, (f) => f.days),
            },
          }}
        />
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {specs.map((spec) => (
            <ChartCard key={spec.id} spec={spec} suppressedText={suppressed} />
          ))}
        </div>
      </div>
    </main>
  );
}
