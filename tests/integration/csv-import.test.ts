// CSV import on a real PostgreSQL: the dry run writes nothing, one bad row in 1,000 writes
// nothing and is named, importing the same file twice adds nothing, roles are refused on
// the server, and every kind of bad input (encoding, size, columns, types, dates,
// references) is reported with its row and column while every table stays as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, AuthRequiredError, type Actor } from "@/lib/authz";
import { recomputeCaseColumns } from "@/lib/data/case-derived";
import { listCaseTable } from "@/lib/data/case-table";
import { importCsv, type CsvImportResult } from "@/lib/data/csv-import";
import { db } from "@/lib/db";
import { COLUMN_NAMES, MAX_FILE_BYTES, templateCsv } from "@/lib/import/columns";
import { handleImportRequest, MAX_BODY_BYTES } from "@/lib/import/route-handler";
import { turnsDuring } from "../support/event-loop";
import { createUser, unique } from "../support/factories";

let editor: Actor;
let viewer: Actor;
let admin: Actor;
let sourceKey: string;
let incidentKey: string;

beforeAll(async () => {
  editor = await createUser("EDITOR");
  viewer = await createUser("VIEWER");
  admin = await createUser("ADMIN");
  sourceKey = unique("src");
  incidentKey = unique("inc");
  await db().source.create({ data: { key: sourceKey, title: "NGO statement on the Tabriz arrests", kind: "NGO_STATEMENT" } });
  await db().incident.create({ data: { key: incidentKey, title: "Rally in Tabriz", city: "Tabriz" } });
});

