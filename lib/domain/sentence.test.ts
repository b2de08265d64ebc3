import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveSentence, firstInstanceSentence, prisonTermDays } from "./sentence";
import { ev, timeline } from "./test-events";

describe("prisonTermDays", () => {
  it("counts 365 days a year and 30 a month, as domain.md defines", () => {
    expect(prisonTermDays({ years: 0, months: 7, days: 16 })).toBe(226);
    expect(prisonTermDays({ years: 1, months: 0, days: 0 })).toBe(365);
    expect(prisonTermDays({ years: 2, months: 7, days: 0 })).toBe(940);
    expect(prisonTermDays({ years: 4, months: 0, days: 0 })).toBe(1460);
    expect(prisonTermDays({ years: 0, months: 4, days: 0 })).toBe(120);
    expect(prisonTermDays({ years: 0, months: 0, days: 0 })).toBe(0);
  });

  it("counts missing parts as 0 when at least one part is stated", () => {
    expect(prisonTermDays({ years: null, months: 7, days: null })).toBe(210);
    expect(prisonTermDays({ days: 45 })).toBe(45);
  });

  it("is null when no term is stated (not 0)", () => {
    expect(prisonTermDays(null)).toBeNull();
    expect(prisonTermDays(undefined)).toBeNull();
    expect(prisonTermDays({ years: null, months: null, days: null })).toBeNull();
    expect(prisonTermDays({})).toBeNull();
  });

  it("rejects negative or fractional parts", () => {
    expect(() => prisonTermDays({ years: -1, months: 0, days: 0 })).toThrow(RangeError);
    expect(() => prisonTermDays({ years: 0, months: 1.5, days: 0 })).toThrow(RangeError);
  });

  const part = fc.integer({ min: 0, max: 100 });
  const term = fc.record({ years: part, months: part, days: part });

  it("is non-negative (property)", () => {
    fc.assert(fc.property(term, (t) => (prisonTermDays(t) ?? -1) >= 0));
  });

  it("is linear: the days of a sum of terms are the sum of their days (property)", () => {
    fc.assert(
      fc.property(term, term, (a, b) => {
        const sum = { years: a.years + b.years, months: a.months + b.months, days: a.days + b.days };
        expect(prisonTermDays(sum)).toBe(prisonTermDays(a)! + prisonTermDays(b)!);
      }),
    );
  });

  it("scales with the term (property)", () => {
    fc.assert(
      fc.property(term, fc.integer({ min: 0, max: 20 }), (t, k) => {
        const scaled = { years: k * t.years, months: k * t.months, days: k * t.days };
        expect(prisonTermDays(scaled)).toBe(k * prisonTermDays(t)!);
      }),
    );
  });

  it("equals the unit formula on each unit (property)", () => {
    fc.assert(
      fc.property(part, (n) => {
        expect(prisonTermDays({ years: n, months: 0, days: 0 })).toBe(n * 365);
        expect(prisonTermDays({ years: 0, months: n, days: 0 })).toBe(n * 30);
        expect(prisonTermDays({ years: 0, months: 0, days: n })).toBe(n);
      }),
    );
  });
});

const fourYears = { prisonYears: 4, prisonMonths: 0, prisonDays: 0 };
const oneYear = { prisonYears: 1, prisonMonths: 0, prisonDays: 0 };

