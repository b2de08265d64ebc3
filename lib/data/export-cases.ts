import "server-only";
// Every row of a case-table view, for the CSV and XLSX exports (app/api/export/cases.*):
// the same filters, search and order as the table (lib/data/case-table.ts builds both
// statements), without the page limit, streamed in constant memory.
//
// How: one read-only REPEATABLE READ transaction, so the count and every row come from the
// same snapshot. The view's ordered case ids are read through a server-side cursor (no
// OFFSET: each FETCH continues where the last one stopped), and each batch of ids is
// assembled into table rows by the table's own row query; beyond one batch, the batches are
// assembled by two helper read-only transactions on the same exported snapshot, each on its
// own connection, so PostgreSQL works on several batches at once. A bounded queue hands the batches to the response, in
// order; when the client reads slowly the cursor waits, and when it goes away both
// transactions end.
//
// Authorization: EDITOR and ADMIN only. The rows hold no restricted field for any role (see
// case-table.ts), but exporting the table row by row is what the issue keeps from VIEWERs
// (they export public-profile reports and aggregates).
//
// Audit: one entry per export (`export.cases_csv` / `export.cases_xlsx`) with the filters,
// sort, columns and the number of rows, written BEFORE the first row leaves the database,
// so an export cut short (or a crashed server) is still on record. The number is counted in
// the export's own snapshot, so it is exactly the number of rows the file holds when
// downloaded completely.
import { requireRole, type Actor } from "@/lib/authz";
import { writeAudit } from "@/lib/data/audit";
import { caseTableStreamStatements, toRow, type CaseTableRow, type RawRow } from "@/lib/data/case-table";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { BatchQueue, ExportCancelledError } from "@/lib/export/batch-queue";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { CaseSort, CaseTableColumn } from "@/lib/validation/case-table";

export type CaseExportFormat = "csv" | "xlsx";

export interface CaseExportRequest {
  format: CaseExportFormat;
  filters: CaseFilters;
  /** null: the table's default order (or relevance when searching). */
  sort: CaseSort[] | null;
  /** The columns written (for the audit entry; the rows always carry every column). */
  columns: readonly CaseTableColumn[];
}

export interface CaseExport {
  /** Rows the export holds, counted in the snapshot the rows are read from. */
  total: number;
  /** The rows in the view's order, in batches. Read it once; stopping early ends the transaction. */
  batches: AsyncIterable<CaseTableRow[]>;
  /** Ends the transaction without reading (or without reading further). */
  cancel: () => void;
}

/**
 * Rows assembled per query: round trips cost little next to the rows, and a smaller batch
 * keeps less alive across each await, so less garbage is promoted to the old generation
 * (the heap peak of a 100k-row export, measured by scripts/bench/export.ts).
 */
export const EXPORT_BATCH_SIZE = 250;
/**
 * Helper transactions assembling batches in parallel (each holds a pool connection for the
 * export's duration, besides the one reading the cursor).
 */
const HELPERS = 2;
/** The longest an export may hold its transaction open (a client that stops reading is cut off then). */
export const EXPORT_TIMEOUT_MS = 10 * 60_000;

const CURSOR = Prisma.raw("case_export_ids");

