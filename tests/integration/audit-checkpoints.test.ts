// The keyed audit chain and its signed checkpoints, on a real PostgreSQL, through the code
// `npm run audit:verify` and `npm run audit:checkpoint` run (and those commands themselves):
// removing the newest entries, or rewriting the newest one with a recomputed hash, is
// detected and named; a checkpoint line that does not verify is reported; the app's own
// checkpoint writer refuses to vouch for a trail that lost entries; entries written before
// the chain was keyed still verify and are linked to by the first keyed one.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { CHECKPOINT_LOG_PREFIX, checkpointLine, readNewestCheckpoint, signCheckpoint } from "@/lib/audit/checkpoints";
import { deriveAuditKeys, entryHash, keyedEntryHash, type AuditKeys } from "@/lib/audit/chain";
import { takeCheckpoint } from "@/lib/audit/trail-pg";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/data/audit";
import { verifyAuditChain } from "@/lib/data/audit-trail";
import { auditCheckpointDir, auditKey, databaseUrl } from "@/lib/env";
import { readMigrations, migrate } from "../../scripts/lib/migrate";
import { verifyAuditTrail, verifyAuditTrailWithCheckpoints } from "../../scripts/lib/audit-verify";
import { createDatabase } from "../support/databases";
import { createUser } from "../support/factories";

// The app's timer, tested below, checks every second here instead of every minute.
process.env.AUDIT_CHECKPOINT_SECONDS = "1";

let keys: AuditKeys;
const wrongKeys = deriveAuditKeys(Buffer.alloc(32, 0x17));

