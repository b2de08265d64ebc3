// Backups on a real PostgreSQL with the real pg_dump/pg_restore: a backup restored into a
// fresh database has the same rows in every table and a valid audit chain; a damaged file
// and a non-empty database are refused; the npm scripts work on DATABASE_URL and on the
// embedded database (running or stopped).
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/data/audit";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { createPerson, updatePerson } from "@/lib/data/person-mutations";
import { backup, BackupError, countRows, pruneBackups, relationCount, restore, sha256File } from "../../scripts/lib/backup";
import { findPgTool, MissingToolError, parseToolVersion } from "../../scripts/lib/backup-tools";
import { startEmbeddedDb } from "../../scripts/lib/embedded-db";
import { migrate } from "../../scripts/lib/migrate";
import { createDatabase } from "../support/databases";
import { createUser } from "../support/factories";
import { databaseUrl } from "@/lib/env";

const tmp = mkdtempSync(path.join(tmpdir(), "backup-test-"));
const source = () => databaseUrl();

async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function counts(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await countRows(client);
  } finally {
    await client.end();
  }
}

/** A digest of a table's full content, to compare two databases row for row. */
async function tableDigest(url: string, table: string): Promise<string> {
  const [row] = await query<{ d: string | null }>(url, `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS d FROM ${table} t`);
  return row?.d ?? "";
}

