import "server-only";
// Loads a dataset in the demo file format (prisma/demo/seed-cases.json) into the database.
//
// All or nothing: one interactive transaction, so a failure halfway leaves no row and no
// audit entry. Idempotent by the file's stable ids (stored as `key`): a record whose key
// already exists is left exactly as it is, because users may have edited it since, and an
// existing case keeps its events. Running the import twice therefore changes nothing.
import { readFile } from "node:fs/promises";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { writeTimeline, type NewEventRow } from "@/lib/data/timeline-writer";
import { db } from "@/lib/db";
import { parsePartialDate } from "@/lib/domain/dates";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { DatePrecision } from "@/lib/domain/types";
import { chargesOf, placeNames, typedColumns } from "@/lib/events/columns";
import { EVENT_FIELD_NAMES, fieldDef } from "@/lib/events/registry";
import { SourceKind } from "@/lib/generated/prisma/client";
import { guessScript } from "@/lib/validation/person";
import { formatDatasetProblems, parseDemoDataset, type DemoCase, type DemoDataset, type DemoEvent } from "@/lib/validation/demo-dataset";

export const DEMO_DATASET_PATH = "prisma/demo/seed-cases.json";

export interface ImportCounts {
  sources: number;
  incidents: number;
  people: number;
  cases: number;
  events: number;
}

export interface DemoImportResult {
  created: ImportCounts;
  skipped: ImportCounts;
}

// Two imports at once would both see a key as missing and one would fail on the unique
// index; the lock makes the second wait and then find everything already there.
const IMPORT_LOCK_KEY = 7_316_001;

const zero = (): ImportCounts => ({ sources: 0, incidents: 0, people: 0, cases: 0, events: 0 });

/**
 * The Prisma value of the file's lower-case spelling ("electronic_monitoring" →
 * "ELECTRONIC_MONITORING"). Typed as Uppercase<T>, so the compiler checks that every value the
 * file format allows is a value of the Prisma enum it is stored in.
 */
function upper<T extends string>(value: T): Uppercase<T> {
  return value.toUpperCase() as Uppercase<T>;
}

function precision(value: "day" | "month" | "year" | "unknown"): DatePrecision {
  return upper(value);
}

/** Source kinds the schema does not know (the file format accepts any tag) are stored as OTHER. */
function sourceKind(kind: string): SourceKind {
  const value = kind.toUpperCase();
  return (Object.values(SourceKind) as string[]).includes(value) ? (value as SourceKind) : SourceKind.OTHER;
}

/** An alias's script from its letters: the recording forms' and the CSV import's rule (lib/validation/person.ts). */
export { guessScript as aliasScript };

/** Money as a decimal string: Prisma's Decimal columns take it without a float round trip. */
function decimal(value: number | null): string | null {
  return value === null ? null : String(value);
}

interface Refs {
  source(key: string): string;
  court(name: string | null): string | null;
  facility(name: string | null): string | null;
}

function lookup(map: ReadonlyMap<string, string>, what: string, key: string): string {
  const id = map.get(key);
  // The validator guarantees every reference resolves; this guards callers that skip it.
  if (id === undefined) throw new Error(`Dataset refers to an unknown ${what} "${key}"`);
  return id;
}

/**
 * A demo event's typed values in the recording schema's shape, for typedColumns(): the demo
 * format names four of them its own way (prison, fine, outcome, kinds) and spells enums in
 * lower case; every other typed field of the registry is read under its own name.
 */
function demoEventValues(e: DemoEvent): { type: DemoEvent["type"] } & Record<string, unknown> {
  const values: { type: DemoEvent["type"] } & Record<string, unknown> = { ...e };
  if ("prison" in e) Object.assign(values, { prisonYears: e.prison?.years ?? null, prisonMonths: e.prison?.months ?? null, prisonDays: e.prison?.days ?? null });
  if ("fine" in e) Object.assign(values, { fineAmount: decimal(e.fine?.amount ?? null), fineCurrency: e.fine?.currency ?? null });
  if ("outcome" in e) values.appealOutcome = e.outcome;
  if ("kinds" in e) values.treatmentKinds = e.kinds;
  for (const name of EVENT_FIELD_NAMES) {
    const kind = fieldDef(name).kind;
    const v = values[name];
    if (kind === "enum" && typeof v === "string") values[name] = upper(v);
    if (kind === "money" && typeof v === "number") values[name] = decimal(v);
  }
  return values;
}

/** One event's row: its case and position, the common columns and the typed columns of its type. */
function eventRow(caseId: string, e: DemoEvent, position: number, refs: Refs): NewEventRow {
  const { date, precision: datePrecision } = parsePartialDate(e.date, precision(e.datePrecision));
  const values = demoEventValues(e);
  const names = placeNames(values);
  return {
    caseId,
    position,
    type: e.type,
    date,
    datePrecision,
    description: e.description,
    confidence: upper(e.confidence),
    note: e.note,
    ...typedColumns(values, { courtId: refs.court(names.court), facilityId: refs.facility(names.facility) }),
  };
}

