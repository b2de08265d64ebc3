// Timeline order of a case.
//
// Every event has an explicit `position` (domain.md): dates alone cannot order a timeline in
// which "October 2020", "18 Oct 2020" and undated events ("later", "after the appeal") mix.
// The position is chosen once, when the event is added (placementPosition), and can then be
// changed by the advocate; every derived value walks events by position, never by date.

import { runToEnd, type Steps } from "./steps";
import { partialDateSortKey } from "./dates";
import type { DatePrecision, TimelineEvent } from "./types";

/** Events sorted by position (stable: equal positions keep their input order). Copies. */
export function sortTimeline<T extends { position: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.position - b.position);
}

/** The events that count: not soft-deleted, in timeline order. */
export function activeTimeline<T extends Pick<TimelineEvent, "position" | "deletedAt">>(events: readonly T[]): T[] {
  return sortTimeline(events.filter((e) => e.deletedAt == null));
}

export interface PlacedEvent {
  position: number;
  date: Date | null;
  datePrecision: DatePrecision;
}

/*
 * Where a new event goes (the returned position; the caller shifts every existing event whose
 * position is >= it by one, then inserts):
 *
 * - An undated event (no date, or precision UNKNOWN) goes last: after the highest existing
 *   position (0 for an empty timeline). The advocate can move it afterwards.
 * - A dated event goes right before the first existing dated event (in position order) that
 *   is strictly later than it, so among equal dates it goes after the existing ones (news
 *   that arrives later is listed later). If no dated event is later, it goes last.
 * - Dates compare at the start of their period: "Oct 2020" counts as 1 Oct 2020 and goes
 *   before "18 Oct 2020"; "2020" counts as 1 Jan 2020.
 * - Undated events between dated ones stay attached to the event they follow: a new event
 *   is inserted just before the later dated event, i.e. after any undated run preceding it.
 * - Soft-deleted events still hold their positions, so pass them in too.
 */
export function placementPosition(existing: readonly PlacedEvent[], newEvent: Pick<PlacedEvent, "date" | "datePrecision">): number {
  const ordered = sortTimeline(existing);
  const last = ordered.at(-1);
  const end = last === undefined ? 0 : last.position + 1;

  const key = partialDateSortKey(newEvent.date, newEvent.datePrecision);
  if (key === null) return end;

  const firstLater = ordered.find((e) => {
    const k = partialDateSortKey(e.date, e.datePrecision);
    return k !== null && k > key;
  });
  return firstLater === undefined ? end : firstLater.position;
}

/** Where several new events go, and where the existing ones end up (placeInTurn). */
export interface Placement {
  /** The position of each new event, in the order given. */
  added: number[];
  /** The position of each existing event once all the new ones are in, in the order given. */
  existing: number[];
}

/**
 * placementPosition for new events added one after the other, in the given order: exactly
 * what calling it for each in turn (shifting the events at and after each returned position)
 * gives, in O(n log n) instead of a sort and a scan of the whole timeline per event (a
 * spreadsheet with 50,000 events of one case took 12 minutes that way; now well under a second).
 *
 * Why it is the same: the existing events keep their order, so a new event's place among
 * them depends on them alone: it goes before the first existing dated event later than it
 * (the first whose running maximum of keys passes its own), or after all of them. The new
 * events that go before the same existing event end up sorted by key, a later one after an
 * equal one. After the last existing event the same holds for the dated ones; an undated one
 * is appended, and a dated one that comes later goes before it only if some dated event
 * already before it is later (so: the dated ones keyed below the largest key before it).
 */
export function placeInTurn(existing: readonly PlacedEvent[], added: readonly Pick<PlacedEvent, "date" | "datePrecision">[]): Placement {
  return runToEnd(placeInTurnSteps(existing, added));
}

/** Work between two yields of placeInTurnSteps. */
const STEP = 1_000;

/**
 * placeInTurn as steps: it yields every STEP events, so that a caller placing 50,000 of them
 * (the CSV import) can give the event loop a turn in between (lib/import/cooperative.ts).
 */
