// Backups with pg_dump's custom format (compressed, restorable table by table) and their
// restore, shared by `npm run db:backup`, `npm run db:restore` and the tests.
//
// A backup is three files side by side:
//   tracker-<database>-<UTC time>.dump                the pg_dump archive (-Fc)
//   tracker-<database>-<UTC time>.dump.sha256         its SHA-256, in `sha256sum` format
//   tracker-<database>-<UTC time>.dump.manifest.json  row counts per table and the audit
//                                                     trail's newest entry, taken in the very
//                                                     snapshot pg_dump dumped
// A restore refuses a file whose checksum does not match, refuses a database that is not
// empty (unless told to replace its contents), restores, then compares the row counts with
// the manifest and verifies the audit trail's hash chain.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { verifyAuditTrail, type AuditVerification } from "./audit-verify";
import { findPgTool, type PgTool } from "./backup-tools";

export class BackupError extends Error {}

export interface Manifest {
  format: "tracker-backup/1";
  createdAt: string;
  database: string;
  serverVersion: string;
  pgDump: string;
  /** Rows per table ("schema.table"), counted in the snapshot that was dumped. */
  tables: Record<string, number>;
  /** The audit trail's newest entry at the time of the backup (null: no entries). */
  audit: { entries: number; headId: string | null; headHash: string | null } | null;
}

export interface BackupResult {
  file: string;
  checksumFile: string;
  manifestFile: string;
  sha256: string;
  bytes: number;
  manifest: Manifest;
  tool: PgTool;
}

export interface RestoreResult {
  database: string;
  tables: Record<string, number>;
  /** Tables whose restored count differs from the manifest (empty when they all match). */
  mismatches: { table: string; expected: number | null; restored: number | null }[];
  manifest: Manifest | null;
  audit: AuditVerification;
  /** The restored trail ends with the entry the backup's manifest names. */
  auditHeadMatches: boolean | null;
  tool: PgTool;
}

// ---------------------------------------------------------------------------------------
// Connections
// ---------------------------------------------------------------------------------------

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

/**
 * libpq's connection for pg_dump/pg_restore: the URL without its password (a command line
 * is visible to every user of the machine), the password in PGPASSWORD.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  else delete env.PGPASSWORD;
  return { dbname: u.toString(), env };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

async function serverMajor(client: pg.Client): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ num: string; version: string }>(
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
  );
  return { major: Math.floor(Number(rows[0]!.num) / 10_000), version: rows[0]!.version };
}

/** Ordinary and partitioned tables outside PostgreSQL's own schemas, as "schema.table". */
async function userTables(client: pg.Client): Promise<{ schema: string; table: string }[]> {
  const { rows } = await client.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
      ORDER BY 1, 2`,
  );
  return rows;
}

/** Exact row counts of every table (in the client's current transaction, if any). */
export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { schema, table } of await userTables(client)) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`);
    counts[`${schema}.${table}`] = Number(rows[0]!.n);
  }
  return counts;
}

async function auditHead(client: pg.Client, counts: Record<string, number>): Promise<Manifest["audit"]> {
  if (!("public.audit_entries" in counts)) return null;
  const { rows } = await client.query<{ id: string; hash: string | null }>("SELECT id::text, hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1");
  return { entries: counts["public.audit_entries"] ?? 0, headId: rows[0]?.id ?? null, headHash: rows[0]?.hash ?? null };
}

