// CSV of a case-table export, streamed batch by batch: UTF-8 with a byte order mark (so Excel
// reads Persian and Azerbaijani names as UTF-8 instead of the system's code page), RFC 4180
// (comma, CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
// doubled), written by csv-stringify. Text cells are neutralised against formula injection
// (neutralize.ts); dates print only as precisely as they are known ("2020-10").
import { stringify } from "csv-stringify/sync";
import type { CaseTableRow } from "@/lib/data/case-table";
import { partialDateText, type ExportCell, type ExportColumn } from "./case-columns";
import { neutralizeFormula } from "./neutralize";
import { pullStream } from "./pull-stream";

export const UTF8_BOM = "\uFEFF";

function csvField(cell: ExportCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return neutralizeFormula(cell);
  if (cell.kind === "date") return partialDateText(cell);
  return cell.iso;
}

/** RFC 4180 lines (each ended by CRLF) of already formatted fields. */
export function csvLines(rows: string[][]): string {
  return stringify(rows, { record_delimiter: "windows" });
}

/**
 * The CSV as a byte stream: the BOM and the header row first, then one chunk per batch of
 * rows, read from `batches` only as fast as the reader takes the bytes.
 */
export function csvStream(
  columns: readonly ExportColumn[],
  headers: readonly string[],
  batches: AsyncIterable<readonly CaseTableRow[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return pullStream(batches, {
    start: (sink) => sink.push(encoder.encode(UTF8_BOM + csvLines([headers.map(neutralizeFormula)]))),
    write: (batch, sink) => {
      if (batch.length) sink.push(encoder.encode(csvLines(batch.map((row) => columns.map((c) => csvField(c.value(row)))))));
    },
  });
}
