// The export writers without a database: formula neutralisation (with a property test), the
// CSV and XLSX streams read back with real parsers, the bounded queue between the database
// transaction and the response, the reader-driven stream, and the strict query string.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseTableRow } from "@/lib/data/case-table";
import { BatchQueue, ExportCancelledError } from "@/lib/export/batch-queue";
import { exportColumns } from "@/lib/export/case-columns";
import { csvStream, UTF8_BOM } from "@/lib/export/csv";
import { caseExportLabels } from "@/lib/export/labels";
import { neutralizeFormula } from "@/lib/export/neutralize";
import { parseCaseExportParams } from "@/lib/export/params";
import { pullStream } from "@/lib/export/pull-stream";
import { xlsxStream } from "@/lib/export/xlsx";
import { CASE_TABLE_COLUMNS, DEFAULT_CASE_COLUMNS } from "@/lib/validation/case-table";
import messages from "@/messages/en.json";

describe("neutralizeFormula", () => {
  it.each([
    ['=HYPERLINK("https://evil.example","x")', `'=HYPERLINK("https://evil.example","x")`],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["Fatima Ibrahimzadeh", "Fatima Ibrahimzadeh"],
    ["فاطمه", "فاطمه"],
    ["a=b", "a=b"],
    [" =1", " =1"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
  });

  it("never returns text a spreadsheet runs, and changes nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = neutralizeFormula(s);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
        expect(out === s || out === `'${s}`).toBe(true);
        if (out !== s) expect(/^[=+\-@\t\r]/.test(s)).toBe(true);
      }),
    );
    // A hundred generated strings: quick, but not within the default 5 s on a saturated machine.
  }, 30_000);
});

function row(overrides: Partial<CaseTableRow> = {}): CaseTableRow {
  return {
    id: "case-1",
    person: { id: "p-1", name: "Test Person", aliases: [] },
    city: "Tabriz",
    incident: null,
    arrest: { date: "2020-07-16", precision: "DAY" },
    status: { value: "DETAINED", date: "2020-10-01", precision: "MONTH" },
    facility: null,
    court: null,
    charges: [],
    firstInstance: { prisonDays: null, lashes: null },
    effective: { prisonDays: 226, lashes: 74 },
    updatedAt: "2026-11-24T01:02:03.456Z",
    score: null,
    ...overrides,
  };
}

async function* batchesOf(...batches: CaseTableRow[][]): AsyncGenerator<CaseTableRow[]> {
  for (const b of batches) yield b;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

const labels = caseExportLabels("en", messages);

describe("csvStream", () => {
  it("writes a BOM, a header and RFC 4180 records that csv-parse reads back", async () => {
    const cols = exportColumns(CASE_TABLE_COLUMNS, labels);
    const tricky = row({
      person: { id: "p", name: 'Name, with "quotes"\nand a line', aliases: ["=1+1", "فاطمه"] },
      incident: { id: "i", title: "-Rally" },
      court: { id: "c", name: "Revolutionary Court of Tabriz", branch: "Branch 1" },
      charges: [
        { text: "Propaganda", article: "Article 500" },
        { text: null, article: "Article 610" },
        { text: "@mention", article: null },
      ],
      arrest: { date: null, precision: "UNKNOWN" },
    });
    const bytes = await bytesOf(
      csvStream(
        cols,
        cols.map((c) => labels.header(c.key)),
        batchesOf([row()], [], [tricky]),
      ),
    );
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from(UTF8_BOM));
    expect(bytes.toString("utf8").endsWith("\r\n")).toBe(true);
    const [header, first, second, ...rest] = parse(bytes, { bom: true }) as string[][];
    expect(rest).toEqual([]);
    expect(header?.[0]).toBe("Person");
    expect(header).toHaveLength(cols.length);
    expect(first).toEqual([
      "Test Person",
      "",
      "Tabriz",
      "",
      "2020-07-16",
      "day",
      "Detained",
      "2020-10",
      "month",
      "",
      "",
      "",
      "",
      "",
      "",
      "226",
      "74",
      "2026-11-24T01:02:03.456Z",
    ]);
    expect(second?.slice(0, 6)).toEqual(['Name, with "quotes"\nand a line', "'=1+1; فاطمه", "Tabriz", "'-Rally", "", ""]);
    expect(second?.slice(9, 13)).toEqual(["", "Revolutionary Court of Tabriz", "Branch 1", "Propaganda (Article 500); Article 610; @mention"]);
  });

  it("writes only the BOM and the header for a view without rows", async () => {
    const cols = exportColumns(["person"], labels);
    const bytes = await bytesOf(csvStream(cols, ["Person", "Also spelled"], batchesOf()));
    expect(bytes.toString("utf8")).toBe(`${UTF8_BOM}Person,Also spelled\r\n`);
  });
});

