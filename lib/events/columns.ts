// The typed columns of an event row, from the registry: the fields of the event's type set,
// every other typed column cleared (a type change leaves nothing behind), and the computed
// columns (an amount in rials) filled in. Every write path (the recording forms, the CSV,
// demo and exchange imports, the synthetic loader) stores what this returns. Pure: courts
// and facilities are resolved to ids by the caller (see placeNames).
import { parsePartialDate } from "@/lib/domain/dates";
import type { EventType } from "@/lib/domain/types";
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
