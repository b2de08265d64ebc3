// What a CSV file can make the server do is bounded, and reading it leaves the event loop
// free: the row limit is refused as soon as it is passed, an over-long row is refused with its
// row and the reason, blank lines (a million of them) are skipped at no cost, a header of
// thousands of cells is one problem, and reading, checking and planning give the event loop
// turns while they work (lib/import/csv.ts, rows.ts, plan.ts, cooperative.ts). Pure: no database.
import { describe, expect, it } from "vitest";
import { COLUMN_NAMES, MAX_EMPTY_ROWS, MAX_ROW_BYTES, MAX_ROWS } from "@/lib/import/columns";
import { jsonInSlices } from "@/lib/import/cooperative";
import { readCsv } from "@/lib/import/csv";
import { planImportInSlices, type World } from "@/lib/import/plan";
import { readRow } from "@/lib/import/rows";
import { turnsDuring } from "../support/event-loop";

const COLUMNS = ["person_key", "case_key", "event_key", "person_name", "event_type", "event_date", "source_urls"];
const HEADER = `${COLUMNS.join(",")}\r\n`;
const dataRow = (i: number) => `p-${i},c-${i},e,Person ${i},arrest,2020-05-0${1 + (i % 9)},https://example.org/${i}\r\n`;
const rowsText = (n: number) => Array.from({ length: n }, (_, i) => dataRow(i)).join("");

const noWorld: World = {
  people: new Map(),
  cases: new Map(),
  events: new Map(),
  incidents: new Map(),
  sources: new Map(),
  sourcesByUrl: new Map(),
  courts: new Map(),
  facilities: new Map(),
};

describe("the row limit", () => {
  it("is refused as soon as it is passed, naming the row: the rest of the file is not read", async () => {
    // After the limit, a quote that is never closed: a reader that went on would report that instead.
    const text = `${HEADER}${rowsText(MAX_ROWS + 1)}p-x,"never closed\r\n${rowsText(10)}`;
    const read = await readCsv(text);
    expect(read).toEqual({
      ok: false,
      errors: [{ row: MAX_ROWS + 2, column: null, reason: expect.stringMatching(/more than 50,000 data rows \(row 50002 is data row 50,001\): split it/) }],
    });
  });

  it("counts rows with a wrong number of cells too", async () => {
    const read = await readCsv(HEADER + "x\r\n".repeat(MAX_ROWS + 5));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors).toEqual([{ row: MAX_ROWS + 2, column: null, reason: expect.stringMatching(/more than 50,000 data rows/) }]);
  });

  it("rows of separators only are skipped, up to their own limit", async () => {
    const some = await readCsv(`${HEADER}${dataRow(1)}${",,,,,,\r\n".repeat(1_000)},\r\n${dataRow(2)}`);
    expect(some.ok && some.rows.map((r) => r.row)).toEqual([2, 1_004]);
    const many = await readCsv(`${HEADER}${dataRow(1)}${",\r\n".repeat(MAX_EMPTY_ROWS + 1)}`);
    expect(many).toEqual({ ok: false, errors: [{ row: MAX_EMPTY_ROWS + 3, column: null, reason: expect.stringMatching(/more than 50,000 empty rows/) }] });
  });
});

describe("blank lines", () => {
  it("a million of them are skipped but counted in the row numbers, whatever the line ends", async () => {
    const blank = "\r\n".repeat(500_000) + "\n".repeat(500_000);
    const { value: read, turns } = await turnsDuring(() => readCsv(`${HEADER}${dataRow(1)}${blank}${dataRow(2)}\r\n\r\n`));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.rows.map((r) => r.row)).toEqual([2, 1_000_003]);
    // ... and the event loop kept turning meanwhile.
    expect(turns).toBeGreaterThan(0);
  });

  it("a file of nothing but blank lines after the header has no data rows", async () => {
    expect(await readCsv(HEADER + "\r\n".repeat(1_000_000))).toEqual({
      ok: false,
      errors: [{ row: null, column: null, reason: "The file has a header but no data rows." }],
    });
  });
});

