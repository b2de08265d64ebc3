// The case table on the demo data (plus a few records of its own): every filter against an
// independent Prisma query, every sort, pagination, the transliteration-tolerant search,
// SQL injection, soft deletes, restricted data, the duplicate warning and GET /api/cases.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AuthRequiredError, ForbiddenError, type Actor } from "@/lib/authz";
import { caseFilterWhere } from "@/lib/data/case-filter-sql";
import { listCaseTable, type CaseTableRow } from "@/lib/data/case-table";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { findSimilarPeople } from "@/lib/data/person-duplicates";
import { db } from "@/lib/db";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { CaseSort, CaseSortKey } from "@/lib/validation/case-table";
import { CONFIDENTIAL_TITLE, RESTRICTED_NOTE, createPersonWithCase, createUser, unique } from "../support/factories";

// GET /api/cases resolves the session through next-auth, which needs a Next.js request;
// here the acting user is whoever the test says.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor, passwordChangePending: async () => false }));

let viewer: Actor;
let editor: Actor;
const ids: { deletedPerson: string; deletedCase: string; persianPerson: string; plainPerson: string; restrictedCase: string } = {} as never;

/** A person (with normalised names, as every writer must store them) and one case. */
async function personWithCase(input: { name: string; aliases?: string[]; province?: string; deletedAt?: Date; caseDeletedAt?: Date; arrestCity?: string }) {
  const person = await db().person.create({
    data: {
      key: unique("p"),
      name: input.name,
      nameNormalized: normalizeName(input.name),
      province: input.province,
      deletedAt: input.deletedAt,
      aliases: {
        create: (input.aliases ?? []).map((name) => ({
          name,
          nameNormalized: normalizeName(name),
          script: /\p{Script=Arabic}/u.test(name) ? "PERSO_ARABIC" : "LATIN",
        })),
      },
    },
  });
  const kase = await db().case.create({
    data: {
      key: unique("c"),
      personId: person.id,
      status: "DETAINED",
      arrestCity: input.arrestCity ?? "Marand",
      arrestDate: new Date("2021-03-04T00:00:00Z"),
      arrestDatePrecision: "DAY",
      deletedAt: input.caseDeletedAt,
      events: { create: [{ position: 0, type: "ARREST", date: new Date("2021-03-04T00:00:00Z"), datePrecision: "DAY", city: input.arrestCity ?? "Marand" }] },
    },
  });
  return { person, case: kase };
}

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  viewer = await createUser("VIEWER");
  editor = await createUser("EDITOR");
  // Records the demo data lacks: a Perso-Arabic alias typed with Arabic letters and a
  // zero-width non-joiner, a person spelled one way only, soft-deleted records, a
  // restricted note and a confidential source.
  ids.persianPerson = (await personWithCase({ name: "Mahmud Qaradaghi", aliases: ["محمود قره‌داغي"], province: "East Azerbaijan" })).person.id;
  ids.plainPerson = (await personWithCase({ name: "Karim Mohammadiya", province: "Ardabil" })).person.id;
  ids.deletedPerson = (await personWithCase({ name: "Deleted Ibrahimzade", deletedAt: new Date() })).person.id;
  ids.deletedCase = (await personWithCase({ name: "Hidden Case Ibrahimzade", caseDeletedAt: new Date() })).case.id;
  ids.restrictedCase = (await createPersonWithCase()).case.id;
});

/** Every row of a query, page after page. */
async function allRows(actor: Actor, filters: CaseFilters, sort?: CaseSort[]): Promise<CaseTableRow[]> {
  const rows: CaseTableRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listCaseTable(actor, { filters, sort, page, pageSize: 100 });
    rows.push(...result.rows);
    if (rows.length >= result.total || result.rows.length === 0) return rows;
  }
}

const live = { deletedAt: null, person: { deletedAt: null } } satisfies Prisma.CaseWhereInput;
const notDeleted = { deletedAt: null };