describe("xlsxStream", () => {
  it("stores days as dates, counts as numbers, months as text, with a frozen header", async () => {
    const cols = exportColumns(DEFAULT_CASE_COLUMNS, labels);
    const bytes = await bytesOf(
      xlsxStream(
        cols,
        cols.map((c) => labels.header(c.key)),
        batchesOf([row()], [row({ person: { id: "p", name: "+98 912", aliases: [] } })]),
        { sheetName: "Cases" },
      ),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Cases")!;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.rowCount).toBe(3);
    const header = sheet.getRow(1).values as unknown[];
    const at = (name: string) => header.indexOf(name);
    const r = sheet.getRow(2);
    expect(r.getCell(at("Arrested")).value).toEqual(new Date("2020-07-16T00:00:00Z"));
    expect(r.getCell(at("Status date")).value).toBe("2020-10");
    expect(r.getCell(at("Effective lashes")).type).toBe(ExcelJS.ValueType.Number);
    expect(r.getCell(at("Effective prison (days)")).value).toBe(226);
    expect(sheet.getRow(3).getCell(at("Person")).value).toBe("'+98 912");
  });
});

describe("BatchQueue", () => {
  it("makes the producer wait while the queue is full, and hands batches over in order", async () => {
    const queue = new BatchQueue<number>(1);
    const pushed: number[] = [];
    const producer = (async () => {
      for (const n of [1, 2, 3]) {
        await queue.push(n);
        pushed.push(n);
      }
      queue.end();
    })();
    await new Promise((r) => setTimeout(r, 10));
    // One in the queue, the second waiting for room.
    expect(pushed).toEqual([1]);
    const seen: number[] = [];
    for await (const n of queue) seen.push(n);
    await producer;
    expect(seen).toEqual([1, 2, 3]);
  });

  it("stops the producer when the consumer stops early", async () => {
    const queue = new BatchQueue<number>(1);
    const producer = (async () => {
      for (let n = 0; ; n++) await queue.push(n);
    })();
    for await (const n of queue) if (n === 2) break;
    await expect(producer).rejects.toBeInstanceOf(ExportCancelledError);
  });

  it("passes the producer's failure to the consumer", async () => {
    const queue = new BatchQueue<number>(1);
    void queue.push(1);
    queue.fail(new Error("database went away"));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of queue) seen.push(n);
      })(),
    ).rejects.toThrow("database went away");
    expect(seen).toEqual([1]);
  });
});

describe("pullStream", () => {
  it("reads a batch only when the reader asks, and stops the source when the reader cancels", async () => {
    let read = 0;
    let stopped = false;
    async function* source() {
      try {
        for (;;) {
          read++;
          yield read;
        }
      } finally {
        stopped = true;
      }
    }
    const stream = pullStream(source(), { write: (n, sink) => sink.push(new Uint8Array([n])) });
    const reader = stream.getReader();
    expect((await reader.read()).value).toEqual(new Uint8Array([1]));
    expect((await reader.read()).value).toEqual(new Uint8Array([2]));
    await new Promise((r) => setTimeout(r, 10));
    expect(read).toBe(2);
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});

describe("parseCaseExportParams", () => {
  const parse = (qs: string) => parseCaseExportParams(new URLSearchParams(qs));

  it("reads the table's URL: filters, sort, columns; page and page size are ignored", () => {
    expect(parse("city=Tabriz&status=DETAINED&status=IMPRISONED&sort=-effectiveLashes,person&cols=charges,person,city&page=4&pageSize=50")).toEqual({
      ok: true,
      value: {
        filters: { city: "Tabriz", status: ["DETAINED", "IMPRISONED"] },
        sort: [
          { key: "effectiveLashes", desc: true },
          { key: "person", desc: false },
        ],
        columns: ["person", "city", "charges"],
      },
    });
    expect(parse("")).toEqual({ ok: true, value: { filters: {}, sort: null, columns: [...DEFAULT_CASE_COLUMNS] } });
    // The person names each row: always there, as on the page.
    expect(parse("cols=city")).toMatchObject({ ok: true, value: { columns: ["person", "city"] } });
  });

  it("names every unknown or invalid parameter", () => {
    const result = parse("foo=1&arrestFrom=2020-02-30&sort=secret&cols=person,nope&q=&gender=female");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(["arrestFrom", "cols", "foo", "gender", "q", "sort"]);
  });
});
