// The SQL twin of normalizeName (tracker_normalize_name, created by the case_search
// migration) must give exactly what the TypeScript gives: the migration's backfill used it
// for the names stored before, the app writes the TypeScript result after. And the
// backfill itself: names stored before the migration are searchable after it.
import fc from "fast-check";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { migrate, readMigrations } from "../../scripts/lib/migrate";
import { db } from "@/lib/db";
import { normalizeName } from "@/lib/domain/normalize-name";
import { createDatabase } from "../support/databases";

const MIGRATION = "20261123225712_case_search";

const TRICKY = [
  "  Fatma   IBRAHIMZADE\t",
  "Hüseyn Məmmədli",
  "Aydın Hilali",
  "Fa\u0301tima İbrahim",
  "Şahruz Ağayi Çiçək ŞAHRUZ s\u0327ahruz",
  "ﬁruz Ａｌｉ",
  "علي كريمي مصطفى",
  "فاطمة خانۀ",
  "أحمد إبراهیم آزاد مُحَمَّد",
  "بند ۱۲۳ ٢٠٢٠",
  "محــمد",
  "ابراهیم\u200cزاده Fat\u200bma Fat\u200dma",
  "\u200fعلی\u200e \u202bعلی\u202c \u202eilA\u202c \u2067علی\u2069 \ufeffAli Ali\u061c",
  "Fatma\u00a0\u2003Ibrahimzade",
  "\u200b\u200c\u200f \u0640",
  "' OR 1=1--",
  "Amir-Hijri O'Neill",
];

async function sqlNormalize(values: string[]): Promise<string[]> {
  const rows = await db().$queryRaw<
    { n: string }[]
  >`SELECT tracker_normalize_name(v) AS n FROM unnest(${values}::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i`;
  return rows.map((r) => r.n);
}

describe("tracker_normalize_name (SQL) = normalizeName (TypeScript)", () => {
  it("on the tricky cases of the unit tests", async () => {
    expect(await sqlNormalize(TRICKY)).toEqual(TRICKY.map(normalizeName));
  });

  it("on random names mixing Latin, Azerbaijani and Perso-Arabic letters, marks, digits and invisible characters", async () => {
    const alphabet = fc.constantFrom(
      ..."aAzZıİəƏşŞçÇğĞüÜöÖéÉ -'".split(""),
      ..."ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيىكةۀأإآؤئٱە".split(""),
      ..."\u064b\u064e\u0650\u0670\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\u00a0\u2003\u00ad\t\n".split(""),
      ..."۰۱۲۹٠١٩".split(""),
    );
    const samples = fc.sample(
      fc.array(alphabet, { maxLength: 24 }).map((c) => c.join("")),
      { numRuns: 400, seed: 4 },
    );
    expect(await sqlNormalize(samples)).toEqual(samples.map(normalizeName));
  });
});

describe("the case_search migration's backfill", () => {
  it("fills name_normalized for people and aliases stored before it", async () => {
    const url = await createDatabase(inject("adminUrl"), "backfill");
    const all = readMigrations();
    const index = all.findIndex((m) => m.name === MIGRATION);
    expect(index).toBeGreaterThan(0);
    await migrate(url, { migrations: all.slice(0, index) });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO people (id, key, name, updated_at) VALUES ('p1', 'p1', 'Hüseyn Məmmədli', now()), ('p2', 'p2', 'علي كريمي', now())`);
      await client.query(`INSERT INTO person_aliases (id, person_id, name) VALUES ('a1', 'p1', 'Huseyn\u200c Mammadli'), ('a2', 'p2', 'عَلی کریمی')`);
      await migrate(url, { migrations: all });
      const people = await client.query<{ name: string; name_normalized: string }>(`SELECT name, name_normalized FROM people ORDER BY id`);
      const aliases = await client.query<{ name: string; name_normalized: string }>(`SELECT name, name_normalized FROM person_aliases ORDER BY id`);
      for (const row of [...people.rows, ...aliases.rows]) expect(row.name_normalized).toBe(normalizeName(row.name));
      expect(people.rows.map((r) => r.name_normalized)).toEqual(["huseyn mammadli", "علی کریمی"]);
    } finally {
      await client.end();
    }
  });
});
