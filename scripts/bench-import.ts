// npm run bench:import [-- --runs 1 --only "one case"]
//
// Does a worst-case CSV upload keep the server from answering everyone else? Starts the real
// app the way `npm start` does (production build in BENCH_DIST_DIR, default .next-bench;
// embedded PostgreSQL with the demo data in a temporary directory), signs in as the demo
// editor, then for each worst-case 20 MB file (scripts/lib/bench-import/bodies.ts) sends a
// dry run to POST /api/import while GET /api/health is polled every 20 ms, and prints the
// health check's p50/p99/max latency during the import and the import's own duration.
// Target: p99 < 200 ms. A figure, never a test: nothing fails on a slow machine.
import { request as httpRequest } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { BOUNDARY, worstCaseUploads, type Upload } from "./lib/bench-import/bodies";
import { percentile, pollDuring } from "./lib/bench-import/latency";
import { signIn, startApp } from "./lib/bench-import/server";
import { runMain } from "./lib/run-main";

const P99_TARGET_MS = 200;

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "1" },
    only: { type: "string" },
  },
});

/** POSTs a body with Node's HTTP client (20 MB in 1 MB writes): status, the start of the answer, how long it took. */
function upload(url: string, cookie: string, body: Buffer): Promise<{ status: number; ms: number; answer: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: "POST", headers: { cookie, "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(body.byteLength) } },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d: Buffer) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, answer: Buffer.concat(parts).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** What the answer says, in a few words (the benchmark checks it did what was expected). */
function summary(status: number, answer: string): string {
  try {
    const body = JSON.parse(answer) as { rowCount?: number; errorCount?: number; errors?: { row: number | null; reason: string }[]; created?: number };
    const first = body.errors?.[0];
    return `${status}: ${body.rowCount ?? 0} rows, ${body.created ?? 0} to create, ${body.errorCount ?? body.errors?.length ?? 0} problems${first ? ` (row ${first.row}: ${first.reason.slice(0, 60)}…)` : ""}`;
  } catch {
    return `${status}: ${answer.slice(0, 80)}`;
  }
}

const fmt = (n: number) => n.toFixed(0).padStart(6);

async function measure(appUrl: string, cookie: string, file: Upload, label: string): Promise<boolean> {
  // Idle first, so that the figure during the import has something to be compared with.
  const idle = await pollDuring(`${appUrl}/api/health`, new Promise((r) => setTimeout(r, 2_000)));
  const importing = upload(`${appUrl}/api/import?dryRun=1`, cookie, file.body);
  const busy = await pollDuring(`${appUrl}/api/health`, importing);
  const result = await importing;
  const p99 = percentile(busy.samples, 99);
  // A dry run answers 200, problems listed; anything else (400 for a body cut short, 413) means
  // the file was not read at all, and the latency figure says nothing.
  const read = result.status === 200;
  const met = read && busy.failures === 0 && p99 < P99_TARGET_MS;
  console.log(
    `${`${file.name}${label}`.padEnd(36)} ${fmt(result.ms)} ms   ${fmt(percentile(busy.samples, 50))} ${fmt(p99)} ${fmt(Math.max(...busy.samples))} ms (${String(busy.samples.length).padStart(4)} polls${busy.failures ? `, ${busy.failures} failed` : ""})   idle p99 ${percentile(idle.samples, 99).toFixed(0)} ms   ${met ? "ok" : read ? "MISSED" : "NOT READ"}`,
  );
  console.log(`${"".padEnd(36)} expected ${file.expect}; got ${summary(result.status, result.answer)}`);
  return met;
}

async function main(): Promise<number> {
  const runs = Number(args.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('Usage: npm run bench:import -- [--runs <n>] [--only "<part of a file name>"]');
    return 1;
  }
  const root = path.resolve(__dirname, "..");
  const files = worstCaseUploads().filter((f) => !args.only || f.name.includes(args.only));
  const distDir = process.env.BENCH_DIST_DIR || ".next-bench";
  console.log(`Starting the app (production build in ${distDir}; a first build takes minutes) ...`);
  const app = await startApp(root, distDir);
  const stop = () => void app.stop().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const cookie = await signIn(app.url, "editor@demo.local", process.env.DEMO_PASSWORD ?? "tracker-demo-2026");
    console.log(`App at ${app.url} (log: ${app.log}). Dry runs of POST /api/import while GET /api/health is polled every 20 ms.\n`);
    console.log(
      `${"file (each just under 20 MB)".padEnd(36)} ${"import".padStart(9)}   ${"/api/health p50    p99    max".padStart(29)}   target p99 < ${P99_TARGET_MS} ms`,
    );
    let allMet = true;
    for (const file of files) {
      for (let run = 0; run < runs; run++) allMet = (await measure(app.url, cookie, file, runs > 1 ? ` #${run + 1}` : "")) && allMet;
    }
    console.log(allMet ? "\nTarget met for every file." : "\nTarget missed for some files (MISSED above).");
    return 0;
  } finally {
    await app.stop();
  }
}

runMain(main, { stack: true, exit: true });
