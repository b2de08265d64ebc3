// Reading an uploaded CSV file: bytes → UTF-8 text → records → header check. Pure (no I/O).
//
// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
// row 2, and a cell that spans several lines is still one row. Every problem is reported as
// { row, column, reason }; row and column are null only for problems of the whole file.
//
// The server reads a 20 MB upload on the same thread that answers every other request, so
// reading is done in slices (lib/import/cooperative.ts): csv-parse's streaming parser is fed
// small pieces of the text and the event loop gets a turn between slices. What a file can
// make it do is bounded: at most MAX_ROWS data rows and MAX_EMPTY_ROWS rows of separators
// (refused as soon as the limit is passed, not after reading everything), rows of at most
// MAX_ROW_BYTES, and a header of at most MAX_HEADER_CELLS cells.
import { CsvError, Parser } from "csv-parse";
import { COLUMN_BY_NAME, COLUMN_NAMES, COLUMNS, MAX_EMPTY_ROWS, MAX_ROW_BYTES, MAX_ROWS, REQUIRED_COLUMNS, normalizeHeader } from "@/lib/import/columns";
import { TimeSlice } from "@/lib/import/cooperative";

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
  /** Template column name → the cell, trimmed (empty cells and absent columns are absent). */
  cells: Map<string, string>;
}

export type ReadResult = { ok: true; columns: string[]; rows: CsvRow[] } | { ok: false; errors: ImportError[] };

/** Decodes strict UTF-8 (a BOM is dropped). Another encoding is refused, never guessed. */
export async function decodeUtf8(
  bytes: Uint8Array,
  slice: TimeSlice = new TimeSlice(),
): Promise<{ ok: true; text: string } | { ok: false; error: ImportError }> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      error: {
        row: null,
        column: null,
        reason: 'The file is UTF-16 text ("Unicode text"). Save it as "CSV UTF-8" in your spreadsheet program and upload it again.',
      },
    };
  }
  try {
    // fatal: an invalid byte sequence throws instead of becoming U+FFFD; ignoreBOM false strips
    // it. In 1 MB pieces (a sequence split between two is carried over by `stream`): 20 MB at
    // once held the server for 30–50 ms.
    return { ok: true, text: await decodeInPieces(bytes, true, slice) };
  } catch {
    return { ok: false, error: await locateInvalidUtf8(bytes, slice) };
  }
}

const DECODE_BYTES = 1024 * 1024;

/** UTF-8 decoded 1 MB at a time, a turn of the event loop between slices. */
async function decodeInPieces(bytes: Uint8Array, fatal: boolean, slice: TimeSlice): Promise<string> {
  const decoder = new TextDecoder("utf-8", { fatal });
  const pieces: string[] = [];
  for (let at = 0; at < bytes.byteLength; at += DECODE_BYTES) {
    pieces.push(decoder.decode(bytes.subarray(at, at + DECODE_BYTES), { stream: true }));
    await slice.pause();
  }
  pieces.push(decoder.decode());
  return pieces.join("");
}

/** Where the first byte that is not UTF-8 is, as a row and column of the file when it can be told. */
async function locateInvalidUtf8(bytes: Uint8Array, slice: TimeSlice): Promise<ImportError> {
  const advice =
    'The file is not UTF-8 text (it may be in Windows-1252, Latin-1 or a Persian code page). Save it as "CSV UTF-8" in your spreadsheet program and upload it again.';
  const lossy = (await decodeInPieces(bytes, false, slice)).replace(/^\uFEFF/, "");
  try {
    let header: string[] | null = null;
    for await (const record of csvRecords(lossy, detectDelimiter(lossy), slice)) {
      header ??= record.cells.map(normalizeHeader);
      const cell = record.cells.findIndex((c) => c.includes("\uFFFD"));
      if (cell >= 0) {
        const column = record.row === 1 ? null : (header[cell] ?? `column ${cell + 1}`);
        return { row: record.row, column, reason: `${advice} First byte that is not UTF-8: row ${record.row}${column ? `, column ${column}` : ""}.` };
      }
    }
  } catch {
    // Not even CSV once decoded loosely: the file-level message says enough.
  }
  return { row: null, column: null, reason: advice };
}

const HEADER_SCAN_CHARS = 64 * 1024;

