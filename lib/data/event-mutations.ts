import "server-only";
// Adding, editing, soft-deleting and restoring timeline events. Each change, in ONE
// transaction: lock the case, write the event through the timeline writer with its charges
// and sources (new sources, courts and facilities created inline by name; the writer
// recomputes the case's derived columns from the whole timeline), and write exactly one audit entry (entity "event", with the case id
// in the snapshot so the case's History finds it).
import { db } from "@/lib/db";
import { NotFoundError, requireRole, type Actor } from "@/lib/authz";
import { writeAudit, type Tx } from "@/lib/data/audit";
import { lockLiveCase } from "@/lib/data/case-derived";
import { writeTimeline, type TimelineWriter } from "@/lib/data/timeline-writer";
import { conflictFor } from "@/lib/data/conflict";
import { insertSource } from "@/lib/data/source-mutations";
import { ValidationError } from "@/lib/data/validation-error";
import { isoDay, parsePartialDate, partialDateSortKey } from "@/lib/domain/dates";
import { placementPosition, type PlacedEvent } from "@/lib/domain/timeline";
import { chargesOf, placeNames, typedColumns as registryColumns } from "@/lib/events/columns";
import { fieldsOfKind } from "@/lib/events/registry";
import { eventSchema, type EventData } from "@/lib/validation/event";
import { versionSchema } from "@/lib/validation/version";

const PARTIAL_DATE_FIELDS = fieldsOfKind("partialDate");

async function snapshot(tx: Tx, id: string) {
  const e = await tx.caseEvent.findUnique({
    where: { id },
    include: {
      facility: { select: { name: true } },
      court: { select: { name: true } },
      charges: { orderBy: { position: "asc" }, select: { text: true, article: true } },
      sources: { select: { source: { select: { id: true, title: true, confidential: true } } } },
    },
  });
  if (!e) return null;
  // Timestamps and foreign ids say nothing to a reader of the History: names are kept instead.
  const { facility, court, sources, ...rest } = e;
  return {
    ...rest,
    createdAt: undefined,
    updatedAt: undefined,
    facilityId: undefined,
    courtId: undefined,
    date: isoDay(e.date),
    // Typed partial dates as their day too (their precision is a column of its own).
    ...Object.fromEntries(PARTIAL_DATE_FIELDS.map((name) => [name, isoDay((e as Record<string, unknown>)[name] as Date | null)])),
    facility: facility?.name ?? null,
    court: court?.name ?? null,
    sources: sources.map((s) => s.source).sort((a, b) => a.title.localeCompare(b.title)),
  };
}

