"use client";

// A thin wrapper over Recharts: bars (and, for incidents' reported numbers, separate points)
// styled only by the CSS variables of chart-theme.css. Clicking a bar opens its `href`
// (the case table filtered to the cases it counts); keyboard and screen-reader users get
// the same links in the card's table view.
import { useRouter } from "next/navigation";
import { useFormatter } from "next-intl";
import { useSyncExternalStore } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartColumn, ChartPoints, ChartRow, ChartSeries } from "./chart-spec";

const NARROW = "(max-width: 40rem)";

/** Whether the screen is phone-sized (labels get less room). False while rendering on the server. */
function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}

/** Breaks a label into at most `maxLines` lines of about `lineChars` characters (ellipsis when cut). */
function wrapLabel(text: string, lineChars: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && (line + " " + word).length > lineChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? "";
  kept[maxLines - 1] = `${last.slice(0, Math.max(1, lineChars - 1))}…`;
  return kept;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** An axis label on several lines (SVG text does not wrap by itself); the full text is in the table. */
function WrappedTick({ x, y, payload, anchor, lineChars, maxLines }: TickProps & { anchor: "end" | "middle"; lineChars: number; maxLines: number }) {
  const lines = wrapLabel(String(payload?.value ?? ""), lineChars, maxLines);
  const offset = anchor === "end" ? -((lines.length - 1) * 13) / 2 : 0;
  return (
    <text
      x={Number(x)}
      y={Number(y) + offset}
      textAnchor={anchor}
      fill="var(--chart-axis)"
      fontSize={12}
      dominantBaseline={anchor === "end" ? "central" : "hanging"}
    >
      {lines.map((l, i) => (
        <tspan key={i} x={Number(x) - (anchor === "end" ? 4 : 0)} dy={i === 0 ? (anchor === "end" ? 0 : 4) : 13}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

/** Row values live under prefixed keys so a series key can never clash with label/href. */
const valueKey = (key: string) => `v_${key}`;
const pointKey = (k: number) => `p_${k}`;

export interface AggregateBarChartProps {
  layout: "columns" | "bars";
  rows: ChartRow[];
  series: ChartSeries[];
  points?: ChartPoints | null;
  columns: ChartColumn[];
  /** Accessible name of the drawing; the numbers themselves are in the table view. */
  label: string;
  openHint: string;
}

export function AggregateBarChart({ layout, rows, series, points, columns, label, openHint }: AggregateBarChartProps) {
  const router = useRouter();
  const format = useFormatter();
  const narrow = useNarrowScreen();
  const plotted = rows.filter((r) => !r.suppressed && !r.tableOnly);
  const data: Record<string, unknown>[] = plotted.map((r) => ({
    label: r.label,
    href: r.href ?? null,
    ...Object.fromEntries(Object.entries(r.values).map(([k, v]) => [valueKey(k), v])),
  }));
  // Points sit on the rows of their category: the k-th point of a category under pointKey(k),
  // so two reports in one month are two points, never one sum.
  let pointLayers = 0;
  for (const p of points?.points ?? []) {
    const row = data.find((d) => d.label === p.category);
    if (!row) continue;
    let k = 0;
    while (row[pointKey(k)] !== undefined) k++;
    row[pointKey(k)] = p.value;
    row[`${pointKey(k)}_label`] = p.label;
    pointLayers = Math.max(pointLayers, k + 1);
  }
  const years = new Set(columns.filter((c) => c.format === "years").map((c) => c.key));
  const formatValue = (key: string, value: number) =>
    years.has(key) ? format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : format.number(value);
  const clickable = plotted.some((r) => r.href);
  const horizontal = layout === "bars";
  const labelWidth = narrow ? 112 : 190;
  // Column labels get the width of their column: wrap them to fit, on up to three lines.
  const columnChars = Math.max(4, Math.floor((narrow ? 300 : 480) / Math.max(1, plotted.length) / 7));
  const wrapLines = Math.min(3, Math.max(...plotted.map((r) => wrapLabel(r.label, columnChars, 9).length), 1));
  const height = horizontal ? Math.max(160, plotted.length * Math.max(40, 18 + 14 * series.length) + 56) : narrow ? 260 : 300;

  const open = (payload: unknown) => {
    const href = (payload as { href?: string | null } | undefined)?.href;
    if (href) router.push(href);
  };

  interface TooltipProps {
    active?: boolean;
    payload?: readonly { dataKey?: unknown; name?: unknown; value?: unknown; payload?: unknown }[];
    label?: unknown;
  }
  const tooltip = ({ active, payload, label: category }: TooltipProps) => {
    if (!active || !payload?.length) return null;
    const row = payload[0]?.payload as { href?: string | null } | undefined;
    return (
      <div className="rounded-md border border-line bg-surface px-3 py-2 text-sm text-ink shadow-md">
        <p className="font-semibold">{String(category ?? "")}</p>
        <ul>
          {payload.map((p) => {
            const key = String(p.dataKey);
            const pointLabel = key.startsWith("p_") ? (p.payload as Record<string, unknown> | undefined)?.[`${key}_label`] : undefined;
            return (
              <li key={key}>
                {String(p.name)}
                {pointLabel ? ` (${String(pointLabel)})` : ""}: <span className="tabular-nums">{formatValue(key.replace(/^v_/, ""), Number(p.value))}</span>
              </li>
            );
          })}
        </ul>
        {row?.href ? <p className="mt-1 text-xs text-ink-muted">{openHint}</p> : null}
      </div>
    );
  };

  const categoryAxis = horizontal ? (
    <YAxis
      type="category"
      dataKey="label"
      width={labelWidth}
      interval={0}
      tick={(props: TickProps) => <WrappedTick {...props} anchor="end" lineChars={narrow ? 14 : 28} maxLines={3} />}
      stroke="var(--chart-grid)"
    />
  ) : (
    <XAxis
      type="category"
      dataKey="label"
      interval={0}
      height={wrapLines * 13 + 12}
      tick={(props: TickProps) => <WrappedTick {...props} anchor="middle" lineChars={columnChars} maxLines={wrapLines} />}
      stroke="var(--chart-grid)"
    />
  );
  const valueAxis = horizontal ? (
    <XAxis type="number" allowDecimals={false} tick={{ fill: "var(--chart-axis)", fontSize: 12 }} stroke="var(--chart-grid)" />
  ) : (
    <YAxis type="number" allowDecimals={false} width={48} tick={{ fill: "var(--chart-axis)", fontSize: 12 }} stroke="var(--chart-grid)" />
  );

  return (
    <div role="img" aria-label={label} className="w-full">
      <ComposedChart
        responsive
        style={{ width: "100%", height }}
        data={data}
        layout={horizontal ? "vertical" : "horizontal"}
        margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
        {categoryAxis}
        {valueAxis}
        <Tooltip content={(props) => tooltip(props)} cursor={{ fill: "var(--chart-grid)", fillOpacity: 0.35 }} />
        {series.length > 1 || pointLayers > 0 ? <Legend wrapperStyle={{ color: "var(--chart-text)", fontSize: 12 }} /> : null}
        {series.map((s) => (
          <Bar
            key={s.key}
            dataKey={valueKey(s.key)}
            name={s.label}
            fill={`var(--chart-${s.color})`}
            isAnimationActive={false}
            cursor={clickable ? "pointer" : undefined}
            onClick={(item) => open(item.payload)}
            maxBarSize={horizontal ? 22 : 48}
          />
        ))}
        {points
          ? Array.from({ length: pointLayers }, (_, k) => (
              <Scatter
                key={pointKey(k)}
                dataKey={pointKey(k)}
                name={points.label}
                fill={`var(--chart-${points.color})`}
                shape="diamond"
                legendType={k === 0 ? "diamond" : "none"}
                isAnimationActive={false}
              />
            ))
          : null}
      </ComposedChart>
    </div>
  );
}