async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = [], url = databaseUrl()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, url = databaseUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An npm script of the project, on this file's database. */
function npmScript(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts", script), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const write = (action: string, after: unknown = { n: 1 }) =>
  db().$transaction((tx) => writeAudit(tx, { actorId: null, action, entityType: "thing", entityId: action, after }));

type Row = {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string | null;
  hash: string;
  hash_scheme: string;
};
const ROW = "id::text, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash, hash_scheme";
const newest = async (n = 1) => sql<Row>(`SELECT ${ROW} FROM audit_entries ORDER BY audit_entries.id DESC LIMIT $1`, [n]);
const hashed = (r: Row, changes: Partial<Row> = {}) => {
  const e = { ...r, ...changes };
  return {
    id: e.id,
    at: e.at,
    actorId: e.actor_id,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    before: e.before,
    after: e.after,
    prevHash: e.prev_hash,
  };
};

/** Puts rows back exactly as they were (after a test removed or rewrote them). */
async function putBack(rows: Row[]) {
  for (const r of rows) {
    await sql("DELETE FROM audit_entries WHERE id = $1", [r.id]);
    await sql(
      `INSERT INTO audit_entries (id, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash, hash_scheme)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
      [r.id, r.at, r.actor_id, r.action, r.entity_type, r.entity_id, JSON.stringify(r.before), JSON.stringify(r.after), r.prev_hash, r.hash, r.hash_scheme],
    );
  }
}

const checkpointNow = (dir: string) => withClient((c) => takeCheckpoint(c, keys, dir));
const verify = (dir: string | null) => verifyAuditTrailWithCheckpoints(databaseUrl(), { keys, checkpoints: dir });
const lines = (dir: string) => readdirSync(dir).flatMap((f) => readFileSync(path.join(dir, f), "utf8").trim().split("\n"));

beforeAll(async () => {
  keys = deriveAuditKeys(auditKey());
  for (let i = 0; i < 6; i++) await write(`test.entry_${i}`, { n: i, nested: { b: 1, a: [1, "x"] } });
});

describe("the keyed chain", () => {
  it("writes every entry keyed with AUDIT_KEY, linked to the one before, and verifies it", async () => {
    const rows = (await sql<Row>(`SELECT ${ROW} FROM audit_entries ORDER BY audit_entries.id`)).slice(0, 6);
    expect(rows[0]!.prev_hash).toBeNull();
    for (const [i, r] of rows.entries()) {
      expect(r.hash_scheme).toBe("hmac-sha256");
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1]!.hash);
      expect(r.hash).toBe(keyedEntryHash(keys, hashed(r)));
      // Not something anyone could recompute without the key.
      expect(r.hash).not.toBe(entryHash(hashed(r)));
      expect(r.hash).not.toBe(keyedEntryHash(wrongKeys, hashed(r)));
    }
    expect(await verifyAuditTrail(databaseUrl())).toMatchObject({ ok: true, problem: null });
  });

  it("names the newest entry when it is rewritten and its hash recomputed with plain SHA-256", async () => {
    const [head] = await newest();
    const total = Number((await sql("SELECT count(*) AS n FROM audit_entries"))[0]!.n);
    const forged = hashed(head!, { action: "test.nothing_happened", after: { n: 0 } });
    await sql("UPDATE audit_entries SET action = $2, after = $3::jsonb, hash = $4 WHERE id = $1", [
      head!.id,
      forged.action,
      JSON.stringify(forged.after),
      entryHash(forged),
    ]);
    expect(await verifyAuditTrail(databaseUrl())).toEqual({ ok: false, checked: total - 1, problem: { id: head!.id, reason: "altered" } });
    // Marking it unkeyed as well does not help: no unkeyed entry may follow a keyed one.
    await sql("UPDATE audit_entries SET hash_scheme = 'sha256' WHERE id = $1", [head!.id]);
    expect(await verifyAuditTrail(databaseUrl())).toEqual({ ok: false, checked: total - 1, problem: { id: head!.id, reason: "unkeyed" } });
    const cli = npmScript("audit-verify.ts", []);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`Audit trail BROKEN at entry ${head!.id}: it has an unkeyed hash although keyed entries come before it`);
    await putBack([head!]);
    expect((await verifyAuditTrail(databaseUrl())).ok).toBe(true);
  });

  it("names the newest entry when its hash is recomputed with another key", async () => {
    const [head] = await newest();
    const forged = hashed(head!, { after: { n: 42 } });
    await sql("UPDATE audit_entries SET after = $2::jsonb, hash = $3 WHERE id = $1", [
      head!.id,
      JSON.stringify(forged.after),
      keyedEntryHash(wrongKeys, forged),
    ]);
    expect(await verifyAuditTrail(databaseUrl())).toMatchObject({ ok: false, problem: { id: head!.id, reason: "altered" } });
    // Checked with the wrong key, the untouched trail fails too, at its first keyed entry.
    const [first] = await sql<{ id: string }>("SELECT id::text FROM audit_entries ORDER BY audit_entries.id LIMIT 1");
    await putBack([head!]);
    expect(await verifyAuditTrail(databaseUrl(), 2000, wrongKeys)).toEqual({ ok: false, checked: 0, problem: { id: first!.id, reason: "altered" } });
    // And without any key it cannot be checked at all (npm run audit:verify: exit code 2).
    expect(await verifyAuditTrail(databaseUrl(), 2000, null)).toEqual({ ok: false, checked: 0, problem: { id: first!.id, reason: "no-key" } });
    const cli = npmScript("audit-verify.ts", [], { AUDIT_KEY: "" });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`Audit trail NOT VERIFIED from entry ${first!.id}: it is keyed and cannot be checked without AUDIT_KEY.`);
  });
});

describe("signed checkpoints", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "audit-cp-test-"));

  it("npm run audit:checkpoint writes one signed line per change of the trail, which verify then matches", async () => {
    const made = npmScript("audit-checkpoint.ts", [], { AUDIT_CHECKPOINT_DIR: dir });
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    const [head] = await newest();
    const total = Number((await sql("SELECT count(*) AS n FROM audit_entries"))[0]!.n);
    expect(made.stdout).toContain(`entries up to entry #${head!.id}.`);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\.jsonl$/);
    const [line] = lines(dir);
    // The same line goes to the output (the server log, for the app), for a watcher to keep.
    expect(made.stdout).toContain(`${CHECKPOINT_LOG_PREFIX} ${line}`);
    expect(JSON.parse(line!)).toMatchObject({
      type: "audit-checkpoint",
      v: 1,
      count: total,
      headId: head!.id,
      headHash: head!.hash,
      kid: keys.id,
      sig: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Nothing changed: nothing written.
    expect(npmScript("audit-checkpoint.ts", [], { AUDIT_CHECKPOINT_DIR: dir }).stdout).toContain("has not changed since the newest checkpoint");
    expect(lines(dir)).toHaveLength(1);

    const result = await verify(dir);
    expect(result).toMatchObject({ ok: true, problem: null, checkpoint: { problem: null, newer: 0, scan: { invalid: [] } } });
    const cli = npmScript("audit-verify.ts", ["--checkpoints", dir]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`Audit trail intact: ${total} entries verified.`);
    expect(cli.stdout).toMatch(new RegExp(`Matches the newest signed checkpoint \\(.+\\): ${total} entries up to entry #${head!.id}; 0 written since\\.`));
  });

  it("a valid chain that grew since passes, and the next checkpoint follows on", async () => {
    await write("test.after_checkpoint");
    expect(await verify(dir)).toMatchObject({ ok: true, checkpoint: { problem: null, newer: 1 } });
    expect(await checkpointNow(dir)).toMatchObject({ state: "written" });
    expect(await checkpointNow(dir)).toMatchObject({ state: "unchanged" });
    expect(lines(dir)).toHaveLength(2);
    expect(await verify(dir)).toMatchObject({ ok: true, checkpoint: { newer: 0 } });
  });

  it("deleting the newest entry after a checkpoint fails verify, naming it; the chain alone still verifies", async () => {
    const [head] = await newest();
    await sql("DELETE FROM audit_entries WHERE id = $1", [head!.id]);
    // What the chain alone cannot see:
    expect(await verifyAuditTrail(databaseUrl())).toMatchObject({ ok: true, problem: null });
    const result = await verify(dir);
    expect(result.ok).toBe(false);
    expect(result.problem).toBeNull();
    expect(result.checkpoint!.problem).toMatchObject({
      reason: "head-missing",
      id: head!.id,
      foundCount: result.checkpoint!.scan.newest!.checkpoint.count - 1,
    });
    const cli = npmScript("audit-verify.ts", ["--checkpoints", dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(
      new RegExp(
        `does NOT match the newest signed checkpoint .*entry #${head!.id}, the newest when the signed checkpoint of \\S+ was taken, is missing: entries were removed from the end of the trail \\(1 of the \\d+ entries it counted are gone`,
      ),
    );
    await putBack([head!]);
    expect(await verify(dir)).toMatchObject({ ok: true });
  });

  it("deleting several newest entries names the checkpoint's head and the newest entry left", async () => {
    const gone = await newest(3);
    const [left] = await sql<{ id: string }>("SELECT id::text FROM audit_entries ORDER BY audit_entries.id DESC OFFSET 3 LIMIT 1");
    await sql("DELETE FROM audit_entries WHERE id = ANY($1::bigint[])", [gone.map((r) => r.id)]);
    const result = await verify(dir);
    const count = result.checkpoint!.scan.newest!.checkpoint.count;
    expect(result.checkpoint!.problem).toEqual({
      reason: "head-missing",
      id: gone[0]!.id,
      expectedCount: count,
      foundCount: count - 3,
      lastPresentId: left!.id,
      expectedHash: gone[0]!.hash,
      foundHash: null,
    });

    // New entries written meanwhile do not hide it: the checkpoint's head is still missing.
    await write("test.written_after_the_removal");
    expect(await verify(dir)).toMatchObject({ ok: false, checkpoint: { problem: { reason: "head-missing", id: gone[0]!.id } } });

    // The app's writer refuses to sign the shortened trail, so waiting for the next
    // checkpoint does not make the removal look normal.
    const before = lines(dir).length;
    expect(await checkpointNow(dir)).toMatchObject({ state: "refused", checkpointProblem: { reason: "head-missing", id: gone[0]!.id } });
    const refused = npmScript("audit-checkpoint.ts", [], { AUDIT_CHECKPOINT_DIR: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Checkpoint NOT written: entry #${gone[0]!.id}, the newest when`);
    expect(lines(dir)).toHaveLength(before);

    const [extra] = await newest();
    await sql("DELETE FROM audit_entries WHERE id = $1", [extra!.id]);
    await putBack([...gone].reverse());
    expect(await verify(dir)).toMatchObject({ ok: true });
  });

  it("the newest entry rewritten with the key (an insider) still differs from the checkpoint", async () => {
    const [head] = await newest();
    const forged = hashed(head!, { after: { n: -1 } });
    await sql("UPDATE audit_entries SET after = $2::jsonb, hash = $3 WHERE id = $1", [head!.id, JSON.stringify(forged.after), keyedEntryHash(keys, forged)]);
    const result = await verify(dir);
    expect(result.problem).toBeNull();
    expect(result.checkpoint!.problem).toMatchObject({ reason: "head-altered", id: head!.id, expectedHash: head!.hash });
    await putBack([head!]);
  });

  it("reports a checkpoint line whose signature does not verify, and one signed with another key", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), "audit-cp-tampered-"));
    cpSync(dir, copy, { recursive: true });
    const [file] = readdirSync(copy);
    const all = readFileSync(path.join(copy, file!), "utf8").trim().split("\n");
    const last = JSON.parse(all[all.length - 1]!) as { count: number };
    // Someone "corrects" the newest checkpoint's count, and adds one signed with a key of their own.
    const tampered = JSON.stringify({ ...last, count: last.count - 1 });
    const foreign = checkpointLine(
      signCheckpoint(wrongKeys, { count: 1, headId: "1", headHash: "0".repeat(64), at: new Date(Date.now() + 60_000).toISOString() }),
    );
    writeFileSync(path.join(copy, file!), [...all.slice(0, -1), tampered, foreign, "not a checkpoint"].join("\n") + "\n");

    const result = await verify(copy);
    expect(result.ok).toBe(false);
    expect(result.problem).toBeNull();
    expect(result.checkpoint!.scan.invalid).toEqual([
      { file: path.join(copy, file!), line: all.length, reason: "bad-signature" },
      { file: path.join(copy, file!), line: all.length + 1, reason: "other-key", kid: wrongKeys.id },
      { file: path.join(copy, file!), line: all.length + 2, reason: "malformed" },
    ]);
    // The comparison falls back to the newest line that verifies, and the trail matches it.
    expect(result.checkpoint!.scan.newest!.line).toBe(all.length - 1);
    expect(result.checkpoint!.problem).toBeNull();

    const cli = npmScript("audit-verify.ts", ["--checkpoints", copy]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      `Checkpoint INVALID: ${path.join(copy, file!)}, line ${all.length}: a checkpoint whose signature does not verify: it was altered after it was written.`,
    );
    expect(cli.stderr).toContain(`line ${all.length + 1}: a checkpoint signed with another AUDIT_KEY (key id ${wrongKeys.id}; this key's id is ${keys.id})`);
  });

  it("reads checkpoints from a server log too", async () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), "audit-cp-log-")), "server.log");
    const newestLine = lines(dir).at(-1)!;
    writeFileSync(log, `▲ Next.js ready\nGET /api/health 200\n${CHECKPOINT_LOG_PREFIX} ${newestLine}\nsomething else\n`);
    const scan = readNewestCheckpoint(log, keys);
    expect(scan).toMatchObject({ invalid: [], newest: { line: 3, checkpoint: JSON.parse(newestLine) } });
    const cli = npmScript("audit-verify.ts", ["--checkpoints", log]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain("Matches the newest signed checkpoint");
  });
});

