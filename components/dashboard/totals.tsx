// The headline totals above the charts: what NGOs quote, each saying what it counts.
import type { ReactNode } from "react";
import type { Basis, Translator } from "./chart-text";

export interface TotalsData {
  cases: number | string;
  people: number | string;
  lashes: Record<Basis, number | null>;
  lashesGroup: Record<Basis, { cases: number; people: number } | null>;
  prisonDays: Record<Basis, number | null>;
}

function Tile({ label, value, detail, testId }: { label: string; value: ReactNode; detail?: ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-line bg-surface p-4 shadow-sm" data-testid={testId}>
      <dt className="text-sm font-medium text-ink-muted">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`${testId}-value`}>
        {value}
      </dd>
      {detail ? <dd className="mt-1 text-sm text-ink-muted">{detail}</dd> : null}
    </div>
  );
}

export function Totals({ data, basis, t, locale, suppressedText }: { data: TotalsData; basis: Basis; t: Translator; locale: string; suppressedText: string }) {
  const n = (v: number | string | null) => (v === null ? suppressedText : typeof v === "string" ? v : v.toLocaleString(locale));
  const years = (days: number | null) =>
    days === null ? suppressedText : (days / 365).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const other: Basis = basis === "effective" ? "firstInstance" : "effective";
  const basisText = (b: Basis) => t(`dashboard.basis.${b}`);
  const group = data.lashesGroup[basis];
  const days = data.prisonDays[basis];
  return (
    <section aria-labelledby="totals-heading">
      <h2 id="totals-heading" className="sr-only">
        {t("dashboard.totals.title")}
      </h2>
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Tile label={t("dashboard.totals.people")} value={n(data.people)} testId="total-people" />
        <Tile label={t("dashboard.totals.cases")} value={n(data.cases)} testId="total-cases" />
        <Tile
          label={t("dashboard.totals.lashes", { basis: basisText(basis) })}
          value={n(data.lashes[basis])}
          detail={
            <>
              {group ? <span className="block">{t("dashboard.totals.lashesOf", group)}</span> : null}
              <span className="block">{t("dashboard.totals.otherBasis", { value: n(data.lashes[other]), basis: basisText(other) })}</span>
            </>
          }
          testId="total-lashes"
        />
        <Tile
          label={t("dashboard.totals.prisonYears", { basis: basisText(basis) })}
          value={years(days)}
          detail={
            <>
              {days !== null ? <span className="block">{t("dashboard.totals.prisonDays", { days })}</span> : null}
              <span className="block">{t("dashboard.totals.otherBasis", { value: years(data.prisonDays[other]), basis: basisText(other) })}</span>
            </>
          }
          testId="total-prison"
        />
      </dl>
    </section>
  );
}