/** Keys of `records` already stored, as key → id. */
async function existingKeys(
  find: (keys: string[]) => Promise<{ id: string; key: string }[]>,
  records: readonly { id: string }[],
): Promise<Map<string, string>> {
  const rows = records.length === 0 ? [] : await find(records.map((r) => r.id));
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Shared courts or facilities by name: reuses the existing rows, creates the missing ones. */
async function namedRows(
  names: ReadonlySet<string>,
  createMissing: (names: string[]) => Promise<unknown>,
  find: (names: string[]) => Promise<{ id: string; name: string }[]>,
): Promise<Map<string, string>> {
  if (names.size === 0) return new Map();
  await createMissing([...names]);
  return new Map((await find([...names])).map((r) => [r.name, r.id]));
}

async function importSources(tx: Tx, data: DemoDataset, result: DemoImportResult): Promise<Map<string, string>> {
  const ids = await existingKeys((keys) => tx.source.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }), data.sources);
  const missing = data.sources.filter((s) => !ids.has(s.id));
  const created = await tx.source.createManyAndReturn({
    data: missing.map((s) => {
      const date = parsePartialDate(s.date);
      return { key: s.id, title: s.title, publisher: s.publisher, kind: sourceKind(s.kind), date: date.date, datePrecision: date.precision, via: s.via };
    }),
    select: { id: true, key: true },
  });
  for (const r of created) ids.set(r.key, r.id);
  result.created.sources = created.length;
  result.skipped.sources = data.sources.length - created.length;
  return ids;
}

async function importIncidents(tx: Tx, data: DemoDataset, sourceIds: Refs["source"], result: DemoImportResult): Promise<Map<string, string>> {
  const ids = await existingKeys((keys) => tx.incident.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }), data.incidents);
  const missing = data.incidents.filter((i) => !ids.has(i.id));
  const created = await tx.incident.createManyAndReturn({
    data: missing.map((i) => {
      const { date, precision: datePrecision } = parsePartialDate(i.date, precision(i.datePrecision));
      return {
        key: i.id,
        title: i.title,
        date,
        datePrecision,
        country: i.country,
        province: i.province,
        city: i.city,
        place: i.place,
        description: i.description,
        reportedDetained: i.reportedDetained,
        reportedDetainedNote: i.reportedDetainedNote,
        confidence: upper(i.confidence),
        note: i.note,
      };
    }),
    select: { id: true, key: true },
  });
  for (const r of created) ids.set(r.key, r.id);
  await tx.incidentSource.createMany({
    data: missing.flatMap((i) => i.sourceIds.map((key) => ({ incidentId: lookup(ids, "incident", i.id), sourceId: sourceIds(key) }))),
  });
  result.created.incidents = created.length;
  result.skipped.incidents = data.incidents.length - created.length;
  return ids;
}

async function importPeople(tx: Tx, data: DemoDataset, sourceIds: Refs["source"], result: DemoImportResult): Promise<Map<string, string>> {
  const ids = await existingKeys((keys) => tx.person.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }), data.people);
  const missing = data.people.filter((p) => !ids.has(p.id));
  const created = await tx.person.createManyAndReturn({
    data: missing.map((p) => ({
      key: p.id,
      name: p.name,
      nameNormalized: normalizeName(p.name),
      gender: p.gender === null ? "UNKNOWN" : upper(p.gender),
      ageYears: p.ageYears,
      ageAsOf: parsePartialDate(p.ageAsOf).date,
      homeCity: p.homeCity,
      vulnerabilities: p.vulnerabilities.map((v) => upper(v)),
      description: p.description,
    })),
    select: { id: true, key: true },
  });
  for (const r of created) ids.set(r.key, r.id);
  const personId = (key: string) => lookup(ids, "person", key);
  await tx.personAlias.createMany({
    data: missing.flatMap((p) => p.aliases.map((name) => ({ personId: personId(p.id), name, nameNormalized: normalizeName(name), script: guessScript(name) }))),
  });
  await tx.personSource.createMany({
    data: missing.flatMap((p) => p.sourceIds.map((key) => ({ personId: personId(p.id), sourceId: sourceIds(key) }))),
  });
  // A relation belongs to the record it is written on: only new people get theirs, and only
  // now that every person (new or existing) has an id.
  await tx.personRelation.createMany({
    data: missing.flatMap((p) => p.relations.map((r) => ({ personId: personId(p.id), relatedPersonId: personId(r.personId), kind: r.kind }))),
  });
  result.created.people = created.length;
  result.skipped.people = data.people.length - created.length;
  return ids;
}