async function expectedIds(where: Prisma.CaseWhereInput): Promise<string[]> {
  const rows = await db().case.findMany({ where: { AND: [live, where] }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

describe("authorization", () => {
  it("refuses a caller without a session", async () => {
    await expect(listCaseTable(null, { filters: {} })).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(findSimilarPeople(null, "Ali")).rejects.toBeInstanceOf(AuthRequiredError);
  });

  it("lets a VIEWER read the table but not run the creation-time duplicate check", async () => {
    await expect(listCaseTable(viewer, { filters: {} })).resolves.toMatchObject({ page: 1 });
    await expect(findSimilarPeople(viewer, "Ali")).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("rows", () => {
  it("lists every live case once, and no soft-deleted case or person", async () => {
    const rows = await allRows(viewer, {});
    const expected = await expectedIds({});
    expect(rows.map((r) => r.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(83);
    expect(rows.some((r) => r.person.id === ids.deletedPerson)).toBe(false);
    expect(rows.some((r) => r.id === ids.deletedCase)).toBe(false);
  });

  it("assembles a known demo case: person, aliases, incident, dates, status, court, charges, sentence", async () => {
    const { rows } = await listCaseTable(viewer, { filters: { q: "Fatma Ibrahimzade" } });
    const fatma = rows.find((r) => r.person.name === "Fatma Ibrahimzade");
    expect(fatma?.person.aliases).toEqual(["Fatima Ibrahimzadeh"]);

    const salar = (await allRows(viewer, { q: "Salar Tahir Afshar" })).find((r) => r.person.name === "Salar Tahir Afshar");
    expect(salar?.status.value).toBe("CONDITIONALLY_RELEASED");
    expect(salar?.status).toMatchObject({ date: "2021-06-19", precision: "DAY" });

    const sentenced = await allRows(viewer, { lashes: "true" });
    const sajjad = sentenced.find((r) => r.person.name === "Sajjad Colani");
    expect(sajjad?.effective.lashes).toBe(74);
    const withCourt = sentenced.filter((r) => r.court !== null);
    expect(withCourt.length).toBeGreaterThan(0);
    const withArticle = (await allRows(viewer, { article: "607" })).flatMap((r) => r.charges);
    expect(withArticle.some((c) => c.article?.includes("Article 607"))).toBe(true);
  });

  it("gives a VIEWER rows without any restricted field", async () => {
    const result = await listCaseTable(viewer, { filters: {}, pageSize: 100, page: 1 });
    const all = await allRows(viewer, {});
    const body = JSON.stringify(all);
    expect(all.some((r) => r.id === ids.restrictedCase)).toBe(true);
    expect(body).not.toContain(RESTRICTED_NOTE);
    expect(body).not.toContain(CONFIDENTIAL_TITLE);
    expect(body).not.toContain("restrictedNotes");
    expect(Object.keys(result.rows[0] ?? {}).sort()).toEqual(
      ["arrest", "charges", "city", "court", "effective", "facility", "firstInstance", "id", "incident", "person", "score", "status", "updatedAt"].sort(),
    );
    expect(Object.keys(result.rows[0]?.person ?? {}).sort()).toEqual(["aliases", "id", "name"]);
  });
});

describe("filters", () => {
  const tabrizIncident = () => db().incident.findUniqueOrThrow({ where: { key: "inc-2020-10-18-tabriz-support-for-karabakh-rally" } });
  const ardabilCourt = () => db().court.findUniqueOrThrow({ where: { name: "Ardabil city court" } });
  const event = (where: Prisma.CaseEventWhereInput): Prisma.CaseWhereInput => ({ events: { some: { ...notDeleted, ...where } } });

  const cases: [string, () => Promise<[CaseFilters, Prisma.CaseWhereInput]>][] = [
    ["status (several)", async () => [{ status: ["DETAINED", "IMPRISONED"] }, { status: { in: ["DETAINED", "IMPRISONED"] } }]],
    ["city, any case", async () => [{ city: "tabriz" }, { arrestCity: { equals: "Tabriz", mode: "insensitive" } }]],
    ["province", async () => [{ province: "east azerbaijan" }, { person: { province: { equals: "East Azerbaijan", mode: "insensitive" } } }]],
    ["incident", async () => [{ incident: (await tabrizIncident()).id }, { incidentId: (await tabrizIncident()).id }]],
    ["gender", async () => [{ gender: "FEMALE" }, { person: { gender: "FEMALE" } }]],
    ["vulnerability", async () => [{ vulnerability: "MINOR" }, { person: { vulnerabilities: { has: "MINOR" } } }]],
    [
      "arrest date range",
      async () => [
        { arrestFrom: "2020-07-01", arrestTo: "2020-10-31" },
        { arrestDate: { gte: new Date("2020-07-01T00:00:00Z"), lte: new Date("2020-10-31T00:00:00Z") } },
      ],
    ],
    ["court", async () => [{ court: (await ardabilCourt()).id }, event({ courtId: (await ardabilCourt()).id })]],
    ["law article", async () => [{ article: "article 607" }, event({ charges: { some: { article: { contains: "Article 607", mode: "insensitive" } } } })]],
    ["has a sentence", async () => [{ hasSentence: "true" }, event({ type: "SENTENCE" })]],
    ["has no sentence", async () => [{ hasSentence: "false" }, { NOT: event({ type: "SENTENCE" }) }]],
    ["lashes > 0", async () => [{ lashes: "true" }, { effectiveLashes: { gt: 0 } }]],
    ["confidence", async () => [{ confidence: "LOW" }, event({ confidence: "LOW" })]],
  ];

  it.each(cases)("%s", async (_name, make) => {
    const [filters, where] = await make();
    const expected = await expectedIds(where);
    expect(expected.length).toBeGreaterThan(0);
    const { total } = await listCaseTable(viewer, { filters });
    expect(total).toBe(expected.length);
    expect((await allRows(viewer, filters)).map((r) => r.id).sort()).toEqual(expected);
  });

  it.each(cases)("%s: same cases as the shared filter SQL with its people join", async (_name, make) => {
    // The table avoids joining people when no filter reads them (case-table-sql.ts); this
    // checks it against the shared builder's plain form.
    const [filters] = await make();
    const reference = await db().$queryRaw<{ id: string }[]>`SELECT c.id FROM cases c JOIN people p ON p.id = c.person_id ${caseFilterWhere(filters)}`;
    expect((await allRows(viewer, filters)).map((r) => r.id).sort()).toEqual(reference.map((r) => r.id).sort());
  });

  it("knows the demo's Tabriz rally: 13 cases", async () => {
    expect((await listCaseTable(viewer, { filters: { incident: (await tabrizIncident()).id } })).total).toBe(13);
  });

  it("combines filters (AND)", async () => {
    const filters: CaseFilters = { city: "Ardabil", hasSentence: "true", lashes: "true" };
    const expected = await expectedIds({
      AND: [{ arrestCity: { equals: "Ardabil", mode: "insensitive" } }, event({ type: "SENTENCE" }), { effectiveLashes: { gt: 0 } }],
    });
    expect(expected.length).toBeGreaterThan(0);
    expect((await allRows(viewer, filters)).map((r) => r.id).sort()).toEqual(expected);
  });
});

describe("sorting", () => {
  const value = (row: CaseTableRow, key: CaseSortKey): string | number | null => {
    switch (key) {
      case "person":
        return row.person.name;
      case "city":
        return row.city;
      case "arrestDate":
        return row.arrest.date;
      case "status":
        return null; // compared by enum order below
      case "statusDate":
        return row.status.date;
      case "firstInstancePrisonDays":
        return row.firstInstance.prisonDays;
      case "firstInstanceLashes":
        return row.firstInstance.lashes;
      case "effectivePrisonDays":
        return row.effective.prisonDays;
      case "effectiveLashes":
        return row.effective.lashes;
      case "updatedAt":
        return row.updatedAt;
    }
  };
  const STATUS_ORDER = [
    "SUMMONED",
    "DETAINED",
    "DISAPPEARED",
    "RELEASED_ON_BAIL",
    "SENTENCED",
    "IMPRISONED",
    "CONDITIONALLY_RELEASED",
    "RELEASED",
    "ACQUITTED",
    "UNKNOWN",
  ];
  const keyOf = (row: CaseTableRow, key: CaseSortKey) => (key === "status" ? STATUS_ORDER.indexOf(row.status.value) : value(row, key));

  /** -1, 0, 1 in the table's order: nulls last in both directions. */
  function compare(a: string | number | null, b: string | number | null, desc: boolean): number {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return desc ? -c : c;
  }

  const keys: CaseSortKey[] = [
    "person",
    "city",
    "arrestDate",
    "status",
    "statusDate",
    "firstInstancePrisonDays",
    "firstInstanceLashes",
    "effectivePrisonDays",
    "effectiveLashes",
    "updatedAt",
  ];

  it.each(keys.flatMap((key) => [[key, false] as const, [key, true] as const]))("by %s (descending: %s), unknown values last", async (key, desc) => {
    const rows = await allRows(viewer, {}, [{ key, desc }]);
    expect(rows.length).toBeGreaterThan(80);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as CaseTableRow;
      const b = rows[i] as CaseTableRow;
      expect(compare(keyOf(a, key), keyOf(b, key), desc), `${key} at ${i}: ${keyOf(a, key)} then ${keyOf(b, key)}`).toBeLessThanOrEqual(0);
    }
    const nonNull = rows.filter((r) => keyOf(r, key) !== null);
    expect(new Set(nonNull.map((r) => keyOf(r, key))).size).toBeGreaterThan(1);
  });

  it("sorts by several columns: status, then newest arrest within a status", async () => {
    const rows = await allRows(viewer, {}, [
      { key: "status", desc: false },
      { key: "arrestDate", desc: true },
    ]);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as CaseTableRow;
      const b = rows[i] as CaseTableRow;
      const byStatus = compare(keyOf(a, "status"), keyOf(b, "status"), false);
      expect(byStatus).toBeLessThanOrEqual(0);
      if (byStatus === 0) expect(compare(a.arrest.date, b.arrest.date, true)).toBeLessThanOrEqual(0);
    }
  });

  it("defaults to the newest arrest first, unknown arrest dates last", async () => {
    const rows = await allRows(viewer, {});
    const dates = rows.map((r) => r.arrest.date);
    const firstUnknown = dates.indexOf(null);
    expect(firstUnknown).toBeGreaterThan(0);
    expect(dates.slice(firstUnknown).every((d) => d === null)).toBe(true);
    const known = dates.slice(0, firstUnknown) as string[];
    expect([...known].sort().reverse()).toEqual(known);
  });
});

describe("pagination", () => {
  it("splits the list into pages that neither overlap nor skip a case", async () => {
    const all = (await allRows(viewer, {})).map((r) => r.id);
    const pages: string[] = [];
    const first = await listCaseTable(viewer, { filters: {}, page: 1, pageSize: 25 });
    for (let page = 1; page <= Math.ceil(first.total / 25); page++) {
      const result = await listCaseTable(viewer, { filters: {}, page, pageSize: 25 });
      expect(result.rows.length).toBeLessThanOrEqual(25);
      pages.push(...result.rows.map((r) => r.id));
    }
    expect(pages).toEqual(all);
    expect(new Set(pages).size).toBe(first.total);
  });

  it("answers a page past the end with no rows and the true total, with and without a search", async () => {
    const total = (await listCaseTable(viewer, { filters: {} })).total;
    expect(await listCaseTable(viewer, { filters: {}, page: 999, pageSize: 25 })).toMatchObject({ total, page: 999, rows: [] });
    const searched = await listCaseTable(viewer, { filters: { q: "Ibrahimzade" } });
    expect(searched.total).toBeGreaterThan(0);
    expect(await listCaseTable(viewer, { filters: { q: "Ibrahimzade" }, page: 50 })).toMatchObject({ total: searched.total, rows: [] });
  });
});

describe("search", () => {
  const names = async (q: string, filters: CaseFilters = {}) => (await allRows(viewer, { ...filters, q })).map((r) => r.person.name);

  it('finds "Fatma Ibrahimzade" (alias "Fatima Ibrahimzadeh") from either spelling, first', async () => {
    expect((await names("Fatima Ibrahimzade"))[0]).toBe("Fatma Ibrahimzade");
    expect((await names("Fatima Ibrahimzadeh"))[0]).toBe("Fatma Ibrahimzade");
    expect((await names("fatma ibrahimzade"))[0]).toBe("Fatma Ibrahimzade");
  });

  it('finds "Huseyn Mohammadiya" from "Mahammadiyan", and a name spelled one way only', async () => {
    const found = await names("Mahammadiyan");
    expect(found).toContain("Huseyn Mohammadiya");
    // No alias helps here: the tolerance comes from the trigram similarity itself.
    expect(found).toContain("Karim Mohammadiya");
  });

  it("tolerates a typo and diacritics", async () => {
    expect(await names("Salar Tahir Afshr")).toContain("Salar Tahir Afshar");
    expect(await names("Aydin Hilali")).toContain("Aydın Hilali");
  });

  it("finds a Perso-Arabic alias whatever keyboard typed it, with or without a zero-width non-joiner", async () => {
    for (const q of ["محمود قره‌داغی", "محمود قرهداغی", "\u200fمحمود قره داغي", "مَحمود قره‌داغي"]) {
      const rows = await allRows(viewer, { q });
      expect(
        rows.map((r) => r.person.id),
        q,
      ).toContain(ids.persianPerson);
    }
  });

  it("ranks by similarity, best first, with the score on each row", async () => {
    const rows = await allRows(viewer, { q: "Ibrahimzade" });
    expect(rows.length).toBeGreaterThan(0);
    const scores = rows.map((r) => r.score as number);
    expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("scores each person by their best name or alias and orders cases as a row-by-row reading of every name does", async () => {
    // People sharing a spelling, as a name, as an alias, or both: the search scores each
    // distinct spelling once, which must not change any person's score or place.
    await personWithCase({ name: "Leyla Ibrahimzade", aliases: ["Leyla Ebrahimzadeh"] });
    await personWithCase({ name: "Leyla Ibrahimzade" });
    await personWithCase({ name: "Leila Ebrahimzadeh", aliases: ["Leyla Ibrahimzade", "Leyla Ibrahimzadeh"] });
    await personWithCase({ name: "Leyla Ibrahimzadeh Marandi" });
    for (const q of ["Leyla Ibrahimzade", "Ibrahimzade", "Fatima Ibrahimzade", "Mahammadiyan"]) {
      const expected = await db().$queryRaw<{ id: string; score: number }[]>`
        WITH names AS (
          SELECT p.id AS person_id, p.name_normalized AS name FROM people p WHERE p.deleted_at IS NULL
          UNION ALL
          SELECT a.person_id, a.name_normalized FROM person_aliases a JOIN people p ON p.id = a.person_id AND p.deleted_at IS NULL
        ), scored AS (
          SELECT person_id, max(word_similarity(${normalizeName(q)}, name)) AS score, min(abs(length(name) - length(${normalizeName(q)}))) AS closeness
            FROM names WHERE word_similarity(${normalizeName(q)}, name) >= 0.5 GROUP BY person_id
        )
        SELECT c.id, s.score FROM scored s JOIN cases c ON c.person_id = s.person_id AND c.deleted_at IS NULL
         ORDER BY s.score DESC, s.closeness ASC, c.arrest_date DESC NULLS LAST, c.id DESC`;
      const rows = await allRows(viewer, { q });
      expect(expected.length, q).toBeGreaterThan(0);
      expect(
        rows.map((r) => r.id),
        q,
      ).toEqual(expected.map((r) => r.id));
      rows.forEach((r, i) => expect(r.score, `${q}: ${r.person.name}`).toBeCloseTo(expected[i]!.score, 5));
    }
  });

  it("never finds soft-deleted people or cases", async () => {
    const rows = await allRows(viewer, { q: "Ibrahimzade" });
    expect(rows.some((r) => r.person.id === ids.deletedPerson)).toBe(false);
    expect(rows.some((r) => r.id === ids.deletedCase)).toBe(false);
  });

  it("combines with filters and with an explicit sort", async () => {
    const all = await allRows(viewer, { q: "Ibrahimzade" });
    const detained = await allRows(viewer, { q: "Ibrahimzade", status: ["DETAINED"] });
    expect(detained.every((r) => r.status.value === "DETAINED")).toBe(true);
    expect(detained.map((r) => r.id)).toEqual(all.filter((r) => r.status.value === "DETAINED").map((r) => r.id));
    const byName = await allRows(viewer, { q: "Ibrahimzade" }, [{ key: "person", desc: true }]);
    expect(byName.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(byName.map((r) => r.person.name)).toEqual([...byName.map((r) => r.person.name)].sort().reverse());
  });

  it("treats SQL as text: `' OR 1=1--` finds nothing and breaks nothing", async () => {
    for (const q of ["' OR 1=1--", "'; DROP TABLE cases; --", "%", "_", "\\"]) {
      const result = await listCaseTable(viewer, { filters: { q } });
      expect(result, q).toMatchObject({ total: 0, rows: [] });
    }
    expect((await listCaseTable(viewer, { filters: {} })).total).toBeGreaterThan(80);
  });

  it("matches nothing for a query with no searchable letters", async () => {
    expect((await listCaseTable(viewer, { filters: { q: "\u200b\u200f" } })).total).toBe(0);
  });
});

describe("duplicate warning (findSimilarPeople)", () => {
  it("offers the existing person for another spelling of the name, with a link", async () => {
    const candidates = await findSimilarPeople(editor, "Fatima Ibrahimzadeh");
    const fatma = candidates.find((c) => c.name === "Fatma Ibrahimzade");
    expect(fatma).toMatchObject({ aliases: ["Fatima Ibrahimzadeh"], href: expect.stringMatching(/^\/people\/.+/) });
    expect(fatma?.similarity).toBeGreaterThanOrEqual(0.5);
    expect(candidates[0]?.name).toBe("Fatma Ibrahimzade");
  });

  it("checks the aliases too, and Perso-Arabic spellings", async () => {
    const byAlias = await findSimilarPeople(editor, "Somebody Else", ["Huseyn Mahammadiyan"]);
    expect(byAlias.map((c) => c.name)).toContain("Huseyn Mohammadiya");
    expect(byAlias.find((c) => c.name === "Huseyn Mohammadiya")?.matchedInput).toBe("Huseyn Mahammadiyan");
    const persian = await findSimilarPeople(editor, "محمود قره داغی");
    expect(persian.map((c) => c.personId)).toContain(ids.persianPerson);
  });

  it("stays quiet for an unrelated name and never offers soft-deleted people", async () => {
    expect(await findSimilarPeople(editor, "Zzyzx Quokka")).toEqual([]);
    const near = await findSimilarPeople(editor, "Deleted Ibrahimzade");
    expect(near.some((c) => c.personId === ids.deletedPerson)).toBe(false);
    expect(await findSimilarPeople(editor, "' OR 1=1--")).toEqual([]);
  });

  it("orders candidates closest first", async () => {
    const candidates = await findSimilarPeople(editor, "Mehdi Purali");
    expect(candidates[0]?.name).toBe("Mehdi Purali");
    const sims = candidates.map((c) => c.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
  });
});

describe("GET /api/cases", () => {
  const get = async (query: string) => {
    const { GET } = await import("@/app/api/cases/route");
    return GET(new Request(`http://localhost/api/cases${query}`), undefined);
  };

  it("answers 401 without a session, even for invalid parameters", async () => {
    session.actor = null;
    expect((await get("")).status).toBe(401);
    expect((await get("?status=BOGUS")).status).toBe(401);
  });

  it("answers { total, page, pageSize, rows } with the same filters, search, sort and pagination", async () => {
    session.actor = viewer;
    const res = await get("?status=DETAINED&status=IMPRISONED&sort=-arrestDate,person&page=1&pageSize=5");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { total: number; page: number; pageSize: number; rows: CaseTableRow[] };
    const direct = await listCaseTable(viewer, {
      filters: { status: ["DETAINED", "IMPRISONED"] },
      sort: [
        { key: "arrestDate", desc: true },
        { key: "person", desc: false },
      ],
      page: 1,
      pageSize: 5,
    });
    expect(body).toMatchObject({ total: direct.total, page: 1, pageSize: 5 });
    expect(body.rows.map((r) => r.id)).toEqual(direct.rows.map((r) => r.id));
    const searched = (await (await get(`?q=${encodeURIComponent("Fatima Ibrahimzade")}`)).json()) as { rows: CaseTableRow[] };
    expect(searched.rows[0]?.person.name).toBe("Fatma Ibrahimzade");
  });

  it("gives a VIEWER JSON without restricted fields", async () => {
    session.actor = viewer;
    const text = await (await get("?pageSize=100")).text();
    const all = JSON.stringify(await allRows(viewer, {}));
    expect(all).toContain(ids.restrictedCase);
    expect(text).not.toContain(RESTRICTED_NOTE);
    expect(text).not.toContain("restrictedNotes");
    expect(text).not.toContain(CONFIDENTIAL_TITLE);
  });

  it.each([
    ["?status=FREED", "status"],
    ["?sort=password", "sort"],
    ["?page=0", "page"],
    ["?pageSize=500", "pageSize"],
    ["?role=ADMIN", "role"],
    ["?arrestFrom=2020-02-31", "arrestFrom"],
  ])("answers 400 naming the parameter for %s", async (query, field) => {
    session.actor = viewer;
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string; reason: string };
    expect(body.field).toBe(field);
    expect(body.reason.length).toBeGreaterThan(0);
    expect(body.error).toContain(field);
  });

  it("treats an injection attempt in q as text (200, no rows)", async () => {
    session.actor = viewer;
    const res = await get(`?q=${encodeURIComponent("' OR 1=1--")}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 0, rows: [] });
  });
});

describe("indexes the schema cannot express", () => {
  it("exist after the migrations (the drift test exempts them by name)", async () => {
    const rows = await db().$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE tablename = 'cases' AND indexname IN ('cases_arrest_date_desc_idx', 'cases_city_arrest_date_idx')`;
    expect(rows.map((r) => r.indexname).sort()).toEqual(["cases_arrest_date_desc_idx", "cases_city_arrest_date_idx"]);
  });
});