describe("firstInstanceSentence", () => {
  it("is null without a SENTENCE", () => {
    expect(firstInstanceSentence([])).toBeNull();
    expect(firstInstanceSentence(timeline(ev("ARREST", { on: "2020-10-18" }), ev("RELEASE")))).toBeNull();
  });

  it("is the first SENTENCE in position order, not in array order", () => {
    const events = [
      { ...ev("SENTENCE", { ...oneYear, lashes: 10 }), position: 5 },
      { ...ev("SENTENCE", { ...fourYears, lashes: 0 }), position: 2 },
    ];
    const first = firstInstanceSentence(events);
    expect(first?.prisonDays).toBe(1460);
    expect(first?.lashes).toBe(0);
    expect(first?.event?.position).toBe(2);
  });

  it("reports the terms as pronounced, the days, the lashes and the fine", () => {
    const s = ev("SENTENCE", {
      prisonYears: 0,
      prisonMonths: 7,
      prisonDays: 16,
      lashes: 74,
      fineAmount: 800000,
      fineCurrency: "IRR",
    });
    expect(firstInstanceSentence([s])).toEqual({
      event: s,
      prison: { years: 0, months: 7, days: 16 },
      prisonDays: 226,
      lashes: 74,
      fine: { amount: "800000", currency: "IRR" },
    });
  });

  it("accepts a Decimal-like fine amount and keeps it as text", () => {
    const decimal = { toString: () => "800000.50" };
    const s = ev("SENTENCE", { fineAmount: decimal, fineCurrency: "IRR", lashes: 0 });
    expect(firstInstanceSentence([s])?.fine).toEqual({ amount: "800000.50", currency: "IRR" });
  });

  it("ignores an APPEAL (it is not a first-instance sentence)", () => {
    const events = timeline(ev("APPEAL", { ...oneYear, appealOutcome: "REDUCED" }), ev("SENTENCE", { ...fourYears }));
    expect(firstInstanceSentence(events)?.prisonDays).toBe(1460);
  });

  it("skips soft-deleted events", () => {
    const events = timeline(ev("SENTENCE", { ...fourYears, deletedAt: new Date() }), ev("SENTENCE", { ...oneYear }));
    expect(firstInstanceSentence(events)?.prisonDays).toBe(365);
  });

  it("ignores a LOW-confidence SENTENCE when a more confident one exists", () => {
    const events = timeline(
      ev("SENTENCE", { prisonYears: 3, prisonMonths: 0, prisonDays: 0, confidence: "LOW" }),
      ev("SENTENCE", { ...fourYears, confidence: "MEDIUM" }),
    );
    expect(firstInstanceSentence(events)?.prisonDays).toBe(1460);
  });

  it("keeps a LOW-confidence SENTENCE when it is all there is", () => {
    const events = timeline(
      ev("SENTENCE", { prisonYears: 3, prisonMonths: 0, prisonDays: 0, confidence: "LOW" }),
      ev("SENTENCE", { ...fourYears, confidence: "LOW" }),
    );
    expect(firstInstanceSentence(events)?.prisonDays).toBe(1095);
  });

  it("is the first SENTENCE even when it states no terms (numbers null)", () => {
    const s = ev("SENTENCE");
    expect(firstInstanceSentence([s])).toEqual({ event: s, prison: null, prisonDays: null, lashes: null, fine: null });
  });
});

