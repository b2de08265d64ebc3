// The exchange file's validation without a database: a small valid file, problems named by
// record and field, references and counts, never a throw on arbitrary input (fast-check),
// and the derivation the importer runs on the file's events.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EVENT_FIELDS, type FieldDef } from "@/lib/events/registry";
import { deriveExchangeCase } from "@/lib/exchange/derived";
import {
  EVENT_TYPED_MEMBERS,
  VERSION_1_EVENT_FIELDS,
  emptyExchangeEventFields,
  typedMembersOf,
  type ExchangeDocument,
  type ExchangeEvent,
} from "@/lib/exchange/schema";
import { parseExchangeDocument } from "@/lib/exchange/validate";

const T = "2026-11-24T01:02:03.456Z";
const life = { createdAt: T, updatedAt: T, deletedAt: null };

function event(over: Partial<ExchangeEvent>): ExchangeEvent {
  return {
    key: "e",
    position: 0,
    type: "OTHER",
    date: null,
    datePrecision: "UNKNOWN",
    dateText: null,
    description: null,
    confidence: "HIGH",
    note: null,
    ...emptyExchangeEventFields(),
    sourceKeys: [],
    ...life,
    ...over,
  };
}

const events = [
  event({ key: "c-1#0", position: 0, type: "ARREST", date: "2020-07-16", datePrecision: "DAY", city: "Tabriz", sourceKeys: ["src-1"] }),
  event({ key: "c-1#1", position: 1, type: "DETENTION", date: "2020-07-01", datePrecision: "MONTH", facility: "Tabriz Central Prison" }),
  event({
    key: "c-1#2",
    position: 2,
    type: "SENTENCE",
    prisonMonths: 7,
    prisonDays: 16,
    lashes: 74,
    court: "Revolutionary Court of Tabriz",
    branch: "Branch 1",
    charges: [{ position: 0, text: "Propaganda", article: "Article 500" }],
  }),
];

function doc(): ExchangeDocument {
  return {
    format: "detainee-case-tracker",
    version: 1,
    exportedAt: T,
    scope: "complete",
    counts: { courts: 1, facilities: 1, sources: 1, incidents: 0, people: 1, cases: 1, events: 3 },
    courts: [{ name: "Revolutionary Court of Tabriz", city: "Tabriz", createdAt: T }],
    facilities: [{ name: "Tabriz Central Prison", city: "Tabriz", createdAt: T }],
    sources: [
      {
        key: "src-1",
        title: "Statement",
        publisher: null,
        kind: "NGO_STATEMENT",
        url: null,
        date: null,
        datePrecision: "UNKNOWN",
        language: null,
        confidential: false,
        via: null,
        ...life,
      },
    ],
    incidents: [],
    people: [
      {
        key: "p-1",
        name: "Test Person",
        gender: "FEMALE",
        ageYears: null,
        ageAsOf: null,
        birthYear: null,
        homeCity: null,
        province: null,
        provinceCode: null,
        vulnerabilities: ["MINOR"],
        description: null,
        restrictedNotes: "family contact",
        isSynthetic: false,
        aliases: [{ name: "تست", script: "PERSO_ARABIC" }],
        relations: [],
        sourceKeys: ["src-1"],
        ...life,
      },
    ],
    cases: [{ key: "c-1", personKey: "p-1", incidentKey: null, summary: null, isSynthetic: false, ...life, derived: deriveExchangeCase({ events }), events }],
  };
}

