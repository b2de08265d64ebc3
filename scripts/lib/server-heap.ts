// The V8 old-space limit of the app server (`npm start` passes it to `next start`) and of the
// benchmark that measures the app's exports.
//
// V8 decides when to run its first full collection from this limit. With Node's default (a
// quarter of the machine's memory, up to 4 GB) a streamed export of 100,000 cases, which
// keeps almost nothing, still let 130–150 MB of garbage pile up in the heap before V8
// collected it; at 1,024 MB the heap grows by about 40 MB (scripts/bench/export.ts). The app
// itself needs far less than the limit; raise NODE_HEAP_MB only for an unusually large CSV
// import or dossier.
import { spawnSync } from "node:child_process";

export const DEFAULT_HEAP_MB = 1024;

/** NODE_HEAP_MB, checked (a whole number of MB, 256–65,536), or the default. */
export function serverHeapMb(env: Record<string, string | undefined> = process.env): number {
  const raw = env.NODE_HEAP_MB?.trim();
  if (!raw) return DEFAULT_HEAP_MB;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 256 || mb > 65_536) {
    throw new Error(`NODE_HEAP_MB must be a whole number of megabytes between 256 and 65536, got "${raw}"`);
  }
  return mb;
}

export const heapFlag = (mb: number) => `--max-old-space-size=${mb}`;

/**
 * Runs this script again with the server's heap limit unless it already has it, and exits
 * with that run's code: a measurement of memory is only meaningful under the server's limit.
 */
export function reexecWithServerHeap(): void {
  const flag = heapFlag(serverHeapMb());
  if (process.execArgv.includes(flag)) return;
  const run = spawnSync(process.execPath, [...process.execArgv, flag, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}
