// The file format of prisma/demo/seed-cases.json (and of any later import in the same
// format): sources, incidents, people and cases with their timelines. The file is input from
// outside (domain.md), so it is checked with the same rules as any import before a single row
// is written: strict objects (an unknown key is a typo or a field we would silently drop),
// real calendar dates that agree with their precision, bounded counts, and every reference
// pointing at a record of the file. Values keep the file's spelling (lower-case enums); the
// importer maps them to the Prisma enums.
import { z } from "zod";
import * as vocab from "@/lib/domain/vocab";
import { DATE_PRECISIONS, lowerCased } from "@/lib/domain/vocab";
import { nameProblem, textProblem } from "@/lib/validation/text-rules";

/** One problem found in a dataset, e.g. { record: "cases[3] (c-abbas-lisani-2004).events[2]", field: "date", message: ... }. */
export interface DatasetProblem {
  record: string;
  field: string;
  message: string;
}

// ---- scalar building blocks -------------------------------------------------------------

// Postgres rejects NUL in text columns, and other control characters in a name are never
// intended: catching them here keeps an import from failing halfway at insert time.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(max: number, kind: "text" | "name" = "text") {
  return z
    .string()
    .max(max, { error: `is longer than ${max} characters` })
    .refine((s) => s.trim().length > 0, { error: "must not be empty (use null when it is not known)" })
    .refine((s) => !CONTROL_CHARS.test(s), { error: "contains control characters" })
    .superRefine((s, ctx) => {
      // The rest of the shared text rules (lib/validation/text-rules.ts): lone surrogates,
      // and for names direction controls and invisible-only text.
      if (CONTROL_CHARS.test(s)) return;
      const problem = textProblem(s, { multiline: true }) ?? (kind === "name" ? nameProblem(s) : null);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

const NAME_MAX = 300;
const TEXT_MAX = 10_000;

const recordId = z
  .string()
  .max(120, { error: "is longer than 120 characters" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be lower-case letters, digits and hyphens (e.g. p-abbas-lisani)" });

/** snake_case tags such as solitary_confinement or denial_of_medical_care. */
const tag = z
  .string()
  .max(80, { error: "is longer than 80 characters" })
  .regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, { error: "must be a snake_case tag (e.g. solitary_confinement)" });

function count(max: number) {
  return z
    .number()
    .int({ error: "must be a whole number" })
    .min(0, { error: "must not be negative" })
    .max(max, { error: `must be at most ${max}` });
}

// Money arrives as JSON numbers, i.e. doubles. Bounded at 1e14 (far above any bail or fine
// reported: those are in the billions of rials), an amount with cents and its value in rials
// (× 10 for tomans) stay exact, and fit DECIMAL(24,2) / DECIMAL(26,0).
const MONEY_MAX = 1e14;
const money = z
  .number()
  .min(0, { error: "must not be negative" })
  .max(MONEY_MAX, { error: `must be at most ${MONEY_MAX}` })
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, { error: "must have at most 2 decimals" });
/** Rials have no subunit in use: amount_rials is a whole number. */
const rials = count(MONEY_MAX * 10);

const currency = z.string().regex(/^[A-Z]{3}$/, { error: "must be a 3-letter currency code (IRR = rials, IRT = tomans)" });

// ---- dates -----------------------------------------------------------------------------

const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const PRECISIONS = lowerCased(DATE_PRECISIONS);
type Precision = (typeof PRECISIONS)[number];

// A date written in Tehran (UTC+3:30) or further east may already be "today" there while it
// is still yesterday in UTC: allow the largest UTC offset (+14 h) before calling it future.
const FUTURE_SLACK_MS = 14 * 3600 * 1000;

function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/** Why a "YYYY", "YYYY-MM" or "YYYY-MM-DD" string is not an acceptable date, or null. */
export function partialDateProblem(value: string, now = Date.now()): string | null {
  const m = DATE_SHAPE.exec(value);
  if (!m) return `date ${quote(value)} is not written YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const start = new Date(0);
  start.setUTCFullYear(year, month - 1, day);
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) {
    return `date ${quote(value)} is not a real date`;
  }
  if (year < 1900) return `date ${quote(value)} is before 1900`;
  if (start.getTime() > now + FUTURE_SLACK_MS) return `date ${quote(value)} is in the future`;
  return null;
}

function shapeOf(value: string): Precision | null {
  const m = DATE_SHAPE.exec(value);
  if (!m) return null;
  return m[3] !== undefined ? "day" : m[2] !== undefined ? "month" : "year";
}

const partialDate = z.string().superRefine((value, ctx) => {
  const problem = partialDateProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** The object-level rule: a date and its precision must say the same thing. */
function datePrecisionAgrees(value: { date: string | null; datePrecision: Precision }, ctx: z.RefinementCtx): void {
  const { date, datePrecision } = value;
  if (date === null) {
    if (datePrecision !== "unknown") {
      ctx.addIssue({ code: "custom", path: ["datePrecision"], message: `datePrecision "${datePrecision}" needs a date (use "unknown" when there is none)` });
    }
    return;
  }
  const shape = shapeOf(date);
  if (shape !== null && shape !== datePrecision) {
    ctx.addIssue({
      code: "custom",
      path: ["datePrecision"],
      message: `datePrecision "${datePrecision}" does not match date ${quote(date)}, which is written as a ${shape}`,
    });
  }
}

// ---- enums (the file's lower-case spelling of the Prisma enums) --------------------------

const confidence = z.enum(lowerCased(vocab.CONFIDENCES));
const datePrecision = z.enum(PRECISIONS);
const ARREST_CIRCUMSTANCES = lowerCased(vocab.ARREST_CIRCUMSTANCES);
const RELEASE_TYPES = lowerCased(vocab.RELEASE_TYPES);
const APPEAL_OUTCOMES = lowerCased(vocab.APPEAL_OUTCOMES);
const GENDERS = lowerCased(vocab.GENDERS);
const VULNERABILITIES = lowerCased(vocab.VULNERABILITIES);

// ---- records ---------------------------------------------------------------------------

const sourceIds = z.array(recordId).max(100, { error: "lists more than 100 sources" });

const source = z.strictObject({
  id: recordId,
  title: text(1000),
  publisher: text(NAME_MAX).nullable(),
  // Any snake_case kind is accepted: the importer stores kinds it does not know as OTHER.
  kind: tag,
  date: partialDate.nullable(),
  via: text(NAME_MAX).nullable(),
});

const incident = z
  .strictObject({
    id: recordId,
    title: text(1000),
    date: partialDate.nullable(),
    datePrecision,
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, { error: "must be an ISO 3166-1 alpha-2 code such as IR" })
      .nullable(),
    province: text(NAME_MAX).nullable(),
    city: text(NAME_MAX).nullable(),
    place: text(NAME_MAX).nullable(),
    description: text(TEXT_MAX).nullable(),
    reportedDetained: count(10_000_000).nullable(),
    reportedDetainedNote: text(TEXT_MAX).nullable(),
    sourceIds,
    confidence,
    note: text(TEXT_MAX).nullable(),
  })
  .superRefine(datePrecisionAgrees);

const relation = z.strictObject({ personId: recordId, kind: text(80) });

const person = z
  .strictObject({
    id: recordId,
    name: text(NAME_MAX, "name"),
    aliases: z.array(text(NAME_MAX, "name")).max(50, { error: "lists more than 50 aliases" }),
    gender: z.enum(GENDERS).nullable(),
    ageYears: count(130).nullable(),
    ageAsOf: partialDate.nullable(),
    homeCity: text(NAME_MAX).nullable(),
    vulnerabilities: z.array(z.enum(VULNERABILITIES)),
    description: text(TEXT_MAX).nullable(),
    relations: z.array(relation).max(100, { error: "lists more than 100 relations" }),
    sourceIds,
  })
  .superRefine((p, ctx) => {
    // An age "as of" a date means nothing without the age.
    if (p.ageAsOf !== null && p.ageYears === null) {
      ctx.addIssue({ code: "custom", path: ["ageAsOf"], message: "is given without ageYears" });
    }
  });

// ---- events: one strict shape per type --------------------------------------------------

const eventBase = {
  date: partialDate.nullable(),
  datePrecision,
  description: text(TEXT_MAX),
  sourceIds: sourceIds.min(1, { error: "must list at least one source" }),
  confidence,
  note: text(TEXT_MAX).nullable(),
};

const charge = z
  .strictObject({ text: text(1000).nullable(), article: text(300).nullable() })
  .refine((c) => c.text !== null || c.article !== null, { error: "needs a text or an article" });
const charges = z.array(charge).max(50, { error: "lists more than 50 charges" });

const courtFields = { court: text(NAME_MAX).nullable(), branch: text(NAME_MAX).nullable(), judge: text(NAME_MAX).nullable() };

// Bounds are generous for pronounced terms ("18 months") yet catch typos such as 2020 years.
const prison = z.strictObject({ years: count(100), months: count(1200), days: count(36_500) });
const LASHES_MAX = 1000;

const moneyFields = { amount: money.nullable(), currency: currency.nullable(), amountRials: rials.nullable() };

/** amount, currency and amountRials come together, and amountRials follows the currency. */
function moneyAgrees(e: { amount: number | null; currency: string | null; amountRials: number | null }, ctx: z.RefinementCtx): void {
  if ((e.amount === null) !== (e.currency === null)) {
    ctx.addIssue({ code: "custom", path: [e.amount === null ? "amount" : "currency"], message: "amount and currency must both be given or both be null" });
    return;
  }
  if (e.amount === null) {
    if (e.amountRials !== null) ctx.addIssue({ code: "custom", path: ["amountRials"], message: "is given without an amount" });
    return;
  }
  const rate = e.currency === "IRR" ? 1 : e.currency === "IRT" ? 10 : null;
  if (rate === null) return; // another currency: no fixed rate, amountRials is what the source says
  const expected = e.amount * rate;
  if (e.amountRials === null || Math.abs(e.amountRials - expected) > 0.5) {
    ctx.addIssue({ code: "custom", path: ["amountRials"], message: `must be ${expected} (${e.amount} ${e.currency}${rate === 10 ? " × 10" : ""})` });
  }
}

const plain = <T extends string>(type: T) => z.strictObject({ type: z.literal(type), ...eventBase }).superRefine(datePrecisionAgrees);

const moneyEvent = <T extends string>(type: T) =>
  z
    .strictObject({ type: z.literal(type), ...eventBase, ...moneyFields })
    .superRefine(datePrecisionAgrees)
    .superRefine(moneyAgrees);

const placeEvent = <T extends string>(type: T) =>
  z
    .strictObject({
      type: z.literal(type),
      ...eventBase,
      facility: text(NAME_MAX).nullable(),
      conditions: z.array(tag).max(30, { error: "lists more than 30 conditions" }),
    })
    .superRefine(datePrecisionAgrees);

const event = z.discriminatedUnion("type", [
  z
    .strictObject({
      type: z.literal("ARREST"),
      ...eventBase,
      city: text(NAME_MAX).nullable(),
      place: text(NAME_MAX).nullable(),
      authority: text(NAME_MAX).nullable(),
      circumstance: z.enum(ARREST_CIRCUMSTANCES).nullable(),
    })
    .superRefine(datePrecisionAgrees),
  plain("SUMMONS"),
  placeEvent("DETENTION"),
  placeEvent("TRANSFER"),
  plain("INCOMMUNICADO"),
  moneyEvent("BAIL"),
  moneyEvent("TEMPORARY_RELEASE"),
  z.strictObject({ type: z.literal("CHARGE"), ...eventBase, charges }).superRefine(datePrecisionAgrees),
  z.strictObject({ type: z.literal("TRIAL"), ...eventBase, ...courtFields }).superRefine(datePrecisionAgrees),
  z
    .strictObject({
      type: z.literal("SENTENCE"),
      ...eventBase,
      charges,
      ...courtFields,
      prison: prison.nullable(),
      // The file writes 0 when no lashes are mentioned, so null is not expected here.
      lashes: count(LASHES_MAX),
      fine: z.strictObject({ amount: money, currency }).nullable(),
      otherPenalties: z.array(text(300)).max(30, { error: "lists more than 30 penalties" }),
    })
    .superRefine(datePrecisionAgrees),
  z
    .strictObject({
      type: z.literal("APPEAL"),
      ...eventBase,
      ...courtFields,
      outcome: z.enum(APPEAL_OUTCOMES),
      prison: prison.nullable(),
      lashes: count(LASHES_MAX).nullable(),
    })
    .superRefine(datePrecisionAgrees),
  plain("ACQUITTAL"),
  z.strictObject({ type: z.literal("RELEASE"), ...eventBase, releaseType: z.enum(RELEASE_TYPES) }).superRefine(datePrecisionAgrees),
  z
    .strictObject({
      type: z.literal("ILL_TREATMENT"),
      ...eventBase,
      kinds: z.array(tag).max(30, { error: "lists more than 30 kinds" }),
      injuries: z.array(text(300)).max(30, { error: "lists more than 30 injuries" }),
    })
    .superRefine(datePrecisionAgrees),
  plain("HUNGER_STRIKE"),
  plain("RESTRICTION"),
  plain("DISAPPEARANCE"),
  plain("OTHER"),
]);

const caseRecord = z.strictObject({
  id: recordId,
  personId: recordId,
  incidentId: recordId.nullable(),
  summary: text(TEXT_MAX).nullable(),
  events: z.array(event).min(1, { error: "must list at least one event" }).max(500, { error: "lists more than 500 events" }),
});

const about = z.strictObject({
  description: text(TEXT_MAX),
  documents: z.array(z.strictObject({ id: recordId, title: text(1000), kind: text(200) })).max(1000),
  conventions: text(50_000),
});

// Collections are bounded so that a runaway file fails here, not in a 60-second transaction.
const RECORDS_MAX = 20_000;

export const demoDatasetSchema = z.strictObject({
  about: about.optional(),
  sources: z.array(source).max(RECORDS_MAX, { error: `lists more than ${RECORDS_MAX} records` }),
  incidents: z.array(incident).max(RECORDS_MAX, { error: `lists more than ${RECORDS_MAX} records` }),
  people: z.array(person).max(RECORDS_MAX, { error: `lists more than ${RECORDS_MAX} records` }),
  cases: z.array(caseRecord).max(RECORDS_MAX, { error: `lists more than ${RECORDS_MAX} records` }),
});

export type DemoDataset = z.infer<typeof demoDatasetSchema>;
export type DemoSource = DemoDataset["sources"][number];
export type DemoIncident = DemoDataset["incidents"][number];
export type DemoPerson = DemoDataset["people"][number];
export type DemoCase = DemoDataset["cases"][number];
export type DemoEvent = DemoCase["events"][number];

// ---- problems a person can act on --------------------------------------------------------

const COLLECTIONS = ["sources", "incidents", "people", "cases"] as const;

function child(value: unknown, key: PropertyKey): unknown {
  if (typeof value !== "object" || value === null || typeof key === "symbol") return undefined;
  return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string | number, unknown>)[key] : undefined;
}

function recordLabel(collection: string, index: number, id: unknown): string {
  return typeof id === "string" && id.length > 0 ? `${collection}[${index}] (${id.length > 60 ? `${id.slice(0, 60)}…` : id})` : `${collection}[${index}]`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), "");
}

/** Splits an issue path into the record it is about (a case's event is a record of its own) and the field. */
function locate(path: readonly PropertyKey[], json: unknown): { record: string; field: string } {
  const [collection, index, ...rest] = path;
  if (typeof collection === "string" && (COLLECTIONS as readonly string[]).includes(collection) && typeof index === "number") {
    const raw = child(child(json, collection), index);
    let record = recordLabel(collection, index, child(raw, "id"));
    let fieldKeys = rest;
    const [sub, eventIndex, ...eventRest] = rest;
    if (collection === "cases" && sub === "events" && typeof eventIndex === "number") {
      record += `.events[${eventIndex}]`;
      fieldKeys = eventRest;
    }
    return { record, field: fieldPath(fieldKeys) };
  }
  if (collection === "about") return { record: "about", field: fieldPath(path.slice(1)) };
  return { record: "dataset", field: fieldPath(path) };
}

function describe(value: unknown): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "bigint") return "a big integer";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: "a text",
  number: "a number",
  int: "a whole number",
  object: "an object",
  array: "a list",
  boolean: "true or false",
};

function explainIssue(issue: z.core.$ZodIssue): { field?: string; message: string }[] {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return [{ message: "is required" }];
      return [{ message: `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(issue.input)}` }];
    case "invalid_value":
      return [{ message: `${describe(issue.input)} is not one of: ${issue.values.map(String).join(", ")}` }];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({ field: key, message: "is not a field of this format" }));
    case "invalid_union": {
      if (issue.discriminator === undefined) return [{ message: issue.message }];
      const given = child(issue.input, issue.discriminator);
      // zod reports the allowed values at run time without declaring them in the issue type.
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(", ");
      return [{ message: given === undefined ? `is required (one of ${options})` : `${describe(given)} is not one of: ${options}` }];
    }
    case "too_big":
      // zod's own safe-integer bound, reported next to ours: say it plainly.
      if (issue.origin === "int") return [{ message: "is too large" }];
      return [{ message: issue.message }];
    default:
      return [{ message: issue.message }];
  }
}

/** zod issues as problems with record and field, at most one per field (the first one). */
function explainIssues(issues: readonly z.core.$ZodIssue[], json: unknown): DatasetProblem[] {
  const seen = new Set<string>();
  const problems: DatasetProblem[] = [];
  for (const issue of issues) {
    // A bad discriminator is reported on the object; it is the `type` field that is wrong.
    const path =
      issue.code === "invalid_union" && issue.discriminator !== undefined && issue.path.at(-1) !== issue.discriminator
        ? [...issue.path, issue.discriminator]
        : issue.path;
    const { record, field } = locate(path, json);
    for (const explained of explainIssue(issue)) {
      const f = explained.field === undefined ? field : field ? `${field}.${explained.field}` : explained.field;
      const key = `${record}\u0000${f}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ record, field: f, message: explained.message });
    }
  }
  return problems;
}