/** Row count of every table of the app (everything but the migrations log). */
async function tableCounts(): Promise<Record<string, number>> {
  // Exact row counts of every table in one parameter-free query (query_to_xml runs the
  // count per table inside PostgreSQL, with the name quoted by format's %I).
  const rows = await db().$queryRaw<{ name: string; n: number }[]>`
    SELECT table_name AS name,
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1]::text::int AS n
      FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY 1`;
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/**
 * The import derives case columns in batches; recomputeCaseColumns (what every event edit
 * runs) must find nothing to change on the imported cases.
 */
async function expectDerivedLikeAnEdit(caseKeys: string[]): Promise<void> {
  const read = () => db().case.findMany({ where: { key: { in: caseKeys } }, orderBy: { key: "asc" }, omit: { updatedAt: true, version: true } });
  const imported = await read();
  expect(imported).toHaveLength(caseKeys.length);
  await db().$transaction(
    async (tx) => {
      for (const c of imported) await recomputeCaseColumns(tx, c.id);
    },
    { timeout: 120_000 },
  );
  expect(await read()).toEqual(imported);
}

type Row = Record<string, string>;

function cell(value: string): string {
  return /[",\r\n;]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV in the template's format (all columns unless given), CRLF line ends like spreadsheets write. */
function csv(rows: Row[], columns: readonly string[] = COLUMN_NAMES): string {
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c] ?? "")).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A person with an arrest, a detention and a sentence (3 rows). */
function personRows(tag: string, overrides: Partial<Record<"arrest" | "detention" | "sentence", Row>> = {}): Row[] {
  const base = { person_key: `p-${tag}`, case_key: `c-${tag}-2020`, source_keys: sourceKey };
  return [
    {
      ...base,
      event_key: "arrest",
      person_name: `Aydin ${tag}`,
      person_aliases: `آیدین ${tag}; Aydin ${tag}zadeh`,
      person_gender: "male",
      person_birth_year: "1990",
      person_home_city: "Tabriz",
      person_province: "East Azerbaijan",
      case_incident_key: incidentKey,
      case_summary: "Arrested at the July 2020 rally.",
      event_type: "arrest",
      event_date: "2020-07-16",
      event_city: "Tabriz",
      event_circumstance: "at protest",
      ...overrides.arrest,
    },
    {
      ...base,
      event_key: "detention",
      event_type: "detention",
      event_date: "2020-08",
      event_facility: "Tabriz Central Prison",
      event_conditions: "solitary confinement; no visits",
      ...overrides.detention,
    },
    {
      ...base,
      event_key: "sentence",
      event_type: "sentence",
      event_date: "2021",
      event_court: "Revolutionary Court of Tabriz",
      event_branch: "Branch 1",
      event_charges: "Propaganda against the state | Article 500; Disturbing public order",
      event_prison_years: "1",
      event_prison_months: "6",
      event_lashes: "74",
      event_fine_amount: "50,000,000",
      event_fine_currency: "irr",
      source_urls: `https://example.org/news/${tag}`,
      ...overrides.sentence,
    },
  ];
}

const run = (actor: Actor | null, text: string | Uint8Array, dryRun: boolean, fileName = "cases.csv") =>
  importCsv(actor, { bytes: typeof text === "string" ? utf8(text) : text, fileName, dryRun });

/** Asserts the file is refused with exactly these problems and that no table changed. */
async function expectRefused(text: string | Uint8Array, expected: { row: number | null; column: string | null; reason: RegExp }[]): Promise<CsvImportResult> {
  const before = await tableCounts();
  const dry = await run(editor, text, true);
  const commit = await run(editor, text, false);
  expect(await tableCounts()).toEqual(before);
  for (const result of [dry, commit]) {
    expect(result.committed).toBe(false);
    expect(result.errorCount, JSON.stringify(result.errors, null, 1)).toBe(expected.length);
    expected.forEach((e, i) => {
      const got = result.errors[i];
      expect(got, JSON.stringify(result.errors)).toBeDefined();
      expect({ row: got!.row, column: got!.column }).toEqual({ row: e.row, column: e.column });
      expect(got!.reason).toMatch(e.reason);
    });
  }
  return commit;
}

describe("dry run", () => {
  it("lists what each row would create and changes no table", async () => {
    const text = csv([...personRows("dry-a"), ...personRows("dry-b")]);
    const before = await tableCounts();
    const result = await run(editor, text, true);
    expect(await tableCounts()).toEqual(before);

    expect(result).toMatchObject({ dryRun: true, committed: false, rowCount: 6, errorCount: 0, errors: [], updated: 0, unchanged: 0 });
    expect(result.counts).toEqual({
      people: { created: 2, updated: 0, unchanged: 0 },
      cases: { created: 2, updated: 0, unchanged: 0 },
      events: { created: 6, updated: 0, unchanged: 0 },
    });
    expect(result.created).toBe(10);
    expect(result.rows.map((r) => [r.row, r.person.action, r.case.action, r.event.action, r.event.type])).toEqual([
      [2, "create", "create", "create", "ARREST"],
      [3, "create", "create", "create", "DETENTION"],
      [4, "create", "create", "create", "SENTENCE"],
      [5, "create", "create", "create", "ARREST"],
      [6, "create", "create", "create", "DETENTION"],
      [7, "create", "create", "create", "SENTENCE"],
    ]);
    expect(result.newCourts).toEqual(["Revolutionary Court of Tabriz"]);
    expect(result.newFacilities).toEqual(["Tabriz Central Prison"]);
    expect(result.newSources).toEqual(["https://example.org/news/dry-a", "https://example.org/news/dry-b"]);
  });
});

describe("commit", () => {
  it("imports people, cases and events in one transaction with one audit entry, and the case table shows them", async () => {
    const text = csv(personRows("commit"));
    const auditBefore = await db().auditEntry.count();
    const result = await run(editor, text, false, "ngo-sheet.csv");
    expect(result).toMatchObject({ dryRun: false, committed: true, errorCount: 0, created: 5, updated: 0, unchanged: 0 });

    const person = await db().person.findUniqueOrThrow({ where: { key: "p-commit" }, include: { aliases: { orderBy: { name: "asc" } } } });
    expect(person).toMatchObject({
      name: "Aydin commit",
      gender: "MALE",
      birthYear: 1990,
      homeCity: "Tabriz",
      province: "East Azerbaijan",
      nameNormalized: expect.stringContaining("aydin"),
    });
    expect(person.aliases.map((a) => [a.name, a.script])).toEqual([
      ["Aydin commitzadeh", "LATIN"],
      ["آیدین commit", "PERSO_ARABIC"],
    ]);

    const kase = await db().case.findUniqueOrThrow({
      where: { key: "c-commit-2020" },
      include: {
        incident: true,
        events: {
          orderBy: { position: "asc" },
          include: { charges: { orderBy: { position: "asc" } }, sources: { include: { source: true } }, court: true, facility: true },
        },
      },
    });
    expect(kase.incident?.key).toBe(incidentKey);
    expect(kase.events.map((e) => [e.key, e.type, e.position, e.datePrecision])).toEqual([
      ["arrest", "ARREST", 0, "DAY"],
      ["detention", "DETENTION", 1, "MONTH"],
      ["sentence", "SENTENCE", 2, "YEAR"],
    ]);
    const [arrest, detention, sentence] = kase.events;
    expect(arrest).toMatchObject({ city: "Tabriz", circumstance: "AT_PROTEST" });
    expect(detention).toMatchObject({ conditions: ["solitary_confinement", "no_visits"] });
    expect(detention!.facility?.name).toBe("Tabriz Central Prison");
    expect(sentence).toMatchObject({ prisonYears: 1, prisonMonths: 6, lashes: 74, fineCurrency: "IRR", branch: "Branch 1" });
    expect(sentence!.fineAmount?.toFixed()).toBe("50000000");
    expect(sentence!.court?.name).toBe("Revolutionary Court of Tabriz");
    expect(sentence!.charges.map((c) => [c.text, c.article])).toEqual([
      ["Propaganda against the state", "Article 500"],
      ["Disturbing public order", null],
    ]);
    expect(sentence!.sources.map((s) => s.source.key === sourceKey || s.source.url).sort()).toEqual(["https://example.org/news/commit", true].sort());

    // Derived columns, through the same derivation as every event change.
    expect(kase).toMatchObject({ status: "IMPRISONED", arrestCity: "Tabriz", firstInstancePrisonDays: 545, firstInstanceLashes: 74, effectiveLashes: 74 });
    expect(kase.arrestDate?.toISOString().slice(0, 10)).toBe("2020-07-16");
    expect(kase.currentFacilityId).toBe(detention!.facilityId);
    expect(kase.firstInstanceCourtId).toBe(sentence!.courtId);

    await expectDerivedLikeAnEdit(["c-commit-2020"]);

    const table = await listCaseTable(editor, { filters: { q: "Aydin commit" }, page: 1, pageSize: 10 });
    expect(table.rows.map((r) => r.id)).toContain(kase.id);

    // One audit entry: who, the file, the counts and the records.
    expect(await db().auditEntry.count()).toBe(auditBefore + 1);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "import.csv" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(editor.id);
    const after = audit.after as {
      file: { name: string; bytes: number };
      rows: number;
      created: number;
      updated: number;
      records: { people: { key: string; id: string }[]; events: unknown[] };
    };
    expect(after.file).toMatchObject({ name: "ngo-sheet.csv", bytes: utf8(text).byteLength });
    expect(after).toMatchObject({ rows: 3, created: 5, updated: 0 });
    expect(after.records.people).toEqual([{ key: "p-commit", id: person.id, action: "create" }]);
    expect(after.records.events).toHaveLength(3);
  });

  it("importing the same file twice adds nothing", async () => {
    const text = csv(personRows("twice"));
    const first = await run(editor, text, false);
    expect(first.created).toBe(5);
    const before = await tableCounts();
    const second = await run(editor, text, false);
    expect(await tableCounts()).toEqual(before);
    expect(second).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 5, errorCount: 0 });
    expect(second.rows.every((r) => r.person.action === "unchanged" && r.case.action === "unchanged" && r.event.action === "unchanged")).toBe(true);
    // And its dry run says so too.
    expect(await run(editor, text, true)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it("updates what a later file changes, never clears what it leaves empty, and records before/after", async () => {
    await run(editor, csv(personRows("update")), false);
    const rows = personRows("update", {
      sentence: { event_lashes: "30", event_prison_years: "", event_prison_months: "", event_fine_amount: "", event_fine_currency: "" },
    });
    rows[0] = { ...rows[0]!, person_home_city: "Urmia", person_aliases: "", person_birth_year: "", person_vulnerabilities: "chronic illness" };
    const appeal = {
      person_key: "p-update",
      case_key: "c-update-2020",
      event_key: "appeal",
      event_type: "appeal",
      event_date: "2021-05",
      event_appeal_outcome: "reduced",
      event_prison_years: "0",
      event_prison_months: "6",
      source_keys: sourceKey,
    };
    const dry = await run(editor, csv([...rows, appeal]), true);
    expect(dry.rows.map((r) => [r.person.action, r.case.action, r.event.action])).toEqual([
      ["update", "unchanged", "unchanged"],
      ["update", "unchanged", "unchanged"],
      ["update", "unchanged", "update"],
      ["update", "unchanged", "create"],
    ]);
    expect(dry.rows[0]!.changes).toEqual(["person.homeCity", "person.vulnerabilities"]);
    expect(dry.rows[2]!.changes).toContain("event.lashes");
    expect(dry.counts).toEqual({
      people: { created: 0, updated: 1, unchanged: 0 },
      cases: { created: 0, updated: 0, unchanged: 1 },
      events: { created: 1, updated: 1, unchanged: 2 },
    });

    const result = await run(editor, csv([...rows, appeal]), false);
    expect(result).toMatchObject({ committed: true, created: 1, updated: 2 });
    const person = await db().person.findUniqueOrThrow({ where: { key: "p-update" }, include: { aliases: true } });
    expect(person).toMatchObject({ homeCity: "Urmia", birthYear: 1990, vulnerabilities: ["CHRONIC_ILLNESS"], version: 2 });
    expect(person.aliases).toHaveLength(2);
    const kase = await db().case.findUniqueOrThrow({ where: { key: "c-update-2020" }, include: { events: { orderBy: { position: "asc" } } } });
    expect(kase.events.map((e) => e.key)).toEqual(["arrest", "detention", "sentence", "appeal"]);
    const sentence = kase.events[2]!;
    expect(sentence).toMatchObject({ lashes: 30, prisonYears: 1, prisonMonths: 6, version: 2 });
    expect(sentence.fineAmount?.toFixed()).toBe("50000000");
    // Derived again: the appeal's terms are the effective sentence; the first instance is the (changed) sentence.
    expect(kase).toMatchObject({ firstInstancePrisonDays: 545, firstInstanceLashes: 30, effectivePrisonDays: 180 });
    await expectDerivedLikeAnEdit(["c-update-2020"]);

    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "import.csv" }, orderBy: { id: "desc" } });
    const after = audit.after as {
      records: {
        people: { changes: Record<string, { from: unknown; to: unknown }> }[];
        events: { key: string; changes?: Record<string, { from: unknown; to: unknown }> }[];
      };
    };
    expect(after.records.people[0]!.changes.homeCity).toEqual({ from: "Tabriz", to: "Urmia" });
    expect(after.records.events.find((e) => e.key === "sentence")!.changes!.lashes).toEqual({ from: 74, to: 30 });
  });

  it("one bad row in 1,000 adds nothing and names the row; fixed, the file imports", async () => {
    const rows: Row[] = [];
    for (let i = 0; i < 1000; i++) {
      rows.push({
        person_key: `p-bulk-${Math.floor(i / 2)}`,
        case_key: `c-bulk-${Math.floor(i / 2)}`,
        event_key: i % 2 === 0 ? "arrest" : "release",
        person_name: i % 2 === 0 ? `Bulk Person ${Math.floor(i / 2)}` : "",
        event_type: i % 2 === 0 ? "ARREST" : "RELEASE",
        event_date: i % 2 === 0 ? "2020-10-18" : "2020-11",
        event_release_type: i % 2 === 0 ? "" : "full",
        source_keys: sourceKey,
      });
    }
    rows[700] = { ...rows[700]!, event_date: "2020-13-01" };
    const before = await tableCounts();
    const bad = await run(editor, csv(rows), false);
    expect(await tableCounts()).toEqual(before);
    expect(bad.committed).toBe(false);
    expect(bad.errors).toEqual([{ row: 702, column: "event_date", reason: expect.stringMatching(/2020-13-01/) }]);
    expect(bad.errors[0]!.reason).toMatch(/not a real date/);
    // The figures say what the other rows would do once the problem is fixed.
    expect(bad.counts).toEqual({
      people: { created: 500, updated: 0, unchanged: 0 },
      cases: { created: 500, updated: 0, unchanged: 0 },
      events: { created: 999, updated: 0, unchanged: 0 },
    });
    expect(bad.rows[700]).toMatchObject({ row: 702, event: { action: null } });

    rows[700] = { ...rows[700]!, event_date: "2020-11-01" };
    const started = Date.now();
    const good = await run(editor, csv(rows), false);
    const ms = Date.now() - started;
    expect(good).toMatchObject({ committed: true, errorCount: 0, created: 500 + 500 + 1000 });
    expect(await db().case.count({ where: { key: { startsWith: "c-bulk-" }, status: "RELEASED" } })).toBe(500);
    await expectDerivedLikeAnEdit(Array.from({ length: 500 }, (_, i) => `c-bulk-${i}`));
    console.info(`1,000-row import committed in ${ms} ms`);
  });
});

