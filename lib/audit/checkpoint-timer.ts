// The app's own checkpoints: every AUDIT_CHECKPOINT_SECONDS (60 by default) the server looks
// at the audit trail's newest entry and, when it changed, appends a signed checkpoint to
// AUDIT_CHECKPOINT_DIR and prints it to the server log ("[audit-checkpoint] {...}") for a log
// watcher to keep. Started once per server process by instrumentation.ts; never by a build
// or the tests, which do not load that file.
//
// It connects with a pool of its own (one connection), not the app's Prisma client: taking a
// checkpoint is one read-only snapshot (lib/audit/trail-pg.ts, the same code as
// `npm run audit:checkpoint`) and must not hold one of the request pool's connections.
import path from "node:path";
import pg from "pg";
import { chainProblemWhy, deriveAuditKeys, type AuditKeys } from "./chain";
import { CHECKPOINT_LOG_PREFIX, checkpointLine, describeCheckpointProblem, describeInvalidCheckpoint } from "./checkpoints";
import { takeCheckpoint } from "./trail-pg";
import { auditCheckpointDir, auditCheckpointSeconds, auditKey, databaseUrl, env } from "@/lib/env";

const globalForTimer = globalThis as unknown as { __trackerAuditCheckpoints?: { stop: () => Promise<void> } };

/** The first check soon after start, so a restart does not wait a whole interval. */
const FIRST_CHECK_MS = 5_000;

export function startAuditCheckpoints(): void {
  if (globalForTimer.__trackerAuditCheckpoints) return;
  const seconds = auditCheckpointSeconds();
  if (seconds === 0) {
    console.warn(
      `${CHECKPOINT_LOG_PREFIX} AUDIT_CHECKPOINT_SECONDS=0: this server writes no audit checkpoints; run npm run audit:checkpoint regularly instead.`,
    );
    return;
  }
  let keys: AuditKeys;
  try {
    keys = deriveAuditKeys(auditKey());
  } catch (error) {
    console.error(`${CHECKPOINT_LOG_PREFIX} no checkpoints: ${(error as Error).message}`);
    return;
  }
  const dir = path.resolve(auditCheckpointDir());
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1, idleTimeoutMillis: 10_000, connectionTimeoutMillis: env().DB_CONNECT_TIMEOUT_MS });
  // An idle connection that breaks (database restarted) must not take the server down.
  pool.on("error", () => {});

  let lastHead: string | null = null;
  let running = false;
  // Each problem is logged once, not every minute while it lasts: an invalid checkpoint line
  // once per process; a refusal or failure again only after a checkpoint succeeded meanwhile.
  const invalidReported = new Set<string>();
  const reported = new Set<string>();
  const reportOnce = (seen: Set<string>, message: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    console.error(`${CHECKPOINT_LOG_PREFIX} ${message}`);
  };

  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // Cheap when nothing happened: one index lookup.
      const { rows } = await pool.query<{ id: string; hash: string | null }>("SELECT id::text, hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1");
      const head = rows[0] ? `${rows[0].id}:${rows[0].hash}` : "";
      if (head === lastHead) return;
      const client = await pool.connect();
      try {
        const outcome = await takeCheckpoint(client, keys, dir);
        for (const invalid of outcome.scan.invalid) reportOnce(invalidReported, `INVALID checkpoint: ${describeInvalidCheckpoint(invalid, keys)}`);
        if (outcome.state === "refused") {
          const why = outcome.checkpointProblem
            ? describeCheckpointProblem(outcome.previous!, outcome.checkpointProblem)
            : `entry ${outcome.chainProblem!.id}, written since the newest checkpoint, ${chainProblemWhy(outcome.chainProblem!)}.`;
          // The head is not remembered: the next tick checks again.
          reportOnce(reported, `NO CHECKPOINT WRITTEN, the audit trail does not follow on from the newest one: ${why} Run npm run audit:verify.`);
          return;
        }
        if (outcome.state === "written") console.log(`${CHECKPOINT_LOG_PREFIX} ${checkpointLine(outcome.checkpoint)}`);
        lastHead = head;
        reported.clear();
      } finally {
        client.release();
      }
    } catch (error) {
      reportOnce(reported, `checkpoint failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };

  const first = setTimeout(() => void tick(), Math.min(FIRST_CHECK_MS, seconds * 1000));
  const timer = setInterval(() => void tick(), seconds * 1000);
  first.unref();
  timer.unref();
  globalForTimer.__trackerAuditCheckpoints = {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await pool.end();
      globalForTimer.__trackerAuditCheckpoints = undefined;
    },
  };
}

/** For tests and shutdown: stops the timer and closes its connection. */
export async function stopAuditCheckpoints(): Promise<void> {
  await globalForTimer.__trackerAuditCheckpoints?.stop();
}
