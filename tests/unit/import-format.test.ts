// The CSV import format: the template, its documentation, decoding, CSV reading and the
// header check (lib/import/columns.ts, lib/import/csv.ts). Pure: no database.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COLUMN_NAMES, COLUMNS, MAX_ROWS, REQUIRED_COLUMNS, normalizeHeader, templateCsv } from "@/lib/import/columns";
import { decodeUtf8, detectDelimiter, readCsv } from "@/lib/import/csv";
import { readRow } from "@/lib/import/rows";

const header = COLUMN_NAMES.join(",");

describe("the template", () => {
  it("is the header row, UTF-8 with a BOM", async () => {
    const text = templateCsv();
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text.slice(1).trimEnd()).toBe(header);
    const values: Record<string, string> = {
      person_key: "p-a",
      case_key: "c-a",
      event_key: "e",
      person_name: "Name",
      event_type: "arrest",
      event_date: "2020",
      source_keys: "src-a",
    };
    const read = await readCsv(`${text.slice(1)}${COLUMN_NAMES.map((c) => values[c] ?? "").join(",")}\r\n`);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.rows).toHaveLength(1);
  });

  it("every column is documented in docs/csv-import.md, and nothing else is", () => {
    const doc = readFileSync("docs/csv-import.md", "utf8");
    const documented = [...doc.matchAll(/^\| `([a-z_]+)` \| (yes|no|one of the two) \|/gm)].map((m) => [m[1], m[2]]);
    expect(documented.map(([name]) => name)).toEqual(COLUMN_NAMES);
    for (const [name, required] of documented) {
      expect(required === "yes", `${name} required`).toBe(REQUIRED_COLUMNS.includes(name!));
    }
  });

  it("the documented example is a valid file", async () => {
    const doc = readFileSync("docs/csv-import.md", "utf8");
    const example = /```csv\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const read = await readCsv(example!);
    expect(read.ok && read.rows.length).toBe(3);
    if (read.ok) expect(read.rows.map(readRow).flatMap((r) => r.errors)).toEqual([]);
  });

  it("column names are unique snake_case", () => {
    expect(new Set(COLUMN_NAMES).size).toBe(COLUMNS.length);
    for (const name of COLUMN_NAMES) expect(normalizeHeader(name)).toBe(name);
  });
});

describe("decoding", () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it("strips a BOM and keeps Persian text", async () => {
    expect(await decodeUtf8(enc("\uFEFFperson_key,نام"))).toEqual({ ok: true, text: "person_key,نام" });
  });

  it("refuses bytes that are not UTF-8 and says where the first one is", async () => {
    const bytes = Uint8Array.from([...enc(`${header}\np-a,c-a,e,Z`), 0xe4, ...enc("hra\n")]);
    const result = await decodeUtf8(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ row: 2, column: "person_name", reason: expect.stringMatching(/not UTF-8/) });
  });

  it("names UTF-16 (both byte orders)", async () => {
    for (const bom of [
      [0xff, 0xfe],
      [0xfe, 0xff],
    ]) {
      const result = await decodeUtf8(Uint8Array.from([...bom, 0x41, 0]));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.reason).toMatch(/UTF-16/);
    }
  });
});

describe("reading", () => {
  it("detects a semicolon or tab separator from the header", () => {
    expect(detectDelimiter("a,b,c\n1;2")).toBe(",");
    expect(detectDelimiter("a;b;c\r\n1,2")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a")).toBe(",");
  });

  it("numbers rows like a spreadsheet: multi-line cells are one row, empty rows are skipped but counted", async () => {
    const cols = ["person_key", "case_key", "event_key", "person_name", "event_type", "event_date", "source_keys"];
    const text = `${cols.join(";")}\r\np-a;c-a;e1;"Two\nlines";arrest;2020;s\r\n;;;;;;\r\n\r\np-b;c-b;e1;B;arrest;2020;s\r\n`;
    const read = await readCsv(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(read.rows[0]!.cells.get("person_name")).toBe("Two\nlines");
  });

  it("normalises header spelling", async () => {
    const read = await readCsv(" Person Key ,CASE-KEY,event_key,person_name,Event Type,event_date,Source Keys\np,c,e,n,arrest,,s\n");
    expect(read.ok).toBe(true);
  });

  it("names unknown, repeated, empty and missing columns on row 1", async () => {
    const read = await readCsv("person_key,person_key,case_key,,event_dat,person_name,event_type,source_keys\n");
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [1, "person_key"],
      [1, "column 4"],
      [1, "event_dat"],
      [1, "event_key"],
      [1, "event_date"],
    ]);
    expect(read.errors[2]!.reason).toMatch(/Did you mean "event_date"/);
  });

  it("requires a source column", async () => {
    const read = await readCsv("person_key,case_key,event_key,person_name,event_type,event_date\np,c,e,n,arrest,\n");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[0]).toMatchObject({ row: 1, column: "source_keys" });
  });

  it("refuses more than the row limit", async () => {
    const cols = "person_key,case_key,event_key,person_name,event_type,event_date,source_keys\n";
    const read = await readCsv(cols + "p,c,e,n,arrest,,s\n".repeat(MAX_ROWS + 1));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors).toEqual([{ row: MAX_ROWS + 2, column: null, reason: expect.stringMatching(/more than 50,000 data rows/) }]);
  });
});
