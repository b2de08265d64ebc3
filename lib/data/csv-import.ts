import "server-only";
// CSV import (docs/csv-import.md): the dry run and the all-or-nothing commit.
//
// Both read the file the same way (lib/import/csv.ts, rows.ts), read what the database holds
// for the file's keys, and plan with the same pure function (lib/import/plan.ts). The dry
// run only reads. The commit takes the import lock, locks the people and cases the file
// names, plans AGAIN inside its transaction (the database may have changed since the dry
// run), and writes only when no row has a problem: one transaction, so a failure anywhere
// leaves nothing behind.
//
// Audit: ONE entry per committed import ("import.csv"), like every mutation of the data
// layer (one transaction, exactly one entry, lib/data/audit.ts) and like the demo import
// ("import.demo"). It says who (actor), when, the file (name, size, SHA-256), how many
// records were created / updated / left unchanged per kind, and lists each created or
// updated record by key and id, with the before/after values of every field an update
// changed, so nothing an import overwrote is lost from the trail. An import that would
// change nothing writes nothing, the audit trail included (importing a file twice adds nothing).
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { newRecordKey } from "@/lib/data/record-keys";
import { writeTimeline } from "@/lib/data/timeline-writer";
import { parsePartialDate } from "@/lib/domain/dates";
import { normalizeName } from "@/lib/domain/normalize-name";
import { chargesOf, placeNames, storedFieldValues, typedColumns } from "@/lib/events/columns";
import { Prisma } from "@/lib/generated/prisma/client";
import { MAX_ERRORS_LISTED } from "@/lib/import/columns";
import { TimeSlice } from "@/lib/import/cooperative";
import { decodeUtf8, readCsv, type ImportError } from "@/lib/import/csv";
import { planImportInSlices, type Counts, type EventOp, type Plan, type RowPlan, type StoredEvent, type World } from "@/lib/import/plan";
import { readRow, type RowData } from "@/lib/import/rows";
import type { EventData } from "@/lib/validation/event";

export interface CsvImportResult {
  dryRun: boolean;
  /** True when the commit wrote the import (false for a dry run and for a refused commit). */
  committed: boolean;
  fileName: string;
  /** Data rows read (the header not counted). */
  rowCount: number;
  rows: RowPlan[];
  /** At most MAX_ERRORS_LISTED problems, by row; errorCount says how many there are. */
  errors: ImportError[];
  errorCount: number;
  /** Records (people + cases + events) created, updated and found identical. */
  created: number;
  updated: number;
  unchanged: number;
  counts: { people: Counts; cases: Counts; events: Counts };
  /** Shared records the import creates by name or URL. */
  newCourts: string[];
  newFacilities: string[];
  newSources: string[];
}

// Shared with the demo importer (lib/data/demo-import.ts): two imports never interleave.
const IMPORT_LOCK_KEY = 7_316_001;
// Keys per query: far below PostgreSQL's 65,535 bind parameters.
const CHUNK = 5_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Keys per lookup of what the database holds: the client builds each query and reads its
// rows without a break, during which other requests wait; smaller lookups, shorter waits.
const LOOKUP_CHUNK = 1_000;

async function inChunks<K, R>(keys: readonly K[], query: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (const chunk of chunks(keys, LOOKUP_CHUNK)) if (chunk.length) for (const row of await query(chunk)) out.push(row);
  return out;
}

/** A file name fit for an audit entry and an answer: no path, no control characters, bounded. */
export function cleanFileName(name: string | null | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || "upload.csv";
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "link";
  }
}


// ---- what the database holds for the file's keys ----------------------------------------------

