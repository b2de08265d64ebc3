// The shared text rules and the field schemas built on them: NUL and other control
// characters, lone surrogates, direction controls and invisible-only names are refused with
// a reason naming the field and the character; legitimate text (a Persian name with its
// zero-width non-joiner, a note with line breaks) passes unchanged.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { caseFilterSchema, parseCaseFilters } from "@/lib/validation/case-filters";
import { parseCaseTableApiParams } from "@/lib/validation/case-table";
import { parseDemoDataset } from "@/lib/validation/demo-dataset";
import { fieldErrors } from "@/lib/validation/field-errors";
import { optionalLongText, optionalText, requiredName, requiredText } from "@/lib/validation/fields";
import { incidentSchema } from "@/lib/validation/incident";
import { personSchema } from "@/lib/validation/person";
import { parseStatsQuery } from "@/lib/validation/stats-query";
import { describeCharacter, nameProblem, textProblem } from "@/lib/validation/text-rules";
import { inviteUserInput } from "@/lib/validation/users";
import { parseAuditTrailParams } from "@/lib/validation/audit-trail";

const errorsOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? {} : fieldErrors(r.error);
};

/** Persian "I want", written as Persian writes it: ZWNJ (U+200C) between "می" and "خواهم". */
const PERSIAN_WITH_ZWNJ = "می\u200Cخواهم";
const C0_EXCEPT_LINES = [...Array(32).keys()]
  .filter((c) => c !== 9 && c !== 10 && c !== 13)
  .map((c) => String.fromCharCode(c))
  .concat("\u007F");
const BIDI_CONTROLS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];

