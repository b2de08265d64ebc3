// Who counts as a minor in a public report, and how their names are reduced to initials.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRedactor, initials, isMinor, NO_REDACTION } from "@/lib/report/redaction";
import type { AgeFacts } from "@/lib/report/types";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const facts = (over: Partial<AgeFacts>): AgeFacts => ({ ageYears: null, ageAsOf: null, birthYear: null, vulnerabilities: [], episodeDates: [], ...over });

describe("isMinor", () => {
  it("takes the MINOR vulnerability", () => {
    expect(isMinor(facts({ vulnerabilities: ["MINOR"] }))).toBe(true);
  });

  it("takes an age under 18 (the age at the time it was recorded)", () => {
    expect(isMinor(facts({ ageYears: 13, ageAsOf: d("2020-10-18") }))).toBe(true);
    expect(isMinor(facts({ ageYears: 17 }))).toBe(true);
    expect(isMinor(facts({ ageYears: 18, ageAsOf: d("2020-10-18"), episodeDates: [d("2020-10-18")] }))).toBe(false);
  });

  it("reads a birth year against the dates of the person's episodes, counting a possible 17 as a minor", () => {
    expect(isMinor(facts({ birthYear: 2004, episodeDates: [d("2020-10-18")] }))).toBe(true); // 16
    expect(isMinor(facts({ birthYear: 2002, episodeDates: [d("2020-10-18")] }))).toBe(true); // 17 or 18
    expect(isMinor(facts({ birthYear: 2001, episodeDates: [d("2020-10-18")] }))).toBe(false); // 18 or 19
    // A minor at an earlier arrest stays one in the report, whatever their age today.
    expect(isMinor(facts({ birthYear: 1990, episodeDates: [d("2021-01-01"), d("2006-05-01")] }))).toBe(true);
    expect(isMinor(facts({ birthYear: 1990, episodeDates: [] }))).toBe(false);
  });

  it("derives the birth year from an adult age given for an episode", () => {
    // 19 on 1 Jun 2020 → 16 or 17 on 1 Mar 2018; 18 on 1 Jul 2019 (at least).
    expect(isMinor(facts({ ageYears: 19, ageAsOf: d("2020-06-01"), episodeDates: [d("2018-03-01")] }))).toBe(true);
    expect(isMinor(facts({ ageYears: 19, ageAsOf: d("2020-06-01"), episodeDates: [d("2019-07-01")] }))).toBe(false);
    expect(isMinor(facts({ ageYears: 19, ageAsOf: d("2020-06-01"), episodeDates: [d("2019-05-01")] }))).toBe(true);
    expect(isMinor(facts({ ageYears: 40, ageAsOf: d("2020-06-01"), episodeDates: [d("2018-03-01")] }))).toBe(false);
  });

  it("is false with nothing known", () => {
    expect(isMinor(facts({}))).toBe(false);
  });
});

describe("initials", () => {
  it("keeps the first letter of each word, in any script", () => {
    expect(initials("Kovsar Nemati")).toBe("K. N.");
    expect(initials("کوثر نعمتی")).toBe("ک. ن.");
    expect(initials("şahin ağayev")).toBe("Ş. A.");
    expect(initials("Salar Tahir-Afshar")).toBe("S. T. A.");
  });
});

describe("createRedactor", () => {
  const kovsar = { names: ["Kovsar Nemati", "کوثر نعمتی"], wordsAlone: true };

  it("reduces a minor's full name and aliases to initials, in both scripts", () => {
    const r = createRedactor([kovsar], ["Fatma Ibrahimzade"]);
    expect(r.text("Arrested in Tabriz with her 13-year-old daughter Kovsar Nemati.")).toBe("Arrested in Tabriz with her 13-year-old daughter K. N.");
    expect(r.text("دخترش کوثر نعمتی بازداشت شد")).toBe("دخترش ک. ن. بازداشت شد");
    expect(r.text("Fatma Ibrahimzade")).toBe("Fatma Ibrahimzade");
  });

  it("matches other spellings and cases through the normalised form", () => {
    const r = createRedactor([kovsar], []);
    expect(r.text("KOVSAR NEMATI and Kövsər were held")).toBe("K. N. and K. were held");
    expect(r.text("https://example.org/news/kovsar-nemati-released")).toBe("https://example.org/news/K.-N.-released");
  });

  it("reduces a word of the name standing alone, unless an adult named in the document shares it", () => {
    const r = createRedactor([kovsar], ["Ali Nemati"]);
    expect(r.text("Kovsar was released.")).toBe("K. was released.");
    expect(r.text("Her father Ali Nemati spoke.")).toBe("Her father Ali Nemati spoke.");
    // Within the minor's full name the shared surname goes too.
    expect(r.text("Kovsar Nemati was released.")).toBe("K. N. was released.");
  });

  it("redacts only whole names of minors found in free text", () => {
    const r = createRedactor([{ names: ["Ali Rezaei"], wordsAlone: false }], []);
    expect(r.text("Ali Rezaei, 15, and Ali Karimi")).toBe("A. R., 15, and Ali Karimi");
  });

  it("leaves text without any minor's name exactly as it was", () => {
    const r = createRedactor([kovsar], []);
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/kov|nem|کوثر|نعمتی/i.test(s));
        expect(r.text(s)).toBe(s);
      }),
    );
    expect(NO_REDACTION.text("Kovsar Nemati")).toBe("Kovsar Nemati");
    expect(createRedactor([], ["x"])).toBe(NO_REDACTION);
  });

  it("never leaves a minor's full name in its output", () => {
    const r = createRedactor([kovsar], ["Fatma Ibrahimzade"]);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("Kovsar Nemati", "kovsar nemati", "کوثر نعمتی", "with", " ", ".", "-", "Fatma", "\n", "(", ")"), { maxLength: 12 }),
        (parts) => {
          const out = r.text(parts.join(" "));
          expect(out.toLowerCase()).not.toContain("kovsar");
          expect(out).not.toContain("کوثر");
          expect(out).not.toContain("نعمتی");
        },
      ),
    );
  });
});