async function loadWorld(client: Tx, rows: readonly RowData[]): Promise<World> {
  const uniq = (values: (string | undefined | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const personKeys = uniq(rows.map((r) => r.personKey));
  const caseKeys = uniq(rows.map((r) => r.caseKey));
  const incidentKeys = uniq(rows.map((r) => r.case.incidentKey));
  const sourceKeys = uniq(rows.flatMap((r) => r.sourceKeys));
  const sourceUrls = uniq(rows.flatMap((r) => r.sourceUrls));
  const courtNames = uniq(rows.map((r) => (r.event?.data as { court?: string | null } | undefined)?.court));
  const facilityNames = uniq(rows.map((r) => (r.event?.data as { facility?: string | null } | undefined)?.facility));

  const people = await inChunks(personKeys, (keys) =>
    client.person.findMany({
      where: { key: { in: keys } },
      select: {
        id: true, key: true, deletedAt: true, name: true, gender: true, ageYears: true, ageAsOf: true, birthYear: true, homeCity: true,
        province: true, provinceCode: true, vulnerabilities: true, description: true, restrictedNotes: true,
        aliases: { select: { name: true, script: true }, orderBy: { name: "asc" } },
      },
    }),
  );
  const cases = await inChunks(caseKeys, (keys) =>
    client.case.findMany({
      where: { key: { in: keys } },
      select: { id: true, key: true, deletedAt: true, summary: true, person: { select: { key: true, deletedAt: true } }, incident: { select: { key: true } } },
    }),
  );
  const caseKeyById = new Map(cases.map((c) => [c.id, c.key]));
  const events = await inChunks([...caseKeyById.keys()], (ids) =>
    client.caseEvent.findMany({
      where: { caseId: { in: ids } },
      orderBy: [{ caseId: "asc" }, { position: "asc" }],
      include: {
        facility: { select: { name: true } },
        court: { select: { name: true } },
        charges: { orderBy: { position: "asc" }, select: { text: true, article: true } },
        sources: { select: { sourceId: true } },
      },
    }),
  );
  const incidents = await inChunks(incidentKeys, (keys) => client.incident.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, deletedAt: true } }));
  const sources = await inChunks(sourceKeys, (keys) => client.source.findMany({ where: { key: { in: keys } }, select: { id: true, key: true, deletedAt: true } }));
  const byUrl = await inChunks(sourceUrls, (urls) =>
    client.source.findMany({ where: { url: { in: urls }, deletedAt: null }, select: { id: true, url: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  );
  const courts = await inChunks(courtNames, (names) => client.court.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }));
  const facilities = await inChunks(facilityNames, (names) => client.facility.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }));

  const eventsByCase = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const key = caseKeyById.get(e.caseId)!;
    const list = eventsByCase.get(key) ?? [];
    list.push({
      id: e.id,
      key: e.key,
      deleted: e.deletedAt !== null,
      position: e.position,
      date: e.date,
      datePrecision: e.datePrecision,
      sourceIds: e.sources.map((s) => s.sourceId),
      values: { type: e.type, dateText: e.dateText, description: e.description, confidence: e.confidence, note: e.note, ...storedFieldValues(e) },
    });
    eventsByCase.set(key, list);
  }

  const urlMap = new Map<string, string>();
  for (const s of byUrl) if (s.url && !urlMap.has(s.url)) urlMap.set(s.url, s.id);

  return {
    people: new Map(
      people.map((p) => [
        p.key,
        {
          id: p.id,
          deleted: p.deletedAt !== null,
          values: {
            name: p.name, aliases: p.aliases, gender: p.gender, ageYears: p.ageYears,
            ageAsOf: p.ageAsOf ? p.ageAsOf.toISOString().slice(0, 10) : null,
            birthYear: p.birthYear, homeCity: p.homeCity, province: p.province, provinceCode: p.provinceCode,
            vulnerabilities: p.vulnerabilities, description: p.description, restrictedNotes: p.restrictedNotes,
          },
        },
      ]),
    ),
    cases: new Map(
      cases.map((c) => [
        c.key,
        { id: c.id, deleted: c.deletedAt !== null, personKey: c.person.key, personDeleted: c.person.deletedAt !== null, incidentKey: c.incident?.key ?? null, summary: c.summary },
      ]),
    ),
    events: eventsByCase,
    incidents: new Map(incidents.map((i) => [i.key, { id: i.id, deleted: i.deletedAt !== null }])),
    sources: new Map(sources.map((s) => [s.key, { id: s.id, deleted: s.deletedAt !== null }])),
    sourcesByUrl: urlMap,
    courts: new Map(courts.map((c) => [c.name, c.id])),
    facilities: new Map(facilities.map((f) => [f.name, f.id])),
  };
}

// ---- reading and planning -----------------------------------------------------------------------

type Checked = { ok: true; rows: RowData[] } | { ok: false; errors: ImportError[] };

/**
 * Bytes → checked rows, or the problems of the file as a whole (encoding, header, CSV syntax).
 * In slices (lib/import/cooperative.ts): 50,000 rows take seconds to read and check, during
 * which the server keeps answering everyone else.
 */