describe("the audit page and the app's own checkpoints", () => {
  it("the app writes a checkpoint when the trail changed and prints it to the log; the page compares with it", async () => {
    const admin = await createUser("ADMIN");
    const dir = auditCheckpointDir();
    expect((await verifyAuditChain(admin, { full: true })).checkpoint).toMatchObject({ state: "none", dir: path.resolve(dir) });

    const logged: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
    const { startAuditCheckpoints, stopAuditCheckpoints } = await import("@/lib/audit/checkpoint-timer");
    try {
      startAuditCheckpoints();
      await vi.waitFor(() => expect(existsSync(dir) && lines(dir).length).toBe(1), { timeout: 15_000, interval: 200 });
      await write("test.seen_by_the_timer");
      await vi.waitFor(() => expect(lines(dir)).toHaveLength(2), { timeout: 15_000, interval: 200 });
      expect(logged.filter((l) => l.startsWith(CHECKPOINT_LOG_PREFIX))).toEqual(lines(dir).map((l) => `${CHECKPOINT_LOG_PREFIX} ${l}`));
      const [head] = await newest();
      expect(JSON.parse(lines(dir).at(-1)!)).toMatchObject({ headId: head!.id, headHash: head!.hash });

      const status = await verifyAuditChain(admin);
      expect(status).toMatchObject({ ok: true, checkpoint: { state: "ok", newer: 0, problem: null, invalid: [], newest: { headId: head!.id } } });

      // The newest entry removed: the page says so, and the timer writes nothing new.
      await sql("DELETE FROM audit_entries WHERE id = $1", [head!.id]);
      const errors: string[] = [];
      const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.join(" ")));
      try {
        const broken = await verifyAuditChain(admin);
        expect(broken).toMatchObject({ ok: false, problem: null, checkpoint: { state: "mismatch", problem: { reason: "head-missing", id: head!.id } } });
        await vi.waitFor(() => expect(errors.some((e) => e.includes(`NO CHECKPOINT WRITTEN`) && e.includes(`entry #${head!.id}`))).toBe(true), {
          timeout: 15_000,
          interval: 200,
        });
        expect(lines(dir)).toHaveLength(2);
      } finally {
        error.mockRestore();
      }
      await putBack([head!]);
      expect(await verifyAuditChain(admin)).toMatchObject({ ok: true, checkpoint: { state: "ok" } });
    } finally {
      await stopAuditCheckpoints();
      log.mockRestore();
    }
  });
});

