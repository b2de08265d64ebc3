import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDate } from "./test-events";
import { activeTimeline, placeInTurn, placementPosition, placeOneByOne, type PlacedEvent, sortTimeline } from "./timeline";

const at = (position: number, iso?: string): PlacedEvent =>
  iso === undefined ? { position, date: null, datePrecision: "UNKNOWN" } : { position, ...isoDate(iso) };
const dated = (iso: string) => isoDate(iso);
const undated = { date: null, datePrecision: "UNKNOWN" as const };

describe("placementPosition", () => {
  it("puts the first event of an empty timeline at 0", () => {
    expect(placementPosition([], dated("2020-10-18"))).toBe(0);
    expect(placementPosition([], undated)).toBe(0);
  });

  it("puts a dated event where its date falls among dated events", () => {
    const existing = [at(0, "2020-07-16"), at(1, "2020-07-21"), at(2, "2021-01")];
    expect(placementPosition(existing, dated("2020-07-01"))).toBe(0);
    expect(placementPosition(existing, dated("2020-07-18"))).toBe(1);
    expect(placementPosition(existing, dated("2020-08"))).toBe(2);
    expect(placementPosition(existing, dated("2021-06-19"))).toBe(3);
  });

  it("puts it after existing events with the same date", () => {
    const existing = [at(0, "2020-11-22"), at(1, "2020-11-22"), at(2, "2020-12")];
    expect(placementPosition(existing, dated("2020-11-22"))).toBe(2);
  });

  it("compares a month or year at the start of its period", () => {
    // "Oct 2020" is 1 Oct 2020: before 18 Oct, after 30 Sep.
    expect(placementPosition([at(0, "2020-09-30"), at(1, "2020-10-18")], dated("2020-10"))).toBe(1);
    // "2020" is 1 Jan 2020: before everything later in 2020, after an equal "2020".
    expect(placementPosition([at(0, "2020"), at(1, "2020-03")], dated("2020"))).toBe(1);
    // A day equal to the start of a month goes after that month (equal key).
    expect(placementPosition([at(0, "2020-10"), at(1, "2020-11")], dated("2020-10-01"))).toBe(1);
  });

  it("puts an undated event last by default", () => {
    expect(placementPosition([at(0, "2020-10-04"), at(1), at(2, "2021-12")], undated)).toBe(3);
    // A date with precision UNKNOWN counts as undated.
    expect(placementPosition([at(0, "2020-10-04")], { date: new Date("2020-01-01T00:00:00Z"), datePrecision: "UNKNOWN" })).toBe(1);
  });

  it("ignores undated events when comparing, keeping them attached to the event they follow", () => {
    // ARREST 4 Oct, (undated TRANSFER), SENTENCE Dec 2021: a Nov 2020 event goes after the
    // undated transfer, right before the later dated event.
    const existing = [at(0, "2020-10-04"), at(1), at(2, "2021-12")];
    expect(placementPosition(existing, dated("2020-11"))).toBe(2);
    // An event earlier than every dated one goes before the first dated one.
    expect(placementPosition([at(0), at(1, "2020-10-04")], dated("2020-01"))).toBe(1);
  });

  it("works on positions with gaps, in any array order", () => {
    const existing = [at(20, "2021-01"), at(0, "2020-07-16"), at(10, "2020-07-21")];
    expect(placementPosition(existing, dated("2020-08"))).toBe(20);
    expect(placementPosition(existing, dated("2022"))).toBe(21);
  });

  // Property: inserting a new event at the returned position (shifting the events at and
  // after it) keeps the dated events sorted by their period start, with the new one after
  // any existing event of the same key; an undated new event ends up last.
  type Spec = { key: number | null };
  const ymd = fc.record({
    y: fc.integer({ min: 2000, max: 2003 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    p: fc.constantFrom("DAY" as const, "MONTH" as const, "YEAR" as const),
  });
  type YMD = { y: number; m: number; d: number; p: "DAY" | "MONTH" | "YEAR" };
  const maybeDate = fc.option(ymd, { nil: null, freq: 4 });

  // Independent of dates.ts: build the Date and the key from the parts.
  const toEvent = (x: YMD | null) => {
    if (x === null) return { date: null, datePrecision: "UNKNOWN" as const, key: null };
    const date = new Date(Date.UTC(x.y, x.m - 1, x.d));
    const key = x.p === "YEAR" ? Date.UTC(x.y, 0, 1) : x.p === "MONTH" ? Date.UTC(x.y, x.m - 1, 1) : date.getTime();
    return { date, datePrecision: x.p, key };
  };

  it("keeps dated events sorted when inserted one after another (property)", () => {
    fc.assert(
      fc.property(fc.array(maybeDate, { maxLength: 25 }), (inputs) => {
        let events: (PlacedEvent & Spec & { id: number })[] = [];
        inputs.forEach((input, id) => {
          const e = toEvent(input);
          const p = placementPosition(events, e);
          events = events.map((x) => (x.position >= p ? { ...x, position: x.position + 1 } : x));
          events.push({ ...e, position: p, id });

          const ordered = [...events].sort((a, b) => a.position - b.position);
          const keys = ordered.map((x) => x.key).filter((k): k is number => k !== null);
          for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThanOrEqual(keys[i - 1]!);

          const me = ordered.findIndex((x) => x.id === id);
          if (e.key === null) {
            expect(me).toBe(ordered.length - 1);
          } else {
            // After every existing event with the same or an earlier key.
            for (const other of ordered.slice(me + 1)) {
              if (other.key !== null) expect(other.key).toBeGreaterThan(e.key);
            }
          }
          // Positions stay distinct.
          expect(new Set(events.map((x) => x.position)).size).toBe(events.length);
        });
      }),
    );
  });
});

describe("placeInTurn (many new events at once, as the CSV import adds them)", () => {
  // Few distinct dates, so that equal keys, undated runs and out-of-order timelines are common.
  const when = fc.option(
    fc.record({
      y: fc.integer({ min: 2000, max: 2002 }),
      m: fc.integer({ min: 1, max: 3 }),
      d: fc.integer({ min: 1, max: 3 }),
      p: fc.constantFrom("DAY" as const, "MONTH" as const, "YEAR" as const),
    }),
    { nil: null, freq: 4 },
  );
  const toPlaced = (x: { y: number; m: number; d: number; p: "DAY" | "MONTH" | "YEAR" } | null) =>
    x === null ? { date: null, datePrecision: "UNKNOWN" as const } : { date: new Date(Date.UTC(x.y, x.m - 1, x.d)), datePrecision: x.p };
  // An existing timeline in any order (an advocate may have moved events), with gaps where
  // events were deleted, given in any order.
  const existingTimeline = fc
    .array(fc.record({ gap: fc.integer({ min: 1, max: 3 }), when }), { maxLength: 12 })
    .map((items) => {
      let position = -1;
      return items.map((item) => ({ position: (position += item.gap), ...toPlaced(item.when) }));
    })
    .chain((events) => fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));

  it("gives exactly the positions of placing them one by one (property)", () => {
    fc.assert(
      fc.property(existingTimeline, fc.array(when, { maxLength: 30 }), (existing, added) => {
        const news = added.map(toPlaced);
        expect(placeInTurn(existing, news)).toEqual(placeOneByOne(existing, news));
      }),
      { numRuns: 2000 },
    );
  });

  it("places 50,000 events of one case without a scan per event", () => {
    const news = Array.from({ length: 50_000 }, (_, i) =>
      i % 7 === 0 ? undated : dated(`20${String(10 + (i % 13)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`),
    );
    const placed = placeInTurn([at(0, "2015-01-01"), at(3), at(4, "2012-05")], news);
    expect(new Set([...placed.added, ...placed.existing]).size).toBe(50_003);
  });
});

describe("sortTimeline / activeTimeline", () => {
  it("sorts by position without mutating the input, stable for equal positions", () => {
    const input = [
      { position: 2, id: "c" },
      { position: 0, id: "a" },
      { position: 1, id: "b1" },
      { position: 1, id: "b2" },
    ];
    const copy = [...input];
    expect(sortTimeline(input).map((e) => e.id)).toEqual(["a", "b1", "b2", "c"]);
    expect(input).toEqual(copy);
  });

  it("drops soft-deleted events", () => {
    const input = [
      { position: 1, deletedAt: null, id: "b" },
      { position: 0, deletedAt: new Date(), id: "a" },
      { position: 2, id: "c" },
    ];
    expect(activeTimeline(input).map((e) => e.id)).toEqual(["b", "c"]);
  });
});