describe("long rows and wide headers", () => {
  it("a row longer than the limit is refused with its row and the reason", async () => {
    const long = `p-long,c-long,e,"${"x".repeat(MAX_ROW_BYTES)}",arrest,2020,https://example.org/\r\n`;
    const read = await readCsv(`${HEADER}${dataRow(1)}${long}${dataRow(2)}`);
    expect(read).toEqual({ ok: false, errors: [{ row: 3, column: null, reason: expect.stringMatching(/This row is longer than 1 MB.*never closed/) }] });
  });

  it("a quote that is never closed stops at the row limit, not at the end of a 20 MB file", async () => {
    const read = await readCsv(`${HEADER}${dataRow(1)}p-x,"${"text, more text\r\n".repeat(1_200_000)}`);
    expect(read).toEqual({ ok: false, errors: [{ row: 3, column: null, reason: expect.stringMatching(/longer than 1 MB/) }] });
  });

  it("one line of 20 MB is refused as row 1", async () => {
    const read = await readCsv("a,".repeat(10 * 1024 * 1024));
    expect(read).toEqual({ ok: false, errors: [{ row: 1, column: null, reason: expect.stringMatching(/longer than 1 MB/) }] });
  });

  it("a header of thousands of cells is one problem, not one per cell", async () => {
    const read = await readCsv(`${"person_key,".repeat(20_000)}x\r\n${dataRow(1)}`);
    expect(read).toEqual({
      ok: false,
      errors: [
        { row: 1, column: null, reason: expect.stringContaining(`The first row has 20,001 cells, but the template has ${COLUMN_NAMES.length} columns`) },
      ],
    });
  });

  it("a cell holding a huge list is still refused by its list's limit, with the row", async () => {
    const columns = [...COLUMNS, "person_aliases"];
    const read = await readCsv(`${columns.join(",")}\r\np-a,c-a,e,Name,arrest,2020,https://example.org/a,"${"Alias;".repeat(100_000)}"\r\n`);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const row = readRow(read.rows[0]!);
    expect(row.errors).toEqual([{ row: 2, column: "person_aliases", reason: expect.stringMatching(/^At most 50 aliases \(cell: "Alias;/) }]);
  });
});

describe("reading, checking and planning give the event loop turns", () => {
  it("reading 50,000 rows", async () => {
    const text = HEADER + rowsText(MAX_ROWS);
    const { value: read, turns } = await turnsDuring(() => readCsv(text));
    expect(read.ok && read.rows.length).toBe(MAX_ROWS);
    expect(turns).toBeGreaterThan(0);
  });

  it("planning 20,000 rows, one case's events placed in file order", async () => {
    const read = await readCsv(
      HEADER +
        Array.from({ length: 20_000 }, (_, i) => `p-one,c-one,e-${i},Person One,arrest,20${10 + (i % 12)}-0${1 + (i % 9)},https://example.org/${i}\r\n`).join(
          "",
        ),
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors.slice(0, 3)));
    const rows = read.rows.map(readRow);
    const { value: plan, turns } = await turnsDuring(() => planImportInSlices(rows, noWorld));
    expect(plan.errors).toEqual([]);
    expect(plan.events.create).toHaveLength(20_000);
    // Every event got a position of its own, dated in order.
    const byPosition = [...plan.events.create].sort((a, b) => a.position! - b.position!);
    expect(new Set(byPosition.map((e) => e.position)).size).toBe(20_000);
    const dates = byPosition.map((e) => e.data.date!);
    expect(dates).toEqual([...dates].sort());
    expect(turns).toBeGreaterThan(0);
  });
});

describe("the answer, written in slices", () => {
  it("is exactly JSON.stringify's text", async () => {
    const value = {
      dryRun: true,
      skipped: undefined,
      rows: Array.from({ length: 1_234 }, (_, i) => ({ row: i + 2, errors: i % 3 ? [] : [{ reason: `"${i}"\n` }] })),
      errors: [],
      note: "ش",
    };
    const text = await new Response(jsonInSlices(value, ["rows", "errors"])).text();
    expect(text).toBe(JSON.stringify(value));
  });
});
