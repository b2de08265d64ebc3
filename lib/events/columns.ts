// The typed columns of an event row, from the registry: the fields of the event's type set,
// every other typed column cleared (a type change leaves nothing behind), and the computed
// columns (an amount in rials) filled in. Every write path (the recording forms, the CSV,
// demo and exchange imports, the synthetic loader) stores what this returns. Pure: courts
// and facilities are resolved to ids by the caller (see placeNames).
import { parsePartialDate, toIsoPartial } from "@/lib/domain/dates";
import type { DatePrecision, EventType } from "@/lib/domain/types";
import { EVENT_FIELD_NAMES, fieldDef, hasField, type EventFieldName } from "@/lib/events/registry";
import { toRials } from "@/lib/validation/money";

/** The typed columns by their Prisma names (court → courtId, facility → facilityId; charges are a table of their own). */
export type TypedColumns = Record<string, unknown>;

/** The court and facility names an event refers to (null when its type has none or none is given). */
export function placeNames(e: { type: EventType } & Record<string, unknown>): { court: string | null; facility: string | null } {
  const name = (f: EventFieldName) => (hasField(e.type, f) && typeof e[f] === "string" ? (e[f] as string) : null);
  return { court: name("court"), facility: name("facility") };
}

/**
 * Every typed column for an event of `e.type` whose field values (as the recording schema
 * outputs them) are in `e`; `ids` are the court and facility resolved from placeNames(e).
 */
export function typedColumns(e: { type: EventType } & Record<string, unknown>, ids: { courtId: string | null; facilityId: string | null }): TypedColumns {
  const out: TypedColumns = {};
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    const on = hasField(e.type, name);
    const v = on ? (e[name] ?? null) : null;
    switch (def.kind) {
      case "charges":
        break;
      case "court":
        out.courtId = on ? ids.courtId : null;
        break;
      case "facility":
        out.facilityId = on ? ids.facilityId : null;
        break;
      case "tags":
      case "textList":
        out[name] = on && Array.isArray(v) ? v : [];
        break;
      case "partialDate": {
        // The precision is the shape of the value as written (YYYY, YYYY-MM, YYYY-MM-DD).
        const { date, precision } = parsePartialDate(typeof v === "string" ? v : null);
        out[name] = date;
        out[`${name}Precision`] = precision;
        break;
      }
      case "money": {
        out[name] = v;
        if (def.rials) {
          const currency = on ? (e[def.currency] as string | null) : null;
          out[def.rials] = typeof v === "string" && currency ? toRials(v, currency) : null;
        }
        break;
      }
      default:
        out[name] = v;
    }
  }
  return out;
}

/** The charges an event of `e.type` carries (none for a type without the field). */
export function chargesOf(e: { type: EventType } & Record<string, unknown>): { text: string | null; article: string | null }[] {
  return hasField(e.type, "charges") && Array.isArray(e.charges) ? (e.charges as { text: string | null; article: string | null }[]) : [];
}

/** An event row as read back: typed columns by their Prisma names, court and facility with their names, its charges. */
export interface StoredEventRow {
  court?: { name: string } | null;
  facility?: { name: string } | null;
  charges?: readonly { text: string | null; article: string | null }[];
  [column: string]: unknown;
}

const decimalText = (d: unknown): string | null =>
  d === null || d === undefined ? null : typeof d === "object" && "toFixed" in d ? (d as { toFixed(): string }).toFixed() : String(d);

/**
 * The typed field values of a stored event, in the recording schema's shape (the inverse of
 * typedColumns): names for court and facility, amounts as decimal text, partial dates as
 * YYYY, YYYY-MM or YYYY-MM-DD, lists as lists. The event form's edit values, the CSV import's
 * comparison and the exchange export read stored events through this.
 */
export function storedFieldValues(e: StoredEventRow): Record<EventFieldName, unknown> {
  const out = {} as Record<EventFieldName, unknown>;
  for (const name of EVENT_FIELD_NAMES) {
    const def = fieldDef(name);
    const v = e[name];
    switch (def.kind) {
      case "court":
        out[name] = e.court?.name ?? null;
        break;
      case "facility":
        out[name] = e.facility?.name ?? null;
        break;
      case "charges":
        out[name] = (e.charges ?? []).map((c) => ({ text: c.text, article: c.article }));
        break;
      case "money":
        out[name] = decimalText(v);
        break;
      case "partialDate":
        out[name] = toIsoPartial(v instanceof Date ? v : null, (e[`${name}Precision`] as DatePrecision | undefined) ?? "UNKNOWN");
        break;
      case "tags":
      case "textList":
        out[name] = Array.isArray(v) ? v : [];
        break;
      default:
        out[name] = v ?? null;
    }
  }
  return out;
}