function namesUsed(cases: readonly DemoCase[], pick: (e: DemoEvent) => string | null | undefined): Set<string> {
  const names = new Set<string>();
  for (const c of cases) for (const e of c.events) {
    const name = pick(e);
    if (name) names.add(name);
  }
  return names;
}

async function importCases(
  tx: Tx,
  data: DemoDataset,
  refs: { source: Refs["source"]; person: Map<string, string>; incident: Map<string, string> },
  result: DemoImportResult,
): Promise<void> {
  const existing = await existingKeys((keys) => tx.case.findMany({ where: { key: { in: keys } }, select: { id: true, key: true } }), data.cases);
  const missing = data.cases.filter((c) => !existing.has(c.id));

  const courts = await namedRows(
    namesUsed(missing, (e) => ("court" in e ? e.court : null)),
    (names) => tx.court.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true }),
    (names) => tx.court.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }),
  );
  const facilities = await namedRows(
    namesUsed(missing, (e) => ("facility" in e ? e.facility : null)),
    (names) => tx.facility.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true }),
    (names) => tx.facility.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }),
  );
  const eventRefs: Refs = {
    source: refs.source,
    court: (name) => (name === null ? null : lookup(courts, "court", name)),
    facility: (name) => (name === null ? null : lookup(facilities, "facility", name)),
  };

  // The file lists events in timeline order: the index is the position. The timeline writer
  // computes each case's cached columns once its events, charges and sources are in.
  await writeTimeline(tx, async (w) => {
    const created = await tx.case.createManyAndReturn({
      data: missing.map((c) => ({
        key: c.id,
        personId: lookup(refs.person, "person", c.personId),
        incidentId: c.incidentId === null ? null : lookup(refs.incident, "incident", c.incidentId),
        summary: c.summary,
      })),
      select: { id: true, key: true },
    });
    const caseId = new Map(created.map((c) => [c.key, c.id]));
    const cases = missing.map((c) => ({ id: caseId.get(c.id)!, events: c.events }));
    const rows = await w.insert(cases.flatMap((c) => c.events.map((e, position) => eventRow(c.id, e, position, eventRefs))));
    const eventId = new Map(rows.map((r) => [`${r.caseId}\u0000${r.position}`, r.id]));
    const idOf = (c: { id: string }, position: number) => eventId.get(`${c.id}\u0000${position}`)!;
    // The demo format names charges as the registry does: read from the event as written.
    await tx.charge.createMany({
      data: cases.flatMap((c) => c.events.flatMap((e, position) => chargesOf(e as DemoEvent & Record<string, unknown>).map((ch, i) => ({ eventId: idOf(c, position), position: i, text: ch.text, article: ch.article })))),
    });
    await tx.eventSource.createMany({
      data: cases.flatMap((c) => c.events.flatMap((e, position) => e.sourceIds.map((key) => ({ eventId: idOf(c, position), sourceId: refs.source(key) })))),
    });
    result.created.events += rows.length;
  });
  result.created.cases = missing.length;
  result.skipped.cases = data.cases.length - missing.length;
  result.skipped.events = data.cases.filter((c) => existing.has(c.id)).reduce((n, c) => n + c.events.length, 0);
}

/**
 * Inserts a validated dataset (see parseDemoDataset / loadDemoDatasetFile). Records whose key
 * exists are skipped, never updated. One audit entry ("import.demo", with the counts) is
 * written in the same transaction when anything was created; a run that finds everything
 * already there changes nothing at all, the audit trail included.
 */
export async function importDemoDataset(data: DemoDataset, options: { actorId?: string | null } = {}): Promise<DemoImportResult> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
      const result: DemoImportResult = { created: zero(), skipped: zero() };
      const sources = await importSources(tx, data, result);
      const source = (key: string) => lookup(sources, "source", key);
      const incident = await importIncidents(tx, data, source, result);
      const person = await importPeople(tx, data, source, result);
      await importCases(tx, data, { source, person, incident }, result);

      if (Object.values(result.created).some((n) => n > 0)) {
        await writeAudit(tx, { actorId: options.actorId ?? null, action: "import.demo", entityType: "dataset", after: result });
      }
      return result;
    },
    { timeout: 60_000 },
  );
}

/**
 * Reads, parses and validates a dataset file. Touches no database: on any problem it throws
 * an Error listing `<record> <field>: <message>` (the first 20), so nothing gets imported.
 */
export async function loadDemoDatasetFile(path = DEMO_DATASET_PATH): Promise<DemoDataset> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`Cannot read the dataset file ${path} (${(error as NodeJS.ErrnoException).code ?? "read error"})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The dataset file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseDemoDataset(json);
  if (!parsed.ok) {
    const n = parsed.errors.length;
    throw new Error(`The dataset file ${path} has ${n} problem${n === 1 ? "" : "s"}; nothing was imported:\n${formatDatasetProblems(parsed.errors)}`);
  }
  return parsed.data;
}
