// npm run audit:checkpoint
// Appends a signed checkpoint of the audit trail (entry count, newest entry's id and hash) to
// today's file in AUDIT_CHECKPOINT_DIR (default <data dir>/audit-checkpoints), for
// DATABASE_URL or the embedded database of `npm start`. The app does the same every minute
// while the trail grows; this is for a cron job beside it, or before and after maintenance.
// Nothing is written when the trail no longer agrees with the newest checkpoint (entries
// removed or rewritten) or does not verify since it: exit code 1, and the reason.
// Exit codes: 0 written (or nothing new to write), 1 refused, 2 could not check.
import { parseArgs } from "node:util";
import pg from "pg";
import { CHECKPOINT_LOG_PREFIX, checkpointLine, describeCheckpointProblem, describeInvalidCheckpoint } from "../lib/audit/checkpoints";
import { takeCheckpoint } from "../lib/audit/trail-pg";
import { checkpointDir, NO_KEY_MESSAGE, resolveAuditKeys } from "./lib/audit-config";
import { chainProblemWhy } from "../lib/audit/chain";
import { resolveTarget } from "./lib/backup-target";

const USAGE = "Usage: npm run audit:checkpoint";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const keys = resolveAuditKeys();
  if (!keys) {
    console.error(NO_KEY_MESSAGE);
    return 2;
  }
  const dir = checkpointDir();
  const target = await resolveTarget();
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const outcome = await takeCheckpoint(client, keys, dir);
    for (const invalid of outcome.scan.invalid) console.error(`Checkpoint INVALID: ${describeInvalidCheckpoint(invalid, keys)}`);
    switch (outcome.state) {
      case "written": {
        const c = outcome.checkpoint;
        console.log(`Checkpoint written to ${outcome.file}: ${c.count} entries up to entry #${c.headId}.`);
        console.log(`${CHECKPOINT_LOG_PREFIX} ${checkpointLine(c)}`);
        return 0;
      }
      case "unchanged":
        console.log(`The audit trail has not changed since the newest checkpoint (${outcome.checkpoint.at}): nothing written.`);
        return 0;
      case "empty":
        console.log("The audit trail is empty: nothing to checkpoint.");
        return 0;
      case "refused":
        console.error(
          `Checkpoint NOT written: ${
            outcome.checkpointProblem
              ? describeCheckpointProblem(outcome.previous!, outcome.checkpointProblem)
              : `entry ${outcome.chainProblem!.id} ${chainProblemWhy(outcome.chainProblem!)}.`
          }`,
        );
        console.error(
          `Find out what happened first (npm run audit:verify). If the entries were lost on purpose (an older backup was restored), ` +
            `move ${dir} aside, keep it, and run this again to start a new series of checkpoints.`,
        );
        return 1;
    }
  } finally {
    await client.end().catch(() => {});
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
