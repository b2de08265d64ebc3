// The exchange file, version 1 (docs/exchange-format.md): every record of an installation
// except accounts and the audit trail, keyed by stable keys (never database ids), so that
// another installation can import it. Strict: an unknown key is refused (a typo, or a field
// of a newer version this one would silently drop), every value has its type and range, and
// every reference must point at a record of the file (checked in ./validate.ts).
//
// Values are stored values, not display values: enums as the database spells them
// ("DETAINED"), dates as the first day of their period ("2020-10-01") next to their precision
// ("MONTH"), money as decimal strings (no float rounding), timestamps as ISO 8601 in UTC.
import { z } from "zod";
import { EVENT_FIELDS, type EventFieldName, type FieldDef } from "@/lib/events/registry";
import { AliasScript, CaseStatus, Confidence, DatePrecision, EventType, Gender, SourceKind, Vulnerability } from "@/lib/generated/prisma/enums";
import { nameProblem, textProblem } from "@/lib/validation/text-rules";

export const EXCHANGE_FORMAT = "detainee-case-tracker";
export const EXCHANGE_VERSION = 1;

// ---- scalars --------------------------------------------------------------------------

const TEXT_MAX = 100_000;
const INT_MAX = 2_147_483_647;

// The shared text rules (lib/validation/text-rules.ts), as loose as any stored value may be:
// tab and line breaks are kept (a record's note has them), while NUL (PostgreSQL refuses
// it), other control characters and lone surrogates, which no form or import accepts, are
// refused. Names also refuse direction controls and invisible-only text, as the forms do.
const text = z
  .string({ error: "must be a string" })
  .max(TEXT_MAX, { error: `is longer than ${TEXT_MAX} characters` })
  .superRefine((s, ctx) => {
    const problem = textProblem(s, { multiline: true });
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const nullableText = text.nullable();
const name = text.superRefine((s, ctx) => {
  const problem = nameProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A record's stable key ("p-abbas-lisani", "c-…", "src-…"): what references use. */
const key = z
  .string({ error: "must be a string" })
  .min(1, { error: "must not be empty" })
  .max(200, { error: "is longer than 200 characters" })
  .superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** A shared court or facility is known by its (unique) name. */
const placeName = key.max(1000, { error: "is longer than 1000 characters" });

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A calendar day "YYYY-MM-DD" (a DATE column: the first day of a period, or a day). */
const day = z.string({ error: "must be a date YYYY-MM-DD" }).refine(
  (s) => {
    const m = DAY.exec(s);
    if (!m) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  },
  { error: "must be a real date written YYYY-MM-DD" },
);

/** An ISO 8601 timestamp in UTC with milliseconds, as exported ("2026-11-24T01:54:34.123Z"). */
const timestamp = z
  .string({ error: "must be a timestamp" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, { error: "must be an ISO 8601 timestamp in UTC, e.g. 2026-11-24T01:54:34.123Z" })
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, { error: "is not a real moment" });

const count = z
  .number({ error: "must be a number" })
  .int({ error: "must be a whole number" })
  .min(0, { error: "must not be negative" })
  .max(INT_MAX, { error: `must be at most ${INT_MAX}` });
const position = count;

/** DECIMAL(24,2) as text: no float ever touches money. */
const amount = z
  .string({ error: "must be a decimal number written as a string" })
  .regex(/^-?\d{1,22}(\.\d{1,2})?$/, { error: 'must be a decimal string such as "1500000" or "12.50"' });
/** DECIMAL(26,0) as text. */
const rials = z
  .string({ error: "must be a whole number written as a string" })
  .regex(/^-?\d{1,26}$/, { error: 'must be a whole number string such as "15000000"' });

const textList = z.array(text).max(1000, { error: "has more than 1000 entries" });
const keyList = z.array(key).max(10_000, { error: "has more than 10,000 entries" });

const precision = z.enum(DatePrecision, { error: `must be one of ${Object.values(DatePrecision).join(", ")}` });
const confidence = z.enum(Confidence, { error: `must be one of ${Object.values(Confidence).join(", ")}` });
const enumOf = <T extends Record<string, string>>(values: T) => z.enum(values, { error: `must be one of ${Object.values(values).join(", ")}` });

/** Created, last changed, and soft-deleted (null when live) moments of a record. */
const lifecycle = {
  createdAt: timestamp,
  updatedAt: timestamp,
  deletedAt: timestamp.nullable(),
};

// ---- records --------------------------------------------------------------------------

export const courtSchema = z.strictObject({ name: placeName, city: nullableText, createdAt: timestamp });
export const facilitySchema = courtSchema;

export const sourceSchema = z.strictObject({
  key,
  title: text,
  publisher: nullableText,
  kind: enumOf(SourceKind),
  url: nullableText,
  date: day.nullable(),
  datePrecision: precision,
  language: nullableText,
  /** A testimony's origin: EDITOR and ADMIN only, in the receiving installation too. */
  confidential: z.boolean({ error: "must be true or false" }),
  via: nullableText,
  ...lifecycle,
});

export const incidentSchema = z.strictObject({
  key,
  title: text,
  date: day.nullable(),
  datePrecision: precision,
  dateText: nullableText,
  country: nullableText,
  province: nullableText,
  provinceCode: nullableText,
  city: nullableText,
  place: nullableText,
  description: nullableText,
  reportedDetained: count.nullable(),
  reportedDetainedNote: nullableText,
  confidence,
  note: nullableText,
  sourceKeys: keyList,
  ...lifecycle,
});

export const personSchema = z.strictObject({
  key,
  name,
  gender: enumOf(Gender),
  ageYears: count.nullable(),
  ageAsOf: day.nullable(),
  birthYear: count.nullable(),
  homeCity: nullableText,
  province: nullableText,
  provinceCode: nullableText,
  vulnerabilities: z.array(enumOf(Vulnerability)).max(20, { error: "has more than 20 entries" }),
  description: nullableText,
  /** Health, family contacts, safety concerns: EDITOR and ADMIN only. */
  restrictedNotes: nullableText,
  isSynthetic: z.boolean({ error: "must be true or false" }),
  aliases: z.array(z.strictObject({ name, script: enumOf(AliasScript) })).max(1000, { error: "has more than 1000 entries" }),
  /** `kind` is the role of the related person relative to this one (on a mother: "daughter"). */
  relations: z.array(z.strictObject({ personKey: key, kind: text })).max(1000, { error: "has more than 1000 entries" }),
  sourceKeys: keyList,
  ...lifecycle,
});

export const chargeSchema = z.strictObject({ position, text: nullableText, article: nullableText });
export type ExchangeCharge = z.infer<typeof chargeSchema>;

// ---- an event's typed fields, from the event registry ------------------------------------
//
// Each typed field of lib/events/registry.ts becomes members of the event object by its
// kind, never by its name: a field added there is in the file, the schema and the import
// without an edit here. By kind:
//   text, currency            → the text, or null
//   enum                      → the value as the database spells it, or null
//   tags, textList            → a list of texts ([] when none)
//   count                     → a whole number, or null
//   money                     → a decimal string, or null; its rials column (`rials`), a whole
//                               number string or null, follows the later of the pair
//                               (amount, currency)
//   boolean                   → true, false or null
//   court, facility           → the shared record's name, or null
//   partialDate               → `<field>` a day "YYYY-MM-DD" (the first of its period) or null,
//                               and `<field>Precision`
//   charges                   → a list of { position, text, article }, after the other typed
//                               members (with the lists of records of an event)
// Members are in the registry's order, as the export writes them.

/**
 * The typed fields of version 1: a file must carry each of them. A field the registry gains
 * later may be absent from a file (older files keep importing): it is then null, [] or an
 * UNKNOWN precision. Never add to this list.
 */
export const VERSION_1_EVENT_FIELDS: readonly EventFieldName[] = [
  "city",
  "place",
  "authority",
  "circumstance",
  "facility",
  "conditions",
  "amount",
  "currency",
  "charges",
  "court",
  "branch",
  "judge",
  "prisonYears",
  "prisonMonths",
  "prisonDays",
  "lashes",
  "fineAmount",
  "fineCurrency",
  "otherPenalties",
  "suspended",
  "appealOutcome",
  "releaseType",
  "treatmentKinds",
  "injuries",
];

/** One member of the event object that holds (a part of) a typed field. */
export interface TypedMember {
  /** The JSON member's name ("facility", "amountRials", "<field>Precision"). */
  name: string;
  /** The registry field it belongs to. */
  field: EventFieldName;
  /** Which part of the field: its value, the rials column of a money field, a partial date's precision. */
  part: "value" | "rials" | "precision";
  schema: z.ZodType;
  /** Its value when the event's type does not carry the field (and when a later field is absent). */
  empty: null | readonly [] | "UNKNOWN";
}

const booleanValue = z.boolean({ error: "must be true, false or null" }).nullable();

/** The typed members a registry's fields give (`version1`: the fields a file must carry). */
export function typedMembersOf(fields: Readonly<Record<string, FieldDef>>, version1: readonly string[]): TypedMember[] {
  const scalars: TypedMember[] = [];
  const lists: TypedMember[] = [];
  const seen = new Set<string>();
  const add = (to: TypedMember[], field: string, member: Omit<TypedMember, "field">) => to.push({ ...member, field: field as EventFieldName });
  for (const [field, def] of Object.entries(fields)) {
    const value = (schema: z.ZodType, empty: TypedMember["empty"] = null) => add(scalars, field, { name: field, part: "value", schema, empty });
    switch (def.kind) {
      case "text":
        value(nullableText);
        break;
      case "enum":
        value(z.enum(def.values as [string, ...string[]], { error: `must be one of ${def.values.join(", ")}` }).nullable());
        break;
      case "tags":
      case "textList":
        value(textList, []);
        break;
      case "count":
        value(count.nullable());
        break;
      case "money":
        value(amount.nullable());
        break;
      case "currency":
        value(nullableText);
        break;
      case "boolean":
        value(booleanValue);
        break;
      case "court":
      case "facility":
        value(placeName.nullable());
        break;
      case "partialDate":
        value(day.nullable());
        add(scalars, field, { name: `${field}Precision`, part: "precision", schema: precision, empty: "UNKNOWN" });
        break;
      case "charges":
        add(lists, field, { name: field, part: "value", schema: z.array(chargeSchema).max(1000, { error: "has more than 1000 entries" }), empty: [] });
        break;
    }
    // A money field's rials column follows the later of its amount and its currency.
    const pair =
      def.kind === "money"
        ? { amount: field, money: def, other: def.currency }
        : def.kind === "currency"
          ? { amount: def.amount, money: fields[def.amount], other: def.amount }
          : null;
    if (pair?.money?.kind === "money" && pair.money.rials && seen.has(pair.other)) {
      add(scalars, pair.amount, { name: pair.money.rials, part: "rials", schema: rials.nullable(), empty: null });
    }
    seen.add(field);
  }
  // A field added after version 1 may be absent: it reads as its empty value.
  return [...scalars, ...lists].map((m) =>
    version1.includes(m.field) ? m : { ...m, schema: m.schema.optional().transform((v: unknown) => (v === undefined ? m.empty : v)) },
  );
}

/** The typed members of an event, in the order of the object as exported. */
export const EVENT_TYPED_MEMBERS: readonly TypedMember[] = typedMembersOf(EVENT_FIELDS as Readonly<Record<string, FieldDef>>, VERSION_1_EVENT_FIELDS);

type Fields = typeof EVENT_FIELDS;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The members a field of definition D named N gives, with their value types (as above). */
type MembersOf<N extends string, D> = D extends { kind: "text" | "currency" | "court" | "facility" }
  ? Record<N, string | null>
  : D extends { kind: "enum"; values: readonly (infer V)[] }
    ? Record<N, V | null>
    : D extends { kind: "tags" | "textList" }
      ? Record<N, string[]>
      : D extends { kind: "count" }
        ? Record<N, number | null>
        : D extends { kind: "money"; rials: infer R extends string }
          ? Record<N | R, string | null>
          : D extends { kind: "money" }
            ? Record<N, string | null>
            : D extends { kind: "boolean" }
              ? Record<N, boolean | null>
              : D extends { kind: "partialDate" }
                ? Record<N, string | null> & Record<`${N}Precision`, DatePrecision>
                : D extends { kind: "charges" }
                  ? Record<N, ExchangeCharge[]>
                  : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** An event's typed members, as read from a file (a later field that was absent is filled in). */
export type ExchangeEventFields = Simplify<UnionToIntersection<{ [N in EventFieldName]: MembersOf<N, Fields[N]> }[EventFieldName]>>;

const eventHead = z.strictObject({
  /** Unique within its case. Events recorded without one get "<case key>#<position>". */
  key,
  position,
  type: enumOf(EventType),
  date: day.nullable(),
  datePrecision: precision,
  dateText: nullableText,
  description: nullableText,
  confidence,
  note: nullableText,
});
const eventTail = z.strictObject({ sourceKeys: keyList, ...lifecycle });

export type ExchangeEvent = Simplify<z.infer<typeof eventHead> & ExchangeEventFields & z.infer<typeof eventTail>>;

/** An event: its common members, its typed members (EVENT_TYPED_MEMBERS), its sources and lifecycle. */
export const eventSchema = z.strictObject({
  ...eventHead.shape,
  ...Object.fromEntries(EVENT_TYPED_MEMBERS.map((m) => [m.name, m.schema])),
  ...eventTail.shape,
}) as unknown as z.ZodType<ExchangeEvent>;

/**
 * The case's derived values as the exporting installation computed them from its timeline.
 * Informative and checked: the importer derives them again from the events with the same
 * rules (lib/domain/case-derivation.ts) and refuses the file when they differ.
 */
export const derivedSchema = z.strictObject({
  status: enumOf(CaseStatus),
  statusDate: day.nullable(),
  statusDatePrecision: precision,
  currentFacility: placeName.nullable(),
  arrestDate: day.nullable(),
  arrestDatePrecision: precision,
  arrestCity: nullableText,
  firstInstancePrisonDays: count.nullable(),
  firstInstanceLashes: count.nullable(),
  effectivePrisonDays: count.nullable(),
  effectiveLashes: count.nullable(),
  firstInstanceCourt: placeName.nullable(),
  firstInstanceBranch: nullableText,
  firstInstanceSentenceDate: day.nullable(),
  firstInstanceSentenceDatePrecision: precision,
  effectiveCourt: placeName.nullable(),
  effectiveBranch: nullableText,
  effectiveSentenceDate: day.nullable(),
  effectiveSentenceDatePrecision: precision,
});

export const caseSchema = z.strictObject({
  key,
  personKey: key,
  incidentKey: key.nullable(),
  summary: nullableText,
  isSynthetic: z.boolean({ error: "must be true or false" }),
  ...lifecycle,
  derived: derivedSchema,
  events: z.array(eventSchema).max(10_000, { error: "has more than 10,000 events" }),
});

const RECORDS_MAX = 5_000_000;
const records = <T extends z.ZodType>(item: T) => z.array(item).max(RECORDS_MAX, { error: `has more than ${RECORDS_MAX} records` });

export const exchangeCountsSchema = z.strictObject({
  courts: count,
  facilities: count,
  sources: count,
  incidents: count,
  people: count,
  cases: count,
  events: count,
});

export const exchangeDocumentSchema = z.strictObject({
  format: z.literal(EXCHANGE_FORMAT, { error: `must be "${EXCHANGE_FORMAT}"` }),
  version: z.literal(EXCHANGE_VERSION, { error: `must be ${EXCHANGE_VERSION} (this installation reads version ${EXCHANGE_VERSION})` }),
  exportedAt: timestamp,
  /** "complete": every record, soft-deleted ones included (an ADMIN's export); "live": without them (an EDITOR's). */
  scope: z.enum(["complete", "live"], { error: 'must be "complete" or "live"' }),
  /** Number of records of each kind in the file (checked). */
  counts: exchangeCountsSchema,
  courts: records(courtSchema),
  facilities: records(facilitySchema),
  sources: records(sourceSchema),
  incidents: records(incidentSchema),
  people: records(personSchema),
  cases: records(caseSchema),
});

export type ExchangeDocument = z.infer<typeof exchangeDocumentSchema>;
export type ExchangeCounts = z.infer<typeof exchangeCountsSchema>;
export type ExchangeCourt = z.infer<typeof courtSchema>;
export type ExchangeSource = z.infer<typeof sourceSchema>;
export type ExchangeIncident = z.infer<typeof incidentSchema>;
export type ExchangePerson = z.infer<typeof personSchema>;
export type ExchangeCase = z.infer<typeof caseSchema>;
export type ExchangeDerived = z.infer<typeof derivedSchema>;

/** Every typed member of an event at its empty value (an event of a type with no typed field). */
export function emptyExchangeEventFields(): ExchangeEventFields {
  return Object.fromEntries(EVENT_TYPED_MEMBERS.map((m) => [m.name, Array.isArray(m.empty) ? [] : m.empty])) as unknown as ExchangeEventFields;
}
