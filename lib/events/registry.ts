// The event-type registry: each typed field of a timeline event, once, with its kind, its
// bounds, its label (catalog key and the English label validation messages name), its CSV
// column and its database column(s); and, per event type, which fields it carries and the
// rules between them. Everything that reads or writes typed fields derives from here:
//   - the recording schema (lib/validation/event.ts) and the event form's inputs,
//   - typedColumns(): the columns every write path stores (./columns.ts),
//   - the CSV import's event columns and its cell readers (lib/import/columns.ts, rows.ts),
//   - the exchange format's event fields and its per-type checks (lib/exchange),
//   - eventDetailRows(): what the case page, the PDF report and the dossier show (./details.ts).
// Adding a field is: the Prisma schema, a migration, one entry here, its catalog label, and
// whatever is genuinely new (a derivation rule, a chart). See ARCHITECTURE.md.
//
// Pure: no database, no React, no I/O; usable from client components, scripts and tests.
import { z } from "zod";
import {
  APPEAL_OUTCOMES,
  ARREST_CIRCUMSTANCES,
  CONDITION_TAGS,
  EVENT_TYPES,
  PENALTY_TAGS,
  RELEASE_TYPES,
  TREATMENT_TAGS,
  type EventType,
} from "@/lib/domain/vocab";
import { NAME_MAX, optionalCount, partialDate, optionalText, tagList, textList } from "@/lib/validation/fields";
import { currencyCode, moneyAmount } from "@/lib/validation/money";

/** Same bounds as the import format: generous for terms as pronounced ("18 months"), yet a typo such as 2020 years is caught. */
export const PRISON_MAX = { years: 100, months: 1200, days: 36_500 } as const;
export const LASHES_MAX = 1000;

const chargeEntry = z
  .strictObject({ text: optionalText("Charge", 1000), article: optionalText("Article", NAME_MAX) })
  .refine((c) => c.text !== null || c.article !== null, { error: "Charge: enter the charge as quoted or its article", path: ["text"] });

const optionalBoolean = (label: string) =>
  z
    .boolean({ error: `${label} must be yes or no` })
    .nullish()
    .transform((v) => v ?? null);

/**
 * How a field is entered, stored, read from a CSV cell, exchanged and shown:
 * - text: one line of free text (a string column);
 * - enum: one of `values` (an enum column), labelled through the catalog namespace `catalog`;
 * - tags: snake_case tags (a text[] column), `suggested` offered by the form, labelled through `catalog`;
 * - textList: short free texts (a text[] column), ";"-separated in a CSV cell; with `catalog`, a text that
 *   is a catalog key there (a suggested tag) is shown with its label;
 * - count: a whole number from 0 to `max` (an integer column); `term` marks the parts of a prison term, shown as one row;
 * - money: a decimal amount (DECIMAL column) paired with the currency field `currency`; `rials`, when set, is
 *   the column holding the amount converted to rials (computed, never entered);
 * - currency: an ISO 4217 code (IRR = rials, IRT = tomans) paired with the money field `amount`;
 * - boolean: yes or no, or not stated (a nullable boolean column);
 * - court, facility: a shared record given by name (the column is courtId / facilityId);
 * - charges: the charges table (text as quoted and article), ";"-separated "text | article" in a CSV cell;
 * - partialDate: YYYY, YYYY-MM or YYYY-MM-DD, stored as the first day of the period (a DATE column
 *   named like the field) and its precision (the column `<field>Precision`).
 */
export type FieldKind =
  | { kind: "text" }
  | { kind: "enum"; values: readonly string[]; catalog: string; fallback?: string }
  | { kind: "tags"; catalog: string; suggested: readonly string[] }
  | { kind: "textList"; catalog?: string; suggested?: readonly string[] }
  | { kind: "count"; max: number; term?: "years" | "months" | "days" }
  | { kind: "money"; currency: string; rials?: string }
  | { kind: "currency"; amount: string }
  | { kind: "boolean" }
  | { kind: "court" }
  | { kind: "facility" }
  | { kind: "charges" }
  | { kind: "partialDate" };

