// Which PostgreSQL the backup scripts work on: DATABASE_URL when set; otherwise the
// embedded database of `npm start` (the running one, from .data/runtime.json, or, when it
// is stopped, started for the duration of the command and stopped again).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDb } from "./embedded-db";

export interface Target {
  url: string;
  /** For messages: "DATABASE_URL", "the running embedded database", ... */
  description: string;
  stop: () => Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function resolveTarget(env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, description: "DATABASE_URL", stop: async () => {} };
  const dataDir = path.resolve(env.TRACKER_DATA_DIR ?? ".data");
  if (!existsSync(path.join(dataDir, "postgres", "pgdata", "PG_VERSION"))) {
    throw new Error(`DATABASE_URL is not set and there is no embedded database in ${dataDir} (npm start creates it; TRACKER_DATA_DIR points elsewhere).`);
  }
  const runtime = path.join(dataDir, "runtime.json");
  if (existsSync(runtime)) {
    const { databaseUrl } = JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string };
    if (await reachable(databaseUrl)) return { url: databaseUrl, description: `the running embedded database (${dataDir})`, stop: async () => {} };
  }
  const db = await startEmbeddedDb({ rootDir: path.join(dataDir, "postgres"), database: "tracker", quiet: true });
  return { url: db.url, description: `the embedded database (${dataDir}), started for this command`, stop: db.stop };
}
