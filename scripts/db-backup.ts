// npm run db:backup [-- --out <dir>] [--keep <n>]
// Writes a compressed, timestamped pg_dump (custom format) of DATABASE_URL, or of the
// embedded database of `npm start`, with its SHA-256 and a manifest of row counts, into
// ./backups (or --out). --keep n then deletes all but the n newest backups of that database.
// Exit codes: 0 written, 2 not written (the message says why).
import path from "node:path";
import { parseArgs } from "node:util";
import { backup, BackupError, pruneBackups } from "./lib/backup";
import { MissingToolError } from "./lib/backup-tools";
import { resolveTarget } from "./lib/backup-target";

const USAGE = "Usage: npm run db:backup [-- --out <directory>] [--keep <number of backups to keep>]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { out: { type: "string" }, keep: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) {
    console.error(`--keep must be a whole number of at least 1, got "${values.keep}".\n${USAGE}`);
    return 2;
  }
  // Dumps hold every record: nothing this process writes is readable by other users.
  process.umask(0o077);
  const outDir = path.resolve(values.out ?? "backups");
  const target = await resolveTarget();
  try {
    console.log(`Backing up ${target.description} ...`);
    const result = await backup(target.url, outDir);
    const rows = Object.values(result.manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`Backup written: ${result.file}`);
    console.log(
      `  ${(result.bytes / 1024 / 1024).toFixed(2)} MiB, ${Object.keys(result.manifest.tables).length} tables, ${rows} rows (pg_dump ${result.tool.version}, custom format, compressed)`,
    );
    console.log(`  SHA-256 ${result.sha256} (in ${path.basename(result.checksumFile)}; check with: sha256sum -c ${path.basename(result.checksumFile)})`);
    if (result.manifest.audit?.headHash) {
      console.log(
        `  Audit trail: ${result.manifest.audit.entries} entries, newest #${result.manifest.audit.headId} with hash ${result.manifest.audit.headHash}`,
      );
    }
    console.log("  The backup holds every record, restricted notes included: keep it encrypted, off this machine, and test restoring it.");
    if (keep !== undefined) {
      for (const old of pruneBackups(outDir, result.manifest.database, keep)) console.log(`  Deleted the older backup ${old}`);
    }
    return 0;
  } finally {
    await target.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err instanceof BackupError || err instanceof MissingToolError ? err.message : `Backup failed: ${err.message}`);
    process.exit(2);
  },
);