async function check(bytes: Uint8Array, slice: TimeSlice): Promise<Checked> {
  const decoded = await decodeUtf8(bytes, slice);
  if (!decoded.ok) return { ok: false, errors: [decoded.error] };
  const read = await readCsv(decoded.text, slice);
  if (!read.ok) return { ok: false, errors: read.errors };
  const rows: RowData[] = [];
  for (const row of read.rows) {
    rows.push(readRow(row));
    await slice.pause();
  }
  return { ok: true, rows };
}

function result(input: { dryRun: boolean; fileName: string }, plan: Plan | null, fileErrors: ImportError[], rowCount: number, committed: boolean): CsvImportResult {
  const errors = plan ? plan.errors : fileErrors;
  const zero: Counts = { created: 0, updated: 0, unchanged: 0 };
  const counts = plan?.counts ?? { people: zero, cases: zero, events: zero };
  const sum = (k: keyof Counts) => counts.people[k] + counts.cases[k] + counts.events[k];
  return {
    dryRun: input.dryRun,
    committed,
    fileName: input.fileName,
    rowCount,
    rows: plan?.rows ?? [],
    errors: errors.slice(0, MAX_ERRORS_LISTED),
    errorCount: errors.length,
    created: sum("created"),
    updated: sum("updated"),
    unchanged: sum("unchanged"),
    counts,
    newCourts: plan?.newCourts ?? [],
    newFacilities: plan?.newFacilities ?? [],
    newSources: plan?.newSourceUrls ?? [],
  };
}

// ---- writing ----------------------------------------------------------------------------------------

type PlaceIds = { court: (n: string | null) => string | null; facility: (n: string | null) => string | null };

/** The typed columns of an event's values (lib/events/columns.ts), courts and facilities by id. */
function typedEventColumns(e: EventData, ids: PlaceIds) {
  const names = placeNames(e);
  return typedColumns(e, { courtId: ids.court(names.court), facilityId: ids.facility(names.facility) });
}

/** Columns of a new event: its common columns and typed columns, as the event form writes them. */
function eventColumns(e: EventData, ids: PlaceIds) {
  const { date, precision } = parsePartialDate(e.date, e.datePrecision);
  return { type: e.type, date, datePrecision: precision, dateText: e.dateText, description: e.description, confidence: e.confidence, note: e.note, ...typedEventColumns(e, ids) };
}

const COMMON_FIELDS = new Set(["dateText", "description", "confidence", "note"]);

/**
 * The columns an update of an existing event writes: the common fields the row changed and,
 * when it changed a typed field, the typed columns of what the event becomes (unchanged
 * columns are written with the values they hold).
 */
function changedEventColumns(op: EventOp, ids: PlaceIds): Prisma.CaseEventUncheckedUpdateInput {
  const d = op.data as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let typed = false;
  for (const field of op.changed) {
    if (field === "date") {
      const { date, precision } = parsePartialDate(d.date as string | null, d.datePrecision as EventData["datePrecision"]);
      out.date = date;
      out.datePrecision = precision;
    } else if (COMMON_FIELDS.has(field)) out[field] = d[field];
    else if (field !== "sources" && field !== "charges") typed = true;
  }
  return typed ? { ...out, ...typedEventColumns(op.data, ids) } : out;
}

function personColumns(values: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (field === "aliases") continue;
    if (field === "ageAsOf") out.ageAsOf = value ? new Date(`${value as string}T00:00:00Z`) : null;
    else out[field] = value;
    if (field === "name") out.nameNormalized = normalizeName(value as string);
  }
  return out;
}