/** Second pass, on a well-formed dataset: unique ids, and references that resolve. */
function findReferenceProblems(data: DemoDataset): DatasetProblem[] {
  const problems: DatasetProblem[] = [];

  function indexIds(collection: (typeof COLLECTIONS)[number], records: readonly { id: string }[]): Map<string, number> {
    const byId = new Map<string, number>();
    records.forEach((r, i) => {
      const first = byId.get(r.id);
      if (first === undefined) byId.set(r.id, i);
      else problems.push({ record: recordLabel(collection, i, r.id), field: "id", message: `id "${r.id}" is already used by ${collection}[${first}]` });
    });
    return byId;
  }

  const sources = indexIds("sources", data.sources);
  const incidents = indexIds("incidents", data.incidents);
  const people = indexIds("people", data.people);
  indexIds("cases", data.cases);

  function noRepeats(record: string, field: string, what: string, values: readonly string[]): void {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) problems.push({ record, field: `${field}[${i}]`, message: `${what} ${quote(v)} is listed twice` });
      seen.add(v);
    });
  }

  function checkSources(record: string, ids: readonly string[]): void {
    ids.forEach((id, i) => {
      if (!sources.has(id)) problems.push({ record, field: `sourceIds[${i}]`, message: `unknown source "${id}" (not in sources)` });
    });
    noRepeats(record, "sourceIds", "source", ids);
  }

  data.incidents.forEach((inc, i) => checkSources(recordLabel("incidents", i, inc.id), inc.sourceIds));

  data.people.forEach((p, i) => {
    const record = recordLabel("people", i, p.id);
    checkSources(record, p.sourceIds);
    noRepeats(record, "aliases", "alias", p.aliases);
    noRepeats(record, "vulnerabilities", "vulnerability", p.vulnerabilities);
    noRepeats(
      record,
      "relations",
      "relation",
      p.relations.map((r) => `${r.kind} ${r.personId}`),
    );
    p.relations.forEach((r, j) => {
      if (!people.has(r.personId)) problems.push({ record, field: `relations[${j}].personId`, message: `unknown person "${r.personId}" (not in people)` });
      else if (r.personId === p.id) problems.push({ record, field: `relations[${j}].personId`, message: "a person cannot be related to themselves" });
    });
  });

  data.cases.forEach((c, i) => {
    const record = recordLabel("cases", i, c.id);
    if (!people.has(c.personId)) problems.push({ record, field: "personId", message: `unknown person "${c.personId}" (not in people)` });
    if (c.incidentId !== null && !incidents.has(c.incidentId)) {
      problems.push({ record, field: "incidentId", message: `unknown incident "${c.incidentId}" (not in incidents)` });
    }
    c.events.forEach((e, j) => checkSources(`${record}.events[${j}]`, e.sourceIds));
  });

  return problems;
}

