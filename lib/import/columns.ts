// The CSV import template: one row per case event, with the person, the case and the event
// on the same row. This list is the single definition of the format: the downloadable
// template's header, the header check, the row reader and docs/csv-import.md (a unit test
// checks that the document describes exactly these columns) all follow it. The typed event
// columns come from the event registry: a field added there is a column here.
import { EVENT_FIELD_NAMES, fieldDef, isListKind, typesWithField } from "@/lib/events/registry";
import type { EventTypeName } from "@/lib/validation/event";

export type ColumnGroup = "keys" | "person" | "case" | "event" | "sources";

export interface ColumnDef {
  /** The header cell, as written in the template (lower-case snake_case). */
  name: string;
  group: ColumnGroup;
  /** A column every file must have (its cells may still be empty where the docs say so). */
  required: boolean;
  /** The field of the recording schema the cell feeds, as the schema's error paths name it. */
  field: string;
  /** The event types whose schema has this field; undefined: every type (or not an event column). */
  types?: readonly EventTypeName[];
  /** Several values in one cell, separated by ";". */
  list?: boolean;
}

/** The CSV column of each typed event field, in the registry's order (lib/events/registry.ts). */
export const TYPED_EVENT_COLUMNS: readonly ColumnDef[] = EVENT_FIELD_NAMES.map((name) => ({
  name: fieldDef(name).csv,
  group: "event",
  required: false,
  field: name,
  types: typesWithField(name),
  list: isListKind(fieldDef(name).kind),
}));

export const COLUMNS: readonly ColumnDef[] = [
  { name: "person_key", group: "keys", required: true, field: "personKey" },
  { name: "case_key", group: "keys", required: true, field: "caseKey" },
  { name: "event_key", group: "keys", required: true, field: "eventKey" },

  { name: "person_name", group: "person", required: true, field: "name" },
  { name: "person_aliases", group: "person", required: false, field: "aliases", list: true },
  { name: "person_gender", group: "person", required: false, field: "gender" },
  { name: "person_birth_year", group: "person", required: false, field: "birthYear" },
  { name: "person_age", group: "person", required: false, field: "ageYears" },
  { name: "person_age_as_of", group: "person", required: false, field: "ageAsOf" },
  { name: "person_home_city", group: "person", required: false, field: "homeCity" },
  { name: "person_province", group: "person", required: false, field: "province" },
  { name: "person_province_code", group: "person", required: false, field: "provinceCode" },
  { name: "person_vulnerabilities", group: "person", required: false, field: "vulnerabilities", list: true },
  { name: "person_description", group: "person", required: false, field: "description" },
  { name: "person_restricted_notes", group: "person", required: false, field: "restrictedNotes" },

  { name: "case_incident_key", group: "case", required: false, field: "incidentId" },
  { name: "case_summary", group: "case", required: false, field: "summary" },

  { name: "event_type", group: "event", required: true, field: "type" },
  { name: "event_date", group: "event", required: true, field: "date" },
  { name: "event_date_as_written", group: "event", required: false, field: "dateText" },
  { name: "event_description", group: "event", required: false, field: "description" },
  { name: "event_confidence", group: "event", required: false, field: "confidence" },
  { name: "event_note", group: "event", required: false, field: "note" },
  ...TYPED_EVENT_COLUMNS,

  { name: "source_keys", group: "sources", required: false, field: "sourceIds", list: true },
  { name: "source_urls", group: "sources", required: false, field: "newSources", list: true },
];

export const COLUMN_NAMES: readonly string[] = COLUMNS.map((c) => c.name);
export const REQUIRED_COLUMNS: readonly string[] = COLUMNS.filter((c) => c.required).map((c) => c.name);
export const COLUMN_BY_NAME: ReadonlyMap<string, ColumnDef> = new Map(COLUMNS.map((c) => [c.name, c]));

/** Separator of several values in one cell (aliases, charges, source keys ...). */
export const LIST_SEPARATOR = ";";
/** Within one charge: "text | article". */
export const CHARGE_ARTICLE_SEPARATOR = "|";

/** Largest upload accepted (the file itself), in bytes: 20 MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Data rows per file: beyond this, split the file (each import is one transaction). */
export const MAX_ROWS = 50_000;
/**
 * Rows holding nothing but separators (",,,,", which spreadsheet programs write for rows that
 * were formatted but left empty) are skipped; a file may hold this many of them. Blank lines
 * cost nothing and are not counted.
 */
export const MAX_EMPTY_ROWS = 50_000;
/**
 * Longest row, in bytes (a cell spanning lines counts whole): far above the longest real
 * row (every text cell at its 10,000-character limit), far below what would keep the
 * server busy. A longer row usually means a quote that is never closed.
 */
export const MAX_ROW_BYTES = 1024 * 1024;
/** Errors listed in one answer (the total is always given). */
export const MAX_ERRORS_LISTED = 5_000;

/**
 * The header as people type it: "Person key", "person-key" and " PERSON_KEY " all mean
 * person_key.
 */
export function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/** The template file: the header row, UTF-8 with a BOM so spreadsheet programs read it as UTF-8. */
export function templateCsv(): string {
  return `\uFEFF${COLUMN_NAMES.join(",")}\r\n`;
}
