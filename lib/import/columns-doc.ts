// The rows of docs/csv-import.md's event table for the registry's typed fields, generated
// (`npm run docs:csv`, scripts/docs-csv.ts) so that a field added to the registry is
// documented with its column; tests/unit/import-docs.test.ts checks the document holds exactly
// these rows. Pure.
import { fieldDef, type EventFieldName } from "@/lib/events/registry";
import { TYPED_EVENT_COLUMNS } from "@/lib/import/columns";
import type { EventTypeName } from "@/lib/validation/event";
import messages from "@/messages/en.json";

const EVENT_TYPE_LABEL: Readonly<Record<EventTypeName, string>> = messages.eventType;

/** "Trial, sentence, appeal": the event types a column applies to, as the document names them. */
function typesPhrase(types: readonly EventTypeName[]): string {
  const text = types.map((t) => EVENT_TYPE_LABEL[t].toLowerCase()).join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One table row per typed event column, in the template's order. */
export function typedEventColumnDocRows(): string[] {
  return TYPED_EVENT_COLUMNS.map((c) => {
    const def = fieldDef(c.field as EventFieldName);
    const values =
      def.kind === "enum"
        ? `${def.values.map((v) => `\`${v.toLowerCase().replace(/_/g, " ")}\``).join(", ")}.`
        : def.kind === "boolean"
          ? "`yes` or `no`."
          : "";
    return `| \`${c.name}\` | no | ${typesPhrase(c.types ?? [])}: ${def.csvDoc ?? values} |`;
  });
}

const TYPED_NAMES = new Set(TYPED_EVENT_COLUMNS.map((c) => c.name));
const columnOf = (line: string) => /^\| `([a-z_]+)` \|/.exec(line)?.[1];

/** The document's rows that describe typed event columns (whatever they say). */
export function documentedTypedEventRows(doc: string): string[] {
  return doc.split("\n").filter((line) => TYPED_NAMES.has(columnOf(line) ?? ""));
}

/** The document with its typed event rows (one block in the event table) replaced by the generated ones. */
export function replaceTypedEventColumnDocs(doc: string): string {
  const lines = doc.split("\n");
  const first = lines.findIndex((line) => TYPED_NAMES.has(columnOf(line) ?? ""));
  if (first < 0) throw new Error("docs/csv-import.md: no typed event column row found in the event table");
  let end = first;
  while (end < lines.length && TYPED_NAMES.has(columnOf(lines[end]!) ?? "")) end++;
  const rest = lines.slice(end).filter((line) => !TYPED_NAMES.has(columnOf(line) ?? ""));
  return [...lines.slice(0, first), ...typedEventColumnDocRows(), ...rest].join("\n");
}
