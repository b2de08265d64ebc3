// The ADMIN audit page's data layer on a real PostgreSQL: only an ADMIN reads it; the chain
// status names the first altered or missing entry; filters by user, action, record and
// date range; pagination; links to records that still exist; secrets redacted.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { REDACTED } from "@/lib/audit/trail-view";
import { AuthRequiredError, ForbiddenError, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/data/audit";
import { getAuditTrailFilterOptions, listAuditTrail, verifyAuditChain } from "@/lib/data/audit-trail";
import { createCase } from "@/lib/data/case-mutations";
import { createEvent } from "@/lib/data/event-mutations";
import { createPerson, deletePerson, updatePerson } from "@/lib/data/person-mutations";
import { AUDIT_PAGE_SIZE, parseAuditTrailParams, type AuditTrailParams } from "@/lib/validation/audit-trail";
import { createUser, unique } from "../support/factories";
import { databaseUrl } from "@/lib/env";

type Role = "ADMIN" | "EDITOR" | "VIEWER";
const actors = {} as Record<Role, Actor>;
const params = (p: Partial<AuditTrailParams> = {}): AuditTrailParams => ({ page: 1, ignored: [], ...p });

async function sql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** `npm run audit:verify` itself, on this file's database. */
function auditVerifyCommand(): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("scripts/audit-verify.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl() },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let personId = "";
let deletedPersonId = "";
let caseId = "";
let eventId = "";
const NAME = `Rahim ${unique("audit")}`;

beforeAll(async () => {
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
  // Entries on known days: the writer stamps entries with the clock, so move the clock.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2025-03-10T12:00:00Z"));
  const p = await createPerson(actors.EDITOR, { name: NAME, homeCity: "Tabriz" });
  personId = p.id;
  vi.setSystemTime(new Date("2025-03-12T09:00:00Z"));
  await updatePerson(actors.ADMIN, p.id, p.version, { name: NAME, homeCity: "Urmia", restrictedNotes: "family contact in Urmia" });
  const c = await createCase(actors.EDITOR, { personId: p.id });
  caseId = c.id;
  const source = await db().source.create({ data: { key: unique("src"), title: "News item", kind: "NEWS" } });
  eventId = (await createEvent(actors.EDITOR, c.id, { type: "ARREST", date: "2020-07-16", datePrecision: "DAY", city: "Tabriz", sourceIds: [source.id] })).id;
  vi.setSystemTime(new Date("2025-03-15T18:30:00Z"));
  const gone = await createPerson(actors.EDITOR, { name: `Gone ${unique("p")}` });
  deletedPersonId = gone.id;
  await deletePerson(actors.EDITOR, gone.id, gone.version);
  // Credential material that must never reach the page, even though the trail holds it.
  await db().$transaction((tx) =>
    writeAudit(tx, {
      actorId: null,
      action: "test.credentials",
      entityType: "user",
      entityId: actors.VIEWER.id,
      after: {
        email: actors.VIEWER.email,
        passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
        inviteToken: "tok-123456",
        twoFactor: true,
        note: "otpauth://totp/x?secret=JBSWY3DP",
      },
    }),
  );
  vi.useRealTimers();
});

afterEach(() => vi.useRealTimers());

describe("only an ADMIN reads the audit trail", () => {
  it.each([
    ["VIEWER", ForbiddenError],
    ["EDITOR", ForbiddenError],
    ["anonymous", AuthRequiredError],
  ] as const)("%s is refused by every read", async (who, error) => {
    const actor = who === "anonymous" ? null : actors[who];
    await expect(verifyAuditChain(actor)).rejects.toBeInstanceOf(error);
    await expect(listAuditTrail(actor, params())).rejects.toBeInstanceOf(error);
    await expect(getAuditTrailFilterOptions(actor)).rejects.toBeInstanceOf(error);
  });
});

describe("the trail", () => {
  it("lists entries newest first with who, what, the record and a readable change", async () => {
    const page = await listAuditTrail(actors.ADMIN, params());
    const total = await db().auditEntry.count();
    expect(page.total).toBe(total);
    expect(page.rows.map((r) => Number(r.id))).toEqual([...page.rows.map((r) => Number(r.id))].sort((a, b) => b - a));
    const update = page.rows.find((r) => r.action === "person.update" && r.record?.id === personId)!;
    expect(update.actor).toMatchObject({ id: actors.ADMIN.id, name: actors.ADMIN.name });
    expect(update.record).toEqual({ type: "person", id: personId, label: NAME, href: `/people/${personId}`, deleted: false });
    expect(update.changes).toContainEqual({ field: "homeCity", before: "Tabriz", after: "Urmia", restricted: false });
    // An ADMIN may read restricted notes: shown, and flagged as restricted.
    expect(update.changes).toContainEqual({ field: "restrictedNotes", before: null, after: "family contact in Urmia", restricted: true });
  });

  it("links an event to its case and does not link a deleted record", async () => {
    const { rows } = await listAuditTrail(actors.ADMIN, params());
    expect(rows.find((r) => r.action === "event.create")!.record).toMatchObject({ type: "event", id: eventId, href: `/cases/${caseId}`, deleted: false });
    const deleted = rows.find((r) => r.action === "person.delete")!;
    expect(deleted.record).toMatchObject({ type: "person", id: deletedPersonId, href: null, deleted: true });
  });

  it("redacts credential material and keeps plain facts", async () => {
    const { rows } = await listAuditTrail(actors.ADMIN, params({ action: "test.credentials" }));
    expect(rows).toHaveLength(1);
    const changes = Object.fromEntries(rows[0]!.changes.map((c) => [c.field, c.after]));
    expect(changes).toEqual({ email: actors.VIEWER.email, passwordHash: REDACTED, inviteToken: REDACTED, twoFactor: "true", note: REDACTED });
    expect(JSON.stringify(rows)).not.toMatch(/argon2id|tok-123456|JBSWY3DP/);
    // The stored entry is untouched (its hash still verifies).
    expect((await verifyAuditChain(actors.ADMIN)).ok).toBe(true);
  });

  it("filters by user, by the system, by action, by record type and id, and by entry number", async () => {
    const byAdmin = await listAuditTrail(actors.ADMIN, params({ user: actors.ADMIN.id }));
    expect(byAdmin.rows.map((r) => r.action)).toEqual(["person.update"]);
    const bySystem = await listAuditTrail(actors.ADMIN, params({ user: "system" }));
    expect(bySystem.rows.every((r) => r.actor === null)).toBe(true);
    expect(bySystem.rows.map((r) => r.action)).toContain("test.credentials");
    const creates = await listAuditTrail(actors.ADMIN, params({ action: "person.create" }));
    expect(creates.rows).toHaveLength(2);
    expect(creates.rows.every((r) => r.action === "person.create")).toBe(true);
    const one = await listAuditTrail(actors.ADMIN, params({ type: "person", id: personId }));
    expect(one.rows.map((r) => r.action)).toEqual(["person.update", "person.create"]);
    const entry = await listAuditTrail(actors.ADMIN, params({ entry: one.rows[1]!.id }));
    expect(entry.rows.map((r) => r.id)).toEqual([one.rows[1]!.id]);
    const combined = await listAuditTrail(actors.ADMIN, params({ user: actors.EDITOR.id, action: "person.update" }));
    expect(combined.total).toBe(0);
  });

  it("finds a record's entries by its name: the person, its case and the case's events", async () => {
    const found = await listAuditTrail(actors.ADMIN, params({ record: NAME.slice(0, 14).toLowerCase() }));
    expect(found.rows.map((r) => r.action).sort()).toEqual(["case.create", "event.create", "person.create", "person.update"]);
    expect((await listAuditTrail(actors.ADMIN, params({ record: personId }))).total).toBe(2);
    expect((await listAuditTrail(actors.ADMIN, params({ record: "no record has this name" }))).total).toBe(0);
  });

  it("filters by a date range of whole UTC days", async () => {
    const day12 = await listAuditTrail(actors.ADMIN, params({ from: "2025-03-12", to: "2025-03-12" }));
    expect(day12.rows.map((r) => r.action).sort()).toEqual(["case.create", "event.create", "person.update"]);
    const from13 = await listAuditTrail(actors.ADMIN, params({ from: "2025-03-13", to: "2025-03-31" }));
    expect(from13.rows.map((r) => r.action).sort()).toEqual(["person.create", "person.delete", "test.credentials"]);
    const until11 = await listAuditTrail(actors.ADMIN, params({ to: "2025-03-11" }));
    expect(until11.rows.map((r) => r.action)).toEqual(["person.create"]);
  });

  it("pages through the trail 50 at a time and shows the last page for a page past the end", async () => {
    await db().$transaction(async (tx) => {
      for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
        await writeAudit(tx, { actorId: actors.VIEWER.id, action: "test.page", entityType: "thing", entityId: `t${i}` });
    });
    const first = await listAuditTrail(actors.ADMIN, params({ action: "test.page" }));
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]!.record).toMatchObject({ type: "thing", id: `t${AUDIT_PAGE_SIZE + 4}`, href: null });
    const second = await listAuditTrail(actors.ADMIN, params({ action: "test.page", page: 2 }));
    expect(second.rows.map((r) => r.record?.id)).toEqual(["t4", "t3", "t2", "t1", "t0"]);
    const past = await listAuditTrail(actors.ADMIN, params({ action: "test.page", page: 99 }));
    expect(past.page).toBe(2);
    expect(past.rows).toHaveLength(5);
  });

  it("offers every user and the distinct actions and record types as filter choices", async () => {
    const options = await getAuditTrailFilterOptions(actors.ADMIN);
    expect(options.users.map((u) => u.id)).toEqual(expect.arrayContaining(Object.values(actors).map((a) => a.id)));
    const distinct = (await sql("SELECT DISTINCT action FROM audit_entries ORDER BY action")).rows.map((r: { action: string }) => r.action);
    expect(options.actions).toEqual(distinct);
    expect(options.actions).toEqual(expect.arrayContaining(["person.create", "person.update", "event.create", "test.credentials"]));
    expect(options.types).toEqual(expect.arrayContaining(["case", "event", "person", "user"]));
  });
});

