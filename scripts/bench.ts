// npm run bench [-- --people 100000 --seed 1 --runs 50 --only cases]
//
// Starts its own embedded PostgreSQL in a temporary directory (never touches .data or
// DATABASE_URL), migrates it, loads the synthetic dataset, then runs every benchmark module
// in scripts/bench/ (a default-exported BenchModule, see scripts/bench/types.ts). Each bench
// runs a few times to warm caches, then at least 50 times; its data-layer call and its
// plain-SQL baseline alternate, so both see the same machine load. Prints p50 and p95 of
// each, their ratio, and whether the target is met.
//
// Run through `tsx --conditions=react-server` (the npm script does): the modules call
// lib/data/*, which starts with `import "server-only"`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { getHeapStatistics } from "node:v8";
import type { Bench, BenchModule } from "./bench/types";
import { startEmbeddedDb } from "./lib/embedded-db";
import { migrate } from "./lib/migrate";
import { heapFlag, reexecWithServerHeap, serverHeapMb } from "./lib/server-heap";
import { loadSyntheticData } from "./lib/synthetic/load";
import { runMain } from "./lib/run-main";

// The export figures are memory figures: measure them under the app server's heap limit.
reexecWithServerHeap();

const RATIO_TARGET = 1.5;
const WARM_UP_RUNS = 10;

const { values: args } = parseArgs({
  options: {
    people: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    runs: { type: "string", default: "50" },
    only: { type: "string" },
  },
});

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Result {
  name: string;
  p50: number;
  p95: number;
  base50: number | null;
  base95: number | null;
  target: number | null;
}

async function measure(bench: Bench, runs: number): Promise<Result> {
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await bench.run();
    if (bench.baseline) await bench.baseline();
  }
  const own: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    own.push(await time(bench.run));
    if (bench.baseline) base.push(await time(bench.baseline));
  }
  own.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  return {
    name: bench.name,
    p50: percentile(own, 50),
    p95: percentile(own, 95),
    base50: bench.baseline ? percentile(base, 50) : null,
    base95: bench.baseline ? percentile(base, 95) : null,
    target: bench.targetP95Ms ?? null,
  };
}

const ms = (n: number | null) => (n === null ? "—" : n.toFixed(1).padStart(6));
const ratio = (a: number, b: number | null) => (b === null || b === 0 ? "—" : (a / b).toFixed(2));

function printResult(r: Result): boolean {
  const ratio95 = r.base95 === null ? null : r.p95 / r.base95;
  const fastEnough = r.target === null || r.p95 <= r.target;
  const thinEnough = ratio95 === null || ratio95 <= RATIO_TARGET;
  const verdict = fastEnough && thinEnough ? "ok" : `MISSED${fastEnough ? "" : " (p95)"}${thinEnough ? "" : " (ratio)"}`;
  console.log(
    `${r.name.padEnd(34)} ${ms(r.p50)} ${ms(r.p95)} ms   ${ms(r.base50)} ${ms(r.base95)} ms   ${ratio(r.p50, r.base50).padStart(5)} ${ratio(r.p95, r.base95).padStart(5)}   ${
      r.target === null ? "" : `p95 ≤ ${r.target} ms, `
    }ratio ≤ ${RATIO_TARGET}: ${verdict}`,
  );
  return fastEnough && thinEnough;
}

async function main(): Promise<number> {
  const people = Number(args.people);
  const seed = Number(args.seed);
  const runs = Math.max(50, Number(args.runs));
  if (!Number.isInteger(people) || people < 1 || !Number.isInteger(seed) || !Number.isInteger(runs)) {
    console.error("Usage: npm run bench -- [--people <n>] [--seed <n>] [--runs <n ≥ 50>] [--only <module>]");
    return 1;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-bench-"));
  const database = await startEmbeddedDb({ rootDir: dir, database: "bench", quiet: true });
  let disconnect: (() => Promise<void>) | undefined;
  // Ctrl-C: stop the database and remove its directory rather than leave them behind.
  const interrupted = () => {
    void database.stop().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    await migrate(database.url);
    const started = Date.now();
    const counts = await loadSyntheticData(database.url, { people, seed });
    console.log(
      `Loaded ${counts.people} synthetic people, ${counts.cases} cases, ${counts.events} events (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        ` on ${cpus().length} cores, PostgreSQL embedded in ${dir}.`,
    );
    // lib/db.ts reads DATABASE_URL (through lib/env.ts) when it first connects, which is after this.
    process.env.DATABASE_URL = database.url;
    // Reports and exports write audit entries, which are keyed: a throwaway key for a throwaway database.
    process.env.AUDIT_KEY ||= randomBytes(32).toString("base64");
    const { db } = await import("@/lib/db");
    disconnect = () => db().$disconnect();

    const actor = { id: "bench-viewer", email: "bench@bench.local", name: "Benchmark viewer", role: "VIEWER" as const };
    const benchDir = path.join(__dirname, "bench");
    const modules = readdirSync(benchDir)
      .filter((f) => f.endsWith(".ts") && f !== "types.ts" && (!args.only || f === `${args.only}.ts`))
      .sort();
    console.log(
      `\n${runs} runs per query after ${WARM_UP_RUNS} warm-up runs; data layer and plain SQL alternate. Node runs with ${heapFlag(serverHeapMb())} (V8 heap limit ${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB), as npm start runs the app (NODE_HEAP_MB).\n`,
    );
    console.log(`${"query".padEnd(34)} ${"data layer p50/p95".padStart(20)}   ${"plain SQL p50/p95".padStart(20)}   ratio p50/p95   target`);
    let allMet = true;
    for (const file of modules) {
      const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: BenchModule | { default: BenchModule } };
      // tsx may wrap an ES module's default export once more when loading it from CommonJS.
      const factory = typeof mod.default === "function" ? mod.default : mod.default.default;
      const recordTarget = (met: boolean) => {
        allMet = met && allMet;
      };
      for (const bench of await factory({ databaseUrl: database.url, actor, recordTarget })) {
        allMet = printResult(await measure(bench, runs)) && allMet;
      }
    }
    console.log(allMet ? "\nAll targets met." : "\nSome targets were missed (see MISSED above).");
    return 0;
  } finally {
    await disconnect?.().catch(() => {});
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main, { stack: true, exit: true });
