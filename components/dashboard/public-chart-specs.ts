// The public page's charts, from the published figures (lib/data/public-aggregates.ts):
// the dashboard's charts without links to cases, groups of fewer than 3 people shown as
// "< 3" in the tables and left out of the charts.
import type { ChartRow, ChartSpec, ChartTable } from "@/components/charts/chart-spec";
import type { PublicAggregates, PublicRow } from "@/lib/data/public-aggregates";
import { courtLabel, monthLabel, prisonYears, type Basis, type Translator } from "./chart-text";

function rowOf<K, F extends object>(r: PublicRow<K, F>, key: string, label: string, values: (f: F) => Record<string, number | null>): ChartRow {
  return r.figures === null
    ? { key, label, values: {}, suppressed: true }
    : { key, label, values: { ...values(r.figures), people: typeof r.people === "number" ? r.people : null } };
}

export function publicChartSpecs(p: PublicAggregates, t: Translator, locale: string, basis: Basis): ChartSpec[] {
  const basisText = t(`dashboard.basis.${basis}`);
  const context = t("dashboard.public.generated", { date: new Date(p.generatedAt).toISOString().slice(0, 10) });
  const caption = (title: string) => t("dashboard.card.tableCaption", { title });
  const note = t("dashboard.public.suppressed");
  const spec = (id: string, title: string, rest: Omit<ChartSpec, "id" | "title" | "fileName" | "context" | "notes">): ChartSpec => ({
    id,
    title,
    fileName: `public-${id}`,
    context,
    notes: [note],
    ...rest,
  });
  const cols = {
    lashes: { key: "lashes", label: t("dashboard.columns.lashes") },
    cases: { key: "cases", label: t("dashboard.columns.cases") },
    people: { key: "people", label: t("dashboard.columns.people") },
  };
  const empty = (rows: ChartRow[]) => (rows.length === 0 ? t("dashboard.empty.noCases") : null);
  const lashes = p.lashes[basis];
  const lashTotal = (): ChartTable["total"] =>
    lashes.total.figures
      ? {
          label: t("dashboard.columns.total"),
          values: { lashes: lashes.total.figures.lashes, cases: lashes.total.figures.cases, people: lashes.total.people as number },
        }
      : null;
  const lashTable = (title: string, categoryLabel: string, rows: ChartRow[]): ChartTable => ({
    caption: caption(title),
    categoryLabel,
    columns: [cols.lashes, cols.cases, cols.people],
    rows,
    total: lashTotal(),
  });
  const lashValues = (f: { lashes: number; cases: number }) => ({ lashes: f.lashes, cases: f.cases });
  const lashSeries = [{ key: "lashes", label: t("dashboard.series.lashes"), color: 1 as const }];

  const courtTitle = t("dashboard.charts.lashesByCourt.title", { basis: basisText });
  const courtRows = lashes.byCourt.map((r, i) => rowOf(r, `court-${i}`, courtLabel(t, r.key.court, r.key.branch), lashValues));
  const cityTitle = t("dashboard.charts.lashesByCity.title", { basis: basisText });
  const cityRows = lashes.byCity.map((r, i) => rowOf(r, `city-${i}`, r.key.city ?? t("dashboard.labels.noCity"), lashValues));
  const monthTitle = t("dashboard.charts.lashesByMonth.title", { basis: basisText });
  const monthRows = lashes.byMonth.map((r, i) =>
    rowOf(r, `month-${i}`, r.key.month ? monthLabel(r.key.month, locale) : t("dashboard.labels.monthUnknown"), lashValues),
  );

  const prison = p.prisonDays[basis];
  const rangeTitle = t("dashboard.charts.prisonHistogram.title", { basis: basisText });
  const rangeRows = prison.histogram.map((r) => rowOf(r, r.key.bucket, t(`dashboard.buckets.${r.key.bucket}`), (f) => ({ cases: f.cases })));

  const changeTitle = t("dashboard.charts.prisonChange.title");
  const changeRows = p.prisonDays.change.map((r) =>
    rowOf(r, r.key.change, t(`dashboard.changes.${r.key.change}`), (f) => ({
      firstInstanceYears: prisonYears(f.firstInstanceDays),
      effectiveYears: prisonYears(f.effectiveDays),
      cases: f.cases,
    })),
  );

  const arrestsTitle = t("dashboard.charts.arrests.title");
  const arrestRows = p.arrestsByMonth.named.map((r) => ({
    ...rowOf(r, r.key.month ?? "unknown", r.key.month ? monthLabel(r.key.month, locale) : t("dashboard.labels.monthUnknown"), (f) => ({ cases: f.cases })),
    tableOnly: r.key.month === null,
  }));
  const reportedRows = p.arrestsByMonth.reported.map((r, i): ChartRow => {
    const place = [r.city, r.country].filter(Boolean).join(", ");
    const label = t("dashboard.labels.incidentDate", {
      title: place || t("dashboard.columns.incident"),
      date: r.month ? monthLabel(r.month, locale) : t("dashboard.labels.dateUnknown"),
    });
    return typeof r.reported === "number"
      ? { key: `reported-${i}`, label, values: { reported: r.reported } }
      : { key: `reported-${i}`, label, values: {}, suppressed: true };
  });

  const statusTitle = t("dashboard.charts.status.title");
  const statusRows = p.casesByStatus.map((r) => rowOf(r, r.key.status, t(`status.${r.key.status}`), (f) => ({ cases: f.cases })));
  const genderTitle = t("dashboard.charts.gender.title");
  const genderRows = p.demographics.gender.map((r) => rowOf(r, r.key.gender, t(`gender.${r.key.gender}`), () => ({})));
  const vulnerabilityTitle = t("dashboard.charts.vulnerabilities.title");
  const vulnerabilityRows = p.demographics.vulnerabilities.map((r) => rowOf(r, r.key.vulnerability, t(`vulnerability.${r.key.vulnerability}`), () => ({})));
  const chargesTitle = t("dashboard.charts.charges.title");
  const chargeRows = p.topCharges.map((r, i) => rowOf(r, `charge-${i}`, r.key.charge, (f) => ({ cases: f.cases })));
  const articlesTitle = t("dashboard.charts.articles.title");
  const articleRows = p.topArticles.map((r, i) => rowOf(r, `article-${i}`, r.key.article, (f) => ({ cases: f.cases })));

  return [
    spec("lashes-by-court", courtTitle, {
      description: t("dashboard.charts.lashesByCourt.description", { basis: basisText }),
      layout: "bars",
      series: lashSeries,
      table: lashTable(courtTitle, t("dashboard.columns.court"), courtRows),
      empty: empty(courtRows),
    }),
    spec("lashes-by-city", cityTitle, {
      description: t("dashboard.charts.lashesByCity.description", { basis: basisText }),
      layout: "bars",
      series: lashSeries,
      table: lashTable(cityTitle, t("dashboard.columns.city"), cityRows),
      empty: empty(cityRows),
    }),
    spec("lashes-by-month", monthTitle, {
      description: t("dashboard.charts.lashesByMonth.description", { basis: basisText }),
      layout: "columns",
      series: lashSeries,
      table: lashTable(monthTitle, t("dashboard.columns.month"), monthRows),
      empty: empty(monthRows),
    }),
    spec("prison-terms", rangeTitle, {
      description: t("dashboard.charts.prisonHistogram.description", { basis: basisText }),
      layout: "columns",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 1 }],
      table: {
        caption: caption(rangeTitle),
        categoryLabel: t("dashboard.columns.range"),
        columns: [cols.cases, cols.people],
        rows: rangeRows,
        total: prison.total.figures
          ? { label: t("dashboard.columns.total"), values: { cases: prison.total.figures.cases, people: prison.total.people as number } }
          : null,
      },
      empty: empty(rangeRows),
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
          cols.cases,
          cols.people,
          { key: "firstInstanceYears", label: t("dashboard.columns.firstInstanceYears"), format: "years" },
          { key: "effectiveYears", label: t("dashboard.columns.effectiveYears"), format: "years" },
        ],
        rows: changeRows,
      },
      empty: empty(changeRows),
    }),
    spec("arrests-by-month", arrestsTitle, {
      description: t("dashboard.charts.arrests.description"),
      layout: "columns",
      series: [{ key: "cases", label: t("dashboard.series.namedArrests"), color: 1 }],
      points: {
        key: "reported",
        label: t("dashboard.series.reported"),
        color: 2,
        points: p.arrestsByMonth.reported.flatMap((r, i) =>
          r.month && typeof r.reported === "number" ? [{ category: monthLabel(r.month, locale), value: r.reported, label: reportedRows[i]?.label ?? "" }] : [],
        ),
      },
      table: {
        caption: caption(arrestsTitle),
        categoryLabel: t("dashboard.columns.arrestMonth"),
        columns: [{ key: "cases", label: t("dashboard.columns.namedArrests") }, cols.people],
        rows: arrestRows,
      },
      extraTable: reportedRows.length
        ? {
            caption: t("dashboard.columns.reported"),
            categoryLabel: t("dashboard.columns.incident"),
            columns: [{ key: "reported", label: t("dashboard.columns.reported") }],
            rows: reportedRows,
            suppressedColumn: "reported",
            note: t("dashboard.notes.reportedNotAdded"),
          }
        : null,
      empty: arrestRows.length || reportedRows.length ? null : t("dashboard.empty.noArrests"),
    }),
    spec("cases-by-status", statusTitle, {
      description: t("dashboard.charts.status.description"),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 1 }],
      table: { caption: caption(statusTitle), categoryLabel: t("dashboard.columns.status"), columns: [cols.cases, cols.people], rows: statusRows },
      empty: empty(statusRows),
    }),
    spec("people-by-gender", genderTitle, {
      description: t("dashboard.charts.gender.description"),
      layout: "bars",
      series: [{ key: "people", label: t("dashboard.series.people"), color: 3 }],
      table: { caption: caption(genderTitle), categoryLabel: t("dashboard.columns.gender"), columns: [cols.people], rows: genderRows },
      empty: empty(genderRows),
    }),
    spec("people-vulnerable", vulnerabilityTitle, {
      description: t("dashboard.charts.vulnerabilities.description"),
      layout: "bars",
      series: [{ key: "people", label: t("dashboard.series.people"), color: 3 }],
      table: { caption: caption(vulnerabilityTitle), categoryLabel: t("dashboard.columns.vulnerability"), columns: [cols.people], rows: vulnerabilityRows },
      empty: empty(vulnerabilityRows),
    }),
    spec("top-charges", chargesTitle, {
      description: t("dashboard.charts.charges.description", { count: chargeRows.length }),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 4 }],
      table: { caption: caption(chargesTitle), categoryLabel: t("dashboard.columns.charge"), columns: [cols.cases, cols.people], rows: chargeRows },
      empty: chargeRows.length ? null : t("dashboard.empty.noCharges"),
    }),
    spec("top-articles", articlesTitle, {
      description: t("dashboard.charts.articles.description", { count: articleRows.length }),
      layout: "bars",
      series: [{ key: "cases", label: t("dashboard.series.cases"), color: 4 }],
      table: { caption: caption(articlesTitle), categoryLabel: t("dashboard.columns.article"), columns: [cols.cases, cols.people], rows: articleRows },
      empty: articleRows.length ? null : t("dashboard.empty.noArticles"),
    }),
  ];
}
