// One CSV row → the person, case and event it states, checked with the SAME strict zod
// schemas as the recording forms (lib/validation/person.ts, case.ts, event.ts, source.ts),
// so a value a form refuses is refused in a file too, with the same reason. Pure: no
// database; references (incident and source keys, existing records) are checked by the
// planner (plan.ts).
//
// An empty cell means "not stated in this row": it never clears a stored value. Only the
// fields whose cells are filled are "provided"; the planner compares and writes those.
import type { z } from "zod";
import { EVENT_FIELDS, fieldDef, type EventFieldName } from "@/lib/events/registry";
import { CHARGE_ARTICLE_SEPARATOR, COLUMNS, LIST_SEPARATOR, type ColumnDef } from "@/lib/import/columns";
import type { CsvRow, ImportError } from "@/lib/import/csv";
import { caseSchema } from "@/lib/validation/case";
import { EVENT_TYPES, eventSchema, type EventData, type EventTypeName } from "@/lib/validation/event";
import { dateShape } from "@/lib/validation/fields";
import { guessScript, personSchema, type PersonData } from "@/lib/validation/person";
import { textProblem } from "@/lib/validation/text-rules";

/** Stable keys: lower-case letters, digits and hyphens, as the demo data and the app write them. */
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const KEY_MAX = 120;

export type PersonField = Exclude<keyof PersonData, "relations">;

export interface RowPerson {
  /** Validated values of the filled person cells only. */
  values: Partial<Pick<PersonData, PersonField>>;
}

export interface RowCase {
  incidentKey?: string;
  summary?: string;
}

export interface RowEvent {
  /** The event as the event form would save it (schema defaults for empty cells). */
  data: EventData;
  /** Event fields whose cells are filled ("type" always; "date" stands for date + precision). */
  provided: Set<string>;
  sourceKeys: string[];
  sourceUrls: string[];
}

export interface RowData {
  row: number;
  personKey: string;
  caseKey: string;
  eventKey: string;
  person: RowPerson;
  case: RowCase;
  /** Null when the event cells could not be checked (unknown type, ...): errors say why. */
  event: RowEvent | null;
  /** Well-formed source keys and the URLs of the row, checked against the database even when its event is not valid. */
  sourceKeys: string[];
  sourceUrls: string[];
  errors: ImportError[];
}

const NAME_STAND_IN = "\u2063name given on another row\u2063";
const PERSON_COLUMNS = COLUMNS.filter((c) => c.group === "person");
const EVENT_COLUMNS = COLUMNS.filter((c) => c.group === "event" && c.field !== "type");
const SOURCE_COLUMN_BY_FIELD = new Map(COLUMNS.filter((c) => c.group === "sources").map((c) => [c.field, c.name]));

