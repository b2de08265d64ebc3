import "server-only";
// Importing an exchange file (docs/exchange-format.md) into an EMPTY installation: one with
// no person, case, event, incident, source, court or facility yet (accounts, settings and the
// audit trail may exist; they are never part of a file). A database that already holds
// records is refused: merging two installations' records is not what this does.
//
// All or nothing, in this order:
//  1. the file is validated (strict schema, unique keys, references): every problem names
//     its record and field;
//  2. each case's derived values (status, current facility, arrest, sentences) are derived
//     again from its events by the app's own rules (lib/domain/case-derivation.ts) and must
//     equal the file's: the cached columns are never copied blindly;
//  3. in ONE transaction, with the record tables locked against other writers: the database
//     is checked to be empty, every record is inserted (new ids; keys, texts, dates and
//     timestamps as in the file), the events (typed columns from the event registry, with
//     their charges and sources) through the one timeline writer, which derives every case's
//     columns and event summaries as after any edit; the derived columns are then read back
//     and compared with the file once more; one audit entry `exchange.import`.
// Any failure rolls everything back. A dry run stops after the emptiness check.
//
// ADMIN only: an import writes every kind of record at once, restricted ones included.
import { requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { CASE_DERIVED_SELECT, writeTimeline, type NewEventRow } from "@/lib/data/timeline-writer";
import { db } from "@/lib/db";
import { toIsoPartial } from "@/lib/domain/dates";
import type { DatePrecision } from "@/lib/domain/types";
import { normalizeName } from "@/lib/domain/normalize-name";
import { placeNames, typedColumns } from "@/lib/events/columns";
import { fieldDef, hasField } from "@/lib/events/registry";
import { derivedDifferences, derivedFromColumns, deriveExchangeCase } from "@/lib/exchange/derived";
import { EVENT_TYPED_MEMBERS, type ExchangeCounts, type ExchangeDocument, type ExchangeEvent } from "@/lib/exchange/schema";
import { MAX_PROBLEMS, parseExchangeDocument, type ExchangeProblem } from "@/lib/exchange/validate";

export type ExchangeImportFailure = "invalid" | "derived" | "notEmpty";

/** The file cannot be imported: why, and every problem found (record, field, message). */
export class ExchangeImportError extends Error {
  constructor(
    readonly reason: ExchangeImportFailure,
    readonly problems: ExchangeProblem[],
  ) {
    super(
      reason === "notEmpty"
        ? "The database already holds records; an exchange file is imported into an empty installation only"
        : reason === "derived"
          ? "Derived values in the file differ from those its events give; nothing was imported"
          : `The file has ${problems.length}${problems.length >= MAX_PROBLEMS ? "+" : ""} problem${problems.length === 1 ? "" : "s"}; nothing was imported`,
    );
    this.name = "ExchangeImportError";
  }

  /** How route handlers answer it (lib/http.ts): 409 for a database that is not empty, else 400 with every problem. */
  httpAnswer() {
    return { status: this.reason === "notEmpty" ? 409 : 400, body: { error: this.message, reason: this.reason, problems: this.problems } };
  }
}

export interface ExchangeImportResult {
  dryRun: boolean;
  counts: ExchangeCounts;
}

/** How long the import transaction may take over HTTP; the CLI allows more for large files. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;
/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters per statement; an event has ~40 columns). */
const CHUNK = 500;

const date = (s: string | null) => (s === null ? null : new Date(`${s}T00:00:00Z`));
const moment = (s: string | null) => (s === null ? null : new Date(s));

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

function lookup(map: ReadonlyMap<string, string>, what: string, key: string): string {
  const id = map.get(key);
  // parseExchangeDocument checked every reference; this guards against a bug, not bad input.
  if (id === undefined) throw new Error(`Exchange import: unresolved ${what} "${key}"`);
  return id;
}

const optional = (map: ReadonlyMap<string, string>, what: string, key: string | null) => (key === null ? null : lookup(map, what, key));

/** Cases whose stated derived values differ from what their events give. */
function derivedProblems(doc: ExchangeDocument): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  doc.cases.forEach((kase, i) => {
    for (const d of derivedDifferences(kase.derived, deriveExchangeCase(kase))) {
      if (problems.length < MAX_PROBLEMS) {
        problems.push({ record: `cases[${i}] (${kase.key})`, field: `derived.${d.field}`, message: `the file says ${JSON.stringify(d.expected)}, its events give ${JSON.stringify(d.actual)}` });
      }
    }
  });
  return problems;
}