async function apply(tx: Tx, plan: Plan, world: World): Promise<Record<string, unknown>> {
  // Courts and facilities by name, created when missing (like the event form).
  if (plan.newCourts.length) await tx.court.createMany({ data: plan.newCourts.map((name) => ({ name })), skipDuplicates: true });
  if (plan.newFacilities.length) await tx.facility.createMany({ data: plan.newFacilities.map((name) => ({ name })), skipDuplicates: true });
  const courts = new Map(world.courts);
  const facilities = new Map(world.facilities);
  for (const c of await inChunks(plan.newCourts, (names) => tx.court.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }))) courts.set(c.name, c.id);
  for (const f of await inChunks(plan.newFacilities, (names) => tx.facility.findMany({ where: { name: { in: names } }, select: { id: true, name: true } }))) facilities.set(f.name, f.id);
  const ids = {
    court: (name: string | null) => (name === null ? null : (courts.get(name) ?? null)),
    facility: (name: string | null) => (name === null ? null : (facilities.get(name) ?? null)),
  };

  // Sources named by a URL no source has yet.
  const sourceByUrl = new Map<string, { id: string; key: string }>();
  for (const chunk of chunks(plan.newSourceUrls)) {
    const created = await tx.source.createManyAndReturn({
      data: chunk.map((url) => ({ key: newRecordKey("src", hostOf(url)), title: url.slice(0, 1000), url, kind: "OTHER" as const })),
      select: { id: true, key: true, url: true },
    });
    for (const s of created) sourceByUrl.set(s.url!, { id: s.id, key: s.key });
  }

  // People.
  const personId = new Map<string, string>();
  for (const [key, p] of world.people) personId.set(key, p.id);
  for (const chunk of chunks(plan.people.create, 1_000)) {
    const created = await tx.person.createManyAndReturn({
      data: chunk.map((p) => ({ key: p.key, ...(personColumns(p.values) as { name: string; nameNormalized: string }) })),
      select: { id: true, key: true },
    });
    for (const c of created) personId.set(c.key, c.id);
  }
  for (const p of plan.people.update) {
    await tx.person.update({ where: { id: p.id! }, data: { ...personColumns(p.values), version: { increment: 1 } } });
  }
  const aliases = [...plan.people.create, ...plan.people.update].flatMap((p) =>
    p.addAliases.map((a) => ({ personId: personId.get(p.key)!, name: a.name, script: a.script, nameNormalized: normalizeName(a.name) })),
  );
  for (const chunk of chunks(aliases, 2_000)) await tx.personAlias.createMany({ data: chunk, skipDuplicates: true });

  // Cases (their derived columns are computed below, once their events are in).
  const caseId = new Map<string, string>();
  for (const [key, c] of world.cases) caseId.set(key, c.id);
  const incidentId = (key: string | null | undefined) => (key ? (world.incidents.get(key)?.id ?? null) : null);
  for (const chunk of chunks(plan.cases.create, 1_000)) {
    const created = await tx.case.createManyAndReturn({
      data: chunk.map((c) => ({ key: c.key, personId: personId.get(c.personKey)!, incidentId: incidentId(c.incidentKey), summary: c.summary ?? null })),
      select: { id: true, key: true },
    });
    for (const c of created) caseId.set(c.key, c.id);
  }
  for (const c of plan.cases.update) {
    const data: Prisma.CaseUncheckedUpdateInput = { version: { increment: 1 } };
    if (c.incidentKey !== undefined) data.incidentId = incidentId(c.incidentKey);
    if (c.summary !== undefined) data.summary = c.summary;
    await tx.case.update({ where: { id: c.id! }, data });
  }

  // Events, through the one timeline writer: it recomputes the derived columns and event
  // summaries of every touched case once the events, their charges and sources are in.
  const sourceId = (s: EventOp["sources"][number]) => ("id" in s ? s.id : sourceByUrl.get(s.url)!.id);
  const eventId = new Map<string, string>();
  const idOf = (e: EventOp) => e.id ?? eventId.get(`${caseId.get(e.caseKey)}\u0000${e.key}`)!;
  await writeTimeline(tx, async (w) => {
    // Existing events that make room for new ones keep their order among themselves.
    const caseOfEvent = new Map([...world.events].flatMap(([key, events]) => events.map((e) => [e.id, caseId.get(key)!] as const)));
    for (const m of plan.moves) await w.setPositions(caseOfEvent.get(m.id)!, [m]);
    const created = await w.insert(plan.events.create.map((e) => ({ caseId: caseId.get(e.caseKey)!, key: e.key, position: e.position!, ...eventColumns(e.data, ids) })));
    for (const c of created) eventId.set(`${c.caseId}\u0000${c.key}`, c.id);
    for (const e of plan.events.update) await w.update(caseId.get(e.caseKey)!, e.id!, { ...changedEventColumns(e, ids), version: { increment: 1 } });
    for (const key of plan.touchedCases) w.touch(caseId.get(key)!);

    const replaced = plan.events.update.filter((e) => e.changed.includes("charges"));
    for (const chunk of chunks(replaced.map((e) => e.id!))) await tx.charge.deleteMany({ where: { eventId: { in: chunk } } });
    const charges = [...plan.events.create, ...replaced].flatMap((e) => chargesOf(e.data).map((c, position) => ({ eventId: idOf(e), position, text: c.text, article: c.article })));
    for (const chunk of chunks(charges, 2_000)) await tx.charge.createMany({ data: chunk });
    const links = [...plan.events.create, ...plan.events.update].flatMap((e) => e.sources.map((s) => ({ eventId: idOf(e), sourceId: sourceId(s) })));
    for (const chunk of chunks(links, 2_000)) await tx.eventSource.createMany({ data: chunk, skipDuplicates: true });
  });

  const list = <T extends { key: string; changes: Record<string, unknown> }>(ops: T[], id: (o: T) => string | undefined, action: "create" | "update") =>
    ops.map((o) => ({ key: o.key, id: id(o), action, ...(action === "update" ? { changes: o.changes } : {}) }));
  return {
    people: [...list(plan.people.create, (p) => personId.get(p.key), "create"), ...list(plan.people.update, (p) => p.id, "update")],
    cases: [...list(plan.cases.create, (c) => caseId.get(c.key), "create"), ...list(plan.cases.update, (c) => c.id, "update")],
    events: [
      ...plan.events.create.map((e) => ({ case: e.caseKey, key: e.key, id: idOf(e), action: "create" })),
      ...plan.events.update.map((e) => ({ case: e.caseKey, key: e.key, id: e.id, action: "update", changes: e.changes })),
    ],
    newSources: [...sourceByUrl.entries()].map(([url, s]) => ({ url, key: s.key, id: s.id })),
    newCourts: plan.newCourts,
    newFacilities: plan.newFacilities,
  };
}