/** The event form's layout of a field. */
export interface FormLayout {
  /** The input's id after "event-", when it is not the field's name in kebab case. */
  id?: string;
  /** The value a new event starts with (an enum's or a currency's preselected choice). */
  initial?: string;
  /** Fields of one group are shown together in a fieldset (a prison term's parts and lashes). */
  group?: "terms";
  /** Across the whole form's width. */
  wide?: boolean;
}

export type FieldDef = FieldKind & {
  /** The English label validation messages start with ("Lashes must be at most 1000"). */
  label: string;
  /**
   * The catalog key of the label the case page and the PDF report show (a prison term's parts
   * share one row, a currency is shown with its amount). The form labels the field with
   * `recording.event.<formKey or field>` and History with `historyField.<field>` (a test checks all three).
   */
  labelKey: string;
  /** The form's label key under recording.event, when it is not the field's name (its hint, when the catalog has one, is `<key>Hint`). */
  formKey?: string;
  /** How the event form lays the field out (components/recording/event-fields.tsx). */
  form?: FormLayout;
  /** The CSV import column ("event_lashes"). */
  csv: string;
  /**
   * What docs/csv-import.md says of the column after the event types it applies to ("lashes
   * (0–1000)."); for enums and booleans, the accepted values are listed when this is absent.
   */
  csvDoc?: string;
  /** The recording schema's field, as the form sends it and error paths name it. */
  schema: z.ZodType;
};

const field = <const K extends FieldKind, S extends z.ZodType>(
  def: K & { label: string; labelKey: string; formKey?: string; form?: FormLayout; csv: string; csvDoc?: string; schema: S },
) => def;

/**
 * Every typed field, in the order the case page, the report and the CSV template list them.
 * The key is the recording schema's field name and, except for court/facility (whose columns
 * are courtId/facilityId) and charges (a table), the Prisma column's name.
 */
