// npm run db:restore -- <backup.dump> [--database <name> | --drill] [--clean]
// Checks the backup's SHA-256, restores it into DATABASE_URL (or the embedded database of
// `npm start`) only when that database is empty, then compares the row counts with the
// backup's manifest and verifies the audit trail's hash chain (keyed entries need AUDIT_KEY,
// or, for the embedded database, the key npm start keeps in its data directory).
//   --database <name>  restore into this database on the same server instead (created when
//                      missing)
//   --drill            a restore drill: restore into a new temporary database on the same
//                      server, verify it, then drop it (the live database is not touched)
//   --clean            restore into a database that is not empty, dropping and recreating
//                      everything the backup contains (what was written since is lost)
// Exit codes: 0 restored and verified, 1 restored but the counts or the audit chain do not
// verify, 2 nothing restored (wrong checksum, database not empty, missing tool, ...).
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, dropDatabase, ensureDatabaseExists, restore, timestamp, withDatabase } from "./lib/backup";
import { MissingToolError } from "./lib/backup-tools";
import { NO_KEY_MESSAGE } from "./lib/audit-config";
import { chainProblemMessage } from "./lib/audit-messages";
import { resolveTarget } from "./lib/backup-target";

const USAGE = "Usage: npm run db:restore -- <backup.dump> [--database <name> | --drill] [--clean]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { database: { type: "string" }, drill: { type: "boolean" }, clean: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Name one backup file.\n${USAGE}`);
    return 2;
  }
  if (values.database !== undefined && !/^[\w-]{1,63}$/.test(values.database)) {
    console.error(`--database must be 1-63 letters, digits, _ or -, got "${values.database}".`);
    return 2;
  }
  if (values.drill && (values.database !== undefined || values.clean)) {
    console.error(`--drill restores into a new temporary database: it takes neither --database nor --clean.\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(positionals[0]!);
  const target = await resolveTarget();
  const database = values.drill ? `tracker_drill_${timestamp(new Date()).toLowerCase()}` : values.database;
  let drillUrl: string | null = null;
  try {
    let url = target.url;
    if (database) {
      url = withDatabase(target.url, database);
      if (await ensureDatabaseExists(url)) console.log(`Created the database "${database}".`);
      if (values.drill) drillUrl = url;
    }
    console.log(`Restoring ${file} into "${new URL(url).pathname.slice(1)}" on ${target.description} ...`);
    const result = await restore(file, url, { clean: values.clean });
    console.log(`Checksum verified; restored with pg_restore ${result.tool.version}.`);
    console.log("Rows per table:");
    const width = Math.max(...Object.keys(result.tables).map((t) => t.length), 5);
    for (const [table, n] of Object.entries(result.tables)) console.log(`  ${table.padEnd(width)}  ${n}`);
    let ok = true;
    if (!result.manifest) console.log("No manifest next to the backup: the counts above were not compared.");
    else if (result.mismatches.length === 0) console.log(`Row counts match the backup's manifest (taken ${result.manifest.createdAt}).`);
    else {
      ok = false;
      for (const m of result.mismatches)
        console.error(
          `Row count MISMATCH in ${m.table}: the backup had ${m.expected ?? "no such table"}, the restored database has ${m.restored ?? "no such table"}.`,
        );
    }
    if (result.audit.ok) console.log(`Audit trail intact: ${result.audit.checked} entries verified.`);
    else {
      ok = false;
      console.error(chainProblemMessage(result.audit.problem!, result.audit.checked));
      if (result.audit.problem?.reason === "no-key") console.error(NO_KEY_MESSAGE);
    }
    if (result.auditHeadMatches === false) {
      ok = false;
      console.error(`The restored audit trail does not end with the entry the manifest names (#${result.manifest?.audit?.headId}).`);
    }
    if (values.drill)
      console.log(ok ? "Restore drill passed: the backup restores completely and its audit trail verifies." : "Restore drill FAILED (see above).");
    return ok ? 0 : 1;
  } finally {
    // A drill's copy holds every record: it does not outlive the drill, whatever happened.
    if (drillUrl) {
      await dropDatabase(drillUrl);
      console.log(`Dropped the drill database "${database}".`);
    }
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err instanceof BackupError || err instanceof MissingToolError ? err.message : `Restore failed: ${err.message}`);
    process.exit(2);
  },
);
