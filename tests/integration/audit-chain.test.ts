// The audit trail is hash-chained: altering or deleting a row in SQL is detected, and the
// report names the first bad entry. Entries are written inside the change's transaction.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { writeAudit } from "@/lib/data/audit";
import { verifyAuditTrail } from "../../scripts/lib/audit-verify";
import { databaseUrl } from "@/lib/env";

const url = () => databaseUrl();

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

const ids: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 5; i++) {
    await db().$transaction((tx) =>
      writeAudit(tx, {
        actorId: null,
        action: "test.change",
        entityType: "thing",
        entityId: `t${i}`,
        before: { n: i, nested: { b: 1, a: [1, "x"] } },
        after: { n: i + 1 },
      }),
    );
  }
  const rows = await sql("SELECT id::text FROM audit_entries ORDER BY id");
  ids.push(...rows.rows.map((r: { id: string }) => r.id));
});

describe("audit hash chain", () => {
  it("links each entry to the previous one and verifies intact", async () => {
    const rows = (await sql("SELECT prev_hash, hash FROM audit_entries ORDER BY id")).rows as { prev_hash: string | null; hash: string }[];
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prev_hash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditTrail(url(), 2)).toEqual({ ok: true, checked: 5, problem: null });
  });

  it("writes nothing when the change's transaction rolls back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await writeAudit(tx, { actorId: null, action: "test.rolled_back" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().auditEntry.count({ where: { action: "test.rolled_back" } })).toBe(0);
    expect((await verifyAuditTrail(url())).ok).toBe(true);
  });

  it("keeps one chain when entries are written concurrently", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => db().$transaction((tx) => writeAudit(tx, { actorId: null, action: "test.concurrent", entityId: String(i) }))),
    );
    const result = await verifyAuditTrail(url());
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.checked).toBe(13);
  });

  it("names the altered entry when a row's content is changed in SQL", async () => {
    const victim = ids[2]!;
    const before = (await sql("SELECT after FROM audit_entries WHERE id = $1", [victim])).rows[0].after;
    await sql(`UPDATE audit_entries SET after = '{"n": 999}'::jsonb WHERE id = $1`, [victim]);
    expect(await verifyAuditTrail(url())).toMatchObject({ ok: false, checked: 2, problem: { id: victim, reason: "altered" } });
    await sql("UPDATE audit_entries SET after = $2::jsonb WHERE id = $1", [victim, JSON.stringify(before)]);
    expect((await verifyAuditTrail(url())).ok).toBe(true);
  });

  it("names the entry after a deleted one", async () => {
    await sql("DELETE FROM audit_entries WHERE id = $1", [ids[1]]);
    expect(await verifyAuditTrail(url())).toMatchObject({ ok: false, checked: 1, problem: { id: ids[2], reason: "broken-link" } });
  });
});