export const EVENT_FIELDS = {
  city: field({ kind: "text", label: "City", labelKey: "timeline.city", csv: "event_city", csvDoc: "city.", schema: optionalText("City") }),
  place: field({
    kind: "text",
    label: "Place",
    labelKey: "timeline.place",
    csv: "event_place",
    csvDoc: 'place ("in front of the consulate").',
    schema: optionalText("Place"),
  }),
  authority: field({
    kind: "text",
    label: "Authority",
    labelKey: "timeline.authority",
    csv: "event_authority",
    csvDoc: "authority (Ministry of Intelligence, IRGC, police).",
    schema: optionalText("Authority"),
  }),
  circumstance: field({
    kind: "enum",
    values: ARREST_CIRCUMSTANCES,
    catalog: "circumstance",
    label: "Circumstance",
    labelKey: "timeline.circumstance",
    csv: "event_circumstance",
    schema: z
      .enum(ARREST_CIRCUMSTANCES, { error: "Choose a circumstance" })
      .nullish()
      .transform((v) => v ?? null),
  }),
  facility: field({
    kind: "facility",
    form: { wide: true },
    label: "Facility",
    labelKey: "timeline.facility",
    csv: "event_facility",
    csvDoc: "the facility's name. A facility with exactly this name is used; otherwise it is created (as the event form does).",
    schema: optionalText("Facility"),
  }),
  conditions: field({
    kind: "tags",
    catalog: "condition",
    suggested: CONDITION_TAGS,
    form: { wide: true },
    label: "Conditions",
    labelKey: "timeline.conditions",
    csv: "event_conditions",
    csvDoc: "`;`-separated tags (`solitary confinement; no visits; undisclosed location`).",
    schema: tagList("Conditions"),
  }),
  amount: field({
    kind: "money",
    currency: "currency",
    rials: "amountRials",
    label: "Amount",
    labelKey: "timeline.amount",
    csv: "event_amount",
    csvDoc: "amount as reported (`800,000,000` is accepted).",
    schema: moneyAmount("Amount"),
  }),
  currency: field({
    kind: "currency",
    amount: "amount",
    form: { initial: "IRT" },
    label: "Currency",
    labelKey: "timeline.amount",
    csv: "event_currency",
    csvDoc: "`IRR` (rials), `IRT` (tomans) or another ISO 4217 code. Needed with an amount; the amount in rials is computed.",
    schema: currencyCode("Currency"),
  }),
  charges: field({
    kind: "charges",
    label: "Charges",
    labelKey: "timeline.charges",
    csv: "event_charges",
    csvDoc:
      "`;`-separated charges, each `text` or `text \\| article` or `\\| article` (`Propaganda against the state \\| Article 500; Disturbing public order`).",
    schema: z.array(chargeEntry, { error: "Charges must be a list" }).max(50, { error: "At most 50 charges" }).default([]),
  }),
  court: field({
    kind: "court",
    form: { wide: true },
    label: "Court",
    labelKey: "timeline.court",
    csv: "event_court",
    csvDoc: "the court's name. A court with exactly this name is used; otherwise it is created.",
    schema: optionalText("Court"),
  }),
  branch: field({
    kind: "text",
    label: "Branch",
    labelKey: "timeline.branch",
    csv: "event_branch",
    csvDoc: 'branch ("Branch 1", "Department No. 112").',
    schema: optionalText("Branch"),
  }),
  judge: field({ kind: "text", label: "Judge", labelKey: "timeline.judge", csv: "event_judge", csvDoc: "judge.", schema: optionalText("Judge") }),
  prisonYears: field({
    kind: "count",
    max: PRISON_MAX.years,
    term: "years",
    form: { id: "years", group: "terms" },
    label: "Prison years",
    labelKey: "timeline.prisonTerm",
    csv: "event_prison_years",
    csvDoc: "prison term as pronounced, years (0–100).",
    schema: optionalCount("Prison years", PRISON_MAX.years),
  }),
  prisonMonths: field({
    kind: "count",
    max: PRISON_MAX.months,
    term: "months",
    form: { id: "months", group: "terms" },
    label: "Prison months",
    labelKey: "timeline.prisonTerm",
    csv: "event_prison_months",
    csvDoc: "months (0–1200).",
    schema: optionalCount("Prison months", PRISON_MAX.months),
  }),
  prisonDays: field({
    kind: "count",
    max: PRISON_MAX.days,
    term: "days",
    form: { id: "days", group: "terms" },
    label: "Prison days",
    labelKey: "timeline.prisonTerm",
    csv: "event_prison_days",
    csvDoc: "days (0–36500).",
    schema: optionalCount("Prison days", PRISON_MAX.days),
  }),
  lashes: field({
    kind: "count",
    max: LASHES_MAX,
    form: { group: "terms" },
    label: "Lashes",
    labelKey: "timeline.lashes",
    csv: "event_lashes",
    csvDoc: "lashes (0–1000).",
    schema: optionalCount("Lashes", LASHES_MAX),
  }),
  lashesCarriedOut: field({
    kind: "boolean",
    label: "Flogging carried out",
    labelKey: "timeline.lashesCarriedOut",
    csv: "event_lashes_carried_out",
    csvDoc: "whether the flogging (the lashes) was carried out, `yes` or `no` (empty: not known); only with lashes.",
    schema: optionalBoolean("Flogging carried out"),
  }),
  lashesCarriedOutDate: field({
    kind: "partialDate",
    label: "Date of the flogging",
    labelKey: "timeline.lashesCarriedOutDate",
    csv: "event_lashes_carried_out_date",
    csvDoc: "when the flogging was carried out, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; only when it was.",
    schema: partialDate("Date of the flogging"),
  }),
  fineAmount: field({
    kind: "money",
    currency: "fineCurrency",
    formKey: "fine",
    form: { id: "fine" },
    label: "Fine",
    labelKey: "timeline.fine",
    csv: "event_fine_amount",
    csvDoc: "fine amount.",
    schema: moneyAmount("Fine"),
  }),
  fineCurrency: field({
    kind: "currency",
    amount: "fineAmount",
    form: { initial: "IRR" },
    label: "Fine currency",
    labelKey: "timeline.fine",
    csv: "event_fine_currency",
    csvDoc: "fine currency (`IRR`, `IRT`, ...).",
    schema: currencyCode("Fine currency"),
  }),
  otherPenalties: field({
    kind: "textList",
    catalog: "penalty",
    suggested: PENALTY_TAGS,
    form: { id: "penalties", wide: true },
    label: "Other penalties",
    labelKey: "timeline.otherPenalties",
    csv: "event_other_penalties",
    csvDoc: "`;`-separated (work ban, travel ban, electronic monitoring).",
    schema: textList("Other penalties"),
  }),
  suspended: field({ kind: "boolean", label: "Suspended", labelKey: "timeline.suspended", csv: "event_suspended", schema: optionalBoolean("Suspended") }),
  appealOutcome: field({
    kind: "enum",
    values: APPEAL_OUTCOMES,
    catalog: "appealOutcome",
    fallback: "UNKNOWN",
    form: { id: "outcome", initial: "REDUCED" },
    label: "Appeal outcome",
    labelKey: "timeline.appealOutcome",
    csv: "event_appeal_outcome",
    schema: z.enum(APPEAL_OUTCOMES, { error: "Choose the appeal's outcome" }).default("UNKNOWN"),
  }),
  releaseType: field({
    kind: "enum",
    values: RELEASE_TYPES,
    catalog: "releaseType",
    fallback: "UNKNOWN",
    form: { initial: "FULL" },
    label: "Release type",
    labelKey: "timeline.releaseType",
    csv: "event_release_type",
    schema: z.enum(RELEASE_TYPES, { error: "Choose the kind of release" }).default("UNKNOWN"),
  }),
  treatmentKinds: field({
    kind: "tags",
    catalog: "treatment",
    suggested: TREATMENT_TAGS,
    form: { id: "treatment", wide: true },
    label: "Kinds of ill-treatment",
    labelKey: "timeline.treatment",
    csv: "event_treatment_kinds",
    csvDoc: "`;`-separated tags (`beating; denial of medical care; threats`).",
    schema: tagList("Kinds of ill-treatment"),
  }),
  injuries: field({
    kind: "textList",
    label: "Injuries",
    labelKey: "timeline.injuries",
    csv: "event_injuries",
    csvDoc: '`;`-separated injuries as written ("broken nose").',
    schema: textList("Injuries"),
  }),
} as const;