describe("effectiveSentence", () => {
  it("is null without a SENTENCE or APPEAL", () => {
    expect(effectiveSentence([])).toBeNull();
    expect(effectiveSentence(timeline(ev("ARREST"), ev("CHARGE"), ev("TRIAL")))).toBeNull();
  });

  it("is the first-instance sentence when nothing follows it", () => {
    const events = timeline(ev("ARREST"), ev("SENTENCE", { prisonYears: 0, prisonMonths: 4, prisonDays: 0, lashes: 20 }));
    const eff = effectiveSentence(events);
    expect(eff?.prisonDays).toBe(120);
    expect(eff?.lashes).toBe(20);
    expect(eff?.event?.type).toBe("SENTENCE");
  });

  it("takes an APPEAL's new terms; a term the appeal leaves null carries over", () => {
    // 4 years and 30 lashes, reduced on appeal to 1 year; the appeal says nothing on lashes.
    const events = timeline(ev("SENTENCE", { ...fourYears, lashes: 30 }), ev("APPEAL", { ...oneYear, lashes: null, appealOutcome: "REDUCED" }));
    const eff = effectiveSentence(events);
    expect(eff?.prison).toEqual({ years: 1, months: 0, days: 0 });
    expect(eff?.prisonDays).toBe(365);
    expect(eff?.lashes).toBe(30);
    expect(eff?.event?.type).toBe("APPEAL");
  });

  it("carries the prison term and fine over when an appeal only changes lashes", () => {
    const events = timeline(
      ev("SENTENCE", { ...fourYears, lashes: 74, fineAmount: "1000", fineCurrency: "IRR" }),
      ev("APPEAL", { lashes: 0, appealOutcome: "REDUCED" }),
    );
    expect(effectiveSentence(events)).toMatchObject({
      prisonDays: 1460,
      lashes: 0,
      fine: { amount: "1000", currency: "IRR" },
    });
  });

  it("keeps the sentence when an appeal states no terms (e.g. upheld)", () => {
    const events = timeline(ev("SENTENCE", { ...oneYear, lashes: 60 }), ev("APPEAL", { appealOutcome: "UPHELD" }));
    const eff = effectiveSentence(events);
    expect(eff?.prisonDays).toBe(365);
    expect(eff?.lashes).toBe(60);
    expect(eff?.event?.type).toBe("SENTENCE");
  });

  it("is the last terms-stating SENTENCE or APPEAL (an increased appeal counts)", () => {
    const events = timeline(
      ev("SENTENCE", { ...oneYear, lashes: 0 }),
      ev("APPEAL", { prisonYears: 2, prisonMonths: 0, prisonDays: 0, appealOutcome: "INCREASED" }),
    );
    expect(effectiveSentence(events)?.prisonDays).toBe(730);
  });

  it("is zero after an APPEAL with outcome OVERTURNED", () => {
    const events = timeline(ev("SENTENCE", { ...fourYears, lashes: 74, fineAmount: 5, fineCurrency: "IRR" }), ev("APPEAL", { appealOutcome: "OVERTURNED" }));
    expect(effectiveSentence(events)).toEqual({
      event: events[1],
      prison: { years: 0, months: 0, days: 0 },
      prisonDays: 0,
      lashes: 0,
      fine: null,
    });
    // The first-instance sentence is unchanged: charts say which of the two they show.
    expect(firstInstanceSentence(events)?.prisonDays).toBe(1460);
  });

  it("is zero after an ACQUITTAL that follows a sentence", () => {
    const events = timeline(ev("SENTENCE", { ...oneYear, lashes: 60 }), ev("ACQUITTAL"));
    expect(effectiveSentence(events)).toMatchObject({ prisonDays: 0, lashes: 0 });
  });

  it("stays null after an ACQUITTAL with no sentence before it (acquitted at trial)", () => {
    expect(effectiveSentence(timeline(ev("CHARGE"), ev("ACQUITTAL", { on: "2020-08" })))).toBeNull();
  });

  it("is replaced by a later sentence after a cancellation (retrial)", () => {
    const events = timeline(
      ev("SENTENCE", { ...fourYears, lashes: 0 }),
      ev("APPEAL", { appealOutcome: "OVERTURNED" }),
      ev("SENTENCE", { ...oneYear, lashes: 10 }),
    );
    expect(effectiveSentence(events)).toMatchObject({ prisonDays: 365, lashes: 10 });
  });

  it("ignores a LOW-confidence SENTENCE after an appeal when a confident SENTENCE exists", () => {
    // Salar Tahir Afshar's shape: 4 years, reduced to 1 on appeal, and a conflicting
    // low-confidence report of a 3-year sentence listed afterwards.
    const events = timeline(
      ev("SENTENCE", { ...fourYears, lashes: 0, confidence: "MEDIUM" }),
      ev("APPEAL", { ...oneYear, lashes: null, appealOutcome: "REDUCED", confidence: "MEDIUM" }),
      ev("SENTENCE", { prisonYears: 3, prisonMonths: 0, prisonDays: 0, lashes: 0, confidence: "LOW" }),
    );
    expect(effectiveSentence(events)).toMatchObject({ prisonDays: 365, lashes: 0 });
    expect(firstInstanceSentence(events)).toMatchObject({ prisonDays: 1460, lashes: 0 });
  });

  it("ignores soft-deleted appeals and acquittals", () => {
    const events = timeline(
      ev("SENTENCE", { ...fourYears, lashes: 0 }),
      ev("APPEAL", { ...oneYear, appealOutcome: "REDUCED", deletedAt: new Date() }),
      ev("ACQUITTAL", { deletedAt: new Date() }),
    );
    expect(effectiveSentence(events)?.prisonDays).toBe(1460);
  });

  it("does not let a terms-less SENTENCE erase the terms of an earlier one", () => {
    const events = timeline(ev("SENTENCE", { ...oneYear, lashes: 60 }), ev("SENTENCE", { confidence: "MEDIUM" }));
    expect(effectiveSentence(events)).toMatchObject({ prisonDays: 365, lashes: 60 });
  });

  it("takes an APPEAL's terms as they are when there is no sentence to revise", () => {
    const events = timeline(ev("APPEAL", { ...oneYear, appealOutcome: "REDUCED" }));
    expect(effectiveSentence(events)).toMatchObject({ prisonDays: 365, lashes: null, fine: null });
  });

  it("never has negative numbers (property)", () => {
    const n = fc.option(fc.integer({ min: 0, max: 50 }), { nil: null });
    const termEvent = fc.record({
      type: fc.constantFrom("SENTENCE" as const, "APPEAL" as const, "ACQUITTAL" as const, "ARREST" as const),
      prisonYears: n,
      prisonMonths: n,
      prisonDays: n,
      lashes: n,
      appealOutcome: fc.constantFrom(null, "UPHELD" as const, "REDUCED" as const, "OVERTURNED" as const),
      confidence: fc.constantFrom("HIGH" as const, "MEDIUM" as const, "LOW" as const),
    });
    fc.assert(
      fc.property(fc.array(termEvent, { maxLength: 8 }), (specs) => {
        const events = timeline(...specs.map(({ type, ...fields }) => ev(type, fields)));
        for (const s of [firstInstanceSentence(events), effectiveSentence(events)]) {
          if (s === null) continue;
          expect(s.prisonDays === null || s.prisonDays >= 0).toBe(true);
          expect(s.lashes === null || s.lashes >= 0).toBe(true);
        }
      }),
    );
  });
});