describe("textProblem", () => {
  it.each(C0_EXCEPT_LINES.map((c) => [describeCharacter(c), c]))("refuses %s anywhere in a text", (_name, c) => {
    for (const value of [c, `a${c}`, `${c}b`, `a${c}b`]) {
      expect(textProblem(value)).toMatch(/^contains a control character, U\+00[0-7][0-9A-F]/);
      expect(textProblem(value, { multiline: true })).toMatch(/^contains a control character/);
    }
  });

  it("names the character it refused", () => {
    expect(textProblem("a\u0000b")).toBe("contains a control character, U+0000 (NUL); control characters are not allowed here");
    expect(textProblem("a\u001Bb")).toMatch(/U\+001B \(ESCAPE\)/);
  });

  it("allows tab and line breaks in multi-line text only", () => {
    for (const c of ["\t", "\n", "\r", "\r\n"]) {
      expect(textProblem(`line one${c}line two`, { multiline: true })).toBeNull();
      expect(textProblem(`line one${c}line two`)).toMatch(/control character, U\+000[9AD]/);
    }
  });

  it("refuses lone surrogates and keeps well-formed pairs", () => {
    for (const lone of ["\uD800", "a\uD83D", "\uDC00b", "\uDFFF\uD800"]) expect(textProblem(lone)).toMatch(/lone UTF-16 surrogate/);
    expect(textProblem("\uD83D\uDE00 emoji")).toBeNull();
    expect(textProblem("𐎀 cuneiform")).toBeNull();
  });

  it("accepts any well-formed text without control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        const clean = s.replace(/[\u0000-\u001F\u007F]/g, "");
        expect(textProblem(clean)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("never throws, whatever the string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (s) => {
        const problem = textProblem(s);
        if (/[\u0000-\u001F\u007F]/.test(s) || !s.isWellFormed()) expect(problem).not.toBeNull();
        else expect(problem).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe("nameProblem", () => {
  it.each(BIDI_CONTROLS.map((c) => [describeCharacter(c), c]))("refuses the direction control %s and says which", (name, c) => {
    const problem = nameProblem(`${c}Fatima`);
    expect(problem).toContain(name);
    expect(problem).toMatch(/direction control .*refused, not removed/);
    expect(nameProblem(`Fa${c}tima`)).toContain(name);
  });

  it("refuses a name made only of zero-width or invisible characters", () => {
    for (const value of ["\u200B", "\u200C", "\u200D\u200D", "\u2060", "\uFEFF\u200B", " \u200B ", "\u00AD", "\u3164", "\u115F"]) {
      expect(nameProblem(value)).toMatch(/^has no visible character: it is made only of invisible characters such as U\+/);
    }
    expect(nameProblem("\u200B")).toContain("U+200B (ZERO WIDTH SPACE)");
  });

  it("keeps the zero-width non-joiner inside a Persian word", () => {
    expect(nameProblem(PERSIAN_WITH_ZWNJ)).toBeNull();
    expect(nameProblem(`سارا ${PERSIAN_WITH_ZWNJ}`)).toBeNull();
    // ZWJ in Malayalam and Sinhala conjuncts, and LRM/RLM, which direction-neutral text uses, stay too.
    expect(nameProblem("ന്‍")).toBeNull();
    expect(nameProblem("Ali\u200F")).toBeNull();
  });

  it("leaves blank text to the required rule", () => {
    expect(nameProblem("")).toBeNull();
    expect(nameProblem("   ")).toBeNull();
  });
});

describe("the field schemas", () => {
  it("refuse NUL in every kind of text field, naming the field", () => {
    expect(errorsOf(requiredText("Title"), "a\u0000")).toEqual({
      _form: "Title contains a control character, U+0000 (NUL); control characters are not allowed here",
    });
    expect(errorsOf(optionalText("City"), "\u0000")).toEqual({ _form: expect.stringMatching(/^City contains a control character, U\+0000/) });
    expect(errorsOf(optionalLongText("Note"), "x\u0000")).toEqual({
      _form: expect.stringMatching(/^Note contains a control character, U\+0000 \(NUL\); of the control characters/),
    });
  });

  it("allow line breaks and tabs in notes, not in one-line fields", () => {
    expect(optionalLongText("Note").parse("first\n\tsecond\r\nthird")).toBe("first\n\tsecond\r\nthird");
    expect(errorsOf(optionalText("City"), "Tab\nriz")._form).toMatch(/^City contains a control character, U\+000A \(LINE FEED\)/);
    expect(errorsOf(requiredText("Title"), "a\tb")._form).toMatch(/U\+0009 \(TAB\)/);
  });

  it("refuse lone surrogates", () => {
    expect(errorsOf(requiredText("Title"), "broken \uD800 text")._form).toMatch(/^Title contains invalid text \(a lone UTF-16 surrogate, U\+D800\)/);
  });

  it("refuse direction controls and invisible-only text in names, and nowhere else", () => {
    expect(errorsOf(requiredName("Name"), "\u202Eimazrob")._form).toBe(
      "Name contains the invisible direction control U+202E (RIGHT-TO-LEFT OVERRIDE), which can make one name look like another; remove it (it is refused, not removed for you)",
    );
    expect(errorsOf(requiredName("Name"), "\u200B\u200B")._form).toMatch(/^Name has no visible character/);
    // A note may quote text with direction controls; only names are compared in lists.
    expect(optionalLongText("Note").parse("quoted \u202Bمتن\u202C")).toBe("quoted \u202Bمتن\u202C");
  });

  it("accept a Persian name with ZWNJ unchanged", () => {
    expect(requiredName("Name").parse(PERSIAN_WITH_ZWNJ)).toBe(PERSIAN_WITH_ZWNJ);
    const person = personSchema.parse({ name: "Sara", aliases: [{ name: PERSIAN_WITH_ZWNJ, script: "PERSO_ARABIC" }] });
    expect(person.aliases[0]!.name).toBe(PERSIAN_WITH_ZWNJ);
  });

  it("apply to a person's name and aliases, an incident's fields and an account's name", () => {
    expect(errorsOf(personSchema, { name: "\u2067Fatima\u2069" }).name).toMatch(/U\+2067 \(RIGHT-TO-LEFT ISOLATE\)/);
    expect(errorsOf(personSchema, { name: "Fatima", aliases: [{ name: "\u200D", script: "LATIN" }] })["aliases.0.name"]).toMatch(
      /^Alias has no visible character/,
    );
    expect(errorsOf(personSchema, { name: "Fatima", homeCity: "Tabriz\u0000" }).homeCity).toMatch(/^Home city contains a control character, U\+0000/);
    expect(errorsOf(personSchema, { name: "Fatima", restrictedNotes: "line\u0007" }).restrictedNotes).toMatch(/U\+0007 \(BELL\)/);
    expect(errorsOf(incidentSchema, { title: "Rally\u0000" }).title).toMatch(/^Title contains a control character/);
    expect(errorsOf(inviteUserInput, { name: "\u202Dadmin", email: "a@example.org", role: "VIEWER", method: "link" }).name).toMatch(
      /direction control U\+202D/,
    );
  });
});

describe("URL filters", () => {
  it("the API readers answer the parameter and the reason", () => {
    for (const key of ["q", "city", "province", "incident", "court", "article", "charge", "sentenceCourt", "sentenceBranch"]) {
      const parsed = parseCaseTableApiParams(new URLSearchParams({ [key]: "a\u0000b" }));
      expect(parsed).toEqual({ ok: false, problems: [{ field: key, reason: expect.stringMatching(/^contains a control character, U\+0000 \(NUL\)/) }] });
      if (key === "q") continue; // not an aggregate filter at all
      expect(parseStatsQuery(new URLSearchParams({ [key]: "\u0000" }))).toEqual({
        ok: false,
        field: key,
        message: expect.stringMatching(/^contains a control character/),
      });
    }
  });

  it("the pages drop the filter (a shared link never breaks the page)", () => {
    expect(parseCaseFilters({ city: "\u0000", article: "498" })).toEqual({ article: "498" });
    expect(caseFilterSchema.safeParse({ court: "x\u001F" }).success).toBe(false);
    expect(parseAuditTrailParams({ record: "ab\u0000", id: "\u0000" })).toMatchObject({ ignored: [{ field: "id" }, { field: "record" }] });
  });
});

describe("the demo dataset format", () => {
  it("refuses direction controls in names and lone surrogates anywhere", () => {
    const data = JSON.parse(readFileSync("prisma/demo/seed-cases.json", "utf8")) as {
      people: { name: string; aliases: string[] }[];
      sources: { title: string }[];
    };
    data.people[0]!.name = "\u202EFatima";
    data.people[1]!.aliases = ["\u200B"];
    data.sources[0]!.title = "Report \uDC00";
    const result = parseDemoDataset(data);
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((p) => `${p.record} ${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^people\[0\].* name: contains the invisible direction control U\+202E/),
        expect.stringMatching(/^people\[1\].* aliases\[0\]: has no visible character/),
        expect.stringMatching(/^sources\[0\].* title: contains invalid text \(a lone UTF-16 surrogate/),
      ]),
    );
  });
});