interface IdRow {
  id: string;
  score: number | null;
  closeness: number | null;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Tx = Prisma.TransactionClient;

/** The settings every reading transaction of an export starts with. */
async function prepareReading(tx: Tx): Promise<void> {
  await tx.$executeRaw`SET TRANSACTION READ ONLY`;
  // The row query is short and repeated hundreds of times: compiling it (JIT) each time
  // costs more than running it.
  await tx.$queryRaw`SELECT set_config('jit', 'off', true)`;
}

/**
 * A second read-only transaction that reads the SAME snapshot as the export's own
 * (pg_export_snapshot / SET TRANSACTION SNAPSHOT), on its own connection: PostgreSQL then
 * assembles two batches at once, one per core. Jobs run one after the other, in the order
 * given; close() ends the transaction once the queued jobs are done.
 */
function snapshotHelper(snapshot: string) {
  if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshot)) throw new Error(`Unexpected snapshot id "${snapshot}"`);
  type Job = { run: (tx: Tx) => Promise<unknown>; done: ReturnType<typeof deferred<unknown>> };
  const jobs: Job[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  let failure: { error: unknown } | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const finished = db().$transaction(
    async (tx) => {
      await tx.$executeRaw(Prisma.sql`SET TRANSACTION SNAPSHOT '${Prisma.raw(snapshot)}'`);
      await prepareReading(tx);
      for (;;) {
        const job = jobs.shift();
        if (job) {
          try {
            job.done.resolve(await job.run(tx));
          } catch (error) {
            job.done.reject(error);
            throw error;
          }
        } else if (closed) {
          return;
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
  finished.catch((error: unknown) => {
    failure = { error };
    for (const job of jobs.splice(0)) job.done.reject(error);
  });

  return {
    run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      if (failure) return Promise.reject(failure.error);
      const done = deferred<unknown>();
      // Awaited by the caller in its turn; a failure meanwhile must not count as unhandled.
      done.promise.catch(() => {});
      jobs.push({ run: fn as (tx: Tx) => Promise<unknown>, done });
      poke();
      return done.promise as Promise<T>;
    },
    async close(): Promise<void> {
      closed = true;
      poke();
      await finished.catch(() => {});
    },
  };
}

export async function openCaseExport(actor: Actor | null, request: CaseExportRequest, options: { batchSize?: number } = {}): Promise<CaseExport> {
  const user = requireRole(actor, "EDITOR");
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new RangeError("batchSize must be 1–10,000");
  const st = caseTableStreamStatements({ filters: request.filters, sort: request.sort });
  const queue = new BatchQueue<CaseTableRow[]>(1);
  const counted = deferred<number>();
  const audited = deferred<void>();

  const reading = db().$transaction(
    async (tx) => {
      await prepareReading(tx);
      // The cursor is read to its end: plan it for all its rows, not for the first tenth.
      await tx.$queryRaw`SELECT set_config('cursor_tuple_fraction', '1', true)`;
      const [count] = await tx.$queryRaw<{ total: number }[]>(st.countSql);
      const total = count?.total ?? 0;
      counted.resolve(total);
      await audited.promise;

      // Beyond one batch, helper transactions on the same snapshot assemble the batches, each
      // on its own connection, while this one fetches the next ids: PostgreSQL works on
      // several batches at once and Node writes one while the others are assembled.
      const helpers: ReturnType<typeof snapshotHelper>[] = [];
      if (total > batchSize) {
        const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT pg_export_snapshot() AS id`;
        if (row) for (let i = 0; i < HELPERS; i++) helpers.push(snapshotHelper(row.id));
      }
      const assemble = async (t: Tx, ids: IdRow[]) =>
        (await t.$queryRaw<RawRow[]>(st.rowsSql({ ids: ids.map((r) => r.id), scores: ids.map((r) => r.score), closeness: ids.map((r) => r.closeness) }))).map(toRow);

      try {
        await tx.$executeRaw(Prisma.sql`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${st.idsSql}`);
        const fetch = Prisma.sql`FETCH FORWARD ${Prisma.raw(String(batchSize))} FROM ${CURSOR}`;
        // Batches being assembled, oldest first: they go out in the cursor's order.
        const inflight: Promise<CaseTableRow[]>[] = [];
        for (let n = 0; ; n++) {
          const ids = await tx.$queryRaw<IdRow[]>(fetch);
          if (ids.length > 0) {
            const helper = helpers[n % Math.max(helpers.length, 1)];
            inflight.push(helper ? helper.run((h) => assemble(h, ids)) : assemble(tx, ids));
            if (inflight.length > helpers.length) await queue.push(await inflight.shift()!);
          }
          if (ids.length < batchSize) break;
        }
        while (inflight.length) await queue.push(await inflight.shift()!);
      } finally {
        await Promise.all(helpers.map((h) => h.close()));
      }
      queue.end();
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
  reading.catch((error: unknown) => {
    counted.reject(error);
    if (!(error instanceof ExportCancelledError)) queue.fail(error);
  });

  const total = await counted.promise;
  try {
    await db().$transaction((tx) =>
      writeAudit(tx, {
        actorId: user.id,
        action: request.format === "csv" ? "export.cases_csv" : "export.cases_xlsx",
        entityType: "case",
        after: { filters: request.filters, sort: request.sort, columns: request.columns, rows: total },
      }),
    );
  } catch (error) {
    // No audit entry, no export: let the reading transaction end without sending a row.
    queue.cancel();
    audited.reject(new ExportCancelledError());
    throw error;
  }
  audited.resolve();
  return { total, batches: queue, cancel: () => queue.cancel() };
}