export type EventFieldName = keyof typeof EVENT_FIELDS;
export const EVENT_FIELD_NAMES = Object.keys(EVENT_FIELDS) as EventFieldName[];

const COURT = ["court", "branch", "judge"] as const;
const TERM = ["prisonYears", "prisonMonths", "prisonDays", "lashes"] as const;
const MONEY = ["amount", "currency"] as const;
const CUSTODY = ["facility", "conditions"] as const;

/** The typed fields each event type carries, in the order above; every other typed column of its row is empty. */
export const EVENT_TYPE_FIELDS = {
  ARREST: ["city", "place", "authority", "circumstance"],
  SUMMONS: [],
  DETENTION: CUSTODY,
  TRANSFER: CUSTODY,
  INCOMMUNICADO: [],
  BAIL: MONEY,
  TEMPORARY_RELEASE: MONEY,
  CHARGE: ["charges"],
  TRIAL: COURT,
  SENTENCE: ["charges", ...COURT, ...TERM, "lashesCarriedOut", "lashesCarriedOutDate", "fineAmount", "fineCurrency", "otherPenalties", "suspended"],
  APPEAL: [...COURT, ...TERM, "appealOutcome"],
  ACQUITTAL: [],
  RELEASE: ["releaseType"],
  ILL_TREATMENT: ["treatmentKinds", "injuries"],
  HUNGER_STRIKE: [],
  RESTRICTION: [],
  DISAPPEARANCE: [],
  OTHER: [],
} as const satisfies Record<EventType, readonly EventFieldName[]>;

export type FieldsOf<T extends EventType> = (typeof EVENT_TYPE_FIELDS)[T][number];