async function existingCounts(tx: Tx): Promise<Record<string, number>> {
  const [row] = await tx.$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*) FROM people)::int AS people, (SELECT count(*) FROM cases)::int AS cases,
           (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM incidents)::int AS incidents,
           (SELECT count(*) FROM sources)::int AS sources, (SELECT count(*) FROM courts)::int AS courts,
           (SELECT count(*) FROM facilities)::int AS facilities`;
  return row ?? {};
}

export async function importExchange(actor: Actor | null, input: unknown, options: { dryRun?: boolean; timeoutMs?: number } = {}): Promise<ExchangeImportResult> {
  const user = requireRole(actor, "ADMIN");
  const parsed = parseExchangeDocument(input);
  if (!parsed.ok) throw new ExchangeImportError("invalid", parsed.problems);
  const doc = parsed.data;
  const derived = derivedProblems(doc);
  if (derived.length) throw new ExchangeImportError("derived", derived);

  return db().$transaction(
    async (tx) => {
      // Other writers wait until this import commits or rolls back, so "empty" stays true.
      await tx.$executeRaw`LOCK TABLE people, cases, case_events, incidents, sources, courts, facilities IN SHARE ROW EXCLUSIVE MODE`;
      const existing = await existingCounts(tx);
      const held = Object.entries(existing).filter(([, n]) => n > 0);
      if (held.length) {
        throw new ExchangeImportError(
          "notEmpty",
          held.map(([table, n]) => ({ record: "database", field: table, message: `already holds ${n} record${n === 1 ? "" : "s"}` })),
        );
      }
      if (options.dryRun) return { dryRun: true, counts: doc.counts };

      await insertRecords(tx, doc);
      await writeAudit(tx, {
        actorId: user.id,
        action: "exchange.import",
        entityType: "exchange",
        after: { counts: doc.counts, scope: doc.scope, exportedAt: doc.exportedAt },
      });
      return { dryRun: false, counts: doc.counts };
    },
    { timeout: options.timeoutMs ?? IMPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}

async function insertRecords(tx: Tx, doc: ExchangeDocument): Promise<void> {
  const courts = new Map<string, string>();
  for (const part of chunks(doc.courts)) {
    const rows = await tx.court.createManyAndReturn({ data: part.map((c) => ({ name: c.name, city: c.city, createdAt: new Date(c.createdAt) })), select: { id: true, name: true } });
    for (const r of rows) courts.set(r.name, r.id);
  }
  const facilities = new Map<string, string>();
  for (const part of chunks(doc.facilities)) {
    const rows = await tx.facility.createManyAndReturn({ data: part.map((f) => ({ name: f.name, city: f.city, createdAt: new Date(f.createdAt) })), select: { id: true, name: true } });
    for (const r of rows) facilities.set(r.name, r.id);
  }

  const sources = new Map<string, string>();
  for (const part of chunks(doc.sources)) {
    const rows = await tx.source.createManyAndReturn({
      data: part.map((s) => ({
        key: s.key,
        title: s.title,
        publisher: s.publisher,
        kind: s.kind,
        url: s.url,
        date: date(s.date),
        datePrecision: s.datePrecision,
        language: s.language,
        confidential: s.confidential,
        via: s.via,
        createdAt: new Date(s.createdAt),
        updatedAt: new Date(s.updatedAt),
        deletedAt: moment(s.deletedAt),
      })),
      select: { id: true, key: true },
    });
    for (const r of rows) sources.set(r.key, r.id);
  }

  const incidents = new Map<string, string>();
  for (const part of chunks(doc.incidents)) {
    const rows = await tx.incident.createManyAndReturn({
      data: part.map((i) => ({
        key: i.key,
        title: i.title,
        date: date(i.date),
        datePrecision: i.datePrecision,
        dateText: i.dateText,
        country: i.country,
        province: i.province,
        provinceCode: i.provinceCode,
        city: i.city,
        place: i.place,
        description: i.description,
        reportedDetained: i.reportedDetained,
        reportedDetainedNote: i.reportedDetainedNote,
        confidence: i.confidence,
        note: i.note,
        createdAt: new Date(i.createdAt),
        updatedAt: new Date(i.updatedAt),
        deletedAt: moment(i.deletedAt),
      })),
      select: { id: true, key: true },
    });
    for (const r of rows) incidents.set(r.key, r.id);
  }
  const incidentSources = doc.incidents.flatMap((i) => i.sourceKeys.map((k) => ({ incidentId: lookup(incidents, "incident", i.key), sourceId: lookup(sources, "source", k) })));
  for (const part of chunks(incidentSources)) await tx.incidentSource.createMany({ data: part });

  const people = new Map<string, string>();
  for (const part of chunks(doc.people)) {
    const rows = await tx.person.createManyAndReturn({
      data: part.map((p) => ({
        key: p.key,
        name: p.name,
        nameNormalized: normalizeName(p.name),
        gender: p.gender,
        ageYears: p.ageYears,
        ageAsOf: date(p.ageAsOf),
        birthYear: p.birthYear,
        homeCity: p.homeCity,
        province: p.province,
        provinceCode: p.provinceCode,
        vulnerabilities: p.vulnerabilities,
        description: p.description,
        restrictedNotes: p.restrictedNotes,
        isSynthetic: p.isSynthetic,
        createdAt: new Date(p.createdAt),
        updatedAt: new Date(p.updatedAt),
        deletedAt: moment(p.deletedAt),
      })),
      select: { id: true, key: true },
    });
    for (const r of rows) people.set(r.key, r.id);
  }
  const person = (k: string) => lookup(people, "person", k);
  const aliases = doc.people.flatMap((p) => p.aliases.map((a) => ({ personId: person(p.key), name: a.name, nameNormalized: normalizeName(a.name), script: a.script })));
  for (const part of chunks(aliases)) await tx.personAlias.createMany({ data: part });
  const personSources = doc.people.flatMap((p) => p.sourceKeys.map((k) => ({ personId: person(p.key), sourceId: lookup(sources, "source", k) })));
  for (const part of chunks(personSources)) await tx.personSource.createMany({ data: part });
  const relations = doc.people.flatMap((p) => p.relations.map((r) => ({ personId: person(p.key), relatedPersonId: person(r.personKey), kind: r.kind })));
  for (const part of chunks(relations)) await tx.personRelation.createMany({ data: part });

  // The cases' derived columns are left to the timeline writer below.
  const cases = new Map<string, string>();
  for (const part of chunks(doc.cases)) {
    const rows = await tx.case.createManyAndReturn({
      data: part.map((c) => ({
        key: c.key,
        personId: person(c.personKey),
        incidentId: optional(incidents, "incident", c.incidentKey),
        summary: c.summary,
        isSynthetic: c.isSynthetic,
        createdAt: new Date(c.createdAt),
        updatedAt: new Date(c.updatedAt),
        deletedAt: moment(c.deletedAt),
      })),
      select: { id: true, key: true },
    });
    for (const r of rows) cases.set(r.key, r.id);
  }

  // Events, their charges and sources through the one timeline writer: when the callback
  // returns, it derives the columns and event summaries of every case (each is touched, so a
  // case without events gets them too) from what is stored, by the app's own rules.
  const events = new Map<string, string>();
  const eventKey = (caseId: string, key: string) => `${caseId}\u0000${key}`;
  const allEvents = doc.cases.flatMap((c) => c.events.map((e) => ({ caseId: lookup(cases, "case", c.key), e })));
  await writeTimeline(tx, async (w) => {
    for (const id of cases.values()) w.touch(id);
    for (const part of chunks(allEvents)) {
      const rows = await w.insert(part.map(({ caseId, e }) => eventRow(caseId, e, facilities, courts)));
      for (const r of rows) events.set(eventKey(r.caseId, r.key ?? ""), r.id);
    }
    const eventId = (caseId: string, key: string) => lookup(events, "event", eventKey(caseId, key));
    // Charges as the file has them (positions kept), whatever the event's type: see eventTypeProblems.
    const charges = allEvents.flatMap(({ caseId, e }) => e.charges.map((ch) => ({ eventId: eventId(caseId, e.key), position: ch.position, text: ch.text, article: ch.article })));
    for (const part of chunks(charges)) await tx.charge.createMany({ data: part });
    const eventSources = allEvents.flatMap(({ caseId, e }) => e.sourceKeys.map((k) => ({ eventId: eventId(caseId, e.key), sourceId: lookup(sources, "source", k) })));
    for (const part of chunks(eventSources)) await tx.eventSource.createMany({ data: part });
  });
  // The writer stamps the cases it recomputes as changed now; an import keeps the file's moments.
  for (const part of chunks(doc.cases)) {
    const ids = part.map((c) => lookup(cases, "case", c.key));
    const stamps = part.map((c) => c.updatedAt);
    await tx.$executeRaw`UPDATE cases AS c SET updated_at = v.updated_at FROM unnest(${ids}::text[], ${stamps}::text[]::timestamptz[]) AS v(id, updated_at) WHERE c.id = v.id`;
  }

  await verifyStoredDerived(tx, doc, { courts, facilities });
}

/**
 * An event's row: its common columns, and its typed columns from the registry (typedColumns:
 * the fields of its type set, every other typed column empty) with the court and facility
 * named in the file. Parts the file holds as stored are kept as they are: the rials column of
 * an amount (the exporting installation's value, not recomputed) and a partial date's day
 * and precision.
 */
function eventRow(caseId: string, e: ExchangeEvent, facilities: ReadonlyMap<string, string>, courts: ReadonlyMap<string, string>): NewEventRow {
  const file = e as unknown as Readonly<Record<string, unknown>>;
  const values: { type: ExchangeEvent["type"] } & Record<string, unknown> = { type: e.type };
  for (const m of EVENT_TYPED_MEMBERS) {
    if (m.part !== "value") continue;
    values[m.field] = fieldDef(m.field).kind === "partialDate" ? toIsoPartial(date(file[m.name] as string | null), file[`${m.name}Precision`] as DatePrecision) : file[m.name];
  }
  const places = placeNames(values);
  const columns = typedColumns(values, { courtId: optional(courts, "court", places.court), facilityId: optional(facilities, "facility", places.facility) });
  for (const m of EVENT_TYPED_MEMBERS) {
    if (!hasField(e.type, m.field)) continue;
    if (m.part === "rials" || m.part === "precision") columns[m.name] = file[m.name];
    else if (fieldDef(m.field).kind === "partialDate") columns[m.field] = date(file[m.name] as string | null);
  }
  return {
    caseId,
    key: e.key,
    position: e.position,
    type: e.type,
    date: date(e.date),
    datePrecision: e.datePrecision,
    dateText: e.dateText,
    description: e.description,
    confidence: e.confidence,
    note: e.note,
    ...columns,
    createdAt: new Date(e.createdAt),
    updatedAt: new Date(e.updatedAt),
    deletedAt: moment(e.deletedAt),
  };
}

/** Reads the stored derived columns back and compares them with the file (ids mapped back to names). */
async function verifyStoredDerived(tx: Tx, doc: ExchangeDocument, ids: { courts: ReadonlyMap<string, string>; facilities: ReadonlyMap<string, string> }): Promise<void> {
  const courtName = new Map([...ids.courts].map(([n, id]) => [id, n]));
  const facilityName = new Map([...ids.facilities].map(([n, id]) => [id, n]));
  const stored = await tx.case.findMany({
    select: { key: true, ...CASE_DERIVED_SELECT },
  });
  const byKey = new Map(stored.map((c) => [c.key, c]));
  const problems: ExchangeProblem[] = [];
  doc.cases.forEach((kase, i) => {
    const row = byKey.get(kase.key);
    if (!row) {
      problems.push({ record: `cases[${i}] (${kase.key})`, field: "key", message: "was not stored" });
      return;
    }
    const actual = derivedFromColumns({
      ...row,
      currentFacilityId: row.currentFacilityId === null ? null : (facilityName.get(row.currentFacilityId) ?? row.currentFacilityId),
      firstInstanceCourtId: row.firstInstanceCourtId === null ? null : (courtName.get(row.firstInstanceCourtId) ?? row.firstInstanceCourtId),
      effectiveCourtId: row.effectiveCourtId === null ? null : (courtName.get(row.effectiveCourtId) ?? row.effectiveCourtId),
    });
    for (const d of derivedDifferences(kase.derived, actual)) {
      if (problems.length < MAX_PROBLEMS) problems.push({ record: `cases[${i}] (${kase.key})`, field: `derived.${d.field}`, message: `stored ${JSON.stringify(d.actual)}, the file says ${JSON.stringify(d.expected)}` });
    }
  });
  if (problems.length) throw new ExchangeImportError("derived", problems);
}
