// The synthetic loader on a real PostgreSQL: it fills an empty database, marks everything
// synthetic, gives the same data for the same seed, refuses a database holding real records
// unless forced, and the case table searches what it loaded. It bulk-loads with the domain's
// derivation instead of through the timeline writer: a test checks the writer's set-based
// recomputation leaves every case row as loaded.
import { beforeAll, describe, expect, it } from "vitest";
import { listCaseTable } from "@/lib/data/case-table";
import { recomputeCases } from "@/lib/data/timeline-writer";
import { db } from "@/lib/db";
import { databaseUrl } from "@/lib/env";
import { loadSyntheticData, RealDataPresentError } from "../../scripts/lib/synthetic/load";
import { createUser, unique } from "../support/factories";

const PEOPLE = 400;
let first: Awaited<ReturnType<typeof loadSyntheticData>>;

const snapshot = () =>
  db().$queryRaw<{ digest: string }[]>`
    SELECT md5(string_agg(c.id || c.status || coalesce(c.arrest_date::text, '') || coalesce(c.effective_prison_days::text, ''), ',' ORDER BY c.id)) AS digest FROM cases c`;

beforeAll(async () => {
  first = await loadSyntheticData(databaseUrl(), { people: PEOPLE, seed: 7 });
});

describe("loadSyntheticData", () => {
  it("loads the requested people with cases, events, charges and aliases, all marked synthetic", async () => {
    expect(first.people).toBe(PEOPLE);
    expect(first.cases).toBeGreaterThan(PEOPLE);
    expect(first.events).toBeGreaterThan(first.cases);
    expect(await db().person.count({ where: { isSynthetic: true } })).toBe(PEOPLE);
    expect(await db().person.count({ where: { isSynthetic: false } })).toBe(0);
    expect(await db().case.count({ where: { isSynthetic: false } })).toBe(0);
    expect(await db().case.count()).toBe(first.cases);
    expect(await db().charge.count()).toBe(first.charges);
    expect(await db().personAlias.count()).toBe(first.aliases);
  });

  it("stores the case rows the timeline writer's set-based recomputation gives (derived columns and event summaries)", async () => {
    const rows = () =>
      db().$queryRaw<{ id: string; row: string }[]>`
        SELECT c.id, (to_jsonb(c) - 'updated_at')::text || coalesce((to_jsonb(d))::text, '') AS row
        FROM cases c LEFT JOIN case_list_details d ON d.case_id = c.id ORDER BY c.id`;
    const loaded = await rows();
    expect(loaded.length).toBe(first.cases);
    const ids = loaded.map((r) => r.id);
    await db().$transaction((tx) => recomputeCases(tx, ids), { timeout: 120_000 });
    expect(await rows()).toEqual(loaded);
  });

  it("gives the same data for the same seed (a second run replaces the first)", async () => {
    const before = await snapshot();
    const again = await loadSyntheticData(databaseUrl(), { people: PEOPLE, seed: 7 });
    expect(again).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  it("lets the case table search the synthetic names, in either script", async () => {
    const viewer = await createUser("VIEWER");
    const alias = await db().personAlias.findFirstOrThrow({ where: { script: "PERSO_ARABIC" }, orderBy: { id: "asc" } });
    const found = await listCaseTable(viewer, { filters: { q: alias.name }, pageSize: 100 });
    expect(found.rows.map((r) => r.person.id)).toContain(alias.personId);
    const person = await db().person.findFirstOrThrow({ orderBy: { id: "asc" } });
    const byName = await listCaseTable(viewer, { filters: { q: person.name }, pageSize: 100 });
    expect(byName.rows.map((r) => r.person.id)).toContain(person.id);
  });

  it("refuses a database that holds real records unless forced", async () => {
    await db().person.create({ data: { key: unique("real"), name: "A real person" } });
    await expect(loadSyntheticData(databaseUrl(), { people: 10, seed: 7 })).rejects.toBeInstanceOf(RealDataPresentError);
    expect(await db().person.count({ where: { isSynthetic: true } })).toBe(PEOPLE);
    const forced = await loadSyntheticData(databaseUrl(), { people: 10, seed: 7, force: true });
    expect(forced.people).toBe(10);
    expect(await db().person.count({ where: { isSynthetic: true } })).toBe(10);
    expect(await db().person.count({ where: { isSynthetic: false } })).toBe(1);
  });
});
