// Timeline order of a case.
//
// Every event has an explicit `position` (domain.md): dates alone cannot order a timeline in
// which "October 2020", "18 Oct 2020" and undated events ("later", "after the appeal") mix.
// The position is chosen once, when the event is added (placementPosition), and can then be
// changed by the advocate; every derived value walks events by position, never by date.

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
export function placementPosition(
  existing: readonly PlacedEvent[],
  newEvent: Pick<PlacedEvent, "date" | "datePrecision">,
): number {
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
