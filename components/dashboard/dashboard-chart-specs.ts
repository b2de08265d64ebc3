// The dashboard's charts, built from the aggregates (lib/data/aggregates.ts): one spec per
// chart with its title saying what it counts, the rows its chart and table share, and for
// each bar the case-table link that lists exactly those cases (lib/charts/drill-down.ts).
import type { ChartRow, ChartSpec, ChartTable } from "@/components/charts/chart-spec";
import { drillDown } from "@/lib/charts/drill-down";
import type { Aggregates, ChartAggregates } from "@/lib/data/aggregates";
import { PRISON_TERM_BUCKETS } from "@/lib/domain/prison-term-buckets";
import { caseFiltersToSearchParams, type CaseFilters } from "@/lib/validation/case-filters";
import { courtLabel, monthLabel, prisonYears, type Basis, type Translator } from "./chart-text";

const casesHref = (filters: CaseFilters | null) => (filters === null ? null : `/cases?${caseFiltersToSearchParams(filters).toString()}`);

export interface ChartContext {
  t: Translator;
  locale: string;
  basis: Basis;
  /** The dashboard's filters (without the basis), the starting point of every bar's link. */
  filters: CaseFilters;
  /** Second line of a downloaded PNG. */
  context: string;
}

function lashesTable(c: ChartContext, a: ChartAggregates, categoryLabel: string, caption: string, rows: ChartRow[]): ChartTable {
  const { t, basis } = c;
  return {
    caption,
    categoryLabel,
    columns: [
      { key: "lashes", label: t("dashboard.columns.lashes") },
      { key: "cases", label: t("dashboard.columns.cases") },
    ],
    rows,
    total: { label: t("dashboard.columns.total"), values: { lashes: a.lashes[basis], cases: a.lashes.sentenced[basis].cases } },
  };
}

/** The spec of one chart, with the file name and PNG context every chart shares. */
function makeSpec(c: ChartContext, id: string, title: string, rest: Omit<ChartSpec, "id" | "title" | "fileName" | "context">): ChartSpec {
  const basisBound = id.startsWith("lashes") || id === "prison-terms";
  return { id, title, fileName: basisBound ? `${id}-${c.basis}` : id, context: c.context, ...rest };
}

