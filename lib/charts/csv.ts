// CSV of a chart's table (the "Download CSV" button). Pure, so it is unit-tested.
//
// Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return) as a
// formula: such cells are prefixed with an apostrophe, the usual neutralisation (a court
// or charge name typed by an advocate could otherwise run in an analyst's Excel). Fields
// are quoted per RFC 4180; lines end with CRLF; a byte-order mark tells Excel it is UTF-8.

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
