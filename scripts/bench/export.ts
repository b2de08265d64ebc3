// Case-table export benchmarks (issue 6): the CSV of every synthetic case (100k people by
// default, `npm run bench -- --only export`) streamed through the same code as
// GET /api/export/cases.csv (openCaseExport → csvStream), with the time to the last byte and
// the memory the process grows by while streaming, against the targets: under 10 s and under
// 100 MB. The XLSX of the same view is measured too (no target in the issue).
//
// Memory: the process is garbage-collected first, then its RSS and heap are sampled every
// 5 ms until the last byte; the growth is the peak minus the value before. The bytes are
// counted and dropped, as a fast client would.
//
// The harness then times a small export (a name search) 50+ times, for its p95.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Actor } from "@/lib/authz";
import { openCaseExport, type CaseExportFormat } from "@/lib/data/export-cases";
import { db } from "@/lib/db";
import { exportColumns } from "@/lib/export/case-columns";
import { csvStream } from "@/lib/export/csv";
import { caseExportLabels } from "@/lib/export/labels";
import { xlsxStream } from "@/lib/export/xlsx";
import type { CaseFilters } from "@/lib/validation/case-filters";
import { CASE_TABLE_COLUMNS, DEFAULT_CASE_COLUMNS, type CaseTableColumn } from "@/lib/validation/case-table";
import messages from "@/messages/en.json";
import type { Bench, BenchModule } from "./types";

const TARGET_SECONDS = 10;
const TARGET_GROWTH_MB = 100;
const MB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

async function exportOnce(actor: Actor, format: CaseExportFormat, filters: CaseFilters, columns: readonly CaseTableColumn[]): Promise<{ rows: number; bytes: number }> {
  const exported = await openCaseExport(actor, { format, filters, sort: null, columns });
  const labels = caseExportLabels("en", messages);
  const cols = exportColumns(columns, labels);
  const headers = cols.map((c) => labels.header(c.key));
  const body = format === "csv" ? csvStream(cols, headers, exported.batches) : xlsxStream(cols, headers, exported.batches, { sheetName: "Cases" });
  const reader = body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
  }
  return { rows: exported.total, bytes };
}

async function measure(label: string, run: () => Promise<{ rows: number; bytes: number }>, targets: boolean): Promise<void> {
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const started = process.hrtime.bigint();
  const { rows, bytes } = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const rssGrowth = (peakRss - before.rss) / MB;
  const heapGrowth = (peakHeap - before.heapUsed) / MB;
  const verdict = !targets ? "" : seconds < TARGET_SECONDS && rssGrowth < TARGET_GROWTH_MB ? "  ok" : "  MISSED";
  console.log(
    `${label}: ${rows.toLocaleString("en")} rows, ${(bytes / MB).toFixed(1)} MB in ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString("en")} rows/s); ` +
      `RSS ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (+${rssGrowth.toFixed(1)} MB), ` +
      `heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB (+${heapGrowth.toFixed(1)} MB)` +
      (targets ? `; targets < ${TARGET_SECONDS} s and < ${TARGET_GROWTH_MB} MB:${verdict}` : ""),
  );
}

const exportBench: BenchModule = async () => {
  // The audit entry of each export names its user: an EDITOR account of this database.
  const user = await db().user.upsert({
    where: { email: "bench-editor@bench.local" },
    update: {},
    create: { email: "bench-editor@bench.local", name: "Benchmark editor", role: "EDITOR", passwordHash: "!" },
  });
  const editor: Actor = { id: user.id, email: user.email, name: user.name, role: "EDITOR" };

  console.log("\nStreaming every case of the table (no filter), once each after one warm-up run:");
  await exportOnce(editor, "csv", {}, DEFAULT_CASE_COLUMNS);
  await measure("CSV, default columns ", () => exportOnce(editor, "csv", {}, DEFAULT_CASE_COLUMNS), true);
  await measure("CSV, all 13 columns  ", () => exportOnce(editor, "csv", {}, CASE_TABLE_COLUMNS), true);
  await measure("XLSX, default columns", () => exportOnce(editor, "xlsx", {}, DEFAULT_CASE_COLUMNS), false);
  console.log("");

  const small: Bench = {
    name: "export: CSV of a name search",
    run: () => exportOnce(editor, "csv", { q: "Fatima Ibrahimzade" }, DEFAULT_CASE_COLUMNS),
    targetP95Ms: 500,
  };
  return [small];
};

export default exportBench;
