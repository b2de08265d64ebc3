import "server-only";
// Loads a dataset in the demo file format (prisma/demo/seed-cases.json) into the database.
//
// All or nothing: one interactive transaction, so a failure halfway leaves no row and no
// audit entry. Idempotent by the file's stable ids (stored as `key`): a record whose key
// already exists is left exactly as it is, because users may have edited it since, and an
// existing case keeps its events. Running the import twice therefore changes nothing.
import { readFile } from "node:fs/promises";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { refreshCaseEventSummaries } from "@/lib/data/case-derived";
import { db } from "@/lib/db";
import { deriveCaseColumns } from "@/lib/domain/case-derivation";
import { parsePartialDate } from "@/lib/domain/dates";
import { normalizeName } from "@/lib/domain/normalize-name";
import { timelineEventFromSeed } from "@/lib/domain/seed-event";
import type { DatePrecision } from "@/lib/domain/types";
import { AliasScript, SourceKind, type Prisma } from "@/lib/generated/prisma/client";
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

// Any Arabic-script letter makes an alias Perso-Arabic (Persian and Azerbaijani in Arabic
// script use the same block); Latin letters make it Latin; letters of any other script
// (Cyrillic Azerbaijani, for one) are OTHER rather than mislabelled as Latin.
export function aliasScript(alias: string): AliasScript {
  if (/(?=\p{L})\p{Script=Arabic}/u.test(alias)) return AliasScript.PERSO_ARABIC;
  if (/\p{L}/u.test(alias) && !/\p{Script=Latin}/u.test(alias)) return AliasScript.OTHER;
  return AliasScript.LATIN;
}

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

/** One event's row: the common columns plus the typed columns of its type. */
function eventRow(e: DemoEvent, position: number, refs: Refs): Prisma.CaseEventUncheckedCreateWithoutCaseInput {
  const { date, precision: datePrecision } = parsePartialDate(e.date, precision(e.datePrecision));
  const row: Prisma.CaseEventUncheckedCreateWithoutCaseInput = {
    position,
    type: e.type,
    date,
    datePrecision,
    description: e.description,
    confidence: upper(e.confidence),
    note: e.note,
    sources: { create: e.sourceIds.map((key) => ({ sourceId: refs.source(key) })) },
  };
  const charges = (list: { text: string | null; article: string | null }[]) => ({
    create: list.map((c, i) => ({ position: i, text: c.text, article: c.article })),
  });
  const court = (c: { court: string | null; branch: string | null; judge: string | null }) => ({
    courtId: refs.court(c.court),
    branch: c.branch,
    judge: c.judge,
  });
  const prison = (p: { years: number; months: number; days: number } | null) => ({
    prisonYears: p?.years ?? null,
    prisonMonths: p?.months ?? null,
    prisonDays: p?.days ?? null,
  });

  switch (e.type) {
    case "ARREST":
      return { ...row, city: e.city, place: e.place, authority: e.authority, circumstance: e.circumstance === null ? null : upper(e.circumstance) };
    case "DETENTION":
    case "TRANSFER":
      return { ...row, facilityId: refs.facility(e.facility), conditions: e.conditions };
    case "BAIL":
    case "TEMPORARY_RELEASE":
      return { ...row, amount: decimal(e.amount), currency: e.currency, amountRials: decimal(e.amountRials) };
    case "CHARGE":
      return { ...row, charges: charges(e.charges) };
    case "TRIAL":
      return { ...row, ...court(e) };
    case "SENTENCE":
      return {
        ...row,
        ...court(e),
        ...prison(e.prison),
        charges: charges(e.charges),
        lashes: e.lashes,
        fineAmount: decimal(e.fine?.amount ?? null),
        fineCurrency: e.fine?.currency ?? null,
        otherPenalties: e.otherPenalties,
      };
    case "APPEAL":
      return { ...row, ...court(e), ...prison(e.prison), lashes: e.lashes, appealOutcome: upper(e.outcome) };
    case "RELEASE":
      return { ...row, releaseType: upper(e.releaseType) };
    case "ILL_TREATMENT":
      return { ...row, treatmentKinds: e.kinds, injuries: e.injuries };
    default:
      return row;
  }
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
    data: missing.flatMap((p) => p.aliases.map((name) => ({ personId: personId(p.id), name, nameNormalized: normalizeName(name), script: aliasScript(name) }))),
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

  const createdCaseIds: string[] = [];
  for (const c of missing) {
    // The file lists events in timeline order: the index is the position, and the cached
    // columns come from the same derivation the app uses after every edit.
    const derived = deriveCaseColumns(
      // The seed names courts; the case caches the id of its sentences' court.
      c.events.map((e, position) => ({
        ...timelineEventFromSeed(e, position),
        ...("court" in e ? { courtId: eventRefs.court(e.court), branch: e.branch } : {}),
      })),
      facilities,
    );
    const created = await tx.case.create({
      data: {
        key: c.id,
        personId: lookup(refs.person, "person", c.personId),
        incidentId: c.incidentId === null ? null : lookup(refs.incident, "incident", c.incidentId),
        summary: c.summary,
        ...derived,
        events: { create: c.events.map((e, position) => eventRow(e, position, eventRefs)) },
      },
      select: { id: true },
    });
    createdCaseIds.push(created.id);
    result.created.events += c.events.length;
  }
  result.created.cases = missing.length;
  await refreshCaseEventSummaries(tx, createdCaseIds);
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
