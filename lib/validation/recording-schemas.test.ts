// The recording schemas: every rule has a failing and a passing example, and safeParse
// never throws, whatever arrives (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseSchema } from "./case";
import { eventSchema } from "./event";
import { fieldErrors } from "./field-errors";
import { incidentSchema } from "./incident";
import { toRials } from "./money";
import { guessScript, personSchema } from "./person";
import { courtSchema, facilitySchema } from "./place";
import { sourceSchema } from "./source";

const SCHEMAS = { personSchema, incidentSchema, caseSchema, eventSchema, sourceSchema, courtSchema, facilitySchema };

function errorsOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? {} : fieldErrors(r.error as never);
}

const src = { sourceIds: ["s1"] };

describe("safeParse never throws", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), (v) => {
          expect(() => schema.safeParse(v)).not.toThrow();
        }),
        { numRuns: 300 },
      );
    });
  }

  it("eventSchema on objects shaped like events", () => {
    const type = fc.constantFrom("ARREST", "BAIL", "SENTENCE", "APPEAL", "RELEASE", "DETENTION", "CHARGE", "NOPE");
    fc.assert(
      fc.property(
        fc.record(
          {
            type,
            date: fc.oneof(fc.string(), fc.constant(null)),
            datePrecision: fc.string(),
            amount: fc.oneof(fc.string(), fc.double()),
            prisonYears: fc.oneof(fc.double(), fc.integer()),
          },
          { requiredKeys: [] },
        ),
        (v) => {
          expect(() => eventSchema.safeParse(v)).not.toThrow();
        },
      ),
    );
  });
});

describe("person", () => {
  it("accepts a person with a Perso-Arabic alias", () => {
    const r = personSchema.safeParse({ name: " Fatima Ibrahimzadeh ", aliases: [{ name: "فاطمه ابراهیم زاده", script: "PERSO_ARABIC" }] });
    expect(r.success && r.data.name).toBe("Fatima Ibrahimzadeh");
  });
  it.each([
    [{ name: "  " }, "name", /Name is required/],
    [{ name: "A", role: "ADMIN" }, "role", /not a field/],
    [{ name: "A", version: 3 }, "version", /not a field/],
    [{ name: "A", ageYears: -1 }, "ageYears", /Age must not be negative/],
    [{ name: "A", ageYears: 1.5 }, "ageYears", /whole number/],
    [{ name: "A", ageYears: 131 }, "ageYears", /at most 130/],
    [{ name: "A", ageYears: 30, ageAsOf: "2999-01-01" }, "ageAsOf", /future/],
    [{ name: "A", ageAsOf: "2020-01-01" }, "ageYears", /enter the age/],
    [{ name: "A", provinceCode: "East Azerbaijan" }, "provinceCode", /ISO 3166-2/],
    [{ name: "A", aliases: [{ name: "A", script: "LATIN" }] }, "aliases.0.name", /twice or equals the name/],
    [{ name: "A", aliases: [{ name: "B", script: "KLINGON" }] }, "aliases.0.script", /script/],
    [{ name: "A\u0000" }, "name", /control characters/],
    [{ name: "x".repeat(301) }, "name", /at most 300/],
  ])("%j → %s", (value, field, message) => {
    expect(errorsOf(personSchema, value)[field]).toMatch(message);
  });
  it("guesses the script of an alias", () => {
    expect(guessScript("فاطمه")).toBe("PERSO_ARABIC");
    expect(guessScript("Fatma")).toBe("LATIN");
    expect(guessScript("Фатма")).toBe("OTHER");
  });
});

