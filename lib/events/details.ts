// What a reader sees of an event's typed fields: one row per set field, in the registry's
// order, each with its label key and a value tagged with how to show it. The case page
// (components/case/case-timeline.tsx), the PDF report and the dossier (lib/report/model.ts)
// each render these rows by value kind, never field by field, so a new registry field shows
// up everywhere with no edit there. Pure.
import type { DatePrecision, PrisonTerm } from "@/lib/domain/types";
import { isoDay } from "@/lib/domain/dates";
import { EVENT_FIELD_NAMES, fieldDef, fieldsOfKind, type EventFieldName } from "@/lib/events/registry";

export type DetailValue =
  | { kind: "text"; text: string }
  | { kind: "enum"; catalog: string; value: string }
  /** Tags labelled through `catalog` (a text that is not a key there is shown as written); plain texts when null. */
  | { kind: "list"; catalog: string | null; values: string[] }
  | { kind: "count"; value: number }
  | { kind: "money"; amount: string; currency: string | null }
  | { kind: "rials"; amount: string }
  | { kind: "prisonTerm"; term: PrisonTerm }
  | { kind: "boolean"; value: boolean }
  | { kind: "charges"; charges: { text: string | null; article: string | null }[] }
  | { kind: "partialDate"; date: string; precision: DatePrecision };

export interface DetailRow {
  /** Stable within an event (the field's name, "prison" for the term, "amountRials" for the conversion). */
  key: string;
  labelKey: string;
  value: DetailValue;
}

type Decimalish = string | number | { toString(): string };

/** An event as the read paths load it: typed columns by their Prisma names, court and facility with their names. */
export interface EventDetailInput {
  court?: { name: string } | null;
  facility?: { name: string } | null;
  charges?: readonly { text: string | null; article: string | null }[];
  [column: string]: unknown;
}

const dayOf = (v: unknown): string | null => (typeof v === "string" ? v.slice(0, 10) : isoDay(v as Date | null));

function valueOf(name: EventFieldName, e: EventDetailInput): DetailValue | null {
  const def = fieldDef(name);
  const v = e[name];
  switch (def.kind) {
    case "text":
      return typeof v === "string" && v !== "" ? { kind: "text", text: v } : null;
    case "enum":
      return typeof v === "string" ? { kind: "enum", catalog: def.catalog, value: v } : null;
    case "tags":
      return Array.isArray(v) && v.length ? { kind: "list", catalog: def.catalog, values: v as string[] } : null;
    case "textList":
      return Array.isArray(v) && v.length ? { kind: "list", catalog: def.catalog ?? null, values: v as string[] } : null;
    case "count":
      return typeof v === "number" ? { kind: "count", value: v } : null;
    case "money":
      return v !== null && v !== undefined
        ? { kind: "money", amount: String(v as Decimalish), currency: (e[def.currency] as string | null | undefined) ?? null }
        : null;
    case "currency":
      return null; // shown with its amount
    case "boolean":
      return typeof v === "boolean" ? { kind: "boolean", value: v } : null;
    case "court":
      return e.court?.name ? { kind: "text", text: e.court.name } : null;
    case "facility":
      return e.facility?.name ? { kind: "text", text: e.facility.name } : null;
    case "charges":
      return e.charges?.length ? { kind: "charges", charges: [...e.charges] } : null;
    case "partialDate": {
      const day = dayOf(v);
      return day ? { kind: "partialDate", date: day, precision: (e[`${name}Precision`] as DatePrecision | undefined) ?? "DAY" } : null;
    }
  }
}

/** The field holding each part of a prison term (the count fields marked with `term`). */
const TERM_FIELD = Object.fromEntries(
  fieldsOfKind("count").flatMap((name) => {
    const term = (fieldDef(name) as { term?: string }).term;
    return term ? [[term, name]] : [];
  }),
) as Record<"years" | "months" | "days", EventFieldName>;

/** The rows of an event's set typed fields, in the registry's order. */
export function eventDetailRows(e: EventDetailInput): DetailRow[] {
  const rows: DetailRow[] = [];
  let termShown = false;
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    if (def.kind === "count" && def.term) {
      if (termShown) continue;
      termShown = true;
      const part = (term: "years" | "months" | "days") => (typeof e[TERM_FIELD[term]] === "number" ? (e[TERM_FIELD[term]] as number) : null);
      const [years, months, days] = [part("years"), part("months"), part("days")];
      if (years !== null || months !== null || days !== null)
        rows.push({ key: "prison", labelKey: def.labelKey, value: { kind: "prisonTerm", term: { years: years ?? 0, months: months ?? 0, days: days ?? 0 } } });
      continue;
    }
    const value = valueOf(name, e);
    if (value) rows.push({ key: name, labelKey: def.labelKey, value });
    // The conversion is shown whenever it is stored (it is computed from the amount), unless the amount is in rials already.
    if (def.kind === "money" && def.rials) {
      const rials = e[def.rials];
      const currency = e[def.currency] as string | null | undefined;
      if (rials !== null && rials !== undefined && currency?.toUpperCase() !== "IRR")
        rows.push({ key: def.rials, labelKey: `timeline.${def.rials}`, value: { kind: "rials", amount: String(rials as Decimalish) } });
    }
  }
  return rows;
}
