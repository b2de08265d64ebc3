// How the read paths load an event's typed fields, from the registry: the Prisma select of
// the typed columns and relations (the case page's query, lib/data/case-view.ts, and the
// reports' query, lib/data/report.ts), and the type of the values they hand on (decimals as
// text). A field added to the registry is selected and typed here with no edit in the read
// paths. Pure: no Prisma import (the read paths check the select against Prisma's types).
import type { DatePrecision } from "@/lib/domain/types";
import { EVENT_FIELDS, EVENT_FIELD_NAMES, fieldDef, type EventFieldName, type FieldKind } from "@/lib/events/registry";

type Fields = typeof EVENT_FIELDS;
type Kind = FieldKind["kind"];
type NamesOfKind<K extends Kind> = { [N in EventFieldName]: Fields[N]["kind"] extends K ? N : never }[EventFieldName];

/** Fields stored in a column named like the field. */
type ColumnField = NamesOfKind<"text" | "enum" | "tags" | "textList" | "count" | "money" | "currency" | "boolean" | "partialDate">;
type MoneyField = NamesOfKind<"money">;
/** The columns holding a money field's amount converted to rials. */
type RialsColumn = { [N in MoneyField]: Fields[N] extends { rials: infer R extends string } ? R : never }[MoneyField];
type PartialDateField = NamesOfKind<"partialDate">;
type PrecisionColumn = `${PartialDateField}Precision`;
/** Fields read through a relation with a name (court, facility). */
type PlaceField = NamesOfKind<"court" | "facility">;
type ChargesField = NamesOfKind<"charges">;

/** Every scalar column of an event's typed fields. */
export type EventTypedColumn = ColumnField | RialsColumn | PrecisionColumn;
/** The decimal columns (amounts and their conversions to rials), handed on as text. */
export type EventDecimalColumn = MoneyField | RialsColumn;

export type EventTypedColumnSelect = { [C in EventTypedColumn]: true };
export type EventTypedRelationSelect<X extends Record<string, true>> = { [N in PlaceField]: { select: X & { name: true } } } & {
  [N in ChargesField]: { orderBy: { position: "asc" }; select: X & { text: true; article: true } };
};

type ValueOf<D> = D extends { kind: "text" | "currency" }
  ? string | null
  : D extends { kind: "enum"; values: readonly (infer V)[] }
    ? V | null
    : D extends { kind: "tags" | "textList" }
      ? string[]
      : D extends { kind: "count" }
        ? number | null
        : D extends { kind: "money" }
          ? string | null
          : D extends { kind: "boolean" }
            ? boolean | null
            : D extends { kind: "partialDate" }
              ? Date | null
              : never;

type Flat<T> = { [K in keyof T]: T[K] };

/** An event's typed fields as the read paths hand them on: decimals as text, court and facility with their names, charges in order. */
export type EventTypedValues = Flat<
  { [N in ColumnField]: ValueOf<Fields[N]> } & { [C in RialsColumn]: string | null } & { [C in PrecisionColumn]: DatePrecision } & {
    [N in PlaceField]: { name: string } | null;
  } & { [N in ChargesField]: { text: string | null; article: string | null }[] }
>;

/** The scalar columns of every typed field: plain columns, `<field>Precision` of partial dates, the rials column of amounts. */
export const EVENT_TYPED_COLUMNS: EventTypedColumnSelect = (() => {
  const out: Record<string, true> = {};
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    switch (def.kind) {
      case "court":
      case "facility":
      case "charges":
        break;
      case "partialDate":
        out[name] = true;
        out[`${name}Precision`] = true;
        break;
      case "money":
        out[name] = true;
        if (def.rials) out[def.rials] = true;
        break;
      default:
        out[name] = true;
    }
  }
  return out as EventTypedColumnSelect;
})();

/** The decimal columns, in the registry's order. */
export const EVENT_DECIMAL_COLUMNS: readonly EventDecimalColumn[] = EVENT_FIELD_NAMES.flatMap((name) => {
  const def = fieldDef(name);
  return def.kind === "money" ? [name, ...(def.rials ? [def.rials] : [])] : [];
}) as EventDecimalColumn[];

/** The relations of the typed fields: court and facility with their names, charges by position; `extra` is selected in each too (e.g. `{ id: true }`). */
export function eventTypedRelations<const X extends Record<string, true>>(extra: X): EventTypedRelationSelect<X> {
  const out: Record<string, unknown> = {};
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    if (def.kind === "court" || def.kind === "facility") out[name] = { select: { ...extra, name: true } };
    if (def.kind === "charges") out[name] = { orderBy: { position: "asc" }, select: { ...extra, text: true, article: true } };
  }
  return out as EventTypedRelationSelect<X>;
}

/** The Prisma select of every typed field of an event (columns and relations). */
export const EVENT_TYPED_SELECT = { ...EVENT_TYPED_COLUMNS, ...eventTypedRelations({}) };

type Decimalish = { toString(): string };

/** `e` with its decimal columns as text (null stays null), as the read paths hand events on. */
export function decimalsAsText<T extends { [C in EventDecimalColumn]: Decimalish | null }>(
  e: T,
): Omit<T, EventDecimalColumn> & { [C in EventDecimalColumn]: string | null } {
  const out: Record<string, unknown> = { ...e };
  for (const c of EVENT_DECIMAL_COLUMNS) {
    const d = e[c];
    out[c] = d === null ? null : d.toString();
  }
  return out as Omit<T, EventDecimalColumn> & { [C in EventDecimalColumn]: string | null };
}

/** Every typed field at its empty value, as the read paths hand it on (null, [], an UNKNOWN precision). */
export function emptyEventTypedValues(): EventTypedValues {
  const out: Record<string, unknown> = {};
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    if (def.kind === "tags" || def.kind === "textList" || def.kind === "charges") out[name] = [];
    else out[name] = null;
    if (def.kind === "partialDate") out[`${name}Precision`] = "UNKNOWN";
    if (def.kind === "money" && def.rials) out[def.rials] = null;
  }
  return out as EventTypedValues;
}