/** Every chart but the charges ones (chargeChartSpecs), which the page streams in after them. */
export function dashboardChartSpecs(a: ChartAggregates, c: ChartContext): ChartSpec[] {
  const { t, locale, basis, filters } = c;
  const basisText = t(`dashboard.basis.${basis}`);
  const noCases = a.cases === 0 ? t("dashboard.empty.noCases") : null;
  const noLashes = noCases ?? (a.lashes[basis] === 0 ? t("dashboard.empty.noLashes") : null);
  const caption = (title: string) => t("dashboard.card.tableCaption", { title });
  const spec = (id: string, title: string, rest: Omit<ChartSpec, "id" | "title" | "fileName" | "context">) => makeSpec(c, id, title, rest);
  // Per group the dashboard counts cases (distinct people per group cost a second grouping;
  // the totals and the "who" charts count people).
  const lashValues = (g: { lashes: number; cases: number }) => ({ lashes: g.lashes, cases: g.cases });
  const lashSeries = [{ key: "lashes", label: t("dashboard.series.lashes"), color: 1 as const }];

  // Lashes by court and branch.
  const courtTitle = t("dashboard.charts.lashesByCourt.title", { basis: basisText });
  const courtRows = a.lashes.byCourt
    .filter((r) => r[basis].lashes > 0)
    .sort((x, y) => y[basis].lashes - x[basis].lashes)
    .map((r) => ({
      key: `${r.courtId}|${r.branch}`,
      label: courtLabel(t, r.court, r.branch),
      values: lashValues(r[basis]),
      href: casesHref(drillDown.lashesByCourt(filters, basis, r)),
    }));

  // Lashes by city of arrest.
  const cityTitle = t("dashboard.charts.lashesByCity.title", { basis: basisText });
  const cityRows = a.lashes.byCity
    .filter((r) => r[basis].lashes > 0)
    .sort((x, y) => y[basis].lashes - x[basis].lashes)
    .map((r) => ({
      key: r.city ?? "",
      label: r.city ?? t("dashboard.labels.noCity"),
      values: lashValues(r[basis]),
      href: casesHref(drillDown.lashesByCity(filters, basis, r)),
    }));

  // Lashes by month of sentence.
  const monthTitle = t("dashboard.charts.lashesByMonth.title", { basis: basisText });
  const monthRows = a.lashes.byMonth
    .filter((r) => r[basis].lashes > 0)
    .map((r) => ({
      key: r.month ?? "unknown",
      label: r.month ? monthLabel(r.month, locale) : t("dashboard.labels.monthUnknown"),
      values: lashValues(r[basis]),
      href: casesHref(drillDown.lashesByMonth(filters, basis, r)),
    }));

  // Prison terms by range.
  const rangeTitle = t("dashboard.charts.prisonHistogram.title", { basis: basisText });
  const rangeTable: ChartTable = {
    caption: caption(rangeTitle),
    categoryLabel: t("dashboard.columns.range"),
    columns: [{ key: "cases", label: t("dashboard.columns.cases") }],
    rows: a.prisonDays.histogram.map((r) => ({
      key: r.bucket,
      label: t(`dashboard.buckets.${r.bucket}`),
      values: { cases: r[basis].cases },
      href: casesHref(drillDown.prisonRange(filters, basis, PRISON_TERM_BUCKETS.find((b) => b.id === r.bucket) ?? r)),
    })),
    total: { label: t("dashboard.columns.total"), values: { cases: a.prisonDays.sentenced[basis].cases } },
  };

  // First instance against effective prison terms.
  const changeTitle = t("dashboard.charts.prisonChange.title");
  const changeRows = a.prisonDays.change.map((r) => ({
    key: r.change,
    label: t(`dashboard.changes.${r.change}`),
    values: {
      firstInstanceYears: prisonYears(r.firstInstanceDays),
      effectiveYears: prisonYears(r.effectiveDays),
      cases: r.cases,
      firstInstanceDays: r.firstInstanceDays,
      effectiveDays: r.effectiveDays,
    },
    href: casesHref(drillDown.prisonChange(filters, r.change)),
  }));
  const changeCases = a.prisonDays.change.reduce((n, r) => n + r.cases, 0);

  // Arrests by month, incidents' reported numbers apart.
  const arrestsTitle = t("dashboard.charts.arrests.title");
  const reported = a.arrestsByMonth.reported;
  const months = [...new Set([...a.arrestsByMonth.named.map((r) => r.month), ...(reported ?? []).flatMap((r) => (r.month ? [r.month] : []))])].sort();
  const arrestRows: ChartRow[] = months.map((month) => {
    const named = a.arrestsByMonth.named.find((r) => r.month === month);
    return {
      key: month,
      label: monthLabel(month, locale),
      values: { cases: named?.cases ?? 0 },
      href: named ? casesHref(drillDown.arrestMonth(filters, month)) : null,
    };
  });
  const unknownArrests = a.arrestsByMonth.namedMonthUnknown;
  if (unknownArrests.cases > 0) {
    arrestRows.push({
      key: "unknown",
      label: t("dashboard.labels.monthUnknown"),
      values: { cases: unknownArrests.cases },
      href: casesHref(drillDown.arrestMonth(filters, null)),
      // Not a month: kept off the time axis, listed in the table.
      tableOnly: true,
    });
  }
  const undatedReports = (reported ?? []).filter((r) => r.month === null).length;
  const arrestsEmpty = noCases ?? (arrestRows.length === 0 && !reported?.length ? t("dashboard.empty.noArrests") : null);

  // Status, gender, vulnerabilities, charges, articles.
  const statusTitle = t("dashboard.charts.status.title");
  const genderTitle = t("dashboard.charts.gender.title");
  const vulnerabilityTitle = t("dashboard.charts.vulnerabilities.title");
  const countColumns = (unit: "cases" | "people") => [{ key: unit, label: t(`dashboard.columns.${unit}`) }];

  return [
    spec("lashes-by-court", courtTitle, {
      description: t("dashboard.charts.lashesByCourt.description", { basis: basisText }),
      layout: "bars",
      series: lashSeries,
      table: lashesTable(c, a, t("dashboard.columns.court"), caption(courtTitle), courtRows),
      empty: noLashes,
    }),
    spec("lashes-by-city", cityTitle, {
      description: t("dashboard.charts.lashesByCity.description", { basis: basisText }),
      layout: "bars",
      series: lashSeries,
      table: lashesTable(c, a, t("dashboard.columns.city"), caption(cityTitle), cityRows),
      empty: noLashes,
      notes: cityRows.some((r) => r.href === null) ? [t("dashboard.notes.cityUnknown")] : [],
    }),
    spec("lashes-by-month", monthTitle, {
      description: t("dashboard.charts.lashesByMonth.description", { basis: basisText }),
      layout: "columns",
      series: lashSeries,
      table: lashesTable(c, a, t("dashboard.columns.month"), caption(monthTitle), monthRows),
      empty: noLashes,
    }),
    spec("prison-terms", rangeTitle, {
      description: t("dashboard.charts.prisonHistogram.description", { basis: basisText }),
      layout: "columns",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 1 }],
      table: rangeTable,
      empty: noCases ?? (a.prisonDays.sentenced[basis].cases === 0 ? t("dashboard.empty.noPrison") : null),
    }),
    spec("prison-change", changeTitle, {
      description: t("dashboard.charts.prisonChange.description"),
      layout: "columns",
      series: [
        { key: "firstInstanceYears", label: t("dashboard.series.firstInstanceYears"), color: 1 },
        { key: "effectiveYears", label: t("dashboard.series.effectiveYears"), color: 2 },
      ],
      table: {
        caption: caption(changeTitle),
        categoryLabel: t("dashboard.columns.change"),
        columns: [
          { key: "cases", label: t("dashboard.columns.cases") },
          { key: "firstInstanceYears", label: t("dashboard.columns.firstInstanceYears"), format: "years" },
          { key: "effectiveYears", label: t("dashboard.columns.effectiveYears"), format: "years" },
          { key: "firstInstanceDays", label: t("dashboard.columns.firstInstanceDays") },
          { key: "effectiveDays", label: t("dashboard.columns.effectiveDays") },
        ],
        rows: changeRows,
        total: {
          label: t("dashboard.columns.total"),
          values: {
            cases: changeCases,
            firstInstanceYears: prisonYears(a.prisonDays.firstInstance),
            effectiveYears: prisonYears(a.prisonDays.effective),
            firstInstanceDays: a.prisonDays.firstInstance,
            effectiveDays: a.prisonDays.effective,
          },
        },
      },
      empty: noCases ?? (changeCases === 0 ? t("dashboard.empty.noPrison") : null),
    }),
    spec("arrests-by-month", arrestsTitle, {
      description: t("dashboard.charts.arrests.description"),
      layout: "columns",
      series: [{ key: "cases", label: t("dashboard.series.namedArrests"), color: 1 }],
      points: reported?.some((r) => r.month)
        ? {
            key: "reported",
            label: t("dashboard.series.reported"),
            color: 2,
            points: reported.flatMap((r) => (r.month ? [{ category: monthLabel(r.month, locale), value: r.reported, label: r.title }] : [])),
          }
        : null,
      table: {
        caption: caption(arrestsTitle),
        categoryLabel: t("dashboard.columns.arrestMonth"),
        columns: [{ key: "cases", label: t("dashboard.columns.namedArrests") }],
        // The "month not known" row stays in the table but off the time axis.
        rows: arrestRows,
        total: {
          label: t("dashboard.columns.total"),
          values: { cases: arrestRows.reduce((n, r) => n + (r.values.cases ?? 0), 0) },
        },
      },
      extraTable: reported?.length
        ? {
            caption: t("dashboard.columns.reported"),
            categoryLabel: t("dashboard.columns.incident"),
            columns: [{ key: "reported", label: t("dashboard.columns.reported") }],
            rows: reported.map((r) => ({
              key: r.incidentId,
              label: t("dashboard.labels.incidentDate", {
                title: r.title,
                date: r.month ? monthLabel(r.month, locale) : (r.date?.slice(0, 4) ?? t("dashboard.labels.dateUnknown")),
              }),
              values: { reported: r.reported },
              href: `/incidents/${r.incidentId}`,
            })),
            note: t("dashboard.notes.reportedNotAdded"),
          }
        : null,
      notes: [
        ...(unknownArrests.cases > 0 ? [t("dashboard.notes.monthUnknown", { cases: unknownArrests.cases })] : []),
        ...(reported === null ? [t("dashboard.notes.reportedHidden")] : []),
        ...(undatedReports > 0 ? [t("dashboard.notes.reportedUndated", { count: undatedReports })] : []),
      ],
      empty: arrestsEmpty,
    }),
    spec("cases-by-status", statusTitle, {
      description: t("dashboard.charts.status.description"),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 1 }],
      table: {
        caption: caption(statusTitle),
        categoryLabel: t("dashboard.columns.status"),
        columns: countColumns("cases"),
        rows: a.casesByStatus
          .filter((r) => r.cases > 0)
          .map((r) => ({ key: r.status, label: t(`status.${r.status}`), values: { cases: r.cases }, href: casesHref(drillDown.status(filters, r.status)) })),
        total: { label: t("dashboard.columns.total"), values: { cases: a.cases } },
      },
      empty: noCases,
    }),
    spec("people-by-gender", genderTitle, {
      description: t("dashboard.charts.gender.description"),
      layout: "bars",
      series: [{ key: "people", label: t("dashboard.series.people"), color: 3 }],
      table: {
        caption: caption(genderTitle),
        categoryLabel: t("dashboard.columns.gender"),
        columns: countColumns("people"),
        rows: a.demographics.gender
          .filter((r) => r.people > 0)
          .map((r) => ({ key: r.gender, label: t(`gender.${r.gender}`), values: { people: r.people }, href: casesHref(drillDown.gender(filters, r.gender)) })),
        total: { label: t("dashboard.columns.total"), values: { people: a.demographics.people } },
      },
      empty: noCases,
    }),
    spec("people-vulnerable", vulnerabilityTitle, {
      description: t("dashboard.charts.vulnerabilities.description"),
      layout: "bars",
      series: [{ key: "people", label: t("dashboard.series.people"), color: 3 }],
      table: {
        caption: caption(vulnerabilityTitle),
        categoryLabel: t("dashboard.columns.vulnerability"),
        columns: countColumns("people"),
        rows: a.demographics.vulnerabilities.map((r) => ({
          key: r.vulnerability,
          label: t(`vulnerability.${r.vulnerability}`),
          values: { people: r.people },
          href: r.people > 0 ? casesHref(drillDown.vulnerability(filters, r.vulnerability)) : null,
        })),
      },
      empty: noCases,
    }),
  ];
}

