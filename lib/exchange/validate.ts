// Reading an exchange file: the strict schema (./schema.ts), then what a schema cannot say —
// keys unique, every reference resolving to a record of the file, the counts adding up.
// Every problem names the record ("cases[3] (c-abbas-lisani-2020).events[2] (c-abbas-lisani-2020#2)")
// and the field, so the sender can fix the file; nothing is imported while any remains.
import type { z } from "zod";
import { fieldDef, hasField, rulesOf } from "@/lib/events/registry";
import { EVENT_TYPED_MEMBERS, exchangeDocumentSchema, type ExchangeCounts, type ExchangeDocument, type ExchangeEvent } from "./schema";

export interface ExchangeProblem {
  /** "document", "people[4] (p-fatima-ibrahimzadeh)", "cases[0] (c-x).events[2] (c-x#2)". */
  record: string;
  field: string;
  message: string;
}

export type ExchangeParse = { ok: true; data: ExchangeDocument } | { ok: false; problems: ExchangeProblem[] };

/** Problems listed at most (a wholly wrong file would otherwise list millions). */
export const MAX_PROBLEMS = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The record an issue's path points into and the field below it: every array item that is an
 * object is a record, labelled with its key or name ("cases[3] (c-key).events[2] (c-key#2)",
 * "people[4] (p-key).aliases[1] (Name)"); items that are plain values stay in the field
 * ("vulnerabilities[1]").
 */
function locate(input: unknown, path: readonly PropertyKey[]): { record: string; field: string; missing: boolean } {
  let value: unknown = input;
  let missing = false;
  let record = "document";
  let field: string[] = [];
  for (const segment of path) {
    if (typeof segment === "number") {
      value = Array.isArray(value) ? value[segment] : undefined;
      const name = field.pop() ?? "";
      if (isRecord(value)) {
        // An item that is an object is a record of its own: label it with its key or name.
        const label = typeof value.key === "string" ? ` (${value.key})` : typeof value.name === "string" ? ` (${value.name})` : "";
        record = `${record === "document" ? "" : `${record}.`}${field.length ? `${field.join(".")}.` : ""}${name}[${segment}]${label}`;
        field = [];
      } else {
        field.push(`${name}[${segment}]`);
      }
    } else {
      missing = !isRecord(value) || !Object.prototype.hasOwnProperty.call(value, segment);
      value = isRecord(value) ? value[segment as string] : undefined;
      field.push(String(segment));
    }
  }
  return { record, field: field.join(".") || "(the record itself)", missing };
}

function fromIssue(input: unknown, issue: z.core.$ZodIssue): ExchangeProblem {
  const { record, field, missing } = locate(input, issue.path);
  if (issue.code === "unrecognized_keys") {
    return { record, field: issue.keys.join(", "), message: `is not a field of this format (version 1); remove it or check its spelling` };
  }
  if (issue.code === "invalid_type" && missing) return { record, field, message: "is missing" };
  return { record, field, message: issue.message };
}

export function parseExchangeDocument(input: unknown): ExchangeParse {
  if (!isRecord(input)) return { ok: false, problems: [{ record: "document", field: "(the file)", message: "must be a JSON object" }] };
  const parsed = exchangeDocumentSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => fromIssue(input, issue)) };
  }
  const problems = referenceProblems(parsed.data);
  return problems.length ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, data: parsed.data };
}

export function countRecords(doc: Omit<ExchangeDocument, "counts" | "format" | "version" | "exportedAt" | "scope">): ExchangeCounts {
  return {
    courts: doc.courts.length,
    facilities: doc.facilities.length,
    sources: doc.sources.length,
    incidents: doc.incidents.length,
    people: doc.people.length,
    cases: doc.cases.length,
    events: doc.cases.reduce((n, c) => n + c.events.length, 0),
  };
}

