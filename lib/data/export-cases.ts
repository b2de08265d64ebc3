import "server-only";
// Every row of a case-table view, for the CSV and XLSX exports (app/api/export/cases.*):
// the same filters, search and order as the table (lib/data/case-table.ts builds both
// statements), without the page limit, streamed in constant memory.
//
// How: one read-only REPEATABLE READ transaction, so the count and every row come from the
// same snapshot. The view's ordered case ids are read through a server-side cursor (no
// OFFSET: each FETCH continues where the last one stopped), and each batch of ids is
// assembled into table rows by the table's own row query. A bounded queue hands the batches
// to the response; when the client reads slowly the cursor waits, and when it goes away the
// transaction is rolled back.
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
import { NAME_MATCH_THRESHOLD } from "@/lib/data/name-search";
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

/** Rows assembled per query: large enough that round trips do not dominate, small enough to stay light. */
export const EXPORT_BATCH_SIZE = 1000;
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
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      // The row query is short and repeated a hundred times: compiling it (JIT) each time
      // costs more than running it.
      await tx.$queryRaw`SELECT set_config('jit', 'off', true)`;
      if (st.searching) await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(NAME_MATCH_THRESHOLD)}, true)`;
      const [count] = await tx.$queryRaw<{ total: number }[]>(st.countSql);
      counted.resolve(count?.total ?? 0);
      await audited.promise;

      await tx.$executeRaw(Prisma.sql`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${st.idsSql}`);
      const fetch = Prisma.sql`FETCH FORWARD ${Prisma.raw(String(batchSize))} FROM ${CURSOR}`;
      for (;;) {
        const ids = await tx.$queryRaw<IdRow[]>(fetch);
        if (ids.length === 0) break;
        const raw = await tx.$queryRaw<RawRow[]>(
          st.rowsSql({ ids: ids.map((r) => r.id), scores: ids.map((r) => r.score), closeness: ids.map((r) => r.closeness) }),
        );
        await queue.push(raw.map(toRow));
        if (ids.length < batchSize) break;
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
