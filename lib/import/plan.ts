// What an import would do, row by row, given the rows (rows.ts) and what the database holds
// (a `World` the data layer reads: lib/data/csv-import.ts). Pure: the dry run and the commit
// compute the same plan with the same function, the commit inside its transaction.
//
// Rules (docs/csv-import.md says them to users):
// - Records are matched by their stable keys: people.key, cases.key, and the event key
//   within its case (case_events.key). A key not in the database creates a record; a key in
//   it updates the record with the filled cells that differ, or leaves it unchanged.
// - An empty cell never clears a stored value. Aliases, vulnerabilities and an event's
//   sources are added to the stored ones, never removed; an event's lists (charges,
//   conditions, penalties, kinds, injuries) are replaced when their cell is filled and differs.
// - The rows of one person (or case) must agree on every filled person (case) cell.
// - Incidents and sources named by key must exist (and not be deleted); courts and
//   facilities are named and created when no record has that exact name, like the event form
//   does; a source URL reuses the source with exactly that URL or creates one.
// - An event's type cannot be changed by an import; deleted records are not revived.
// - New events are placed in their case's timeline by date, one after the other in file
//   order, exactly as the event form places an event (lib/domain/timeline.ts).
import { EVENT_FIELDS, EVENT_FIELD_NAMES, fieldDef, type EventFieldName } from "@/lib/events/registry";
import type { ImportError } from "@/lib/import/csv";
import type { PersonField, RowData, RowEvent } from "@/lib/import/rows";
import { runInSlices, runToEnd, type Steps, type TimeSlice } from "@/lib/import/cooperative";
import { parsePartialDate, toIsoPartial } from "@/lib/domain/dates";
import { placeInTurnSteps } from "@/lib/domain/timeline";
import type { DatePrecision } from "@/lib/domain/types";
import type { EventData } from "@/lib/validation/event";
import type { PersonData } from "@/lib/validation/person";

// ---- what the database holds ---------------------------------------------------------------

export interface StoredPerson {
  id: string;
  deleted: boolean;
  values: Pick<PersonData, PersonField>;
}

export interface StoredCase {
  id: string;
  deleted: boolean;
  personKey: string;
  /** The person is deleted (the case is then hidden too). */
  personDeleted: boolean;
  incidentKey: string | null;
  summary: string | null;
}

/** An event in the shape of the event form's values (names for courts and facilities, ISO dates). */
export interface StoredEvent {
  id: string;
  key: string | null;
  deleted: boolean;
  position: number;
  date: Date | null;
  datePrecision: DatePrecision;
  values: Record<string, unknown>;
  sourceIds: string[];
}

export interface World {
  people: ReadonlyMap<string, StoredPerson>;
  cases: ReadonlyMap<string, StoredCase>;
  /** Every event (deleted ones too: they keep their positions) of the existing cases, by case key. */
  events: ReadonlyMap<string, readonly StoredEvent[]>;
  incidents: ReadonlyMap<string, { id: string; deleted: boolean }>;
  sources: ReadonlyMap<string, { id: string; deleted: boolean }>;
  /** Live sources by exact URL (the oldest when several share one). */
  sourcesByUrl: ReadonlyMap<string, string>;
  courts: ReadonlyMap<string, string>;
  facilities: ReadonlyMap<string, string>;
}

// ---- the plan --------------------------------------------------------------------------------

export type Action = "create" | "update" | "unchanged";

export interface RowPlan {
  row: number;
  person: { key: string; action: Action | null };
  case: { key: string; action: Action | null };
  event: { key: string; action: Action | null; type: string | null };
  /** Fields this row would change on existing records ("person.homeCity", "event.lashes"). */
  changes: string[];
  errors: ImportError[];
}

export interface Change {
  from: unknown;
  to: unknown;
}

export interface PersonOp {
  key: string;
  firstRow: number;
  /** For a new person: every filled value; for an existing one: only the changed ones. */
  values: Partial<Pick<PersonData, PersonField>>;
  /** Aliases to add (existing ones are kept). */
  addAliases: { name: string; script: "LATIN" | "PERSO_ARABIC" | "OTHER" }[];
  changes: Record<string, Change>;
  id?: string;
}

export interface CaseOp {
  key: string;
  personKey: string;
  firstRow: number;
  incidentKey?: string | null;
  summary?: string | null;
  changes: Record<string, Change>;
  id?: string;
}