/** Unique keys and resolvable references, in the order a reader of the file meets them. */
function referenceProblems(doc: ExchangeDocument): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  const add = (record: string, field: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ record, field, message });
  };

  function uniqueSet(list: readonly string[], label: (i: number) => string, field: string, what: string): Set<string> {
    const seen = new Set<string>();
    list.forEach((value, i) => {
      if (seen.has(value)) add(label(i), field, `${what} "${value}" appears more than once`);
      seen.add(value);
    });
    return seen;
  }

  const courts = uniqueSet(
    doc.courts.map((c) => c.name),
    (i) => `courts[${i}] (${doc.courts[i]?.name})`,
    "name",
    "court",
  );
  const facilities = uniqueSet(
    doc.facilities.map((f) => f.name),
    (i) => `facilities[${i}] (${doc.facilities[i]?.name})`,
    "name",
    "facility",
  );
  const sources = uniqueSet(
    doc.sources.map((s) => s.key),
    (i) => `sources[${i}] (${doc.sources[i]?.key})`,
    "key",
    "key",
  );
  const incidents = uniqueSet(
    doc.incidents.map((x) => x.key),
    (i) => `incidents[${i}] (${doc.incidents[i]?.key})`,
    "key",
    "key",
  );
  const people = uniqueSet(
    doc.people.map((p) => p.key),
    (i) => `people[${i}] (${doc.people[i]?.key})`,
    "key",
    "key",
  );
  uniqueSet(
    doc.cases.map((c) => c.key),
    (i) => `cases[${i}] (${doc.cases[i]?.key})`,
    "key",
    "key",
  );

  const sourceRefs = (keys: readonly string[], record: string) => {
    uniqueSet(keys, () => record, "sourceKeys", "source");
    for (const k of keys) if (!sources.has(k)) add(record, "sourceKeys", `refers to source "${k}", which is not in the file`);
  };

  doc.incidents.forEach((incident, i) => sourceRefs(incident.sourceKeys, `incidents[${i}] (${incident.key})`));
  doc.people.forEach((person, i) => {
    const record = `people[${i}] (${person.key})`;
    sourceRefs(person.sourceKeys, record);
    uniqueSet(
      person.aliases.map((a) => a.name),
      () => record,
      "aliases",
      "alias",
    );
    uniqueSet(
      person.relations.map((r) => `${r.personKey} ${r.kind}`),
      () => record,
      "relations",
      "relation",
    );
    person.relations.forEach((r, j) => {
      if (!people.has(r.personKey)) add(`${record}.relations[${j}]`, "personKey", `refers to person "${r.personKey}", which is not in the file`);
    });
  });

  doc.cases.forEach((kase, i) => {
    const record = `cases[${i}] (${kase.key})`;
    if (!people.has(kase.personKey)) add(record, "personKey", `refers to person "${kase.personKey}", which is not in the file`);
    if (kase.incidentKey !== null && !incidents.has(kase.incidentKey))
      add(record, "incidentKey", `refers to incident "${kase.incidentKey}", which is not in the file`);
    const d = kase.derived;
    if (d.currentFacility !== null && !facilities.has(d.currentFacility))
      add(record, "derived.currentFacility", `names facility "${d.currentFacility}", which is not in the file`);
    for (const field of ["firstInstanceCourt", "effectiveCourt"] as const) {
      const court = d[field];
      if (court !== null && !courts.has(court)) add(record, `derived.${field}`, `names court "${court}", which is not in the file`);
    }
    uniqueSet(
      kase.events.map((e) => e.key),
      (j) => `${record}.events[${j}] (${kase.events[j]?.key})`,
      "key",
      "event key",
    );
    kase.events.forEach((e, j) => {
      const eventRecord = `${record}.events[${j}] (${e.key})`;
      for (const p of eventTypeProblems(e)) add(eventRecord, p.field, p.message);
      if (e.facility !== null && !facilities.has(e.facility)) add(eventRecord, "facility", `names facility "${e.facility}", which is not in the file`);
      if (e.court !== null && !courts.has(e.court)) add(eventRecord, "court", `names court "${e.court}", which is not in the file`);
      sourceRefs(e.sourceKeys, eventRecord);
    });
  });

  const actual = countRecords(doc);
  for (const [kind, n] of Object.entries(actual) as [keyof ExchangeCounts, number][]) {
    if (doc.counts[kind] !== n) add("document", `counts.${kind}`, `says ${doc.counts[kind]} but the file holds ${n}`);
  }
  return problems;
}

const emptyText = (empty: unknown) => (empty === null ? "null" : Array.isArray(empty) ? "empty" : JSON.stringify(empty));
const isEmpty = (value: unknown, empty: unknown) => (Array.isArray(empty) ? Array.isArray(value) && value.length === 0 : value === empty);

/**
 * What the event's type says of its typed members, from the registry: a member of a field the
 * type does not carry holds its empty value (null, [], "UNKNOWN"), and the type's rules between
 * fields (an amount and its currency) hold on the stored values. Charges are the exception:
 * they are a table of their own, which older installations (and imports) filled for events
 * of any type, and the file carries them as stored.
 */
export function eventTypeProblems(e: ExchangeEvent): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const values = e as unknown as Readonly<Record<string, unknown>>;
  for (const m of EVENT_TYPED_MEMBERS) {
    if (fieldDef(m.field).kind !== "charges" && !hasField(e.type, m.field) && !isEmpty(values[m.name], m.empty)) {
      problems.push({ field: m.name, message: `is not a field of ${e.type} events; leave it ${emptyText(m.empty)}` });
    }
  }
  for (const rule of rulesOf(e.type)) rule.check(values, (field, message) => problems.push({ field, message }));
  return problems;
}

export function formatExchangeProblems(problems: readonly ExchangeProblem[]): string {
  return problems.map((p) => `${p.record} ${p.field}: ${p.message}`).join("\n");
}
