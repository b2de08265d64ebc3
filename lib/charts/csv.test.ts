import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

/** A minimal RFC 4180 reader, to check that what toCsv writes reads back. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("CSV of a chart table", () => {
  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(bad).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-3)).toBe("-3"); // numbers are numbers, not formulas
    expect(csvCell("< 3")).toBe("< 3");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell('Court "A", branch 1')).toBe('"Court ""A"", branch 1"');
    expect(csvCell(null)).toBe("");
  });

  it("round-trips through a real parser (after neutralisation)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.integer({ min: 0 })), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const back = parse(toCsv(["a", "b"], rows));
        const expected = [["a", "b"], ...rows.map((r) => r.map((v) => (typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v))))];
        expect(back).toEqual(expected);
      }),
    );
  });
});