/** Comma, or the semicolon or tab some spreadsheet programs write instead, read from the header line. */
export function detectDelimiter(text: string): string {
  // The header is the first line: 98 cells of column names fit in far less than this; a
  // longer first line is not the template's header, whatever its separator.
  const head = text.length > HEADER_SCAN_CHARS ? text.slice(0, HEADER_SCAN_CHARS) : text;
  const end = head.search(/\r|\n/);
  const first = end < 0 ? head : head.slice(0, end);
  const occurrences = (d: string) => {
    let n = 0;
    for (let at = first.indexOf(d); at >= 0; at = first.indexOf(d, at + 1)) n++;
    return n;
  };
  const counts = [",", ";", "\t"].map((d) => [d, occurrences(d)] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

// ---- records -------------------------------------------------------------------------------------

/** One record of the file with its spreadsheet row number. */
interface CsvRecord {
  row: number;
  cells: string[];
}

/**
 * Characters handed to the parser at a time. One piece is parsed without a break; the
 * costliest records (a row whose cell count differs from the header's, for which csv-parse
 * builds an error object even when told to accept it) take about 30 µs, so a piece of 1,024
 * characters (at most ~500 such rows) stays within a few milliseconds.
 */
const PIECE_CHARS = 1024;

/**
 * csv-parse's streaming parser, numbering each record as a spreadsheet does: records so far
 * (the header is the first) plus the blank lines skipped before it, read when the record is
 * pushed, synchronously inside the parser, so the count is the one of that record. Records
 * go to `taken`, not to the stream's buffer: the reader takes them after each piece it
 * writes, in order, so a problem further on can never overtake the rows before it.
 */
class NumberingParser extends Parser {
  readonly taken: CsvRecord[] = [];

  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    this.taken.push({ row: this.info.records + this.info.empty_lines, cells: record as string[] });
    return true;
  }
}

/** The file's records in order, a slice at a time. Throws csv-parse's CsvError for broken CSV. */
async function* csvRecords(text: string, delimiter: string, slice: TimeSlice): AsyncGenerator<CsvRecord> {
  const parser = new NumberingParser({
    delimiter,
    // Any of the three line ends, mixed too (csv-parse would otherwise take the first one
    // it meets and read every other as text: a "\r" cell on each blank line).
    record_delimiter: ["\r\n", "\n", "\r"],
    // Cell counts are checked below, with a message naming the row.
    relax_column_count: true,
    // Blank lines are skipped by the parser itself: a million of them cost nothing.
    skip_empty_lines: true,
    max_record_size: MAX_ROW_BYTES,
  });
  let failure: Error | null = null;
  parser.on("error", (error) => (failure ??= error));
  const done = new Promise<void>((resolve) => {
    parser.once("finish", resolve);
    parser.once("error", () => resolve());
  });
  const failed = () => failure ?? (parser.errored as Error | null);
  function* drain(): Generator<CsvRecord> {
    // Taken one by one, so that a reader that stops early leaves the rest unread.
    while (parser.taken.length) yield parser.taken.shift()!;
  }
  try {
    // Each piece is parsed when written (csv-parse works synchronously); a failed piece stops
    // the writing, and the rows read before it are given first.
    for (let at = 0; at < text.length && !failed(); at += PIECE_CHARS) {
      parser.write(text.slice(at, at + PIECE_CHARS));
      for (const record of drain()) {
        yield record;
        await slice.pause();
      }
      await slice.pause();
    }
    if (!failed()) {
      parser.end();
      await done;
    }
    yield* drain();
    const error = failed();
    if (error) throw error;
  } finally {
    // Stopped early (a limit passed, a problem found): the rest of the text is never parsed.
    parser.taken.length = 0;
    parser.destroy();
  }
}

/** A broken CSV file as one problem naming its row. */
function syntaxError(error: CsvError): ImportError {
  const info = error as CsvError & { records?: number; empty_lines?: number };
  const row = typeof info.records === "number" ? info.records + (info.empty_lines ?? 0) + 1 : null;
  const reason =
    error.code === "CSV_QUOTE_NOT_CLOSED"
      ? 'A quoted cell is never closed: a double quote (") is missing.'
      : error.code === "CSV_INVALID_CLOSING_QUOTE"
        ? 'A quoted cell is followed by other characters: write a double quote inside a quoted cell as "".'
        : error.code === "CSV_MAX_RECORD_SIZE"
          ? `This row is longer than ${MAX_ROW_BYTES / (1024 * 1024)} MB, the longest row a file may have: a double quote (") that opens a cell is probably never closed, or the lines of the file are not separated by line breaks.`
          : `The file is not valid CSV (${error.code}).`;
  return { row, column: null, reason };
}

// ---- the header ------------------------------------------------------------------------------------

/** A header may repeat or misspell a few columns (each is named); more cells than this is not the template's header. */
export const MAX_HEADER_CELLS = 2 * COLUMNS.length;
/** Names longer than any column name plus typos get no "did you mean" (the edit distance grows with the length). */
const SUGGEST_MAX_LENGTH = 64;

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
  if (name.length > SUGGEST_MAX_LENGTH) return "";
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

/** The header's problems (none: it can be read), or where each template column is. */
function checkHeader(headerCells: string[]): { errors: ImportError[]; header: string[]; seen: Map<string, number> } {
  const errors: ImportError[] = [];
  const header = headerCells.map(normalizeHeader);
  const seen = new Map<string, number>();
  if (headerCells.length > MAX_HEADER_CELLS) {
    errors.push({
      row: 1,
      column: null,
      reason: `The first row has ${headerCells.length.toLocaleString("en")} cells, but the template has ${COLUMNS.length} columns: the first row must be the template's header (check that the file's separator is a comma, a semicolon or a tab).`,
    });
    return { errors, header, seen };
  }
  header.forEach((name, i) => {
    const written = headerCells[i] ?? "";
    if (name === "") {
      errors.push({ row: 1, column: `column ${i + 1}`, reason: "A header cell is empty: every column needs a template column name." });
      return;
    }
    if (!COLUMN_BY_NAME.has(name)) {
      errors.push({
        row: 1,
        column: written.trim().slice(0, 200),
        reason: `Unknown column ${quoteCell(written.trim())}: it is not a column of the template.${suggestion(name)}`,
      });
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
  return { errors, header, seen };
}

// ---- the file ----------------------------------------------------------------------------------------

/**
 * Parses the text into rows keyed by template column; checks the header and every row's
 * cell count. Gives the event loop a turn between slices of `slice`'s length.
 */
export async function readCsv(text: string, slice: TimeSlice = new TimeSlice()): Promise<ReadResult> {
  const errors: ImportError[] = [];
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let seen = new Map<string, number>();
  let dataRows = 0;
  let emptyRows = 0;
  try {
    for await (const record of csvRecords(text, detectDelimiter(text), slice)) {
      if (header === null) {
        if (record.cells.every((c) => c.trim() === "")) break; // an empty header: said below
        const checked = checkHeader(record.cells);
        // A file whose header does not match the template is not read further: its cells
        // could not be put in the right fields.
        if (checked.errors.length) return { ok: false, errors: checked.errors };
        header = checked.header;
        seen = checked.seen;
        continue;
      }
      // Spreadsheet programs write trailing empty rows (",,,,"): they are not data.
      if (record.cells.every((c) => c.trim() === "")) {
        if (++emptyRows > MAX_EMPTY_ROWS) {
          return {
            ok: false,
            errors: [
              {
                row: record.row,
                column: null,
                reason: `The file has more than ${MAX_EMPTY_ROWS.toLocaleString("en")} empty rows (rows of separators only, such as ",,,,"): delete them in your spreadsheet program and save the file again.`,
              },
            ],
          };
        }
        continue;
      }
      // Refused as soon as the limit is passed: the rest of the file is not even parsed.
      if (++dataRows > MAX_ROWS) {
        return {
          ok: false,
          errors: [
            {
              row: record.row,
              column: null,
              reason: `The file has more than ${MAX_ROWS.toLocaleString("en")} data rows (row ${record.row} is data row ${dataRows.toLocaleString("en")}): split it into several files (each keeps the header row; each import is one transaction).`,
            },
          ],
        };
      }
      if (record.cells.length !== header.length) {
        errors.push({
          row: record.row,
          column: null,
          reason: `This row has ${record.cells.length} cells but the header has ${header.length}: a cell has a separator that is not in quotes, or a cell is missing.`,
        });
        continue;
      }
      // Only the filled cells: an empty one means "not stated" wherever it is read, and a
      // file of 50,000 rows has mostly empty cells (less to keep, less for the collector).
      const cells = new Map<string, string>();
      record.cells.forEach((cell, c) => {
        const name = header![c];
        const value = cell.trim();
        if (value !== "" && name !== undefined && COLUMN_BY_NAME.has(name)) cells.set(name, value);
      });
      rows.push({ row: record.row, cells });
    }
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, errors: [syntaxError(error)] };
    throw error;
  }

  if (header === null) {
    return { ok: false, errors: [{ row: null, column: null, reason: "The file is empty: its first row must be the template's header." }] };
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ row: null, column: null, reason: "The file has a header but no data rows." });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, columns: [...seen.keys()], rows };
}