describe("parseExchangeDocument", () => {
  it("accepts a small complete file", () => {
    const parsed = parseExchangeDocument(JSON.parse(JSON.stringify(doc())));
    expect(parsed).toEqual({ ok: true, data: doc() });
  });

  it("names the record and the field of each problem", () => {
    const bad = JSON.parse(JSON.stringify(doc())) as Record<string, unknown> & ExchangeDocument;
    (bad.people[0] as Record<string, unknown>).vulnerabilities = ["MINOR", "minor"];
    (bad.people[0]!.aliases[0] as Record<string, unknown>).script = "ARABIC";
    (bad.cases[0]!.events[2] as Record<string, unknown>).fineAmount = 12.5;
    (bad.cases[0]!.events[2]!.charges[0] as Record<string, unknown>).extra = 1;
    bad.cases[0]!.events[1]!.facility = "Evin";
    const parsed = parseExchangeDocument(bad);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      {
        record: "people[0] (p-1)",
        field: "vulnerabilities[1]",
        message: "must be one of MINOR, ELDERLY, DISABILITY, CHRONIC_ILLNESS, PREGNANT, DETAINED_WITH_CHILD",
      },
      { record: "people[0] (p-1).aliases[0] (تست)", field: "script", message: "must be one of LATIN, PERSO_ARABIC, OTHER" },
      { record: "cases[0] (c-1).events[2] (c-1#2)", field: "fineAmount", message: "must be a decimal number written as a string" },
      {
        record: "cases[0] (c-1).events[2] (c-1#2).charges[0]",
        field: "extra",
        message: "is not a field of this format (version 1); remove it or check its spelling",
      },
    ]);
    // References are checked once the shapes are right.
    const fixed = JSON.parse(JSON.stringify(doc())) as ExchangeDocument;
    fixed.cases[0]!.events[1]!.facility = "Evin";
    fixed.cases[0]!.events.push({ ...fixed.cases[0]!.events[0]!, position: 3 });
    fixed.counts.events = 4;
    const refs = parseExchangeDocument(fixed);
    expect(refs.ok ? [] : refs.problems).toEqual([
      { record: "cases[0] (c-1).events[3] (c-1#0)", field: "key", message: 'event key "c-1#0" appears more than once' },
      { record: "cases[0] (c-1).events[1] (c-1#1)", field: "facility", message: 'names facility "Evin", which is not in the file' },
    ]);
  });

  it("never throws, whatever JSON it is given", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseExchangeDocument(value);
        expect(parsed.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("__proto__", "constructor", "people", "cases", "format", "x"), fc.jsonValue()), (value) => {
        expect(() => parseExchangeDocument({ ...doc(), ...value })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("the event's typed fields, from the registry", () => {
  const problemsOf = (edit: (d: ExchangeDocument) => void) => {
    const d = JSON.parse(JSON.stringify(doc())) as ExchangeDocument;
    edit(d);
    const parsed = parseExchangeDocument(d);
    return parsed.ok ? [] : parsed.problems;
  };

  it("refuses a typed field the event's type does not carry (a SENTENCE carries no facility)", () => {
    expect(problemsOf((d) => (d.cases[0]!.events[2]!.facility = "Tabriz Central Prison"))).toEqual([
      { record: "cases[0] (c-1).events[2] (c-1#2)", field: "facility", message: "is not a field of SENTENCE events; leave it null" },
    ]);
    expect(
      problemsOf((d) => {
        d.cases[0]!.events[0]!.conditions = ["no_visits"];
        d.cases[0]!.events[1]!.amountRials = "10";
      }),
    ).toEqual([
      { record: "cases[0] (c-1).events[0] (c-1#0)", field: "conditions", message: "is not a field of ARREST events; leave it empty" },
      { record: "cases[0] (c-1).events[1] (c-1#1)", field: "amountRials", message: "is not a field of DETENTION events; leave it null" },
    ]);
  });

  it("carries charges as stored, whatever the event's type (a table of their own)", () => {
    expect(problemsOf((d) => (d.cases[0]!.events[1]!.charges = [{ position: 0, text: "Propaganda", article: null }]))).toEqual([]);
  });

  it("applies the type's rules to the stored values (an amount needs its currency)", () => {
    const problems = problemsOf((d) => {
      d.cases[0]!.events.push(event({ key: "c-1#3", position: 3, type: "BAIL", amount: "500", amountRials: "500" }));
      d.counts.events = 4;
    });
    expect(problems).toEqual([{ record: "cases[0] (c-1).events[3] (c-1#3)", field: "currency", message: expect.stringContaining("choose a currency") }]);
  });

  it("lists the members in the order of the file, version 1's fields first of all required", () => {
    // The exported object's typed members: the registry's order, a money field's rials after its pair, charges last.
    expect(EVENT_TYPED_MEMBERS.map((m) => m.name)).toEqual([
      "city",
      "place",
      "authority",
      "circumstance",
      "facility",
      "conditions",
      "amount",
      "currency",
      "amountRials",
      "court",
      "branch",
      "judge",
      "prisonYears",
      "prisonMonths",
      "prisonDays",
      "lashes",
      "lashesCarriedOut",
      "lashesCarriedOutDate",
      "lashesCarriedOutDatePrecision",
      "fineAmount",
      "fineCurrency",
      "otherPenalties",
      "suspended",
      "appealOutcome",
      "releaseType",
      "treatmentKinds",
      "injuries",
      "charges",
    ]);
    // Version 1's fields are registry fields, in the registry's order; fields added later are not among them.
    expect(Object.keys(EVENT_FIELDS).filter((k) => (VERSION_1_EVENT_FIELDS as readonly string[]).includes(k))).toEqual(VERSION_1_EVENT_FIELDS);
    expect(VERSION_1_EVENT_FIELDS).not.toContain("lashesCarriedOut");
    expect(EVENT_TYPED_MEMBERS.filter((m) => m.schema.safeParse(undefined).success).map((m) => m.name)).toEqual([
      "lashesCarriedOut",
      "lashesCarriedOutDate",
      "lashesCarriedOutDatePrecision",
    ]);
  });

  it("lets a field added after version 1 be absent (null, [] or UNKNOWN), and only such a field", () => {
    const fields: Record<string, FieldDef> = {
      ...(EVENT_FIELDS as unknown as Record<string, FieldDef>),
      carriedOut: { kind: "boolean", label: "Carried out", labelKey: "x", csv: "x", schema: z.boolean() },
      carriedOutDate: { kind: "partialDate", label: "Carried out on", labelKey: "x", csv: "x", schema: z.string() },
      witnesses: { kind: "textList", label: "Witnesses", labelKey: "x", csv: "x", schema: z.array(z.string()) },
    };
    const members = typedMembersOf(fields, VERSION_1_EVENT_FIELDS);
    expect(members.map((m) => m.name).slice(-5)).toEqual(["carriedOut", "carriedOutDate", "carriedOutDatePrecision", "witnesses", "charges"]);
    const schema = z.strictObject(Object.fromEntries(members.map((m) => [m.name, m.schema])));
    const v1 = Object.fromEntries(EVENT_TYPED_MEMBERS.map((m) => [m.name, (event({}) as Record<string, unknown>)[m.name]]));
    expect(schema.parse(v1)).toEqual({ ...v1, carriedOut: null, carriedOutDate: null, carriedOutDatePrecision: "UNKNOWN", witnesses: [] });
    expect(schema.parse({ ...v1, carriedOut: true, carriedOutDate: "2021-03-01", carriedOutDatePrecision: "MONTH" })).toMatchObject({
      carriedOut: true,
      carriedOutDate: "2021-03-01",
      carriedOutDatePrecision: "MONTH",
    });
    expect(schema.safeParse({ ...v1, carriedOut: "yes" }).success).toBe(false);
    const withoutLashes = { ...v1 };
    delete withoutLashes.lashes;
    expect(schema.safeParse(withoutLashes).success).toBe(false);
  });
});

describe("deriveExchangeCase", () => {
  it("derives status, facility, arrest and sentence from the events, by name", () => {
    expect(deriveExchangeCase({ events })).toMatchObject({
      status: "IMPRISONED",
      currentFacility: "Tabriz Central Prison",
      arrestDate: "2020-07-16",
      arrestDatePrecision: "DAY",
      arrestCity: "Tabriz",
      firstInstancePrisonDays: 226,
      effectiveLashes: 74,
      effectiveCourt: "Revolutionary Court of Tabriz",
      effectiveBranch: "Branch 1",
    });
  });

  it("ignores soft-deleted events and walks the timeline by position, not by file order", () => {
    const shuffled = [events[2]!, { ...events[0]!, deletedAt: T }, events[1]!];
    expect(deriveExchangeCase({ events: shuffled })).toMatchObject({
      arrestDate: "2020-07-01",
      arrestDatePrecision: "MONTH",
      arrestCity: null,
      effectiveLashes: 74,
    });
  });
});
