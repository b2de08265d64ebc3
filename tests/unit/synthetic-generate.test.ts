// The synthetic generator: deterministic, independent of how it is chunked, and producing
// records the domain rules accept (derived columns from deriveCaseColumns, normalised names).
import { describe, expect, it } from "vitest";
import { deriveCaseColumns } from "@/lib/domain/case-derivation";
import { normalizeName } from "@/lib/domain/normalize-name";
import { SYNTHETIC_CUTOFF, generateChunk, generateReferenceData } from "../../scripts/lib/synthetic/generate";
import { Random } from "../../scripts/lib/synthetic/random";

describe("Random", () => {
  it("repeats the same sequence for the same seed, another for another seed", () => {
    const a = new Random(1);
    const b = new Random(1);
    const c = new Random(2);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("generateChunk", () => {
  const ref = generateReferenceData(1, 2000);

  it("is deterministic and does not depend on the chunk size", () => {
    const whole = generateChunk(1, 0, 200, ref);
    const halves = [generateChunk(1, 0, 100, ref), generateChunk(1, 100, 200, ref)];
    expect(JSON.stringify(whole)).toBe(JSON.stringify({ people: halves.flatMap((h) => h.people), cases: halves.flatMap((h) => h.cases) }));
    expect(JSON.stringify(generateChunk(2, 0, 50, ref))).not.toBe(JSON.stringify(generateChunk(1, 0, 50, ref)));
  });

  it("stores normalised names and the derived case columns of each timeline", () => {
    const { people, cases } = generateChunk(1, 0, 500, ref);
    for (const p of people) {
      expect(p.nameNormalized).toBe(normalizeName(p.name));
      for (const a of p.aliases) expect(a.nameNormalized).toBe(normalizeName(a.name));
    }
    for (const c of cases) {
      expect(c.columns).toEqual(deriveCaseColumns(c.events));
      expect(c.events.map((e) => e.position)).toEqual(c.events.map((_, i) => i));
    }
    expect(cases.length).toBeGreaterThan(people.length);
  });

  it("reports no news from the future: every event is dated on or before the cut-off", () => {
    const { cases } = generateChunk(1, 0, 2000, ref);
    const dates = cases.flatMap((c) => c.events.map((e) => e.date)).filter((d): d is Date => d !== null);
    expect(dates.length).toBeGreaterThan(2000);
    expect(dates.every((d) => d <= SYNTHETIC_CUTOFF)).toBe(true);
    expect(cases.every((c) => c.events.length > 0)).toBe(true);
  });

  it("looks like the real records: Perso-Arabic aliases, varied statuses, sentences with lashes", () => {
    const { people, cases } = generateChunk(1, 0, 1000, ref);
    expect(people.filter((p) => p.aliases.some((a) => a.script === "PERSO_ARABIC")).length).toBeGreaterThan(500);
    expect(new Set(cases.map((c) => c.columns.status)).size).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => (c.columns.effectiveLashes ?? 0) > 0)).toBe(true);
    expect(cases.some((c) => c.columns.arrestDate === null)).toBe(true);
    expect(cases.some((c) => c.events.some((e) => e.charges.some((ch) => ch.article === "Article 500")))).toBe(true);
  });
});