export type SourceRef = { id: string } | { url: string };

export interface EventOp {
  caseKey: string;
  key: string;
  row: number;
  /** The event as the form would save it (new events), or its merged values (updates). */
  data: EventData;
  /** Columns to write for an update ("date" includes its precision; "sources" adds links). */
  changed: string[];
  changes: Record<string, Change>;
  sources: SourceRef[];
  id?: string;
  /** Timeline position of a new event. */
  position?: number;
}

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface Plan {
  rows: RowPlan[];
  errors: ImportError[];
  people: { create: PersonOp[]; update: PersonOp[]; unchanged: number };
  cases: { create: CaseOp[]; update: CaseOp[]; unchanged: number };
  events: { create: EventOp[]; update: EventOp[]; unchanged: number };
  /** Existing events of existing cases whose position moves to make room for new ones. */
  moves: { id: string; position: number }[];
  /** Cases whose derived columns must be recomputed (new cases, cases with new or changed events). */
  touchedCases: string[];
  newCourts: string[];
  newFacilities: string[];
  newSourceUrls: string[];
  counts: { people: Counts; cases: Counts; events: Counts };
}

// ---- helpers ---------------------------------------------------------------------------------

/** Canonical JSON (for equality of values and lists). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** "50000000.50" and "050000000.5" are the same amount. */
export function normalizeDecimal(value: string | null): string | null {
  if (value === null) return null;
  let s = value.replace(/^0+(?=\d)/, "");
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  return s;
}

const PERSON_COLUMN: Record<string, string> = {
  name: "person_name",
  aliases: "person_aliases",
  gender: "person_gender",
  birthYear: "person_birth_year",
  ageYears: "person_age",
  ageAsOf: "person_age_as_of",
  homeCity: "person_home_city",
  province: "person_province",
  provinceCode: "person_province_code",
  vulnerabilities: "person_vulnerabilities",
  description: "person_description",
  restrictedNotes: "person_restricted_notes",
};

/** Event fields compared and written as plain values (names for court and facility): the common ones, then every typed field of the registry. */
const EVENT_SCALARS: readonly string[] = ["dateText", "description", "confidence", "note", ...EVENT_FIELD_NAMES];

const isMoney = (field: string) => field in EVENT_FIELDS && fieldDef(field as EventFieldName).kind === "money";

function eventValue(data: EventData, field: string): unknown {
  const v = (data as Record<string, unknown>)[field];
  if (isMoney(field)) return normalizeDecimal((v as string | null) ?? null);
  return v ?? null;
}

function casefold(s: string): string {
  return s.toLocaleLowerCase();
}

// ---- planning --------------------------------------------------------------------------------

/** The plan, computed in one go (tests, small files). */
export function planImport(rows: readonly RowData[], world: World): Plan {
  return runToEnd(planSteps(rows, world));
}

/** The same plan, computed in slices so that the server keeps answering other requests meanwhile. */
export function planImportInSlices(rows: readonly RowData[], world: World, slice?: TimeSlice): Promise<Plan> {
  return runInSlices(planSteps(rows, world), slice);
}

