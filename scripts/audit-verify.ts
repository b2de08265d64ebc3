// npm run audit:verify [-- --checkpoints <directory or file>]
// Checks the audit trail's hash chain in DATABASE_URL (or, without it, in the embedded
// database of a running or stopped `npm start`) and compares the trail with the newest signed
// checkpoint (AUDIT_CHECKPOINT_DIR, default <data dir>/audit-checkpoints; or the directory or
// file given, such as a server log holding "[audit-checkpoint]" lines).
// Exit codes: 0 intact, 1 broken (chain, checkpoint comparison or a checkpoint that does not
// verify), 2 could not check (no database, no AUDIT_KEY for keyed entries).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { describeCheckpointProblem, describeInvalidCheckpoint } from "../lib/audit/checkpoints";
import { checkpointDir, dataDir, NO_KEY_MESSAGE, resolveAuditKeys } from "./lib/audit-config";
import { chainProblemMessage } from "./lib/audit-messages";
import { verifyAuditTrailWithCheckpoints } from "./lib/audit-verify";
import { startEmbeddedDb } from "./lib/embedded-db";

const USAGE = "Usage: npm run audit:verify [-- --checkpoints <checkpoint directory, or a file such as a server log>]";

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { checkpoints: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const keys = resolveAuditKeys();
  const checkpoints = values.checkpoints ? path.resolve(values.checkpoints) : checkpointDir();
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const dir = dataDir();
    if (!existsSync(path.join(dir, "postgres"))) {
      console.error("DATABASE_URL is not set and there is no embedded database in " + dir);
      return 2;
    }
    const runtime = path.join(dir, "runtime.json");
    const running = existsSync(runtime) ? (JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string }).databaseUrl : null;
    if (running && (await reachable(running))) url = running;
    else {
      const db = await startEmbeddedDb({ rootDir: path.join(dir, "postgres"), database: "tracker", quiet: true });
      url = db.url;
      stop = db.stop;
    }
  }
  try {
    const result = await verifyAuditTrailWithCheckpoints(url, { keys, checkpoints: keys ? checkpoints : null });
    let code = 0;
    if (result.problem) {
      console.error(chainProblemMessage(result.problem, result.checked));
      code = result.problem.reason === "no-key" ? 2 : 1;
      if (result.problem.reason === "altered" && keys)
        console.error(`(Checked with the AUDIT_KEY whose id is ${keys.id}: if that is not the key the entries were written with, every keyed entry fails.)`);
    } else if (result.ok) {
      console.log(`Audit trail intact: ${result.checked} entries verified.`);
    } else {
      console.log(`The hash chain verifies (${result.checked} entries), but the checkpoints say otherwise:`);
    }
    const cp = result.checkpoint;
    if (!keys) {
      if (!result.problem) console.log(`No AUDIT_KEY: checkpoints in ${checkpoints} were not compared. ${NO_KEY_MESSAGE}`);
    } else if (cp) {
      for (const invalid of cp.scan.invalid) {
        console.error(`Checkpoint INVALID: ${describeInvalidCheckpoint(invalid, keys)}`);
        code = Math.max(code, 1);
      }
      const newest = cp.scan.newest;
      if (!newest) {
        console.log(
          `No signed checkpoint in ${checkpoints}: entries removed from the very end of the trail would not show. ` +
            "The app writes one every minute while the trail grows; npm run audit:checkpoint writes one now.",
        );
      } else if (cp.problem) {
        console.error(
          `Audit trail does NOT match the newest signed checkpoint (${newest.file}, line ${newest.line}): ${describeCheckpointProblem(newest.checkpoint, cp.problem)}`,
        );
        code = Math.max(code, 1);
      } else {
        const c = newest.checkpoint;
        console.log(
          `Matches the newest signed checkpoint (${c.at}, in ${newest.file}): ${c.count} entries up to entry #${c.headId}; ${cp.newer} written since.`,
        );
      }
    }
    return code;
  } finally {
    await stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