describe("installations whose trail began before AUDIT_KEY", () => {
  it("verifies the unkeyed entries, links the first keyed entry to them, and fails an unkeyed entry after it", async () => {
    const url = await createDatabase(inject("adminUrl"), "legacy");
    const legacy: { id: string; hash: string }[] = [];
    const migrations = readMigrations();
    const mine = migrations.findIndex((m) => m.name.endsWith("_audit_hash_scheme"));
    expect(mine).toBeGreaterThan(0);
    // The schema as it was, with entries written the way the tracker wrote them then.
    await migrate(url, { migrations: migrations.slice(0, mine) });
    let prev: string | null = null;
    for (let i = 1; i <= 3; i++) {
      const e = {
        id: String(i),
        at: new Date(Date.UTC(2026, 0, i)),
        actorId: null,
        action: "test.old",
        entityType: "thing",
        entityId: String(i),
        before: null,
        after: { n: i },
        prevHash: prev,
      };
      const hash = entryHash(e);
      await sql(
        "INSERT INTO audit_entries (id, at, actor_id, action, entity_type, entity_id, after, prev_hash, hash) VALUES ($1, $2, NULL, $3, $4, $5, $6::jsonb, $7, $8)",
        [e.id, e.at, e.action, e.entityType, e.entityId, JSON.stringify(e.after), prev, hash],
        url,
      );
      legacy.push({ id: e.id, hash });
      prev = hash;
    }
    await sql("SELECT setval(pg_get_serial_sequence('audit_entries', 'id'), 3)", [], url);
    // A database restored from a backup of that time verifies before it is migrated too.
    expect(await verifyAuditTrail(url)).toEqual({ ok: true, checked: 3, problem: null });

    await migrate(url);
    expect(await sql("SELECT DISTINCT hash_scheme FROM audit_entries", [], url)).toEqual([{ hash_scheme: "sha256" }]);
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("@/lib/generated/prisma/client");
    const other = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      for (let i = 0; i < 2; i++) await other.$transaction((tx) => writeAudit(tx, { actorId: null, action: "test.new", entityId: String(i) }));
    } finally {
      await other.$disconnect();
    }
    const rows = await sql<{ id: string; prev_hash: string; hash_scheme: string }>(
      "SELECT id::text, prev_hash, hash_scheme FROM audit_entries ORDER BY audit_entries.id",
      [],
      url,
    );
    expect(rows.map((r) => r.hash_scheme)).toEqual(["sha256", "sha256", "sha256", "hmac-sha256", "hmac-sha256"]);
    expect(rows[3]!.prev_hash).toBe(legacy[2]!.hash);
    expect(await verifyAuditTrail(url)).toEqual({ ok: true, checked: 5, problem: null });

    // An unkeyed entry after the keyed ones, with a correct SHA-256: refused.
    const [last] = await sql<{ hash: string }>("SELECT hash FROM audit_entries WHERE id = $1", [rows[4]!.id], url);
    const fake = {
      id: "6",
      at: new Date(),
      actorId: null,
      action: "test.forged",
      entityType: null,
      entityId: null,
      before: null,
      after: null,
      prevHash: last!.hash,
    };
    await sql(
      "INSERT INTO audit_entries (id, at, action, prev_hash, hash, hash_scheme) VALUES ($1, $2, $3, $4, $5, 'sha256')",
      [fake.id, fake.at, fake.action, fake.prevHash, entryHash(fake)],
      url,
    );
    expect(await verifyAuditTrail(url)).toEqual({ ok: false, checked: 5, problem: { id: "6", reason: "unkeyed" } });
    await sql("DELETE FROM audit_entries WHERE id = 6", [], url);

    // The old entries are now protected by the keyed one that links to them: rewriting the
    // last of them with a recomputed SHA-256 breaks the link of the first keyed entry.
    const old = {
      id: "3",
      at: new Date(Date.UTC(2026, 0, 3)),
      actorId: null,
      action: "test.old",
      entityType: "thing",
      entityId: "3",
      before: null,
      after: { n: 300 },
      prevHash: legacy[1]!.hash,
    };
    await sql("UPDATE audit_entries SET after = $2::jsonb, hash = $3 WHERE id = $1", ["3", JSON.stringify(old.after), entryHash(old)], url);
    expect(await verifyAuditTrail(url)).toEqual({ ok: false, checked: 3, problem: { id: rows[3]!.id, reason: "broken-link" } });
  });
});
