// Reading an uploaded CSV file: bytes → UTF-8 text → records → header check. Pure (no I/O).
//
// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
// row 2, and a cell that spans several lines is still one row. Every problem is reported as
// { row, column, reason }; row and column are null only for problems of the whole file.
import { CsvError, parse } from "csv-parse/sync";
import { COLUMN_BY_NAME, COLUMN_NAMES, MAX_ROWS, REQUIRED_COLUMNS, normalizeHeader } from "@/lib/import/columns";

export interface ImportError {
  /** Spreadsheet row (header = 1), or null for the whole file. */
  row: number | null;
  /** The template's column name (or the header cell as written, when unknown), or null. */
  column: string | null;
  reason: string;
}

export interface CsvRow {
  /** Spreadsheet row number. */
  row: number;
  /** Template column name → the cell, trimmed (absent columns are absent). */
  cells: Map<string, string>;
}

export type ReadResult = { ok: true; columns: string[]; rows: CsvRow[] } | { ok: false; errors: ImportError[] };

/** Decodes strict UTF-8 (a BOM is dropped). Another encoding is refused, never guessed. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: ImportError } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      error: { row: null, column: null, reason: 'The file is UTF-16 text ("Unicode text"). Save it as "CSV UTF-8" in your spreadsheet program and upload it again.' },
    };
  }
  try {
    // fatal: an invalid byte sequence throws instead of becoming U+FFFD; ignoreBOM false strips it.
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: locateInvalidUtf8(bytes) };
  }
}

/** Where the first byte that is not UTF-8 is, as a row and column of the file when it can be told. */
function locateInvalidUtf8(bytes: Uint8Array): ImportError {
  const advice = 'The file is not UTF-8 text (it may be in Windows-1252, Latin-1 or a Persian code page). Save it as "CSV UTF-8" in your spreadsheet program and upload it again.';
  const lossy = new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
  try {
    const records = parse(lossy, { relax_column_count: true, delimiter: detectDelimiter(lossy) }) as string[][];
    const header = (records[0] ?? []).map(normalizeHeader);
    for (let i = 0; i < records.length; i++) {
      const record = records[i] ?? [];
      const cell = record.findIndex((c) => c.includes("\uFFFD"));
      if (cell >= 0) {
        const column = i === 0 ? null : (header[cell] ?? `column ${cell + 1}`);
        return { row: i + 1, column, reason: `${advice} First byte that is not UTF-8: row ${i + 1}${column ? `, column ${column}` : ""}.` };
      }
    }
  } catch {
    // Not even CSV once decoded loosely: the file-level message says enough.
  }
  return { row: null, column: null, reason: advice };
}

/** Comma, or the semicolon or tab some spreadsheet programs write instead, read from the header line. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const first = end < 0 ? text : text.slice(0, end);
  const counts = [",", ";", "\t"].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

/** Edit distance, for "did you mean" on a misspelt column. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

function suggestion(name: string): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of COLUMN_NAMES) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? ` Did you mean "${best}"?` : "";
}

function quoteCell(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** Parses the text into rows keyed by template column; checks the header and every row's cell count. */
export function readCsv(text: string): ReadResult {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, delimiter: detectDelimiter(text) }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const row = typeof error.records === "number" ? error.records + 1 : null;
      const reason =
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? "A quoted cell is never closed: a double quote (\") is missing."
          : error.code === "CSV_INVALID_CLOSING_QUOTE"
            ? 'A quoted cell is followed by other characters: write a double quote inside a quoted cell as "".'
            : `The file is not valid CSV (${error.code}).`;
      return { ok: false, errors: [{ row, column: null, reason }] };
    }
    throw error;
  }

  const headerCells = records[0];
  if (!headerCells || headerCells.every((c) => c.trim() === "")) {
    return { ok: false, errors: [{ row: null, column: null, reason: "The file is empty: its first row must be the template's header." }] };
  }

  const errors: ImportError[] = [];
  const header = headerCells.map(normalizeHeader);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const written = headerCells[i] ?? "";
    if (name === "") {
      errors.push({ row: 1, column: `column ${i + 1}`, reason: "A header cell is empty: every column needs a template column name." });
      return;
    }
    if (!COLUMN_BY_NAME.has(name)) {
      errors.push({ row: 1, column: written.trim(), reason: `Unknown column ${quoteCell(written.trim())}: it is not a column of the template.${suggestion(name)}` });
      return;
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) errors.push({ row: 1, column: name, reason: `Column ${name} appears twice (columns ${earlier + 1} and ${i + 1}).` });
    else seen.set(name, i);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!seen.has(required)) errors.push({ row: 1, column: required, reason: `Required column ${required} is missing from the header.` });
  }
  if (!seen.has("source_keys") && !seen.has("source_urls")) {
    errors.push({ row: 1, column: "source_keys", reason: "The header needs source_keys or source_urls (or both): every event cites at least one source." });
  }
  // A file whose header does not match the template is not read further: its cells could
  // not be put in the right fields.
  if (errors.length) return { ok: false, errors };

  const rows: CsvRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i] ?? [];
    const rowNumber = i + 1;
    // Spreadsheet programs write trailing empty rows (",,,,"): they are not data.
    if (record.every((c) => c.trim() === "")) continue;
    if (record.length !== header.length) {
      errors.push({ row: rowNumber, column: null, reason: `This row has ${record.length} cells but the header has ${header.length}: a cell has a separator that is not in quotes, or a cell is missing.` });
      continue;
    }
    const cells = new Map<string, string>();
    record.forEach((cell, c) => {
      const name = header[c];
      if (name !== undefined && COLUMN_BY_NAME.has(name)) cells.set(name, cell.trim());
    });
    rows.push({ row: rowNumber, cells });
    if (rows.length > MAX_ROWS) {
      return { ok: false, errors: [{ row: rowNumber, column: null, reason: `The file has more than ${MAX_ROWS.toLocaleString("en")} data rows: split it into several files (each import is one transaction).` }] };
    }
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: null, column: null, reason: "The file has a header but no data rows." });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, columns: [...seen.keys()], rows };
}
