// What a chart card shows, as plain serialisable data: server pages build it from the
// aggregates (components/dashboard/*-chart-specs.ts) and pass it to the client chart card,
// which draws the chart, its table view, and the PNG and CSV downloads from the same rows.

/** Index into the chart palette (--chart-1 ... --chart-4, components/charts/chart-theme.css). */
export type SeriesColor = 1 | 2 | 3 | 4;

export interface ChartSeries {
  /** Key into each row's `values`. */
  key: string;
  label: string;
  color: SeriesColor;
}

export interface ChartColumn {
  key: string;
  label: string;
  /** "years": prison-years with two decimals; otherwise whole numbers. */
  format?: "integer" | "years";
}

export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, number | null>;
  /** The case table filtered to exactly the cases this row counts. */
  href?: string | null;
  /** A public group of fewer than 3 people: shown as "< 3", left out of the chart. */
  suppressed?: boolean;
  /** In the table only, not on the chart (e.g. "month not known" beside a time axis). */
  tableOnly?: boolean;
}

export interface ChartTable {
  caption: string;
  categoryLabel: string;
  columns: ChartColumn[];
  rows: ChartRow[];
  total?: { label: string; values: Record<string, number | null> } | null;
  /** The column that says "< 3" in a suppressed row (default "people"); its other cells stay empty. */
  suppressedColumn?: string;
  /** Shown under the table (e.g. what is not added up). */
  note?: string | null;
}

/** Points drawn over the bars, one per item, never stacked or summed (incidents' reported numbers). */
export interface ChartPoints {
  key: string;
  label: string;
  color: SeriesColor;
  points: { category: string; value: number; label: string }[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** What exactly is counted (shown under the title). */
  description: string;
  /** "columns": vertical bars along a time or range axis; "bars": horizontal bars for long labels. */
  layout: "columns" | "bars";
  /** Plotted from `table.rows` (rows marked suppressed or tableOnly are left out). */
  series: ChartSeries[];
  points?: ChartPoints | null;
  table: ChartTable;
  extraTable?: ChartTable | null;
  /** Non-null: nothing to chart; this text replaces the chart and table. */
  empty: string | null;
  notes?: string[];
  /** File name of the downloads, without extension. */
  fileName: string;
  /** Second line of the PNG header: the filters and the date, so a saved image says what it shows. */
  context: string;
}