/** The planning, with a point after each row of every pass where it may be suspended. */
function* planSteps(rows: readonly RowData[], world: World): Steps<Plan> {
  const plans = new Map<number, RowPlan>();
  const errors: ImportError[] = [];
  const fail = (row: number, column: string | null, reason: string) => {
    const e = { row, column, reason };
    plans.get(row)?.errors.push(e);
  };

  for (const r of rows) {
    plans.set(r.row, {
      row: r.row,
      person: { key: r.personKey, action: null },
      case: { key: r.caseKey, action: null },
      event: { key: r.eventKey, action: null, type: r.event?.data.type ?? null },
      changes: [],
      errors: [...r.errors],
    });
    yield;
  }
  const keysOk = (r: RowData) => !r.errors.some((e) => e.column === "person_key" || e.column === "case_key" || e.column === "event_key");

  // -- people: merge the rows of each key --------------------------------------------------------
  interface PersonAcc {
    firstRow: number;
    rows: number[];
    values: Record<string, unknown>;
    origin: Record<string, number>;
    aliases: Map<string, { name: string; script: "LATIN" | "PERSO_ARABIC" | "OTHER" }>;
    vulnerabilities: Set<string>;
  }
  const people = new Map<string, PersonAcc>();
  for (const r of rows) {
    yield;
    if (!keysOk(r)) continue;
    let acc = people.get(r.personKey);
    if (!acc) people.set(r.personKey, (acc = { firstRow: r.row, rows: [], values: {}, origin: {}, aliases: new Map(), vulnerabilities: new Set() }));
    acc.rows.push(r.row);
    for (const [field, value] of Object.entries(r.person.values)) {
      if (field === "aliases") {
        for (const a of value as { name: string; script: "LATIN" | "PERSO_ARABIC" | "OTHER" }[])
          if (!acc.aliases.has(casefold(a.name))) acc.aliases.set(casefold(a.name), a);
      } else if (field === "vulnerabilities") {
        for (const v of value as string[]) acc.vulnerabilities.add(v);
      } else if (field in acc.values) {
        if (!same(acc.values[field], value)) {
          fail(
            r.row,
            PERSON_COLUMN[field] ?? null,
            `Person ${r.personKey} has ${JSON.stringify(acc.values[field])} in this column on row ${acc.origin[field]} but ${JSON.stringify(value)} here: the rows of one person must agree (or leave the cell empty).`,
          );
        }
      } else {
        acc.values[field] = value;
        acc.origin[field] = r.row;
      }
    }
  }

  const personOps = { create: [] as PersonOp[], update: [] as PersonOp[], unchanged: 0 };
  const personAction = new Map<string, Action | null>();
  const personChanges = new Map<string, string[]>();
  for (const [key, acc] of people) {
    yield;
    const stored = world.people.get(key);
    if (stored?.deleted) {
      for (const row of acc.rows)
        fail(
          row,
          "person_key",
          `Person ${key} was deleted. An administrator can restore it (Deleted records) before the import; an import does not revive deleted records.`,
        );
      personAction.set(key, null);
      continue;
    }
    const name = (acc.values.name as string | undefined) ?? stored?.values.name;
    for (const a of acc.aliases.values()) {
      // An alias that is the name itself adds nothing.
      if (name !== undefined && casefold(a.name) === casefold(name)) acc.aliases.delete(casefold(a.name));
    }
    if (!stored) {
      if (acc.values.name === undefined) {
        fail(acc.firstRow, "person_name", `Person ${key} is not in the database yet: give their name (on at least one of their rows).`);
        personAction.set(key, null);
        continue;
      }
      const values = { ...acc.values, aliases: [...acc.aliases.values()], vulnerabilities: [...acc.vulnerabilities] } as PersonOp["values"];
      personOps.create.push({ key, firstRow: acc.firstRow, values, addAliases: [...acc.aliases.values()], changes: {} });
      personAction.set(key, "create");
      continue;
    }
    const changes: Record<string, Change> = {};
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(acc.values)) {
      const before = (stored.values as Record<string, unknown>)[field];
      if (!same(before, value)) {
        changes[field] = { from: before ?? null, to: value };
        values[field] = value;
      }
    }
    const storedAliases = new Set([...(stored.values.aliases ?? []).map((a) => casefold(a.name)), casefold(stored.values.name)]);
    const addAliases = [...acc.aliases.values()].filter((a) => !storedAliases.has(casefold(a.name)));
    if (addAliases.length)
      changes.aliases = {
        from: (stored.values.aliases ?? []).map((a) => a.name),
        to: [...(stored.values.aliases ?? []).map((a) => a.name), ...addAliases.map((a) => a.name)],
      };
    const storedVulnerabilities = stored.values.vulnerabilities ?? [];
    const addVulnerabilities = [...acc.vulnerabilities].filter((v) => !storedVulnerabilities.includes(v as never));
    if (addVulnerabilities.length) {
      const merged = [...storedVulnerabilities, ...addVulnerabilities];
      changes.vulnerabilities = { from: storedVulnerabilities, to: merged };
      values.vulnerabilities = merged;
    }
    if (Object.keys(changes).length) {
      personOps.update.push({ key, firstRow: acc.firstRow, values: values as PersonOp["values"], addAliases, changes, id: stored.id });
      personAction.set(key, "update");
      personChanges.set(
        key,
        Object.keys(changes).map((f) => `person.${f}`),
      );
    } else {
      personOps.unchanged++;
      personAction.set(key, "unchanged");
    }
  }

  // -- cases ---------------------------------------------------------------------------------------
  interface CaseAcc {
    firstRow: number;
    rows: number[];
    personKey: string;
    incidentKey?: string;
    summary?: string;
    origin: Record<string, number>;
  }
  const cases = new Map<string, CaseAcc>();
  for (const r of rows) {
    yield;
    if (!keysOk(r)) continue;
    let acc = cases.get(r.caseKey);
    if (!acc) cases.set(r.caseKey, (acc = { firstRow: r.row, rows: [], personKey: r.personKey, origin: {} }));
    if (acc.personKey !== r.personKey) {
      fail(r.row, "case_key", `Case ${r.caseKey} belongs to person ${acc.personKey} on row ${acc.firstRow}: one case has one person.`);
      continue;
    }
    acc.rows.push(r.row);
    for (const field of ["incidentKey", "summary"] as const) {
      const value = r.case[field];
      if (value === undefined) continue;
      const column = field === "incidentKey" ? "case_incident_key" : "case_summary";
      if (acc[field] !== undefined && acc[field] !== value) {
        fail(
          r.row,
          column,
          `Case ${r.caseKey} has ${JSON.stringify(acc[field])} in this column on row ${acc.origin[field]} but ${JSON.stringify(value)} here: the rows of one case must agree (or leave the cell empty).`,
        );
      } else if (acc[field] === undefined) {
        acc[field] = value;
        acc.origin[field] = r.row;
      }
    }
  }

  const caseOps = { create: [] as CaseOp[], update: [] as CaseOp[], unchanged: 0 };
  const caseAction = new Map<string, Action | null>();
  const caseChanges = new Map<string, string[]>();
  for (const [key, acc] of cases) {
    yield;
    const stored = world.cases.get(key);
    // A person that cannot be imported has said why on its rows already.
    if (personAction.get(acc.personKey) === null) {
      caseAction.set(key, null);
      continue;
    }
    let ok = true;
    if (acc.incidentKey !== undefined) {
      const incident = world.incidents.get(acc.incidentKey);
      const row = acc.origin.incidentKey ?? acc.firstRow;
      if (!incident) {
        fail(
          row,
          "case_incident_key",
          `No incident has the key ${JSON.stringify(acc.incidentKey)}: record the incident first (Incidents → New incident), then use its key.`,
        );
        ok = false;
      } else if (incident.deleted) {
        fail(row, "case_incident_key", `Incident ${acc.incidentKey} was deleted.`);
        ok = false;
      }
    }
    if (stored) {
      if (stored.deleted || stored.personDeleted) {
        for (const row of acc.rows)
          fail(
            row,
            "case_key",
            `Case ${key} was deleted${stored.personDeleted ? " with its person" : ""}. An administrator can restore it before the import; an import does not revive deleted records.`,
          );
        ok = false;
      } else if (stored.personKey !== acc.personKey) {
        for (const row of acc.rows) fail(row, "case_key", `Case ${key} belongs to person ${stored.personKey} in the database, not to ${acc.personKey}.`);
        ok = false;
      }
    }
    if (!ok) {
      caseAction.set(key, null);
      continue;
    }
    if (!stored) {
      caseOps.create.push({
        key,
        personKey: acc.personKey,
        firstRow: acc.firstRow,
        incidentKey: acc.incidentKey ?? null,
        summary: acc.summary ?? null,
        changes: {},
      });
      caseAction.set(key, "create");
      continue;
    }
    const changes: Record<string, Change> = {};
    const op: CaseOp = { key, personKey: acc.personKey, firstRow: acc.firstRow, changes, id: stored.id };
    if (acc.incidentKey !== undefined && acc.incidentKey !== stored.incidentKey) {
      changes.incident = { from: stored.incidentKey, to: acc.incidentKey };
      op.incidentKey = acc.incidentKey;
    }
    if (acc.summary !== undefined && acc.summary !== stored.summary) {
      changes.summary = { from: stored.summary, to: acc.summary };
      op.summary = acc.summary;
    }
    if (Object.keys(changes).length) {
      caseOps.update.push(op);
      caseAction.set(key, "update");
      caseChanges.set(
        key,
        Object.keys(changes).map((f) => `case.${f}`),
      );
    } else {
      caseOps.unchanged++;
      caseAction.set(key, "unchanged");
    }
  }

  // -- events ----------------------------------------------------------------------------------------
  const eventOps = { create: [] as EventOp[], update: [] as EventOp[], unchanged: 0 };
  const seenEvents = new Map<string, number>();
  const newCourts = new Set<string>();
  const newFacilities = new Set<string>();
  const newSourceUrls = new Set<string>();
  const touched = new Set<string>();
  // The new events of each case, in file order: placed in its timeline once all are known.
  const added = new Map<string, EventOp[]>();
  // The stored events of a case by key, indexed when the case is first met (a case may have
  // tens of thousands: a scan per row would be quadratic).
  const storedByKey = new Map<string, Map<string | null, StoredEvent>>();
  const storedEvent = (caseKey: string, key: string) => {
    let index = storedByKey.get(caseKey);
    if (!index) {
      index = new Map();
      for (const e of world.events.get(caseKey) ?? []) if (!index.has(e.key)) index.set(e.key, e);
      storedByKey.set(caseKey, index);
    }
    return index.get(key);
  };

  for (const r of rows) {
    yield;
    const plan = plans.get(r.row)!;
    plan.person.action = personAction.get(r.personKey) ?? null;
    plan.case.action = caseAction.get(r.caseKey) ?? null;
    if (plan.person.action === "update") plan.changes.push(...(personChanges.get(r.personKey) ?? []));
    if (plan.case.action === "update") plan.changes.push(...(caseChanges.get(r.caseKey) ?? []));
    // The row's sources, checked whatever else is wrong with it (every problem in one answer).
    const sources: SourceRef[] = [];
    for (const key of r.sourceKeys) {
      const s = world.sources.get(key);
      if (!s)
        fail(r.row, "source_keys", `No source has the key ${JSON.stringify(key)}: record it first (Sources → New source) or give its URL in source_urls.`);
      else if (s.deleted) fail(r.row, "source_keys", `Source ${key} was deleted.`);
      else sources.push({ id: s.id });
    }
    for (const url of r.sourceUrls) {
      const existing = world.sourcesByUrl.get(url);
      if (existing) sources.push({ id: existing });
      else sources.push({ url });
    }

    if (!keysOk(r)) continue;
    const id = `${r.caseKey}\u0000${r.eventKey}`;
    const earlier = seenEvents.get(id);
    if (earlier !== undefined) {
      fail(r.row, "event_key", `Event ${r.eventKey} of case ${r.caseKey} is already on row ${earlier}: each event key appears once per case.`);
      continue;
    }
    seenEvents.set(id, r.row);
    const ev = r.event;
    if (!ev || plan.errors.length || plan.case.action === null) continue;

    const stored = storedEvent(r.caseKey, r.eventKey);
    if (!stored) {
      const op = newEvent(r, ev, sources);
      eventOps.create.push(op);
      plan.event.action = "create";
      touched.add(r.caseKey);
      const list = added.get(r.caseKey);
      if (list) list.push(op);
      else added.set(r.caseKey, [op]);
    } else {
      const op = changedEvent(r, ev, sources, stored, fail);
      if (op === null) continue;
      if (op.changed.length) {
        eventOps.update.push(op);
        plan.event.action = "update";
        plan.changes.push(...op.changed.map((f) => `event.${f}`));
        touched.add(r.caseKey);
      } else {
        eventOps.unchanged++;
        plan.event.action = "unchanged";
      }
    }
    const op = plan.event.action === "create" ? eventOps.create.at(-1)! : plan.event.action === "update" ? eventOps.update.at(-1)! : null;
    if (op) {
      for (const s of op.sources) if ("url" in s) newSourceUrls.add(s.url);
      const court = (op.data as { court?: string | null }).court;
      const facility = (op.data as { facility?: string | null }).facility;
      const writes = (field: string) => plan.event.action === "create" || op.changed.includes(field);
      if (court && writes("court") && !world.courts.has(court)) newCourts.add(court);
      if (facility && writes("facility") && !world.facilities.has(facility)) newFacilities.add(facility);
    }
  }

  // Positions: the new events of each case are placed one after the other in file order, as
  // the event form places one (deleted events keep their positions); existing events that
  // make room are listed.
  const moves: { id: string; position: number }[] = [];
  for (const [caseKey, ops] of added) {
    yield;
    const existing = world.events.get(caseKey) ?? [];
    const when: { date: Date | null; datePrecision: DatePrecision }[] = [];
    for (const op of ops) {
      const { date, precision } = parsePartialDate(op.data.date, op.data.datePrecision);
      when.push({ date, datePrecision: precision });
      if (when.length % 1_000 === 0) yield;
    }
    const placed = yield* placeInTurnSteps(existing, when);
    ops.forEach((op, i) => (op.position = placed.added[i]));
    existing.forEach((e, i) => {
      if (placed.existing[i] !== e.position) moves.push({ id: e.id, position: placed.existing[i]! });
    });
  }

  // -- summary ---------------------------------------------------------------------------------------
  const rowPlans = rows.map((r) => plans.get(r.row)!);
  for (const p of rowPlans) {
    yield;
    // A row with a problem does nothing: its actions would mislead.
    if (p.errors.length) {
      p.person.action = null;
      p.case.action = null;
      p.event.action = null;
      p.changes = [];
    }
    for (const e of p.errors) errors.push(e);
  }
  // Counted from the rows without a problem, so that while a file has problems the figures
  // say what its other rows would do (the same as the operations once there is none).
  const count = (part: "person" | "case" | "event"): Counts => {
    const actions = new Map<string, Action>();
    for (const p of rowPlans) {
      const a = p[part].action;
      if (a !== null) actions.set(part === "event" ? `${p.case.key}\u0000${p.event.key}` : p[part].key, a);
    }
    const n = (a: Action) => [...actions.values()].filter((x) => x === a).length;
    return { created: n("create"), updated: n("update"), unchanged: n("unchanged") };
  };
  for (const c of caseOps.create) touched.add(c.key);

  return {
    rows: rowPlans,
    errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    people: personOps,
    cases: caseOps,
    events: eventOps,
    moves,
    touchedCases: [...touched],
    newCourts: [...newCourts],
    newFacilities: [...newFacilities],
    newSourceUrls: [...newSourceUrls],
    counts: { people: count("person"), cases: count("case"), events: count("event") },
  };
}