/** Reuses the court or facility of that exact name, or creates it (a concurrent creator wins harmlessly). */
async function namedId(tx: Tx, kind: "court" | "facility", name: string | null): Promise<string | null> {
  if (name === null) return null;
  if (kind === "court") {
    await tx.court.createMany({ data: [{ name }], skipDuplicates: true });
    return (await tx.court.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
  }
  await tx.facility.createMany({ data: [{ name }], skipDuplicates: true });
  return (await tx.facility.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

/** Every typed column from the registry (lib/events/columns.ts), with the court and facility resolved by name. */
async function typedColumns(tx: Tx, e: EventData) {
  const names = placeNames(e);
  return registryColumns(e, { courtId: await namedId(tx, "court", names.court), facilityId: await namedId(tx, "facility", names.facility) });
}

function commonColumns(e: EventData) {
  const { date, precision } = parsePartialDate(e.date, e.datePrecision);
  return { type: e.type, date, datePrecision: precision, dateText: e.dateText, description: e.description, confidence: e.confidence, note: e.note };
}

/** Existing sources must be live; new ones are created here. Returns the ids to link. */
async function resolveSources(tx: Tx, e: EventData): Promise<string[]> {
  if (e.sourceIds.length) {
    const found = await tx.source.count({ where: { id: { in: e.sourceIds }, deletedAt: null } });
    if (found !== e.sourceIds.length) throw new ValidationError({ sourceIds: "Sources: a chosen source no longer exists" });
  }
  const created = [];
  for (const s of e.newSources) created.push((await insertSource(tx, s)).id);
  return [...e.sourceIds, ...created];
}

async function writeLinks(tx: Tx, eventId: string, e: EventData, sourceIds: string[]): Promise<void> {
  await tx.charge.deleteMany({ where: { eventId } });
  await tx.eventSource.deleteMany({ where: { eventId } });
  const charges = chargesOf(e);
  if (charges.length) await tx.charge.createMany({ data: charges.map((c, position) => ({ eventId, position, text: c.text, article: c.article })) });
  await tx.eventSource.createMany({ data: sourceIds.map((sourceId) => ({ eventId, sourceId })) });
}

export async function createEvent(actor: Actor | null, caseId: string, input: unknown): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const e = eventSchema.parse(input);
  return db().$transaction(async (tx) => {
    await lockLiveCase(tx, caseId);
    const common = commonColumns(e);
    const row = await writeTimeline(tx, async (w) => {
      const position = await makeRoomByDate(w, tx, caseId, common);
      const sourceIds = await resolveSources(tx, e);
      const [created] = await w.insert([{ caseId, position, ...common, ...(await typedColumns(tx, e)) }]);
      await writeLinks(tx, created!.id, e, sourceIds);
      return { id: created!.id, version: created!.version };
    });
    await writeAudit(tx, { actorId: a.id, action: "event.create", entityType: "event", entityId: row.id, after: await snapshot(tx, row.id) });
    return row;
  });
}

/**
 * Frees the position where an event dated `at` belongs among the case's other events
 * (placementPosition) by moving every event from there on one step later, and returns it.
 * Soft-deleted events keep their positions (placementPosition's contract).
 */
async function makeRoomByDate(w: TimelineWriter, tx: Tx, caseId: string, at: Pick<PlacedEvent, "date" | "datePrecision">, movingId?: string): Promise<number> {
  const others = { caseId, ...(movingId ? { id: { not: movingId } } : {}) };
  const existing = await tx.caseEvent.findMany({ where: others, select: { position: true, date: true, datePrecision: true } });
  const position = placementPosition(existing, at);
  await w.shift(caseId, { gte: position }, 1, movingId);
  return position;
}

/**
 * The position of an edited event: a new known date (or precision) moves it where a new
 * event with that date would go, closing the gap it leaves; otherwise, and when the date is
 * removed, it stays where it is.
 */
async function positionAfterEdit(w: TimelineWriter, tx: Tx, caseId: string, event: EventSnapshot, at: Pick<PlacedEvent, "date" | "datePrecision">): Promise<number> {
  // The snapshot holds the date as its day (YYYY-MM-DD), as commonColumns' dates are stored.
  const moved = (at.date ? at.date.toISOString().slice(0, 10) : null) !== event.date || at.datePrecision !== event.datePrecision;
  if (!moved || partialDateSortKey(at.date, at.datePrecision) === null) return event.position;
  await w.shift(caseId, { gt: event.position }, -1, event.id);
  return makeRoomByDate(w, tx, caseId, at, event.id);
}

async function liveEventCase(tx: Tx, id: string): Promise<string> {
  const row = await tx.caseEvent.findUnique({ where: { id }, select: { caseId: true } });
  if (!row) throw new NotFoundError("Event");
  return row.caseId;
}

type EventSnapshot = NonNullable<Awaited<ReturnType<typeof snapshot>>>;

/**
 * One change to a live event by an EDITOR or ADMIN, in one transaction: the case locked, the
 * event as it was (not found once soft-deleted), the change (which checks the version), the
 * case's derived columns recomputed, and one audit entry.
 */
async function changeLiveEvent(
  actor: Actor | null,
  id: string,
  version: unknown,
  action: "event.update" | "event.delete" | "event.move",
  change: (tx: Tx, w: TimelineWriter, at: { caseId: string; before: EventSnapshot; expected: number }) => Promise<void>,
): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "EDITOR");
  const expected = versionSchema.parse(version);
  return db().$transaction(async (tx) => {
    const caseId = await liveEventCase(tx, id);
    await lockLiveCase(tx, caseId);
    const before = await snapshot(tx, id);
    if (!before || before.deletedAt) throw new NotFoundError("Event");
    await writeTimeline(tx, (w) => change(tx, w, { caseId, before, expected }));
    await writeAudit(tx, { actorId: a.id, action, entityType: "event", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: expected + 1 };
  });
}

export async function updateEvent(actor: Actor | null, id: string, version: unknown, input: unknown): Promise<{ id: string; version: number }> {
  requireRole(actor, "EDITOR");
  const e = eventSchema.parse(input);
  return changeLiveEvent(actor, id, version, "event.update", async (tx, w, { caseId, before, expected }) => {
    const sourceIds = await resolveSources(tx, e);
    const common = commonColumns(e);
    const position = await positionAfterEdit(w, tx, caseId, before, common);
    const count = await w.update(caseId, id, { ...common, position, ...(await typedColumns(tx, e)), version: { increment: 1 } }, { version: expected, live: true });
    if (count === 0) throw await conflictFor(tx, "event", id, before.version);
    await writeLinks(tx, id, e, sourceIds);
  });
}

/**
 * Moves an event one place earlier or later among the case's live events (swapping positions
 * with its live neighbour): how an advocate places an undated event ("after the appeal") or
 * orders events of the same day. The derived columns follow; one audit entry.
 */
export async function moveEvent(actor: Actor | null, id: string, version: unknown, direction: "earlier" | "later"): Promise<{ id: string; version: number }> {
  return changeLiveEvent(actor, id, version, "event.move", async (tx, w, { caseId, before, expected }) => {
    if (before.version !== expected) throw await conflictFor(tx, "event", id, before.version);
    // Positions as they are ordered, made distinct first (a file imported with two events at
    // one position would otherwise have nothing to swap); soft-deleted events keep theirs.
    const all = await tx.caseEvent.findMany({ where: { caseId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }], select: { id: true, position: true, deletedAt: true } });
    const positions = new Map(all.map((e) => [e.id, e.position]));
    if (new Set(all.map((e) => e.position)).size !== all.length) {
      await w.setPositions(caseId, all.flatMap((e, i) => (e.position !== i ? [{ id: e.id, position: i }] : [])));
      all.forEach((e, i) => positions.set(e.id, i));
    }
    const live = all.filter((e) => e.deletedAt === null);
    const at = live.findIndex((e) => e.id === id);
    const neighbour = live[direction === "earlier" ? at - 1 : at + 1];
    if (!neighbour) throw new ValidationError({ direction: direction === "earlier" ? "Order: this event is already the first" : "Order: this event is already the last" });
    await w.update(caseId, neighbour.id, { position: positions.get(id)! });
    await w.update(caseId, id, { position: positions.get(neighbour.id)!, version: { increment: 1 } });
  });
}

export async function deleteEvent(actor: Actor | null, id: string, version: unknown): Promise<{ id: string; version: number }> {
  return changeLiveEvent(actor, id, version, "event.delete", async (tx, w, { caseId, before, expected }) => {
    const count = await w.update(caseId, id, { deletedAt: new Date(), version: { increment: 1 } }, { version: expected, live: true });
    if (count === 0) throw await conflictFor(tx, "event", id, before.version);
  });
}

export async function restoreEvent(actor: Actor | null, id: string): Promise<{ id: string; version: number }> {
  const a = requireRole(actor, "ADMIN");
  return db().$transaction(async (tx) => {
    const caseId = await liveEventCase(tx, id);
    await lockLiveCase(tx, caseId);
    const before = await snapshot(tx, id);
    if (!before || !before.deletedAt) throw new NotFoundError("Deleted event");
    await writeTimeline(tx, (w) => w.update(caseId, id, { deletedAt: null, version: { increment: 1 } }));
    const row = { version: before.version + 1 };
    await writeAudit(tx, { actorId: a.id, action: "event.restore", entityType: "event", entityId: id, before, after: await snapshot(tx, id) });
    return { id, version: row.version };
  });
}