// ---- the entry point -----------------------------------------------------------------------------------

export interface CsvImportInput {
  bytes: Uint8Array;
  fileName?: string | null;
  dryRun: boolean;
}

/**
 * Checks (dryRun) or imports a CSV file in the template's format. EDITOR or ADMIN only.
 * Never throws for a problem of the file: problems are in `errors`, and nothing is written
 * while there is one.
 */
export async function importCsv(actor: Actor | null, input: CsvImportInput): Promise<CsvImportResult> {
  const a = requireRole(actor, "EDITOR");
  const meta = { dryRun: input.dryRun, fileName: cleanFileName(input.fileName) };
  const slice = new TimeSlice();
  const checked = await check(input.bytes, slice);
  if (!checked.ok) return result(meta, null, checked.errors, 0, false);
  const rows = checked.rows;

  if (input.dryRun) {
    // Reads only, from one snapshot of the database; planned once the snapshot is read.
    const world = await db().$transaction((tx) => loadWorld(tx, rows), { isolationLevel: "RepeatableRead", timeout: 120_000, maxWait: 10_000 });
    const plan = await planImportInSlices(rows, world, slice);
    return result(meta, plan, [], rows.length, false);
  }

  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`;
      // Nobody edits these people and cases (or their events: event changes lock the case)
      // between this plan and its writes.
      const personKeys = [...new Set(rows.map((r) => r.personKey))];
      const caseKeys = [...new Set(rows.map((r) => r.caseKey))];
      for (const chunk of chunks(personKeys)) await tx.$queryRaw`SELECT id FROM people WHERE key = ANY(${chunk}::text[]) ORDER BY id FOR UPDATE`;
      for (const chunk of chunks(caseKeys)) await tx.$queryRaw`SELECT id FROM cases WHERE key = ANY(${chunk}::text[]) ORDER BY id FOR UPDATE`;

      const world = await loadWorld(tx, rows);
      const plan = await planImportInSlices(rows, world, slice);
      if (plan.errors.length) return result(meta, plan, [], rows.length, false);
      const res = result(meta, plan, [], rows.length, true);
      if (res.created === 0 && res.updated === 0) return res;

      const records = await apply(tx, plan, world);
      const sha256 = createHash("sha256").update(input.bytes).digest("hex");
      await writeAudit(tx, {
        actorId: a.id,
        action: "import.csv",
        entityType: "import",
        entityId: sha256,
        after: {
          file: { name: meta.fileName, bytes: input.bytes.byteLength, sha256 },
          rows: rows.length,
          counts: plan.counts,
          created: res.created,
          updated: res.updated,
          unchanged: res.unchanged,
          records,
        },
      });
      return res;
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