function newEvent(r: RowData, ev: RowEvent, sources: SourceRef[]): EventOp {
  return { caseKey: r.caseKey, key: r.eventKey, row: r.row, data: ev.data, changed: [], changes: {}, sources: dedupeSources(sources) };
}

function dedupeSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const k = "id" in s ? `id:${s.id}` : `url:${s.url}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The fields of an existing event this row changes (null when the row cannot apply). */
function changedEvent(
  r: RowData,
  ev: RowEvent,
  sources: SourceRef[],
  stored: StoredEvent,
  fail: (row: number, column: string | null, reason: string) => void,
): EventOp | null {
  if (stored.deleted) {
    fail(
      r.row,
      "event_key",
      `Event ${r.eventKey} of case ${r.caseKey} was deleted. An administrator can restore it; an import does not revive deleted records.`,
    );
    return null;
  }
  if (stored.values.type !== ev.data.type) {
    fail(
      r.row,
      "event_type",
      `Event ${r.eventKey} of case ${r.caseKey} is a ${String(stored.values.type).toLowerCase()} event: an import cannot change an event's type (edit it in the app, or use a new event key).`,
    );
    return null;
  }
  const changed: string[] = [];
  const changes: Record<string, Change> = {};
  // The stored values, overlaid with the row's filled cells: what the event becomes.
  const merged: Record<string, unknown> = { ...stored.values };
  if (ev.provided.has("date")) {
    const before = toIsoPartial(stored.date, stored.datePrecision);
    if (before !== ev.data.date || (ev.data.date !== null && stored.datePrecision !== ev.data.datePrecision)) {
      changed.push("date");
      changes.date = { from: before, to: ev.data.date };
    }
    merged.date = ev.data.date;
    merged.datePrecision = ev.data.datePrecision;
  }
  for (const field of EVENT_SCALARS) {
    if (!ev.provided.has(field)) continue;
    const value = eventValue(ev.data, field);
    const before = isMoney(field) ? normalizeDecimal((stored.values[field] as string | null) ?? null) : (stored.values[field] ?? null);
    merged[field] = (ev.data as Record<string, unknown>)[field];
    if (!same(before, value)) {
      changed.push(field);
      changes[field] = { from: before, to: value };
    }
  }
  const storedSources = new Set(stored.sourceIds);
  const deduped = dedupeSources(sources);
  const added = deduped.filter((s) => !("id" in s) || !storedSources.has(s.id));
  if (added.length) {
    changed.push("sources");
    changes.sources = { from: stored.sourceIds.length, to: stored.sourceIds.length + added.length };
  }
  return {
    caseKey: r.caseKey,
    key: r.eventKey,
    row: r.row,
    data: merged as unknown as EventData,
    changed,
    changes,
    sources: added,
    id: stored.id,
  };
}