describe("event", () => {
  it("accepts each typed shape", () => {
    for (const e of [
      { type: "ARREST", date: "2020-07-16", datePrecision: "DAY", city: "Tabriz", circumstance: "AT_PROTEST", ...src },
      { type: "DETENTION", date: "2020-07", datePrecision: "MONTH", facility: "Evin prison", conditions: ["solitary_confinement"], ...src },
      { type: "BAIL", date: "2020", datePrecision: "YEAR", amount: "50,000,000", currency: "IRT", ...src },
      { type: "SENTENCE", prisonYears: 1, lashes: 60, charges: [{ text: "propaganda", article: "Article 500" }, { text: "insult" }], ...src },
      { type: "APPEAL", appealOutcome: "REDUCED", prisonYears: 1, ...src },
      { type: "RELEASE", releaseType: "ELECTRONIC_MONITORING", ...src },
      { type: "OTHER", newSources: [{ title: "A testimony", kind: "TESTIMONY", confidential: true }] },
    ]) {
      expect(eventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
    }
  });
  it.each([
    [{ type: "NOPE", ...src }, "type", /kind of event/],
    [{ type: "ARREST", date: "2999-01-01", datePrecision: "DAY", ...src }, "date", /future/],
    [{ type: "ARREST", date: "2020-02-30", datePrecision: "DAY", ...src }, "date", /not a real date/],
    [{ type: "ARREST", date: "2020-07", datePrecision: "DAY", ...src }, "datePrecision", /written as a month/],
    [{ type: "ARREST", date: null, datePrecision: "DAY", ...src }, "date", /enter the date/],
    [{ type: "ARREST", date: "16/07/2020", datePrecision: "DAY", ...src }, "date", /YYYY/],
    [{ type: "ARREST" }, "sourceIds", /at least one source/],
    [{ type: "ARREST", prisonYears: 3, ...src }, "prisonYears", /not a field/],
    [{ type: "SENTENCE", prisonYears: -1, ...src }, "prisonYears", /must not be negative/],
    [{ type: "SENTENCE", prisonYears: 2020, ...src }, "prisonYears", /at most 100/],
    [{ type: "SENTENCE", lashes: 2.5, ...src }, "lashes", /whole number/],
    [{ type: "SENTENCE", charges: [{}], ...src }, "charges.0.text", /charge as quoted or its article/],
    [{ type: "SENTENCE", fineAmount: "1000", ...src }, "fineCurrency", /choose a currency/],
    [{ type: "BAIL", amount: "-5", currency: "IRR", ...src }, "amount", /without a sign/],
    [{ type: "BAIL", amount: "5.123", currency: "IRR", ...src }, "amount", /2 decimals/],
    [{ type: "BAIL", amount: "5", currency: "TOMAN", ...src }, "currency", /3-letter code/],
    [{ type: "BAIL", currency: "IRR", ...src }, "amount", /enter the amount/],
    [{ type: "RELEASE", releaseType: "ESCAPED", ...src }, "releaseType", /kind of release/],
    [{ type: "DETENTION", conditions: ["Solitary Confinement"], ...src }, "conditions.0", /snake_case/],
    [{ type: "ARREST", sourceIds: ["s1", "s1"] }, "sourceIds", /listed twice/],
  ])("%j → %s", (value, field, message) => {
    expect(errorsOf(eventSchema, value)[field]).toMatch(message);
  });
});

describe("money", () => {
  it("normalises tomans to rials (× 10) and keeps rials as they are", () => {
    expect(toRials("50000000", "IRT")).toBe("500000000");
    expect(toRials("800000000", "IRR")).toBe("800000000");
    expect(toRials("1.25", "IRT")).toBe("13");
    expect(toRials("100", "USD")).toBeNull();
  });
  it("is exact for amounts a float cannot hold", () => {
    expect(toRials("9999999999999999999999.99", "IRT")).toBe("100000000000000000000000");
  });
});

describe("incident, case, source, court, facility", () => {
  it.each([
    [incidentSchema, { title: "Rally", reportedDetained: -3 }, "reportedDetained", /must not be negative/],
    [incidentSchema, { title: "Rally", reportedDetained: 40, country: "Iran" }, "country", /2-letter/],
    [incidentSchema, { title: "Rally", date: "2020", datePrecision: "MONTH" }, "datePrecision", /written as a year/],
    [caseSchema, { personId: "p1", status: "RELEASED" }, "status", /not a field/],
    [caseSchema, {}, "personId", /Person is required/],
    [sourceSchema, { title: "x", url: "javascript:alert(1)" }, "url", /http/],
    [sourceSchema, { title: "x", date: "2999" }, "date", /future/],
    [courtSchema, { name: "" }, "name", /Court is required/],
    [facilitySchema, { name: "Evin", id: "x" }, "id", /not a field/],
  ] as const)("%#: %j → %s", (schema, value, field, message) => {
    expect(errorsOf(schema, value)[field]).toMatch(message);
  });
  it.each([
    [incidentSchema, { title: "Rally", date: "2020-07", datePrecision: "MONTH", reportedDetained: 40, country: "ir" }],
    [caseSchema, { personId: "p1", incidentId: "" }],
    [sourceSchema, { title: "x", url: "https://example.org/a", date: "2020-10" }],
    [courtSchema, { name: "Second Criminal Court of Tabriz" }],
    [facilitySchema, { name: "Evin prison" }],
  ] as const)("%#: accepts %j", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });
});

describe("partialDate", () => {
  it("accepts a year, a month or a day, empty as null, and names the field when refusing", async () => {
    const { partialDate } = await import("@/lib/validation/fields");
    const f = partialDate("Date lashes carried out");
    expect(f.parse("2021")).toBe("2021");
    expect(f.parse("2021-03")).toBe("2021-03");
    expect(f.parse("2021-03-15")).toBe("2021-03-15");
    expect(f.parse("")).toBeNull();
    const bad = f.safeParse("2021-02-30");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Date lashes carried out: "2021-02-30" is not a real date');
    expect(f.safeParse("3000").error?.issues[0]?.message).toBe('Date lashes carried out: "3000" is in the future');
  });
});