/** The most frequent charges and law articles; `cases` is the number of matching cases (for the empty state). */
export function chargeChartSpecs(a: Pick<Aggregates, "topCharges" | "topArticles" | "cases">, c: ChartContext): ChartSpec[] {
  const { t, filters } = c;
  const noCases = a.cases === 0 ? t("dashboard.empty.noCases") : null;
  const caption = (title: string) => t("dashboard.card.tableCaption", { title });
  const spec = (id: string, title: string, rest: Omit<ChartSpec, "id" | "title" | "fileName" | "context">) => makeSpec(c, id, title, rest);
  const countColumns = (unit: "cases" | "people") => [{ key: unit, label: t(`dashboard.columns.${unit}`) }];
  const chargesTitle = t("dashboard.charts.charges.title");
  const articlesTitle = t("dashboard.charts.articles.title");
  return [
    spec("top-charges", chargesTitle, {
      description: t("dashboard.charts.charges.description", { count: a.topCharges.length }),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 4 }],
      table: {
        caption: caption(chargesTitle),
        categoryLabel: t("dashboard.columns.charge"),
        columns: countColumns("cases"),
        rows: a.topCharges.map((r) => ({ key: r.label, label: r.label, values: { cases: r.cases }, href: casesHref(drillDown.charge(filters, r.label)) })),
      },
      empty: noCases ?? (a.topCharges.length === 0 ? t("dashboard.empty.noCharges") : null),
    }),
    spec("top-articles", articlesTitle, {
      description: t("dashboard.charts.articles.description", { count: a.topArticles.length }),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 4 }],
      table: {
        caption: caption(articlesTitle),
        categoryLabel: t("dashboard.columns.article"),
        columns: countColumns("cases"),
        rows: a.topArticles.map((r) => ({ key: r.label, label: r.label, values: { cases: r.cases }, href: casesHref(drillDown.article(filters, r.label)) })),
      },
      empty: noCases ?? (a.topArticles.length === 0 ? t("dashboard.empty.noArticles") : null),
    }),
  ];
}
