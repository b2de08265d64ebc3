// npm run audit:verify — checks the audit trail's hash chain in DATABASE_URL (or, without
// it, in the embedded database of a running or stopped `npm start`).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { verifyAuditTrail } from "./lib/audit-verify";
import { startEmbeddedDb } from "./lib/embedded-db";

async function main(): Promise<number> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const dataDir = path.resolve(process.env.TRACKER_DATA_DIR ?? ".data");
    const runtime = path.join(dataDir, "runtime.json");
    if (!existsSync(path.join(dataDir, "postgres"))) {
      console.error("DATABASE_URL is not set and there is no embedded database in " + dataDir);
      return 2;
    }
    try {
      url = (JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string }).databaseUrl;
      await verifyAuditTrail(url, 1); // is it running?
    } catch {
      const db = await startEmbeddedDb({ rootDir: path.join(dataDir, "postgres"), database: "tracker", quiet: true });
      url = db.url;
      stop = db.stop;
    }
  }
  try {
    const result = await verifyAuditTrail(url);
    if (result.ok) {
      console.log(`Audit trail intact: ${result.checked} entries verified.`);
      return 0;
    }
    const what = result.problem?.reason === "altered" ? "was altered (its content does not match its hash)" : "does not follow the entry before it (an entry before it was altered or removed)";
    console.error(`Audit trail BROKEN at entry ${result.problem?.id}: it ${what}. ${result.checked} entries before it verified.`);
    return 1;
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
