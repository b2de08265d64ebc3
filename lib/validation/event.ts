// A timeline event: common fields (date with precision, description, confidence, note,
// sources) plus the typed fields of its type (from the registry, lib/events/registry.ts), as
// a discriminated union on `type`, so an ARREST cannot carry a prison term and a SENTENCE
// cannot carry a facility. Courts and facilities are given by name and resolved (or
// created) by the data layer; the amount in rials is computed from amount and currency,
// never typed in.
import { z } from "zod";
import { EVENT_FIELDS, LASHES_MAX, PRISON_MAX, fieldsOf, rulesOf, type FieldsOf } from "@/lib/events/registry";
import { checkPartialDate, confidenceField, dateString, idField, optionalLongText, optionalText, precisionField } from "@/lib/validation/fields";
import { sourceSchema } from "@/lib/validation/source";
import { APPEAL_OUTCOMES, ARREST_CIRCUMSTANCES, EVENT_TYPES, RELEASE_TYPES } from "@/lib/domain/vocab";

export { EVENT_TYPES };
export type EventTypeName = (typeof EVENT_TYPES)[number];

export { APPEAL_OUTCOMES, ARREST_CIRCUMSTANCES, RELEASE_TYPES };

export { LASHES_MAX, PRISON_MAX };

const base = {
  date: dateString("Date"),
  datePrecision: precisionField.default("UNKNOWN"),
  dateText: optionalText("Date as written"),
  description: optionalLongText("Description"),
  confidence: confidenceField.default("HIGH"),
  note: optionalLongText("Note"),
  /** Existing sources, by id. */
  sourceIds: z.array(idField("Source"), { error: "Sources must be a list" }).max(20, { error: "At most 20 sources" }).default([]),
  /** Sources added inline with the event. */
  newSources: z.array(sourceSchema, { error: "New sources must be a list" }).max(5, { error: "At most 5 new sources at once" }).default([]),
};

type Common = { date: string | null; datePrecision: "DAY" | "MONTH" | "YEAR" | "UNKNOWN"; sourceIds: string[]; newSources: unknown[] };

function commonRules(e: Common, ctx: z.RefinementCtx): void {
  checkPartialDate("Date", e.date, e.datePrecision, ctx, { date: "date", precision: "datePrecision" });
  if (e.sourceIds.length + e.newSources.length === 0)
    ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "Sources: choose or add at least one source" });
  if (new Set(e.sourceIds).size !== e.sourceIds.length) ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "Sources: a source is listed twice" });
}

type Fields = typeof EVENT_FIELDS;
type ShapeOf<T extends EventTypeName> = { [K in FieldsOf<T>]: Fields[K]["schema"] };

/** The recording schema of one event type: the common fields and the registry's fields of that type, with its rules. */
function eventOf<T extends EventTypeName>(type: T) {
  const shape = Object.fromEntries(fieldsOf(type).map((f) => [f, EVENT_FIELDS[f].schema])) as ShapeOf<T>;
  const rules = rulesOf(type);
  return z.strictObject({ type: z.literal(type), ...base, ...shape }).superRefine((e, ctx) => {
    commonRules(e as unknown as Common, ctx);
    for (const rule of rules) rule.check(e as Record<string, unknown>, (path, message) => ctx.addIssue({ code: "custom", path: [path], message }));
  });
}

// One member per event type (written out so TypeScript keeps each member's fields; the
// registry says what each holds, and a test checks this list is EVENT_TYPES).
export const eventSchema = z.discriminatedUnion(
  "type",
  [
    eventOf("ARREST"),
    eventOf("SUMMONS"),
    eventOf("DETENTION"),
    eventOf("TRANSFER"),
    eventOf("INCOMMUNICADO"),
    eventOf("BAIL"),
    eventOf("TEMPORARY_RELEASE"),
    eventOf("CHARGE"),
    eventOf("TRIAL"),
    eventOf("SENTENCE"),
    eventOf("APPEAL"),
    eventOf("ACQUITTAL"),
    eventOf("RELEASE"),
    eventOf("ILL_TREATMENT"),
    eventOf("HUNGER_STRIKE"),
    eventOf("RESTRICTION"),
    eventOf("DISAPPEARANCE"),
    eventOf("OTHER"),
  ],
  { error: "Choose the kind of event" },
);

export type EventInput = z.input<typeof eventSchema>;
export type EventData = z.output<typeof eventSchema>;
