// Chart downloads in the browser, without a library: the chart's SVG is drawn onto a canvas
// (PNG) and the table is written as CSV (lib/charts/csv.ts).
//
// The chart is styled by CSS variables, which a detached SVG image cannot resolve, so each
// element's computed paint and font are copied onto the clone as attributes before it is
// serialised. The PNG gets the chart's title and context (filters, date) as a header, so a
// saved image still says what it counts.
import { toCsv, type CsvCell } from "@/lib/charts/csv";
import type { ChartSpec, ChartTable } from "./chart-spec";

const STYLE_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "visibility",
  "display",
] as const;

function inlineComputedStyles(source: Element, clone: Element): void {
  const style = getComputedStyle(source);
  for (const property of STYLE_PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value) clone.setAttribute(property, value);
  }
  const sourceChildren = source.children;
  const cloneChildren = clone.children;
  for (let i = 0; i < sourceChildren.length; i++) {
    const s = sourceChildren[i];
    const c = cloneChildren[i];
    if (s && c) inlineComputedStyles(s, c);
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("The chart could not be drawn as an image"));
    image.src = url;
  });
}

/** Breaks `text` into lines no wider than `width` on the canvas's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(candidate).width > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function chartPng(svg: SVGSVGElement, header: { title: string; context: string }): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineComputedStyles(svg, clone);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  const svgText = new XMLSerializer().serializeToString(clone);
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`);

  const pageStyle = getComputedStyle(svg);
  const font = pageStyle.fontFamily || "sans-serif";
  const ink = pageStyle.getPropertyValue("--chart-text").trim() || "#1b2430";
  const muted = pageStyle.getPropertyValue("--chart-axis").trim() || "#4a5462";
  const background = pageStyle.getPropertyValue("--chart-surface").trim() || "#ffffff";

  const scale = 2; // crisp on high-density screens and in print
  const padding = 16;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("Canvas is not available");
  const textWidth = Math.max(width - 2 * padding, 200);
  ctx.font = `600 16px ${font}`;
  const titleLines = wrap(ctx, header.title, textWidth);
  ctx.font = `12px ${font}`;
  const contextLines = wrap(ctx, header.context, textWidth);
  const headerHeight = padding + titleLines.length * 22 + contextLines.length * 17 + 8;

  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil((height + headerHeight + padding) * scale);
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width, height + headerHeight + padding);
  ctx.textBaseline = "top";
  let y = padding;
  ctx.fillStyle = ink;
  ctx.font = `600 16px ${font}`;
  for (const line of titleLines) {
    ctx.fillText(line, padding, y);
    y += 22;
  }
  ctx.fillStyle = muted;
  ctx.font = `12px ${font}`;
  for (const line of contextLines) {
    ctx.fillText(line, padding, y);
    y += 17;
  }
  ctx.drawImage(image, 0, headerHeight, width, height);

  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be written"))), "image/png"));
}

function tableCells(table: ChartTable, suppressedText: string): { header: string[]; rows: CsvCell[][] } {
  const shownAs = table.suppressedColumn ?? "people";
  const value = (row: { values: Record<string, number | null> }, key: string, suppressed: boolean): CsvCell =>
    suppressed ? (key === shownAs ? suppressedText : null) : (row.values[key] ?? null);
  const rows = table.rows.map((r) => [r.label, ...table.columns.map((c) => value(r, c.key, r.suppressed === true))]);
  const total = table.total;
  if (total) rows.push([total.label, ...table.columns.map((c) => value(total, c.key, false))]);
  return { header: [table.categoryLabel, ...table.columns.map((c) => c.label)], rows };
}

/**
 * The chart's numbers as CSV: its table, then (for a chart with a second table, such as
 * incidents' reported numbers) that table's rows under its own header, after an empty line.
 */
export function chartCsv(spec: ChartSpec, suppressedText: string): string {
  const main = tableCells(spec.table, suppressedText);
  if (!spec.extraTable) return toCsv(main.header, main.rows);
  const extra = tableCells(spec.extraTable, suppressedText);
  return toCsv(main.header, [...main.rows, [], extra.header, ...extra.rows]);
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