export function* placeInTurnSteps(existing: readonly PlacedEvent[], added: readonly Pick<PlacedEvent, "date" | "datePrecision">[]): Steps<Placement> {
  const positions = existing.map((e) => e.position);
  // Two events sharing a position (never written by the app) are left to the one-by-one rule.
  if (new Set(positions).size !== positions.length) return placeOneByOne(existing, added);

  const order = existing.map((_, i) => i).sort((a, b) => existing[a]!.position - existing[b]!.position);
  // Running maximum of the existing dated keys, in timeline order (-Infinity: none yet).
  const runningMax: number[] = [];
  let max = -Infinity;
  for (const i of order) {
    const e = existing[i]!;
    const key = partialDateSortKey(e.date, e.datePrecision);
    if (key !== null && key > max) max = key;
    runningMax.push(max);
  }
  const firstAbove = (key: number) => {
    let lo = 0;
    let hi = runningMax.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runningMax[mid]! > key) hi = mid;
      else lo = mid + 1;
    }
    return lo; // runningMax.length: none
  };

  // New events before each existing one (by timeline index), and after the last.
  const before: { key: number; turn: number }[][] = order.map(() => []);
  const endDated: { key: number; turn: number }[] = [];
  const endUndated: { turn: number; maxBefore: number }[] = [];
  let endMax = -Infinity;
  for (let turn = 0; turn < added.length; turn++) {
    if (turn % STEP === STEP - 1) yield;
    const e = added[turn]!;
    const key = partialDateSortKey(e.date, e.datePrecision);
    if (key === null) {
      endUndated.push({ turn, maxBefore: endMax });
      continue;
    }
    const at = firstAbove(key);
    if (at < order.length) before[at]!.push({ key, turn });
    else {
      endDated.push({ key, turn });
      if (key > endMax) endMax = key;
    }
  }
  yield;
  const byKeyThenTurn = (a: { key: number; turn: number }, b: { key: number; turn: number }) => a.key - b.key || a.turn - b.turn;

  const addedAt = new Array<number>(added.length);
  const existingAt = new Array<number>(existing.length);
  let shift = 0;
  order.forEach((i, t) => {
    const run = before[t]!.sort(byKeyThenTurn);
    shift += run.length;
    const final = existing[i]!.position + shift;
    run.forEach((item, k) => (addedAt[item.turn] = final - run.length + k));
    existingAt[i] = final;
  });

  // After the last existing event: the dated ones by key; each undated one after the dated
  // ones keyed below the largest key before it, or equal to it and added before it.
  yield;
  const dated = endDated.sort(byKeyThenTurn);
  yield;
  const tail: number[] = [];
  let next = 0;
  for (const u of endUndated) {
    let lo = 0;
    let hi = dated.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const d = dated[mid]!;
      if (d.key < u.maxBefore || (d.key === u.maxBefore && d.turn < u.turn)) lo = mid + 1;
      else hi = mid;
    }
    for (; next < lo; next++) tail.push(dated[next]!.turn);
    tail.push(u.turn);
  }
  for (; next < dated.length; next++) tail.push(dated[next]!.turn);
  const last = order.length ? existingAt[order[order.length - 1]!]! : -1;
  tail.forEach((turn, k) => (addedAt[turn] = last + 1 + k));
  return { added: addedAt, existing: existingAt };
}

/** The definition: placementPosition for each new event in turn, shifting what is at or after it. */
export function placeOneByOne(existing: readonly PlacedEvent[], added: readonly Pick<PlacedEvent, "date" | "datePrecision">[]): Placement {
  const timeline = existing.map((e) => ({ position: e.position, date: e.date, datePrecision: e.datePrecision }));
  const addedAt: { position: number; date: Date | null; datePrecision: DatePrecision }[] = [];
  for (const e of added) {
    const position = placementPosition([...timeline, ...addedAt], e);
    for (const item of [...timeline, ...addedAt]) if (item.position >= position) item.position++;
    addedAt.push({ position, date: e.date, datePrecision: e.datePrecision });
  }
  return { added: addedAt.map((a) => a.position), existing: timeline.map((t) => t.position) };
}
