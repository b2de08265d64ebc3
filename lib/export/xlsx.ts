// XLSX of a case-table export, streamed with exceljs's streaming WorkbookWriter: one sheet,
// a bold header row frozen in place, then the rows, each committed (written out and
// forgotten) as soon as it is added. Strings are stored inline rather than in a shared-string
// table (which would keep every distinct text in memory until the end).
//
// Typed cells: counts are numbers; a date known to the day is a real date cell
// (yyyy-mm-dd); a date known only to the month or year is the text "2020-10" or "2020" (a
// date cell would claim a day nobody knows), and the column next to it names the precision;
// the last update is a date-time cell in UTC. Text cells are neutralised against formula
// injection like the CSV's (neutralize.ts), so a value saved from Excel to CSV stays inert;
// their line breaks are LF.
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { CaseTableRow } from "@/lib/data/case-table";
import { partialDateText, type ExportCell, type ExportColumn } from "./case-columns";
import { neutralizeFormula } from "./neutralize";
import { pullStream } from "./pull-stream";

const DAY_FORMAT = "yyyy-mm-dd";
const TIMESTAMP_FORMAT = "yyyy-mm-dd hh:mm:ss";

type XlsxValue = string | number | Date | null;

function xlsxValue(cell: ExportCell): { value: XlsxValue; numFmt?: string } {
  if (cell === null) return { value: null };
  if (typeof cell === "number") return { value: cell };
  // A line break in a cell is LF in a workbook (what Alt+Enter types): XML would turn a bare
  // CR into LF anyway when the file is read.
  if (typeof cell === "string") return { value: neutralizeFormula(cell).replace(/\r\n?/g, "\n") };
  if (cell.kind === "timestamp") return { value: new Date(cell.iso), numFmt: TIMESTAMP_FORMAT };
  if (cell.precision === "DAY") return { value: new Date(`${cell.date}T00:00:00Z`), numFmt: DAY_FORMAT };
  return { value: partialDateText(cell) };
}

export function xlsxStream(
  columns: readonly ExportColumn[],
  headers: readonly string[],
  batches: AsyncIterable<readonly CaseTableRow[]>,
  options: { sheetName: string; created?: Date },
): ReadableStream<Uint8Array> {
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  let sheet: ExcelJS.Worksheet;
  let failure: Error | null = null;

  function addRow(values: XlsxValue[], formats: (string | undefined)[]): void {
    const row = sheet.addRow(values);
    formats.forEach((numFmt, i) => {
      if (numFmt) row.getCell(i + 1).numFmt = numFmt;
    });
    row.commit();
  }

  return pullStream(batches, {
    start: (sink) => {
      // exceljs writes the zip into this stream; pullStream hands the bytes to the reader.
      const out = new Writable({
        write(chunk: Buffer, _encoding, done) {
          sink.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          done();
        },
      });
      out.on("error", (error) => (failure = error));
      const created = options.created ?? new Date();
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      workbook.created = created;
      workbook.modified = created;
      workbook.creator = "Detainee case tracker";
      sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
      sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
      const header = sheet.addRow(headers.map(neutralizeFormula));
      header.font = { bold: true };
      header.commit();
    },
    write: (batch) => {
      if (failure) throw failure;
      for (const row of batch) {
        const cells = columns.map((c) => xlsxValue(c.value(row)));
        addRow(
          cells.map((c) => c.value),
          cells.map((c) => c.numFmt),
        );
      }
    },
    end: async () => {
      sheet.commit();
      await workbook.commit();
      if (failure) throw failure;
    },
  });
}