function quote(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

/** "released on bail", "Ill-treatment" → RELEASED_ON_BAIL, ILL_TREATMENT (then checked by the schema's enum). */
export function enumCell(cell: string): string {
  return cell
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

/** "Solitary confinement" → solitary_confinement (then checked by the schema's tag rule). */
function tagCell(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Entries read from one list cell: twice what any list may hold (50 aliases or charges, 30
 * tags, 20 sources), so a longer cell is still refused by its schema's "at most", without
 * checking each of the hundreds of thousands of entries a 1 MB cell can hold.
 */
const LIST_READ_MAX = 100;

function listCell(cell: string): string[] {
  const out: string[] = [];
  for (let from = 0; from <= cell.length && out.length < LIST_READ_MAX;) {
    const end = cell.indexOf(LIST_SEPARATOR, from);
    const entry = cell.slice(from, end < 0 ? cell.length : end).trim();
    if (entry !== "") out.push(entry);
    if (end < 0) break;
    from = end + LIST_SEPARATOR.length;
  }
  return out;
}

/** Whole numbers become numbers; anything else is handed to the schema as is, which names the problem. */
function numberCell(cell: string): number | string {
  if (/^[+-]?\d+(\.\d+)?$/.test(cell)) return Number(cell);
  return cell;
}

function booleanCell(cell: string): boolean | string {
  const v = cell.trim().toLowerCase();
  if (["yes", "y", "true", "1"].includes(v)) return true;
  if (["no", "n", "false", "0"].includes(v)) return false;
  return cell;
}

function chargesCell(cell: string): { text: string | null; article: string | null }[] {
  return listCell(cell).map((entry) => {
    const at = entry.indexOf(CHARGE_ARTICLE_SEPARATOR);
    const text = (at < 0 ? entry : entry.slice(0, at)).trim();
    const article = at < 0 ? "" : entry.slice(at + CHARGE_ARTICLE_SEPARATOR.length).trim();
    return { text: text || null, article: article || null };
  });
}

const INTEGER_FIELDS = new Set(["birthYear", "ageYears"]);
const ENUM_FIELDS = new Set(["gender", "confidence"]);

/** A typed event field's cell as the recording schema expects it, by the field's kind (lib/events/registry.ts). */
function eventCellValue(name: EventFieldName, cell: string): unknown {
  switch (fieldDef(name).kind) {
    case "count":
      return numberCell(cell);
    case "enum":
      return enumCell(cell);
    case "boolean":
      return booleanCell(cell);
    case "charges":
      return chargesCell(cell);
    case "tags":
      return listCell(cell).map(tagCell);
    case "textList":
      return listCell(cell);
    default:
      return cell;
  }
}

/** The cell as the schema's field expects it. */
function cellValue(col: ColumnDef, cell: string): unknown {
  if (col.group === "event" && col.field in EVENT_FIELDS) return eventCellValue(col.field as EventFieldName, cell);
  if (INTEGER_FIELDS.has(col.field)) return numberCell(cell);
  if (ENUM_FIELDS.has(col.field)) return enumCell(cell);
  if (col.field === "vulnerabilities") return listCell(cell).map(enumCell);
  if (col.field === "aliases") return listCell(cell).map((name) => ({ name, script: guessScript(name) }));
  if (col.list) return listCell(cell);
  return cell;
}

/**
 * Parses, reports every issue, then drops the fields that had one and parses again, so that
 * the rules zod checks only on otherwise valid objects (a date against its precision, an age
 * against its date) are reported too, in the same answer, instead of after the next upload.
 */
function parseReportingAll<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
  report: (issue: z.core.$ZodIssue) => void,
  drop: (field: string) => void,
  keep: ReadonlySet<string> = new Set(),
): { data: z.output<S> | null; bad: Set<string> } {
  const bad = new Set<string>();
  const seen = new Set<string>();
  for (let pass = 0; pass < 4; pass++) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { data: parsed.data, bad };
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const id = `${issue.path.map(String).join(".")}\u0000${issue.message}`;
      if (!seen.has(id)) {
        seen.add(id);
        report(issue);
      }
      const field = String(issue.path[0] ?? "");
      if (field && !keep.has(field) && !bad.has(field)) {
        bad.add(field);
        drop(field);
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  return { data: null, bad };
}

/** A schema issue as { row, column, reason }, the cell quoted when the reason does not show it. */
function issueError(row: CsvRow, issue: z.core.$ZodIssue, columnOf: (path: PropertyKey[]) => string | null): ImportError {
  if (issue.code === "unrecognized_keys") {
    return { row: row.row, column: null, reason: `Unexpected field(s) ${issue.keys.join(", ")}` };
  }
  const column = columnOf(issue.path);
  const cell = column ? (row.cells.get(column) ?? "") : "";
  let reason = cell !== "" && !issue.message.includes(cell.slice(0, 40)) ? `${issue.message} (cell: ${quote(cell)})` : issue.message;
  // An enum's allowed values, as a file writes them.
  if (issue.code === "invalid_value" && issue.values.length <= 20)
    reason += `. Use one of: ${issue.values.map((v) => String(v).toLowerCase().replace(/_/g, " ")).join(", ")}.`;
  return { row: row.row, column, reason };
}

function keyError(row: CsvRow, column: string, what: string): ImportError | null {
  const value = row.cells.get(column) ?? "";
  if (value === "") return { row: row.row, column, reason: `The ${what} key is required on every row.` };
  if (value.length > KEY_MAX) return { row: row.row, column, reason: `The ${what} key is longer than ${KEY_MAX} characters.` };
  if (!KEY_PATTERN.test(value)) {
    return {
      row: row.row,
      column,
      reason: `The ${what} key ${quote(value)} must be lower-case letters, digits and single hyphens (e.g. ${what === "person" ? "p-fatima-ibrahimzadeh" : what === "case" ? "c-fatima-ibrahimzadeh-2020" : "arrest-1"}).`,
    };
  }
  return null;
}

function readPerson(row: CsvRow, errors: ImportError[]): RowPerson {
  const filled = PERSON_COLUMNS.filter((c) => (row.cells.get(c.name) ?? "") !== "");
  // A row may leave the name to another row of the same person (or to the database; the
  // planner requires it for a new person): a stand-in lets the schema check the rest.
  const input: Record<string, unknown> = { name: row.cells.get("person_name") || NAME_STAND_IN };
  for (const c of filled) input[c.field] = cellValue(c, row.cells.get(c.name)!);
  const columnOf = (path: PropertyKey[]) => PERSON_COLUMNS.find((c) => c.field === path[0])?.name ?? "person_name";
  const { data, bad } = parseReportingAll(
    personSchema,
    input,
    (issue) => errors.push(issueError(row, issue, columnOf)),
    (field) => {
      if (field === "name") input.name = NAME_STAND_IN;
      else delete input[field];
    },
  );
  // A refused row's other person cells are still read, so that the rows of the same person
  // are checked against them without a second, misleading error.
  const values: Partial<Pick<PersonData, PersonField>> = {};
  if (data) for (const c of filled) if (!bad.has(c.field)) (values as Record<string, unknown>)[c.field] = (data as Record<string, unknown>)[c.field];
  return { values };
}

function readCase(row: CsvRow, errors: ImportError[]): RowCase {
  const out: RowCase = {};
  const incident = row.cells.get("case_incident_key") ?? "";
  if (incident !== "") {
    if (incident.length > KEY_MAX || !KEY_PATTERN.test(incident)) {
      errors.push({
        row: row.row,
        column: "case_incident_key",
        reason: `${quote(incident)} is not an incident key (lower-case letters, digits and hyphens, e.g. inc-2020-07-tabriz).`,
      });
    } else out.incidentKey = incident;
  }
  const summary = row.cells.get("case_summary") ?? "";
  if (summary !== "") {
    // The person is checked by the planner; the schema checks the summary like the case form.
    const parsed = caseSchema.safeParse({ personId: "import", summary });
    if (parsed.success) {
      if (parsed.data.summary !== null) out.summary = parsed.data.summary;
    } else for (const issue of parsed.error.issues) errors.push(issueError(row, issue, () => "case_summary"));
  }
  return out;
}

function eventColumnOf(path: PropertyKey[]): string | null {
  const field = String(path[0] ?? "");
  if (field === "datePrecision") return "event_date";
  return SOURCE_COLUMN_BY_FIELD.get(field) ?? EVENT_COLUMNS.find((c) => c.field === field)?.name ?? null;
}

/** The source keys and URLs of the row (key spelling checked here, existence by the planner). */
function readSources(row: CsvRow, errors: ImportError[]): { sourceKeys: string[]; sourceUrls: string[] } {
  const sourceKeys = listCell(row.cells.get("source_keys") ?? "");
  // A URL with a NUL would fail the planner's database lookup (a 500); the event's source
  // check (sourceSchema's url, the shared text rules) reports it on this row instead.
  const sourceUrls = listCell(row.cells.get("source_urls") ?? "").filter((url) => textProblem(url) === null);
  for (const key of sourceKeys) {
    if (key.length > KEY_MAX || !KEY_PATTERN.test(key))
      errors.push({
        row: row.row,
        column: "source_keys",
        reason: `${quote(key)} is not a source key (lower-case letters, digits and hyphens, e.g. src-doc-000).`,
      });
  }
  return { sourceKeys, sourceUrls };
}

function readEvent(row: CsvRow, errors: ImportError[], sources: { sourceKeys: string[]; sourceUrls: string[] }): RowEvent | null {
  const typeCell = row.cells.get("event_type") ?? "";
  if (typeCell === "") {
    errors.push({ row: row.row, column: "event_type", reason: "The event type is required on every row." });
    return null;
  }
  const type = enumCell(typeCell);
  if (!(EVENT_TYPES as readonly string[]).includes(type)) {
    errors.push({
      row: row.row,
      column: "event_type",
      reason: `Unknown event type ${quote(typeCell)}. Use one of: ${EVENT_TYPES.map((t) => t.toLowerCase()).join(", ")}.`,
    });
    return null;
  }
  const eventType = type as EventTypeName;
  const date = row.cells.get("event_date") ?? "";
  const input: Record<string, unknown> = {
    type: eventType,
    date: date === "" ? null : date,
    datePrecision: date === "" ? "UNKNOWN" : (dateShape(date) ?? "DAY"),
  };
  const provided = new Set<string>(["type"]);
  if (date !== "") provided.add("date");
  let misplaced = false;
  for (const c of EVENT_COLUMNS) {
    if (c.field === "date") continue;
    const cell = row.cells.get(c.name) ?? "";
    if (cell === "") continue;
    if (c.types && !c.types.includes(eventType)) {
      misplaced = true;
      errors.push({
        row: row.row,
        column: c.name,
        reason: `${/^[AEIOU]/.test(eventType) ? "An" : "A"} ${eventType.toLowerCase().replace(/_/g, " ")} event has no ${c.name.replace(/^event_/, "").replace(/_/g, " ")}: leave this cell empty (it applies to ${c.types.map((t) => t.toLowerCase()).join(", ")}).`,
      });
      continue;
    }
    input[c.field] = cellValue(c, cell);
    provided.add(c.field);
  }
  const { sourceKeys, sourceUrls } = sources;
  input.sourceIds = sourceKeys.map((k) => (KEY_PATTERN.test(k) ? k : "invalid"));
  // A URL names a new source (or an existing one with exactly that URL): checked like the source form.
  input.newSources = sourceUrls.map((url) => ({ title: url.slice(0, 1000), url, kind: "OTHER" }));

  const report = (issue: z.core.$ZodIssue) => {
    if (issue.path[0] === "sourceIds" && issue.message.startsWith("Sources: choose or add")) {
      errors.push({ row: row.row, column: "source_keys", reason: "Every event needs at least one source: fill source_keys or source_urls." });
    } else if (issue.path[0] === "sourceIds" && issue.message.includes("listed twice")) {
      errors.push({ row: row.row, column: "source_keys", reason: "A source key is listed twice in this cell." });
    } else if (!(issue.path[0] === "newSources" && issue.path[2] === "title")) {
      // (a URL source's title is the URL: the URL's own check says it)
      errors.push(issueError(row, issue, eventColumnOf));
    }
  };
  const drop = (field: string) => {
    if (field === "date" || field === "datePrecision") {
      input.date = null;
      input.datePrecision = "UNKNOWN";
    } else delete input[field];
  };
  const { data, bad } = parseReportingAll(eventSchema, input, report, drop, new Set(["type", "sourceIds", "newSources"]));
  if (!data || bad.size > 0 || misplaced) return null;
  const parsed = { data };
  if (new Set(sourceUrls).size !== sourceUrls.length) {
    errors.push({ row: row.row, column: "source_urls", reason: "A URL is listed twice in this cell." });
    return null;
  }
  return { data: parsed.data, provided, sourceKeys, sourceUrls };
}

/** Reads and checks one row; every problem found is in `errors` (the row is imported only without any). */
export function readRow(row: CsvRow): RowData {
  const errors: ImportError[] = [];
  for (const [column, what] of [
    ["person_key", "person"],
    ["case_key", "case"],
    ["event_key", "event"],
  ] as const) {
    const error = keyError(row, column, what);
    if (error) errors.push(error);
  }
  const person = readPerson(row, errors);
  const kase = readCase(row, errors);
  const sources = readSources(row, errors);
  const event = readEvent(row, errors, sources);
  return {
    row: row.row,
    personKey: row.cells.get("person_key") ?? "",
    caseKey: row.cells.get("case_key") ?? "",
    eventKey: row.cells.get("event_key") ?? "",
    person,
    case: kase,
    event,
    sourceKeys: sources.sourceKeys.filter((k) => k.length <= KEY_MAX && KEY_PATTERN.test(k)),
    sourceUrls: sources.sourceUrls,
    errors,
  };
}