export type ParseDemoDatasetResult = { ok: true; data: DemoDataset } | { ok: false; errors: DatasetProblem[] };

/**
 * Validates a parsed JSON value as a dataset: shape first, then references between records.
 * Never throws, whatever `json` is; every problem names its record and field.
 */
export function parseDemoDataset(json: unknown): ParseDemoDatasetResult {
  try {
    const parsed = demoDatasetSchema.safeParse(json, { reportInput: true });
    if (!parsed.success) return { ok: false, errors: explainIssues(parsed.error.issues, json) };
    const errors = findReferenceProblems(parsed.data);
    return errors.length > 0 ? { ok: false, errors } : { ok: true, data: parsed.data };
  } catch (error) {
    // Only exotic inputs get here (a proxy or getter that throws): still an answer, not a crash.
    return { ok: false, errors: [{ record: "dataset", field: "", message: `could not be read (${error instanceof Error ? error.name : "error"})` }] };
  }
}

/** "<record> <field>: <message>" lines, the first `limit` of them, for an error message. */
export function formatDatasetProblems(errors: readonly DatasetProblem[], limit = 20): string {
  const lines = errors.slice(0, limit).map((e) => `${e.record}${e.field ? ` ${e.field}` : ""}: ${e.message}`);
  if (errors.length > limit) lines.push(`... and ${errors.length - limit} more`);
  return lines.join("\n");
}