function runScript(script: string, args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts", script), ...args], {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let dump = "";

beforeAll(async () => {
  // The demo data (every kind of record) plus changes made through the data layer, so the
  // audit trail has entries written by the app itself.
  await importDemoDataset(await loadDemoDatasetFile());
  const editor = await createUser("EDITOR");
  const p = await createPerson(editor, { name: "Backup Test Person", homeCity: "Ardabil" });
  await updatePerson(editor, p.id, p.version, { name: "Backup Test Person", homeCity: "Ardabil", restrictedNotes: "restricted: family contact" });
  expect(await db().auditEntry.count()).toBeGreaterThanOrEqual(3);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("pg_dump and pg_restore", () => {
  it("reads tool versions and names what to install when no tool is new enough", () => {
    expect(parseToolVersion("pg_dump (PostgreSQL) 18.6 (Debian 18.6-3)")).toEqual({ version: "18.6", major: 18 });
    expect(parseToolVersion("pg_restore (PostgreSQL) 9.6.24")).toEqual({ version: "9.6", major: 9 });
    expect(parseToolVersion("something else")).toBeNull();
    const dir = mkdtempSync(path.join(tmp, "old-tools-"));
    const fake = path.join(dir, "pg_dump");
    writeFileSync(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)'\n");
    chmodSync(fake, 0o755);
    expect(() => findPgTool("pg_dump", 18, "the server runs PostgreSQL 18.4.", { PG_BIN_DIR: dir })).toThrow(MissingToolError);
    expect(() => findPgTool("pg_dump", 18, "the server runs PostgreSQL 18.4.", { PG_BIN_DIR: dir })).toThrow(
      /pg_dump 18 or newer is needed[\s\S]*Found only: pg_dump 15\.18[\s\S]*postgresql-client-18/,
    );
    expect(findPgTool("pg_dump", 15, "", { PG_BIN_DIR: dir })).toMatchObject({ path: fake, version: "15.18", major: 15 });
  });
});

describe("keeping the newest backups", () => {
  it("deletes the older backups of that database only, with their checksum and manifest", () => {
    const dir = mkdtempSync(path.join(tmp, "prune-"));
    const made = (name: string) => {
      for (const suffix of ["", ".sha256", ".manifest.json"]) writeFileSync(path.join(dir, `${name}${suffix}`), "x");
    };
    for (const t of ["20260101T000000Z", "20260102T000000Z", "20260103T000000Z"]) made(`tracker-tracker-${t}.dump`);
    made("tracker-tracker-x-20250101T000000Z.dump");
    writeFileSync(path.join(dir, "notes.txt"), "kept");
    expect(pruneBackups(dir, "tracker", 2)).toEqual([path.join(dir, "tracker-tracker-20260101T000000Z.dump")]);
    expect(readdirSync(dir).sort()).toEqual([
      "notes.txt",
      "tracker-tracker-20260102T000000Z.dump",
      "tracker-tracker-20260102T000000Z.dump.manifest.json",
      "tracker-tracker-20260102T000000Z.dump.sha256",
      "tracker-tracker-20260103T000000Z.dump",
      "tracker-tracker-20260103T000000Z.dump.manifest.json",
      "tracker-tracker-20260103T000000Z.dump.sha256",
      "tracker-tracker-x-20250101T000000Z.dump",
      "tracker-tracker-x-20250101T000000Z.dump.manifest.json",
      "tracker-tracker-x-20250101T000000Z.dump.sha256",
    ]);
  });
});

describe("backup", () => {
  it("writes a compressed custom-format dump, its SHA-256 and a manifest of the dumped rows", async () => {
    const result = await backup(source(), path.join(tmp, "out"), new Date("2026-11-24T02:15:30.123Z"));
    dump = result.file;
    expect(path.basename(dump)).toMatch(/^tracker-t_[\w]+-20261124T021530Z\.dump$/);
    // pg_dump's custom format starts with "PGDMP"; the file is its owner's alone.
    expect(readFileSync(dump).subarray(0, 5).toString()).toBe("PGDMP");
    expect(statSync(dump).mode & 0o777).toBe(0o600);
    expect(existsSync(`${dump}.partial`)).toBe(false);
    expect(readFileSync(result.checksumFile, "utf8")).toBe(`${await sha256File(dump)}  ${path.basename(dump)}\n`);
    expect(result.tool.major).toBeGreaterThanOrEqual(18);
    const live = await counts(source());
    expect(result.manifest.tables).toEqual(live);
    expect(live["public.people"]).toBeGreaterThan(50);
    const head = (await query<{ id: string; hash: string }>(source(), "SELECT id::text, hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1"))[0]!;
    expect(result.manifest.audit).toEqual({ entries: live["public.audit_entries"], headId: head.id, headHash: head.hash });
    expect(JSON.parse(readFileSync(result.manifestFile, "utf8"))).toEqual(result.manifest);
    // Compressed: smaller than the data it holds.
    const [database] = await query<{ size: string }>(source(), "SELECT pg_database_size(current_database())::text AS size");
    expect(statSync(dump).size).toBeLessThan(Number(database!.size) / 4);
  });

  it("restores into a fresh database with the same rows in every table and a valid audit chain", async () => {
    const fresh = await createDatabase(inject("adminUrl"), "restore");
    const result = await restore(dump, fresh);
    expect(result.mismatches).toEqual([]);
    expect(result.tables).toEqual(await counts(source()));
    expect(result.audit).toEqual({ ok: true, checked: result.tables["public.audit_entries"], problem: null });
    expect(result.auditHeadMatches).toBe(true);
    for (const table of ["people", "cases", "case_events", "sources", "audit_entries", "users", "_prisma_migrations"]) {
      expect(await tableDigest(fresh, table), table).toBe(await tableDigest(source(), table));
    }
    // The restored database is usable: migrations recorded, sequences continue after the data.
    const [sequence] = await query<{ next: string }>(fresh, "SELECT nextval(pg_get_serial_sequence('audit_entries', 'id'))::text AS next");
    expect(BigInt(sequence!.next)).toBeGreaterThan(BigInt(result.manifest!.audit!.headId!));
  });

  it("refuses a damaged file and restores nothing", async () => {
    const damaged = path.join(tmp, "damaged.dump");
    copyFileSync(dump, damaged);
    copyFileSync(`${dump}.sha256`, `${damaged}.sha256`);
    const bytes = readFileSync(damaged);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const fresh = await createDatabase(inject("adminUrl"), "damaged");
    await expect(restore(damaged, fresh)).rejects.toThrow(BackupError);
    await expect(restore(damaged, fresh)).rejects.toThrow(
      /Checksum mismatch: damaged\.dump has SHA-256 [0-9a-f]{64}, but damaged\.dump\.sha256 says [0-9a-f]{64}/,
    );
    expect(await relationCount(fresh)).toBe(0);
  });

  it("refuses a file without its checksum", async () => {
    const bare = path.join(tmp, "bare.dump");
    copyFileSync(dump, bare);
    const fresh = await createDatabase(inject("adminUrl"), "bare");
    await expect(restore(bare, fresh)).rejects.toThrow(/No checksum next to the backup/);
    expect(await relationCount(fresh)).toBe(0);
  });

  it("refuses a database that is not empty and leaves it as it was, unless told to replace it", async () => {
    const target = await createDatabase(inject("adminUrl"), "nonempty");
    await restore(dump, target);
    await query(target, "UPDATE people SET name = 'Changed after the backup' WHERE key = (SELECT min(key) FROM people)");
    await query(target, "CREATE TABLE extra_notes (id int)");
    const before = await counts(target);
    await expect(restore(dump, target)).rejects.toThrow(/is not empty \(\d+ tables, views or sequences\): nothing was restored/);
    expect(await counts(target)).toEqual(before);
    expect(await query(target, "SELECT 1 FROM people WHERE name = 'Changed after the backup'")).toHaveLength(1);

    // --clean: every object of the backup is dropped and restored; others are left alone.
    const result = await restore(dump, target, { clean: true });
    expect(result.mismatches).toEqual([{ table: "public.extra_notes", expected: null, restored: 0 }]);
    expect(result.audit.ok).toBe(true);
    expect(await query(target, "SELECT 1 FROM people WHERE name = 'Changed after the backup'")).toHaveLength(0);
    expect(await tableDigest(target, "people")).toBe(await tableDigest(source(), "people"));
  });
});

describe("npm run db:backup / db:restore", () => {
  it("back up DATABASE_URL and restore it into a new database on the same server, with counts and chain checked", { timeout: 240_000 }, async () => {
    const out = path.join(tmp, "cli");
    const made = await runScript("db-backup.ts", ["--out", out], { DATABASE_URL: source() });
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    const file = /Backup written: (.+\.dump)/.exec(made.stdout)?.[1];
    expect(file && existsSync(file)).toBe(true);
    expect(made.stdout).toMatch(/SHA-256 [0-9a-f]{64}/);

    const name = `drill_${Date.now().toString(36)}`;
    const restored = await runScript("db-restore.ts", [file!, "--database", name], { DATABASE_URL: source() });
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Created the database "${name}".`);
    expect(restored.stdout).toMatch(/public\.people\s+\d+/);
    expect(restored.stdout).toContain("Row counts match the backup's manifest");
    expect(restored.stdout).toMatch(/Audit trail intact: \d+ entries verified\./);
    const copy = new URL(source());
    copy.pathname = `/${name}`;
    expect(await counts(copy.toString())).toEqual(await counts(source()));

    // The same command again: the drill database is no longer empty.
    const again = await runScript("db-restore.ts", [file!, "--database", name], { DATABASE_URL: source() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/is not empty .* nothing was restored/);

    // A restore drill: a temporary database, verified, then dropped.
    const drill = await runScript("db-restore.ts", [file!, "--drill"], { DATABASE_URL: source() });
    expect(drill.stderr).toBe("");
    expect(drill.code).toBe(0);
    const drillName = /Created the database "(tracker_drill_\w+)"/.exec(drill.stdout)?.[1];
    expect(drillName).toBeTruthy();
    expect(drill.stdout).toContain("Row counts match the backup's manifest");
    expect(drill.stdout).toContain("Restore drill passed");
    expect(drill.stdout).toContain(`Dropped the drill database "${drillName}".`);
    expect(await query(source(), "SELECT 1 FROM pg_database WHERE datname = $1", [drillName])).toHaveLength(0);
  });

  it("a restore drill of a backup whose audit trail was altered fails naming the altered entry", { timeout: 180_000 }, async () => {
    const url = await createDatabase(inject("adminUrl"), "tampered");
    await migrate(url);
    // Three entries written by the app's own writer, on that database.
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      for (let i = 0; i < 3; i++)
        await other.$transaction((tx) => writeAudit(tx, { actorId: null, action: "test.entry", entityType: "thing", entityId: String(i), after: { n: i } }));
    } finally {
      await other.$disconnect();
    }
    const [victim] = await query<{ id: string }>(url, "SELECT id::text FROM audit_entries ORDER BY audit_entries.id OFFSET 1 LIMIT 1");
    await query(url, `UPDATE audit_entries SET after = '{"n": 99}'::jsonb WHERE id = $1`, [victim!.id]);

    const out = path.join(tmp, "tampered");
    expect((await runScript("db-backup.ts", ["--out", out], { DATABASE_URL: url })).code).toBe(0);
    const [file] = readdirSync(out).filter((f) => f.endsWith(".dump"));
    const restored = await runScript("db-restore.ts", [path.join(out, file!), "--drill"], { DATABASE_URL: url });
    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain(`Audit trail BROKEN at entry ${victim!.id}: it was altered`);
    expect(restored.stdout).toContain("Restore drill FAILED");
    // The drill's copy is dropped even when the drill fails.
    expect(await query(url, "SELECT datname FROM pg_database WHERE datname LIKE 'tracker_drill_%'")).toEqual([]);
  });

  it("work on the embedded database, stopped (started for the command) and running (from runtime.json)", { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmp, "embedded-"));
    const pgRoot = path.join(dataDir, "postgres");
    let embedded = await startEmbeddedDb({ rootDir: pgRoot, database: "tracker", quiet: true });
    await migrate(embedded.url);
    await query(
      embedded.url,
      "INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('u-embedded', 'e@x.org', 'Embedded', 'ADMIN', 'x', now())",
    );
    const expected = await counts(embedded.url);
    await embedded.stop();

    // Stopped: db:backup starts it, dumps it, stops it.
    const out = path.join(dataDir, "backups");
    const made = await runScript("db-backup.ts", ["--out", out, "--keep", "3"], { DATABASE_URL: undefined, TRACKER_DATA_DIR: dataDir });
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("Backing up the embedded database");
    const file = /Backup written: (.+\.dump)/.exec(made.stdout)![1]!;
    expect(path.basename(file)).toMatch(/^tracker-tracker-\d{8}T\d{6}Z\.dump$/);

    // Running (as npm start leaves it): db:restore finds it through runtime.json.
    embedded = await startEmbeddedDb({ rootDir: pgRoot, database: "tracker", quiet: true });
    try {
      writeFileSync(path.join(dataDir, "runtime.json"), JSON.stringify({ databaseUrl: embedded.url, port: embedded.port }));
      const refused = await runScript("db-restore.ts", [file], { DATABASE_URL: undefined, TRACKER_DATA_DIR: dataDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/The database "tracker" is not empty/);
      const restored = await runScript("db-restore.ts", [file, "--database", "tracker_drill"], { DATABASE_URL: undefined, TRACKER_DATA_DIR: dataDir });
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain("on the running embedded database");
      expect(restored.stdout).toContain("Row counts match the backup's manifest");
      const drill = new URL(embedded.url);
      drill.pathname = "/tracker_drill";
      expect(await counts(drill.toString())).toEqual(expected);
    } finally {
      await embedded.stop();
    }
  });
});
