// Case-table export benchmarks (issue 6): the CSV of every synthetic case (100k people by
// default, `npm run bench -- --only export`) streamed through the same code as
// GET /api/export/cases.csv (openCaseExport → csvStream), with the time to the last byte and
// the memory the process grows by while streaming, against the targets: under 10 s and under
// 100 MB. The XLSX of the same view is measured too (no target in the issue).
//
// Memory: the process is garbage-collected first, then its RSS and heap are sampled every
// 5 ms until the last byte; the growth is the peak minus the value before (the heap's peak
// includes garbage not yet collected; what it retains after a final collection is printed
// too). The bytes are counted and dropped, as a fast client would.
//
// The harness then times a small export (a name search) 50+ times, for its p95.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
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

/**
 * CPU seconds used so far by the benchmark's PostgreSQL, from /proc: its live processes (the
 * postmaster's children) plus what the postmaster has collected from children that exited.
 * With the process's own CPU time it tells what the export costs apart from waiting for
 * the cores (Linux only; null elsewhere).
 */
function postgresCpuSeconds(postmasterPid: number | null): number | null {
  if (postmasterPid === null) return null;
  // Fields after the command name (which may hold spaces): state(3) ppid(4) ... utime(14)
  // stime(15) cutime(16) cstime(17), in clock ticks (100 per second on Linux).
  const stat = (pid: string) =>
    readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ")
      .map(Number);
  try {
    const own = stat(String(postmasterPid));
    let ticks = own[11]! + own[12]! + own[13]! + own[14]!;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = stat(entry);
        if (f[1] === postmasterPid) ticks += f[11]! + f[12]!;
      } catch {
        // The process ended meanwhile: the postmaster's children total holds it now.
      }
    }
    return ticks / 100;
  } catch {
    return null;
  }
}

async function postmasterPid(): Promise<number | null> {
  try {
    const [row] = await db().$queryRaw<{ dir: string }[]>`SELECT current_setting('data_directory') AS dir`;
    return row ? Number(readFileSync(`${row.dir}/postmaster.pid`, "utf8").split("\n")[0]) : null;
  } catch {
    return null;
  }
}

async function exportOnce(
  actor: Actor,
  format: CaseExportFormat,
  filters: CaseFilters,
  columns: readonly CaseTableColumn[],
): Promise<{ rows: number; bytes: number }> {
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

/** Prints the figures of one export; with `targets`, returns whether they were met (else true). */
async function measure(label: string, run: () => Promise<{ rows: number; bytes: number }>, targets: boolean, pgPid: number | null): Promise<boolean> {
  gc();
  const cpuBefore = process.cpuUsage();
  const pgBefore = postgresCpuSeconds(pgPid);
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
  const cpu = process.cpuUsage(cpuBefore);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const pgAfter = postgresCpuSeconds(pgPid);
  const pgCpu = pgBefore === null || pgAfter === null ? null : pgAfter - pgBefore;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  const rssGrowth = (peakRss - before.rss) / MB;
  const heapGrowth = (peakHeap - before.heapUsed) / MB;
  // What stays once the garbage is collected: a leak would show here.
  gc();
  const retained = (process.memoryUsage().heapUsed - before.heapUsed) / MB;
  const met = !targets || (seconds < TARGET_SECONDS && rssGrowth < TARGET_GROWTH_MB);
  const verdict = !targets ? "" : met ? "  ok" : "  MISSED";
  console.log(
    `${label}: ${rows.toLocaleString("en")} rows, ${(bytes / MB).toFixed(1)} MB in ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString("en")} rows/s); ` +
      `RSS ${(before.rss / MB).toFixed(0)} → peak ${(peakRss / MB).toFixed(0)} MB (+${rssGrowth.toFixed(1)} MB), ` +
      `heap ${(before.heapUsed / MB).toFixed(0)} → peak ${(peakHeap / MB).toFixed(0)} MB (+${heapGrowth.toFixed(1)} MB, ${retained.toFixed(1)} MB retained after GC)` +
      (targets ? `; targets < ${TARGET_SECONDS} s and < ${TARGET_GROWTH_MB} MB:${verdict}` : "") +
      `\n    CPU time: this process ${nodeCpu.toFixed(1)} s, PostgreSQL ${pgCpu === null ? "n/a" : `${pgCpu.toFixed(1)} s`} (they run in parallel; the wall time exceeds the larger one by the time spent waiting for a core: load average now ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`,
  );
  return met;
}

const exportBench: BenchModule = async ({ recordTarget }) => {
  // The audit entry of each export names its user: an EDITOR account of this database.
  const user = await db().user.upsert({
    where: { email: "bench-editor@bench.local" },
    update: {},
    create: { email: "bench-editor@bench.local", name: "Benchmark editor", role: "EDITOR", passwordHash: "!" },
  });
  const editor: Actor = { id: user.id, email: user.email, name: user.name, role: "EDITOR" };

  const pgPid = await postmasterPid();
  console.log("\nStreaming every case of the table (no filter), once each after one warm-up run:");
  await exportOnce(editor, "csv", {}, DEFAULT_CASE_COLUMNS);
  recordTarget(await measure("CSV, default columns ", () => exportOnce(editor, "csv", {}, DEFAULT_CASE_COLUMNS), true, pgPid));
  recordTarget(await measure("CSV, all 13 columns  ", () => exportOnce(editor, "csv", {}, CASE_TABLE_COLUMNS), true, pgPid));
  await measure("XLSX, default columns", () => exportOnce(editor, "xlsx", {}, DEFAULT_CASE_COLUMNS), false, pgPid);
  console.log("");

  const small: Bench = {
    name: "export: CSV of a name search",
    run: () => exportOnce(editor, "csv", { q: "Fatima Ibrahimzade" }, DEFAULT_CASE_COLUMNS),
    targetP95Ms: 1000,
  };
  return [small];
};

export default exportBench;
