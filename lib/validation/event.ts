// A timeline event: common fields (date with precision, description, confidence, note,
// sources) plus the typed fields of its type, as a discriminated union on `type`, so an
// ARREST cannot carry a prison term and a SENTENCE cannot carry a facility. Courts and
// facilities are given by name and resolved (or created) by the data layer; the amount in
// rials is computed from amount and currency, never typed in.
import { z } from "zod";
import {
  NAME_MAX,
  checkPartialDate,
  confidenceField,
  dateString,
  idField,
  optionalCount,
  optionalLongText,
  optionalText,
  precisionField,
  tagList,
  textList,
} from "@/lib/validation/fields";
import { currencyCode, moneyAmount } from "@/lib/validation/money";
import { sourceSchema } from "@/lib/validation/source";
import { APPEAL_OUTCOMES, ARREST_CIRCUMSTANCES, EVENT_TYPES, RELEASE_TYPES } from "@/lib/domain/vocab";

export { EVENT_TYPES };
export type EventTypeName = (typeof EVENT_TYPES)[number];

export { APPEAL_OUTCOMES, ARREST_CIRCUMSTANCES, RELEASE_TYPES };

// Same bounds as the import format: generous for terms as pronounced ("18 months"), yet a
// typo such as 2020 years is caught.
export const PRISON_MAX = { years: 100, months: 1200, days: 36_500 } as const;
export const LASHES_MAX = 1000;

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

const charge = z
  .strictObject({ text: optionalText("Charge", 1000), article: optionalText("Article", NAME_MAX) })
  .refine((c) => c.text !== null || c.article !== null, { error: "Charge: enter the charge as quoted or its article", path: ["text"] });
const charges = z.array(charge, { error: "Charges must be a list" }).max(50, { error: "At most 50 charges" }).default([]);

const court = { court: optionalText("Court"), branch: optionalText("Branch"), judge: optionalText("Judge") };

const prison = {
  prisonYears: optionalCount("Prison years", PRISON_MAX.years),
  prisonMonths: optionalCount("Prison months", PRISON_MAX.months),
  prisonDays: optionalCount("Prison days", PRISON_MAX.days),
  lashes: optionalCount("Lashes", LASHES_MAX),
};

const money = { amount: moneyAmount("Amount"), currency: currencyCode("Currency") };

type Common = { date: string | null; datePrecision: "DAY" | "MONTH" | "YEAR" | "UNKNOWN"; sourceIds: string[]; newSources: unknown[] };

function commonRules(e: Common, ctx: z.RefinementCtx): void {
  checkPartialDate("Date", e.date, e.datePrecision, ctx, { date: "date", precision: "datePrecision" });
  if (e.sourceIds.length + e.newSources.length === 0) ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "Sources: choose or add at least one source" });
  if (new Set(e.sourceIds).size !== e.sourceIds.length) ctx.addIssue({ code: "custom", path: ["sourceIds"], message: "Sources: a source is listed twice" });
}

function pairRule(a: string | null, b: string | null, ctx: z.RefinementCtx, names: [string, string], labels: [string, string]): void {
  if (a !== null && b === null) ctx.addIssue({ code: "custom", path: [names[1]], message: `${labels[1]}: choose a currency for the amount (IRR = rials, IRT = tomans)` });
  if (a === null && b !== null) ctx.addIssue({ code: "custom", path: [names[0]], message: `${labels[0]}: enter the amount for this currency` });
}

const ev = <T extends EventTypeName, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...base, ...shape });

const plain = <T extends EventTypeName>(type: T) => ev(type, {}).superRefine(commonRules);

export const eventSchema = z.discriminatedUnion(
  "type",
  [
    ev("ARREST", {
      city: optionalText("City"),
      place: optionalText("Place"),
      authority: optionalText("Authority"),
      circumstance: z.enum(ARREST_CIRCUMSTANCES, { error: "Choose a circumstance" }).nullish().transform((v) => v ?? null),
    }).superRefine(commonRules),
    plain("SUMMONS"),
    ev("DETENTION", { facility: optionalText("Facility"), conditions: tagList("Conditions") }).superRefine(commonRules),
    ev("TRANSFER", { facility: optionalText("Facility"), conditions: tagList("Conditions") }).superRefine(commonRules),
    plain("INCOMMUNICADO"),
    ev("BAIL", money).superRefine((e, ctx) => {
      commonRules(e, ctx);
      pairRule(e.amount, e.currency, ctx, ["amount", "currency"], ["Amount", "Currency"]);
    }),
    ev("TEMPORARY_RELEASE", money).superRefine((e, ctx) => {
      commonRules(e, ctx);
      pairRule(e.amount, e.currency, ctx, ["amount", "currency"], ["Amount", "Currency"]);
    }),
    ev("CHARGE", { charges }).superRefine(commonRules),
    ev("TRIAL", court).superRefine(commonRules),
    ev("SENTENCE", {
      ...court,
      ...prison,
      charges,
      fineAmount: moneyAmount("Fine"),
      fineCurrency: currencyCode("Fine currency"),
      otherPenalties: textList("Other penalties"),
      suspended: z.boolean({ error: "Suspended must be yes or no" }).nullish().transform((v) => v ?? null),
    }).superRefine((e, ctx) => {
      commonRules(e, ctx);
      pairRule(e.fineAmount, e.fineCurrency, ctx, ["fineAmount", "fineCurrency"], ["Fine", "Fine currency"]);
    }),
    ev("APPEAL", {
      ...court,
      ...prison,
      appealOutcome: z.enum(APPEAL_OUTCOMES, { error: "Choose the appeal's outcome" }).default("UNKNOWN"),
    }).superRefine(commonRules),
    plain("ACQUITTAL"),
    ev("RELEASE", { releaseType: z.enum(RELEASE_TYPES, { error: "Choose the kind of release" }).default("UNKNOWN") }).superRefine(commonRules),
    ev("ILL_TREATMENT", { treatmentKinds: tagList("Kinds of ill-treatment"), injuries: textList("Injuries") }).superRefine(commonRules),
    plain("HUNGER_STRIKE"),
    plain("RESTRICTION"),
    plain("DISAPPEARANCE"),
    plain("OTHER"),
  ],
  { error: "Choose the kind of event" },
);

export type EventInput = z.input<typeof eventSchema>;
export type EventData = z.output<typeof eventSchema>;