describe("roles", () => {
  const form = (text: string, dryRun?: string) => {
    const body = new FormData();
    body.set("file", new File([text], "cases.csv", { type: "text/csv" }));
    if (dryRun) body.set("dryRun", dryRun);
    return body;
  };
  const post = (actor: Actor | null, body: FormData | ReadableStream<Uint8Array> | string, init: { query?: string; headers?: Record<string, string> } = {}) =>
    handleImportRequest(
      actor,
      new Request(`http://localhost/api/import${init.query ?? ""}`, { method: "POST", body, headers: init.headers, duplex: "half" } as RequestInit),
    );

  it("a VIEWER gets 403 and nothing is written; without a session 401", async () => {
    const text = csv(personRows("viewer"));
    const before = await tableCounts();
    const forbidden = await post(viewer, form(text));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatch(/not allowed/i);
    expect((await post(null, form(text))).status).toBe(401);
    expect(await tableCounts()).toEqual(before);
    await expect(run(viewer, text, false)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(run(viewer, text, true)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(run(null, text, true)).rejects.toBeInstanceOf(AuthRequiredError);
    expect(await db().person.count({ where: { key: "p-viewer" } })).toBe(0);
  });

  it("EDITOR and ADMIN import through the route: dryRun as a query parameter or a form field", async () => {
    const text = csv(personRows("route"));
    const dry = await post(editor, form(text), { query: "?dryRun=1" });
    expect(dry.status).toBe(200);
    const body = (await dry.json()) as CsvImportResult;
    expect(body).toMatchObject({ dryRun: true, committed: false, created: 5, updated: 0, unchanged: 0, errors: [] });
    expect(body.rows).toHaveLength(3);
    expect(await db().person.count({ where: { key: "p-route" } })).toBe(0);

    const dryField = await post(admin, form(text, "1"));
    expect(((await dryField.json()) as CsvImportResult).dryRun).toBe(true);
    expect(await db().person.count({ where: { key: "p-route" } })).toBe(0);

    const commit = await post(admin, form(text));
    expect(commit.status).toBe(200);
    expect(await commit.json()).toMatchObject({ dryRun: false, committed: true, created: 5 });
    expect(await db().person.count({ where: { key: "p-route" } })).toBe(1);
  });

  it("a refused commit answers 422 with the errors", async () => {
    const response = await post(editor, form(csv(personRows("refused", { arrest: { event_date: "16/07/2020" } }))));
    expect(response.status).toBe(422);
    const body = (await response.json()) as CsvImportResult;
    expect(body.errors).toEqual([{ row: 2, column: "event_date", reason: expect.stringMatching(/"16\/07\/2020" is not written YYYY, YYYY-MM or YYYY-MM-DD/) }]);
  });

  it("refuses an upload posted from another site", async () => {
    const before = await tableCounts();
    const response = await post(editor, form(csv(personRows("cross-site"))), { headers: { origin: "https://evil.example", host: "localhost" } });
    expect(response.status).toBe(403);
    expect(await tableCounts()).toEqual(before);
    const same = await post(editor, form(csv(personRows("same-site"))), { query: "?dryRun=1", headers: { origin: "http://localhost", host: "localhost" } });
    expect(same.status).toBe(200);
  });

  it("refuses a request that is not multipart or has no file", async () => {
    expect((await post(editor, "person_key\n", { headers: { "content-type": "text/csv" } })).status).toBe(400);
    const noFile = new FormData();
    noFile.set("dryRun", "1");
    expect((await post(editor, noFile)).status).toBe(400);
  });

  describe("uploads over 20 MB: 413, nothing read into the database", () => {
    it("by the declared Content-Length", async () => {
      const response = await post(editor, "x", {
        headers: { "content-type": "multipart/form-data; boundary=abc", "content-length": String(MAX_BODY_BYTES + 1) },
      });
      expect(response.status).toBe(413);
      expect((await response.json()).errors[0].reason).toMatch(/larger than 20 MB/);
    });

    it("by the bytes actually streamed (no or a false Content-Length)", async () => {
      const chunk = new Uint8Array(1024 * 1024).fill(0x61);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_BODY_BYTES + chunk.byteLength) controller.close();
          else {
            sent += chunk.byteLength;
            controller.enqueue(chunk);
          }
        },
      });
      const response = await post(editor, stream, { headers: { "content-type": "multipart/form-data; boundary=abc", "content-length": "100" } });
      expect(response.status).toBe(413);
      // Refused as soon as the limit was passed, not after reading everything.
      expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * chunk.byteLength);
    });

    it("by the file's own size", async () => {
      const big = new FormData();
      big.set("file", new File([new Uint8Array(MAX_FILE_BYTES + 1)], "big.csv"));
      const response = await post(editor, big);
      expect(response.status).toBe(413);
    });
  });
});