/** The typed fields of `type`, as definitions. */
export function fieldsOf(type: EventType): readonly EventFieldName[] {
  return EVENT_TYPE_FIELDS[type];
}

export function hasField(type: EventType, name: EventFieldName): boolean {
  return (EVENT_TYPE_FIELDS[type] as readonly EventFieldName[]).includes(name);
}

/** The event types that carry `name` (the CSV columns and the docs say which). */
export function typesWithField(name: EventFieldName): EventType[] {
  return EVENT_TYPES.filter((t) => hasField(t, name));
}

/** Reports a rule's issue on a field, as zod's superRefine does. */
export type IssueSink = (path: string, message: string) => void;

/**
 * A rule between fields of one event, checked by the recording schema (form, actions, CSV
 * import) and by the exchange import on stored values. `values` holds the type's fields as the
 * recording schema outputs them (null / [] when not given).
 */
export interface EventRule {
  /** What the rule says, for the docs. */
  says: string;
  check(values: Readonly<Record<string, unknown>>, issue: IssueSink): void;
}

/** An amount needs its currency and a currency its amount (derived from each money field). */
function moneyPairRule(amount: EventFieldName): EventRule {
  const def = EVENT_FIELDS[amount] as FieldDef & { kind: "money" };
  const currency = EVENT_FIELDS[def.currency as EventFieldName] as FieldDef;
  return {
    says: `${def.label} and ${currency.label} are given together`,
    check(v, issue) {
      const a = v[amount] ?? null;
      const c = v[def.currency] ?? null;
      if (a !== null && c === null) issue(def.currency, `${currency.label}: choose a currency for the amount (IRR = rials, IRT = tomans)`);
      if (a === null && c !== null) issue(amount, `${def.label}: enter the amount for this currency`);
    },
  };
}

const given = (v: unknown) => v !== null && v !== undefined;

/**
 * Lashes carried out (or not), and when, are facts about the sentence's lashes: they need a
 * number of lashes, and a date needs the lashes carried out. Each problem is reported on the
 * field that is set (the CSV import reports a row's problems in one answer).
 */
const carriedOutRule: EventRule = {
  says: "Lashes carried out and its date are given only with a number of lashes, the date only when they were carried out",
  check(v, issue) {
    const lashes = typeof v.lashes === "number" && v.lashes > 0;
    if (given(v.lashesCarriedOut) && !lashes) issue("lashesCarriedOut", "Flogging carried out: enter the number of lashes sentenced first");
    else if (given(v.lashesCarriedOutDate) && !lashes) issue("lashesCarriedOutDate", "Date of the flogging: enter the number of lashes sentenced first");
    else if (given(v.lashesCarriedOutDate) && v.lashesCarriedOut !== true) {
      issue("lashesCarriedOutDate", "Date of the flogging: set Flogging carried out to yes, or leave the date empty");
    }
  },
};

/** Rules beyond each field's own bounds, per event type (money pairs are derived, others written here). */
export const EVENT_TYPE_RULES: Partial<Record<EventType, readonly EventRule[]>> = {
  SENTENCE: [carriedOutRule],
};

/** Every rule of `type`: its money pairs, then the rules written for it. */
export function rulesOf(type: EventType): EventRule[] {
  const pairs = fieldsOf(type)
    .filter((f) => EVENT_FIELDS[f].kind === "money")
    .map(moneyPairRule);
  return [...pairs, ...(EVENT_TYPE_RULES[type] ?? [])];
}

/** The definition of a field (widened, for code that walks fields generically). */
export function fieldDef(name: EventFieldName): FieldDef {
  return EVENT_FIELDS[name] as FieldDef;
}

/** Kinds whose value is a list ([] when empty) rather than null. */
export function isListKind(kind: FieldKind["kind"]): boolean {
  return kind === "tags" || kind === "textList" || kind === "charges";
}

/** The fields of one kind, in the registry's order (the partial dates, the free texts ...). */
export function fieldsOfKind(...kinds: FieldKind["kind"][]): EventFieldName[] {
  return EVENT_FIELD_NAMES.filter((name) => kinds.includes(fieldDef(name).kind));
}
