// The columns of a case-table export: the table's visible columns (lib/validation/case-table.ts,
// `cols` in the URL), in the table's order, each as one or more spreadsheet columns. What a
// cell holds is typed (text, number, date at its precision, timestamp) so that the CSV writer
// prints it and the XLSX writer stores it as a real number or date.
//
// A column whose cell in the table shows two things is split: the person's name and their
// aliases; a date and its precision; the last known status, its date and that date's
// precision; the court and its branch.
import type { CaseTableRow, PartialDateValue } from "@/lib/data/case-table";
import type { CaseStatus, DatePrecision } from "@/lib/domain/types";
import type { CaseTableColumn } from "@/lib/validation/case-table";

/** A date at its precision: `date` is the first day of the period, "YYYY-MM-DD". */
export interface DateCell {
  kind: "date";
  date: string;
  precision: Exclude<DatePrecision, "UNKNOWN">;
}

/** A moment (the record's last change), ISO 8601 in UTC. */
export interface TimestampCell {
  kind: "timestamp";
  iso: string;
}

export type ExportCell = string | number | DateCell | TimestampCell | null;

/** Header texts of the exported columns (messages/en.json, "export.header"). */
export const EXPORT_HEADER_KEYS = [
  "person",
  "aliases",
  "city",
  "incident",
  "arrestDate",
  "arrestDatePrecision",
  "status",
  "statusDate",
  "statusDatePrecision",
  "facility",
  "court",
  "courtBranch",
  "charges",
  "firstInstancePrisonDays",
  "firstInstanceLashes",
  "effectivePrisonDays",
  "effectiveLashes",
  "updatedAt",
] as const;
export type ExportHeaderKey = (typeof EXPORT_HEADER_KEYS)[number];

/** The words an export prints, from the message catalog (see lib/export/labels.ts). */
export interface CaseExportLabels {
  header: (key: ExportHeaderKey) => string;
  status: (value: CaseStatus) => string;
  precision: (value: DatePrecision) => string;
  charge: (charge: { text: string | null; article: string | null }) => string;
  /** Joins a list in one cell (aliases, charges). */
  listSeparator: string;
}

export interface ExportColumn {
  key: ExportHeaderKey;
  /** Width in characters for XLSX. */
  width: number;
  value: (row: CaseTableRow) => ExportCell;
}

function dateCell(value: PartialDateValue): DateCell | null {
  if (value.date === null || value.precision === "UNKNOWN") return null;
  return { kind: "date", date: value.date, precision: value.precision };
}

/** The precision of a known date, or nothing when the date is not known at all. */
function precisionCell(value: PartialDateValue, labels: CaseExportLabels): string | null {
  return dateCell(value) === null ? null : labels.precision(value.precision);
}

export function exportColumns(visible: readonly CaseTableColumn[], labels: CaseExportLabels): ExportColumn[] {
  const spec: Record<CaseTableColumn, ExportColumn[]> = {
    person: [
      { key: "person", width: 28, value: (r) => r.person.name },
      { key: "aliases", width: 32, value: (r) => (r.person.aliases.length ? r.person.aliases.join(labels.listSeparator) : null) },
    ],
    city: [{ key: "city", width: 14, value: (r) => r.city }],
    incident: [{ key: "incident", width: 36, value: (r) => r.incident?.title ?? null }],
    arrestDate: [
      { key: "arrestDate", width: 12, value: (r) => dateCell(r.arrest) },
      { key: "arrestDatePrecision", width: 10, value: (r) => precisionCell(r.arrest, labels) },
    ],
    status: [
      { key: "status", width: 20, value: (r) => labels.status(r.status.value) },
      { key: "statusDate", width: 12, value: (r) => dateCell(r.status) },
      { key: "statusDatePrecision", width: 10, value: (r) => precisionCell(r.status, labels) },
    ],
    facility: [{ key: "facility", width: 28, value: (r) => r.facility?.name ?? null }],
    court: [
      { key: "court", width: 32, value: (r) => r.court?.name ?? null },
      { key: "courtBranch", width: 18, value: (r) => r.court?.branch ?? null },
    ],
    charges: [{ key: "charges", width: 48, value: (r) => (r.charges.length ? r.charges.map(labels.charge).join(labels.listSeparator) : null) }],
    firstInstancePrisonDays: [{ key: "firstInstancePrisonDays", width: 12, value: (r) => r.firstInstance.prisonDays }],
    firstInstanceLashes: [{ key: "firstInstanceLashes", width: 12, value: (r) => r.firstInstance.lashes }],
    effectivePrisonDays: [{ key: "effectivePrisonDays", width: 12, value: (r) => r.effective.prisonDays }],
    effectiveLashes: [{ key: "effectiveLashes", width: 12, value: (r) => r.effective.lashes }],
    updatedAt: [{ key: "updatedAt", width: 22, value: (r) => ({ kind: "timestamp", iso: r.updatedAt }) }],
  };
  return visible.flatMap((c) => spec[c]);
}

/** "2020-10-18" (DAY), "2020-10" (MONTH), "2020" (YEAR): the date only as precise as it is known. */
export function partialDateText(cell: DateCell): string {
  if (cell.precision === "YEAR") return cell.date.slice(0, 4);
  if (cell.precision === "MONTH") return cell.date.slice(0, 7);
  return cell.date;
}