describe("bad input: a clear message naming row and column, and no table touched", () => {
  it("a file that is not UTF-8 names the first row and column with a byte that is not", async () => {
    const text = csv(personRows("latin1", { arrest: { person_name: "Zähra latin1" } }));
    // The same text in Latin-1 (one byte per character, as Windows-1252 spreadsheets save it).
    const latin1 = Uint8Array.from(text.replace(/[^\u0000-\u00ff]/g, "?"), (c) => c.charCodeAt(0));
    await expectRefused(latin1, [{ row: 2, column: "person_name", reason: /not UTF-8.*CSV UTF-8/ }]);
  });

  it("UTF-16 is named as such", async () => {
    const text = csv(personRows("utf16"));
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    await expectRefused(bytes, [{ row: null, column: null, reason: /UTF-16/ }]);
  });

  it("UTF-8 with a BOM (Excel's CSV UTF-8) is read, the BOM dropped", async () => {
    const result = await run(editor, `\uFEFF${csv(personRows("bom"))}`, true);
    expect(result.errors).toEqual([]);
    expect(result.created).toBe(5);
  });

  it("an unknown column is named, with the column it probably meant", async () => {
    const columns = COLUMN_NAMES.map((c) => (c === "event_lashes" ? "event_lashs" : c));
    const rows = personRows("unknown").map((r) => ({ ...r, event_lashs: r.event_lashes ?? "" }));
    await expectRefused(csv(rows, columns), [{ row: 1, column: "event_lashs", reason: /Unknown column "event_lashs".*Did you mean "event_lashes"\?/ }]);
  });

  it("a missing required column is named", async () => {
    await expectRefused(
      csv(
        personRows("missing"),
        COLUMN_NAMES.filter((c) => c !== "event_type"),
      ),
      [{ row: 1, column: "event_type", reason: /Required column event_type is missing/ }],
    );
  });

  it("optional columns may be left out of the header", async () => {
    const columns = ["person_key", "case_key", "event_key", "person_name", "event_type", "event_date", "source_keys"];
    const result = await run(
      editor,
      csv(
        [
          {
            person_key: "p-short",
            case_key: "c-short",
            event_key: "e1",
            person_name: "Short Header",
            event_type: "summons",
            event_date: "2022",
            source_keys: sourceKey,
          },
        ],
        columns,
      ),
      true,
    );
    expect(result.errors).toEqual([]);
    expect(result.created).toBe(3);
  });

  it("wrong types name the row, the column and the cell", async () => {
    await expectRefused(csv(personRows("types", { sentence: { event_prison_years: "three", event_lashes: "2.5" }, arrest: { person_gender: "woman" } })), [
      { row: 2, column: "person_gender", reason: /gender.*"woman"/i },
      { row: 4, column: "event_prison_years", reason: /Prison years must be a number.*"three"/ },
      { row: 4, column: "event_lashes", reason: /Lashes must be a whole number/ },
    ]);
  });

  it("dates that do not parse or are impossible", async () => {
    await expectRefused(
      csv(personRows("dates", { arrest: { event_date: "July 2020" }, detention: { event_date: "2020-02-30" }, sentence: { event_date: "2999" } })),
      [
        { row: 2, column: "event_date", reason: /"July 2020" is not written YYYY, YYYY-MM or YYYY-MM-DD/ },
        { row: 3, column: "event_date", reason: /"2020-02-30" is not a real date/ },
        { row: 4, column: "event_date", reason: /in the future/ },
      ],
    );
  });

  it("references to unknown incidents and sources", async () => {
    await expectRefused(csv(personRows("refs", { arrest: { case_incident_key: "inc-never-recorded" }, sentence: { source_keys: "src-nowhere" } })), [
      { row: 2, column: "case_incident_key", reason: /No incident has the key "inc-never-recorded"/ },
      { row: 4, column: "source_keys", reason: /No source has the key "src-nowhere"/ },
    ]);
  });

  it("every problem of a row in one answer: a bad value and an unknown source together", async () => {
    await expectRefused(csv(personRows("all-at-once", { sentence: { event_lashes: "many", source_keys: "src-nowhere", source_urls: "" } })), [
      { row: 4, column: "event_lashes", reason: /Lashes must be a number/ },
      { row: 4, column: "source_keys", reason: /No source has the key "src-nowhere"/ },
    ]);
  });

  it("a value for another type of event, a missing source and a duplicated event key", async () => {
    const rows = personRows("misc", { arrest: { event_lashes: "10" }, detention: { source_keys: "" } });
    rows.push({ ...rows[2]! });
    await expectRefused(csv(rows), [
      { row: 2, column: "event_lashes", reason: /An arrest event has no lashes.*sentence, appeal/ },
      { row: 3, column: "source_keys", reason: /at least one source/ },
      { row: 5, column: "event_key", reason: /already on row 4/ },
    ]);
  });

  it("rows of one person that disagree, and a case given to two people", async () => {
    const rows = personRows("agree", { detention: { person_home_city: "Ardabil" } });
    rows[1] = { ...rows[1]!, person_home_city: "Ardabil" };
    rows.push({ ...personRows("agree-other")[0]!, case_key: "c-agree-2020", event_key: "other" });
    await expectRefused(csv(rows), [
      { row: 3, column: "person_home_city", reason: /"Tabriz".*row 2.*"Ardabil"/ },
      { row: 5, column: "case_key", reason: /belongs to person p-agree on row 2/ },
    ]);
  });

  it("a broken quote and a row with too many cells", async () => {
    const good = csv(personRows("quote"));
    await expectRefused(`${good}p-x,"unclosed\r\n`, [{ row: 5, column: null, reason: /quoted cell is never closed/ }]);
    await expectRefused(`${good}${"a,".repeat(COLUMN_NAMES.length + 2)}\r\n`, [{ row: 5, column: null, reason: /has \d+ cells but the header has \d+/ }]);
  });

  it("a bad key and an empty file", async () => {
    await expectRefused(csv([{ ...personRows("keys")[0]!, person_key: "P 001" }]), [
      { row: 2, column: "person_key", reason: /lower-case letters, digits and single hyphens/ },
    ]);
    await expectRefused("", [{ row: null, column: null, reason: /empty/ }]);
    await expectRefused(templateCsv(), [{ row: null, column: null, reason: /no data rows/ }]);
  });

  it("an existing case may not change person, an event may not change type", async () => {
    await run(editor, csv(personRows("fixed")), false);
    const rows = personRows("fixed");
    rows[1] = { ...rows[1]!, event_type: "transfer" };
    rows.push({ ...personRows("intruder")[0]!, case_key: "c-fixed-2020", event_key: "new-one" });
    await expectRefused(csv(rows), [
      { row: 3, column: "event_type", reason: /is a detention event: an import cannot change an event's type/ },
      { row: 5, column: "case_key", reason: /belongs to person p-fixed on row 2/ },
    ]);
  });

  it("a deleted person is not revived", async () => {
    await run(editor, csv(personRows("gone")), false);
    await db().person.update({ where: { key: "p-gone" }, data: { deletedAt: new Date() } });
    const result = await expectRefused(csv(personRows("gone")), [
      { row: 2, column: "person_key", reason: /was deleted/ },
      { row: 3, column: "person_key", reason: /was deleted/ },
      { row: 4, column: "person_key", reason: /was deleted/ },
    ]);
    expect(result.rows.every((r) => r.person.action === null)).toBe(true);
  });
});

describe("large and hostile files: bounded work, the event loop free meanwhile", () => {
  const columns = ["person_key", "case_key", "event_key", "person_name", "event_type", "event_date", "source_keys"];
  const line = (tag: string, i: number) => `p-${tag}-${i},c-${tag}-${i},e,Person ${tag} ${i},arrest,2021-03,${sourceKey}\r\n`;
  const post = (text: string) => {
    const body = new FormData();
    body.set("file", new File([text], "big.csv", { type: "text/csv" }));
    return handleImportRequest(editor, new Request("http://localhost/api/import?dryRun=1", { method: "POST", body }));
  };

  it("a million blank lines (2 MB) after the header: no data rows, and the server kept turning while reading them", async () => {
    // Refused before any database read, so every turn of the event loop was given by the reader.
    const text = `${columns.join(",")}\r\n${"\r\n".repeat(1_000_000)}`;
    const { value: response, turns } = await turnsDuring(() => post(text));
    expect(response.status).toBe(200);
    expect(((await response.json()) as CsvImportResult).errors).toEqual([{ row: null, column: null, reason: "The file has a header but no data rows." }]);
    expect(turns).toBeGreaterThan(0);
  });

  it("a million blank lines between two rows, with mixed line ends: the rows, numbered like a spreadsheet", async () => {
    const text = `${columns.join(",")}\r\n${line("blank", 1)}${"\r\n".repeat(500_000)}${"\n".repeat(500_000)}${line("blank", 2)}`;
    const response = await post(text);
    expect(response.status).toBe(200);
    const body = (await response.json()) as CsvImportResult;
    expect(body.errors).toEqual([]);
    expect(body.rows.map((r) => r.row)).toEqual([2, 1_000_003]);
  });

  it("more rows than the limit: refused at the first row past it, without reading on", async () => {
    // A quote never closed after the limit: read on, the answer would be about it instead.
    const text = `${columns.join(",")}\r\n${Array.from({ length: 50_001 }, (_, i) => line("limit", i)).join("")}p-x,"unclosed\r\n`;
    const before = await tableCounts();
    const response = await post(text);
    expect(response.status).toBe(200);
    const body = (await response.json()) as CsvImportResult;
    expect(body.errors).toEqual([{ row: 50_002, column: null, reason: expect.stringMatching(/more than 50,000 data rows \(row 50002 is data row 50,001\)/) }]);
    expect(await tableCounts()).toEqual(before);
  });

  it("a row longer than 1 MB: refused with its row and why", async () => {
    await expectRefused(`${columns.join(",")}\r\n${line("long", 1)}p-long,c-long,e,"${"x".repeat(1_100_000)}",arrest,2021,${sourceKey}\r\n`, [
      { row: 3, column: null, reason: /This row is longer than 1 MB.*a double quote.*never closed/ },
    ]);
  });

  it("50,000 valid rows of one case are checked and planned with the event loop turning", async () => {
    const text = `${columns.join(",")}\r\n${Array.from({ length: 50_000 }, (_, i) => `p-one-case,c-one-case,e-${i},Person One Case,arrest,20${10 + (i % 12)}-0${1 + (i % 9)},${sourceKey}\r\n`).join("")}`;
    const { value: result, turns } = await turnsDuring(() => run(editor, text, true));
    expect(result.errorCount).toBe(0);
    expect(result.counts.events.created).toBe(50_000);
    expect(turns).toBeGreaterThan(0);
  });
});