describe("URL filters", () => {
  it("keeps valid filters and names the ones it ignores", () => {
    const p = parseAuditTrailParams({ user: "system", action: "case.update", from: "2025-02-30", to: "2025-03-01", page: "0", entry: "12", record: "x" });
    expect(p).toMatchObject({ user: "system", action: "case.update", to: "2025-03-01", entry: "12", page: 1 });
    expect(p.from).toBeUndefined();
    expect(p.record).toBeUndefined();
    expect(p.ignored.map((i) => i.field).sort()).toEqual(["from", "page", "record"]);
    expect(p.ignored.find((i) => i.field === "page")?.reason).toBe("must be 1 or more");
    expect(parseAuditTrailParams({ page: "abc" }).ignored).toEqual([{ field: "page", reason: "must be a page number" }]);
    const reversed = parseAuditTrailParams(new URLSearchParams("from=2025-03-02&to=2025-03-01"));
    expect(reversed).toMatchObject({ from: "2025-03-02", ignored: [{ field: "to", reason: "is before from" }] });
  });
});

describe("the chain's state", () => {
  const ids = async () => (await sql("SELECT id::text FROM audit_entries ORDER BY audit_entries.id")).rows.map((r: { id: string }) => r.id);

  it("reports every entry verified and the newest entry's hash", async () => {
    const total = await db().auditEntry.count();
    const head = (await sql("SELECT id::text, hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1")).rows[0] as { id: string; hash: string };
    const status = await verifyAuditChain(actors.ADMIN, { full: true });
    expect(status).toMatchObject({
      ok: true,
      total,
      checked: total,
      hashed: total,
      mode: "full",
      problem: null,
      headHash: head.hash,
      lastVerified: { id: head.id },
    });
  });

  it("after a full check, hashes only the new entries once the older ones match their fingerprint", async () => {
    const before = await verifyAuditChain(actors.ADMIN, { full: true });
    await db().$transaction((tx) => writeAudit(tx, { actorId: actors.ADMIN.id, action: "test.after_checkpoint" }));
    const after = await verifyAuditChain(actors.ADMIN);
    expect(after).toMatchObject({
      ok: true,
      mode: "incremental",
      hashed: 1,
      checked: before.checked + 1,
      total: before.total + 1,
      lastFullCheckAt: before.lastFullCheckAt,
    });
    const head = (await sql("SELECT hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1")).rows[0].hash as string;
    expect(after.headHash).toBe(head);
  });

  it("notices an entry altered in SQL after the last check (the fingerprint differs, so everything is hashed again); npm run audit:verify names it too", async () => {
    expect((await verifyAuditChain(actors.ADMIN)).ok).toBe(true); // a checkpoint now exists
    const all = await ids();
    const victim = all[3]!;
    const original = (await sql("SELECT action FROM audit_entries WHERE id = $1", [victim])).rows[0].action as string;
    await sql("UPDATE audit_entries SET action = 'person.nothing_to_see' WHERE id = $1", [victim]);
    const altered = await verifyAuditChain(actors.ADMIN);
    expect(altered).toMatchObject({
      ok: false,
      mode: "full",
      checked: 3,
      problem: { id: victim, reason: "altered" },
      lastVerified: { id: all[2] },
      headHash: null,
    });
    // npm run audit:verify fails on the same entry.
    const cli = auditVerifyCommand();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`Audit trail BROKEN at entry ${victim}: it was altered (its content does not match its hash). 3 entries before it verified.`);
    await sql("UPDATE audit_entries SET action = $2 WHERE id = $1", [victim, original]);
    expect(await verifyAuditChain(actors.ADMIN)).toMatchObject({ ok: true, mode: "full" });
    const intact = auditVerifyCommand();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`Audit trail intact: ${all.length} entries verified.`);
  });

  it("names the entry after one whose content and hash were both rewritten", async () => {
    const all = await ids();
    const victim = all[4]!;
    const row = (
      await sql("SELECT id::text, at, actor_id, action, entity_type, entity_id, before, after, prev_hash FROM audit_entries WHERE id = $1", [victim])
    ).rows[0];
    // A valid hash for the rewritten content needs AUDIT_KEY now (without it, the entry itself
    // fails: tests/integration/audit-checkpoints.test.ts); with it, the next entry still shows.
    const { deriveAuditKeys, keyedEntryHash } = await import("@/lib/audit/chain");
    const { auditKey } = await import("@/lib/env");
    const forged = {
      id: row.id,
      at: row.at,
      actorId: row.actor_id,
      action: "person.update",
      entityType: row.entity_type,
      entityId: row.entity_id,
      before: row.before,
      after: { forged: true },
      prevHash: row.prev_hash,
    };
    await sql("UPDATE audit_entries SET action = $2, after = $3::jsonb, hash = $4 WHERE id = $1", [
      victim,
      forged.action,
      JSON.stringify(forged.after),
      keyedEntryHash(deriveAuditKeys(auditKey()), forged),
    ]);
    expect(await verifyAuditChain(actors.ADMIN)).toMatchObject({ ok: false, checked: 5, problem: { id: all[5], reason: "broken-link" } });
  });

  it("names the entry after deleted ones, here and in npm run audit:verify", async () => {
    const all = await ids();
    await sql("DELETE FROM audit_entries WHERE id = ANY($1::bigint[])", [[all[4], all[5]]]);
    // Entries 0-3 are intact; 4 and 5 are gone, so 6 no longer follows the last good entry.
    expect(await verifyAuditChain(actors.ADMIN)).toMatchObject({ ok: false, checked: 4, problem: { id: all[6], reason: "broken-link" } });
    const cli = auditVerifyCommand();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      `Audit trail BROKEN at entry ${all[6]}: it does not follow the entry before it (an entry before it was altered or removed). 4 entries before it verified.`,
    );
  });
});
