"use client";

// One chart: its title (what it counts), the chart, an accessible table view of the same
// numbers (with links to the cases), PNG and CSV downloads, and an empty state.
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { AggregateBarChart } from "./aggregate-bar-chart";
import { chartCsv, chartPng, download } from "./chart-export";
import type { ChartColumn, ChartSpec, ChartTable } from "./chart-spec";
import "./chart-theme.css";

const buttonClass = "rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted disabled:opacity-70";

function NumbersTable({ table, suppressedText, testId }: { table: ChartTable; suppressedText: string; testId: string }) {
  const format = useFormatter();
  const cell = (column: ChartColumn, value: number | null | undefined) => {
    if (value === null || value === undefined) return "—";
    return column.format === "years" ? format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : format.number(value);
  };
  return (
    <div className="mt-3">
      <div role="region" aria-label={table.caption} tabIndex={0} className="overflow-x-auto rounded-md border border-line">
        <table data-testid={testId} className="w-full border-collapse text-sm">
          <caption className="sr-only">{table.caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="border-b border-line bg-surface-muted px-3 py-2 text-start font-semibold">
                {table.categoryLabel}
              </th>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" className="border-b border-line bg-surface-muted px-3 py-2 text-end font-semibold">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key} data-testid="chart-table-row">
                <th scope="row" className="border-b border-line px-3 py-2 text-start font-normal">
                  {r.href ? (
                    <Link href={r.href} dir="auto">
                      {r.label}
                    </Link>
                  ) : (
                    <span dir="auto">{r.label}</span>
                  )}
                </th>
                {table.columns.map((c) => (
                  <td key={c.key} className="border-b border-line px-3 py-2 text-end tabular-nums">
                    {r.suppressed ? (c.key === (table.suppressedColumn ?? "people") ? suppressedText : "—") : cell(c, r.values[c.key])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot>
              <tr data-testid="chart-table-total">
                <th scope="row" className="px-3 py-2 text-start font-semibold">
                  {table.total.label}
                </th>
                {table.columns.map((c) => (
                  <td key={c.key} className="px-3 py-2 text-end font-semibold tabular-nums">
                    {cell(c, table.total?.values[c.key])}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.note ? <p className="mt-1 text-xs text-ink-muted">{table.note}</p> : null}
    </div>
  );
}

export function ChartCard({ spec, suppressedText = "< 3" }: { spec: ChartSpec; suppressedText?: string }) {
  const t = useTranslations("dashboard.card");
  const headingId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const downloadPng = async () => {
    // The chart itself, not a legend icon (those are SVG surfaces too).
    const svg = chartRef.current?.querySelector<SVGSVGElement>(".recharts-wrapper > svg.recharts-surface");
    if (!svg) return;
    setBusy(true);
    setError(null);
    try {
      download(await chartPng(svg, { title: spec.title, context: spec.context }), `${spec.fileName}.png`);
    } catch {
      setError(t("pngFailed"));
    } finally {
      setBusy(false);
    }
  };
  const downloadCsv = () => download(new Blob([chartCsv(spec, suppressedText)], { type: "text/csv;charset=utf-8" }), `${spec.fileName}.csv`);

  return (
    <section
      aria-labelledby={headingId}
      data-testid={`chart-${spec.id}`}
      className="chart-theme min-w-0 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <h2 id={headingId} className="text-base font-semibold">
        {spec.title}
      </h2>
      <p className="mt-1 text-sm text-ink-muted">{spec.description}</p>

      {spec.empty !== null ? (
        <p data-testid="chart-empty" className="mt-4 rounded-md border border-dashed border-line p-6 text-center text-sm text-ink-muted">
          {spec.empty}
        </p>
      ) : (
        <>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" className={buttonClass} onClick={downloadPng} disabled={busy} data-testid="download-png">
              {t("downloadPng")}
            </button>
            <button type="button" className={buttonClass} onClick={downloadCsv} data-testid="download-csv">
              {t("downloadCsv")}
            </button>
          </div>
          {error ? (
            <p role="alert" className="mt-2 text-sm text-danger-ink">
              {error}
            </p>
          ) : null}
          <div ref={chartRef} className="mt-3" data-testid="chart-drawing">
            <AggregateBarChart
              layout={spec.layout}
              rows={spec.table.rows}
              series={spec.series}
              points={spec.points}
              columns={spec.table.columns}
              label={t("chartLabel", { title: spec.title })}
              openHint={t("openHint")}
            />
          </div>
          {spec.notes?.map((note) => (
            <p key={note} className="mt-2 text-xs text-ink-muted">
              {note}
            </p>
          ))}
          <details className="mt-3" data-testid="chart-table-view">
            <summary className="cursor-pointer text-sm font-medium text-accent">{t("showTable")}</summary>
            <NumbersTable table={spec.table} suppressedText={suppressedText} testId="chart-table" />
            {spec.extraTable ? <NumbersTable table={spec.extraTable} suppressedText={suppressedText} testId="chart-extra-table" /> : null}
          </details>
        </>
      )}
    </section>
  );
}