/** Relations (tables, views, sequences, ...) outside PostgreSQL's own schemas. */
export async function relationCount(url: string): Promise<number> {
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Creates the database on the URL's server when it does not exist; true when it was created. */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  const name = databaseName(url);
  const client = await connect(withDatabase(url, "postgres"));
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database (a restore drill's) on the URL's server, ending its connections first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = await connect(withDatabase(url, "postgres"));
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** "20261124T021530Z" */
export function timestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

export const checksumFileOf = (file: string) => `${file}.sha256`;
export const manifestFileOf = (file: string) => `${file}.manifest.json`;

function run(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.on("data", () => {});
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool.name} failed (${signal ?? `exit code ${code}`}):\n${stderr.trim()}`));
    });
  });
}

// ---------------------------------------------------------------------------------------
// Backup
// ---------------------------------------------------------------------------------------

/**
 * Dumps the database in `url` into `outDir`. The row counts of the manifest come from the
 * same snapshot as the dump (exported from a read-only transaction held open meanwhile).
 */
export async function backup(url: string, outDir: string, now = new Date()): Promise<BackupResult> {
  const client = await connect(url);
  try {
    const server = await serverMajor(client);
    const tool = findPgTool(
      "pg_dump",
      server.major,
      `the database server runs PostgreSQL ${server.version}, and pg_dump refuses to dump a server newer than itself.`,
    );
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
    const database = databaseName(url);
    const base = `tracker-${database.replace(/[^\w-]+/g, "_")}-${timestamp(now)}.dump`;
    const file = path.resolve(outDir, base);
    if (existsSync(file)) throw new BackupError(`${file} exists already; nothing was written`);
    const partial = `${file}.partial`;

    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const tables = await countRows(client);
    const audit = await auditHead(client, tables);
    const { dbname, env } = libpqConnection(url);
    try {
      await run(tool, ["--format=custom", "--compress=6", `--snapshot=${rows[0]!.snapshot}`, `--file=${partial}`, `--dbname=${dbname}`], env);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    await client.query("COMMIT");

    // Everything in the database is in the file: readable by its owner only.
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    const sha256 = await sha256File(file);
    const checksumFile = checksumFileOf(file);
    writeFileSync(checksumFile, `${sha256}  ${base}\n`, { mode: 0o600 });
    const manifest: Manifest = {
      format: "tracker-backup/1",
      createdAt: now.toISOString(),
      database,
      serverVersion: server.version,
      pgDump: tool.version,
      tables,
      audit,
    };
    const manifestFile = manifestFileOf(file);
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return { file, checksumFile, manifestFile, sha256, bytes: statSync(file).size, manifest, tool };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Keeps the `keep` newest backups of `database` in `dir` (by the time in their names) and
 * deletes the older ones with their checksum and manifest. Returns the deleted dumps.
 */
export function pruneBackups(dir: string, database: string, keep: number): string[] {
  const name = database.replace(/[^\w-]+/g, "_").replace(/-/g, "\\-");
  // Exactly this database's backups ("tracker-x" is not a backup of "tracker").
  const own = new RegExp(`^tracker-${name}-\\d{8}T\\d{6}Z\\.dump$`);
  const dumps = readdirSync(dir)
    .filter((f) => own.test(f))
    .sort()
    .reverse();
  const old = dumps.slice(Math.max(keep, 0));
  for (const f of old) for (const p of [f, `${f}.sha256`, `${f}.manifest.json`]) rmSync(path.join(dir, p), { force: true });
  return old.map((f) => path.join(dir, f));
}

// ---------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------

/** Refuses (BackupError) a dump whose checksum file is missing or does not match. */
export async function verifyChecksum(file: string): Promise<string> {
  const checksumFile = checksumFileOf(file);
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  if (!existsSync(checksumFile)) throw new BackupError(`No checksum next to the backup (${checksumFile}): it cannot be checked, so it is not restored.`);
  const expected = readFileSync(checksumFile, "utf8").trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new BackupError(`${checksumFile} does not hold a SHA-256 checksum.`);
  const actual = await sha256File(file);
  if (actual !== expected) {
    throw new BackupError(
      `Checksum mismatch: ${path.basename(file)} has SHA-256 ${actual}, but ${path.basename(checksumFile)} says ${expected}. The file is damaged or was changed; nothing was restored.`,
    );
  }
  return actual;
}

export function readManifest(file: string): Manifest | null {
  const manifestFile = manifestFileOf(file);
  if (!existsSync(manifestFile)) return null;
  const m = JSON.parse(readFileSync(manifestFile, "utf8")) as Manifest;
  return m.format === "tracker-backup/1" ? m : null;
}

/**
 * Restores `file` into the database in `url`, which must be empty unless `clean` (then the
 * objects the backup holds are dropped and recreated: whatever they held is replaced).
 */
export async function restore(file: string, url: string, options: { clean?: boolean } = {}): Promise<RestoreResult> {
  await verifyChecksum(file);
  const manifest = readManifest(file);
  const client = await connect(url);
  let server: { major: number; version: string };
  try {
    server = await serverMajor(client);
  } finally {
    await client.end();
  }
  const archiveMajor = Number((manifest?.pgDump ?? "0").split(".")[0]) || 0;
  const tool = findPgTool(
    "pg_restore",
    Math.max(server.major, archiveMajor),
    `the database server runs PostgreSQL ${server.version}${archiveMajor ? ` and the backup was written by pg_dump ${manifest?.pgDump}` : ""}; an older pg_restore cannot read newer archives.`,
  );
  const existing = await relationCount(url);
  if (existing > 0 && !options.clean) {
    throw new BackupError(
      `The database "${databaseName(url)}" is not empty (${existing} tables, views or sequences): nothing was restored. Restore into an empty database ` +
        `(npm run db:restore -- <file> --database <new name> creates one on the same server), or pass --clean to drop and replace everything the backup contains.`,
    );
  }
  const { dbname, env } = libpqConnection(url);
  const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${dbname}`];
  if (options.clean) args.push("--clean", "--if-exists");
  await run(tool, [...args, file], env);

  const after = await connect(url);
  let tables: Record<string, number>;
  try {
    tables = await countRows(after);
  } finally {
    await after.end();
  }
  const mismatches: RestoreResult["mismatches"] = [];
  if (manifest) {
    for (const table of new Set([...Object.keys(manifest.tables), ...Object.keys(tables)])) {
      const expected = manifest.tables[table] ?? null;
      const restored = tables[table] ?? null;
      if (expected !== restored) mismatches.push({ table, expected, restored });
    }
  }
  const audit = "public.audit_entries" in tables ? await verifyAuditTrail(url) : { ok: true, checked: 0, problem: null };
  let auditHeadMatches: boolean | null = null;
  if (manifest?.audit) {
    const c = await connect(url);
    try {
      const head = await auditHead(c, tables);
      auditHeadMatches = head?.headId === manifest.audit.headId && head?.headHash === manifest.audit.headHash;
    } finally {
      await c.end();
    }
  }
  return { database: databaseName(url), tables, mismatches, manifest, audit, auditHeadMatches, tool };
}
