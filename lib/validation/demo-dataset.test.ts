// The demo file format's validator: the real file passes, each kind of bad input is reported
// with the record and field a person can go and fix, and nothing ever makes it throw.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDatasetProblems, parseDemoDataset, partialDateProblem, type DatasetProblem } from "./demo-dataset";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests mutate raw JSON freely
type Json = any;

const raw = readFileSync("prisma/demo/seed-cases.json", "utf8");
const fresh = (): Json => JSON.parse(raw);

function problems(mutate: (d: Json) => void): DatasetProblem[] {
  const d = fresh();
  mutate(d);
  const result = parseDemoDataset(d);
  if (result.ok) throw new Error("expected the dataset to be rejected");
  return result.errors;
}

describe("parseDemoDataset", () => {
  it("accepts the demo dataset as it is", () => {
    const result = parseDemoDataset(fresh());
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.data.people).toHaveLength(80);
    expect(result.data.cases).toHaveLength(83);
    expect(result.data.incidents).toHaveLength(22);
    expect(result.data.sources).toHaveLength(19);
  });

  it("reports an impossible date with its record and field", () => {
    const errors = problems((d) => {
      d.cases[3].events[2].date = "2020-13";
      d.cases[3].events[2].datePrecision = "month";
    });
    expect(errors).toEqual([{ record: "cases[3] (c-ehsan-ismaildokht).events[2]", field: "date", message: 'date "2020-13" is not a real date' }]);
  });

  it.each([
    ["2021-02-29", "is not a real date"],
    ["2020-1-5", "is not written YYYY, YYYY-MM or YYYY-MM-DD"],
    ["20-10", "is not written YYYY, YYYY-MM or YYYY-MM-DD"],
    ["1850", "is before 1900"],
    ["2999-01-01", "is in the future"],
  ])("rejects the date %s (%s)", (date, message) => {
    expect(partialDateProblem(date)).toContain(message);
  });

  it("accepts leap days and today's date", () => {
    expect(partialDateProblem("2020-02-29")).toBeNull();
    expect(partialDateProblem(new Date().toISOString().slice(0, 10))).toBeNull();
  });

  it("reports a precision that contradicts the date", () => {
    const errors = problems((d) => {
      d.incidents[0].datePrecision = "day"; // date is "2004-06"
      d.cases[0].events[7].datePrecision = "year"; // date is null
    });
    expect(errors).toEqual([
      {
        record: "incidents[0] (inc-2004-06-ardabil-sarchesme-mosque)",
        field: "datePrecision",
        message: 'datePrecision "day" does not match date "2004-06", which is written as a month',
      },
      {
        record: "cases[0] (c-abbas-lisani-2004).events[7]",
        field: "datePrecision",
        message: 'datePrecision "year" needs a date (use "unknown" when there is none)',
      },
    ]);
  });

  it("rejects unknown keys at every level", () => {
    const errors = problems((d) => {
      d.extra = true;
      d.people[0].nickname = "x";
      d.cases[0].events[0].Date = "2004-06";
      d.cases[20].events[2].prison.weeks = 2; // c-sajjad-colani-2020's sentence
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { record: "dataset", field: "extra", message: "is not a field of this format" },
        { record: "people[0] (p-abbas-lisani)", field: "nickname", message: "is not a field of this format" },
        { record: "cases[0] (c-abbas-lisani-2004).events[0]", field: "Date", message: "is not a field of this format" },
        { record: "cases[20] (c-sajjad-colani-2020).events[2]", field: "prison.weeks", message: "is not a field of this format" },
      ]),
    );
  });

  it("rejects fields that belong to another event type", () => {
    // A SENTENCE field on an ARREST: strict per-type shapes, not one loose bag of fields.
    const errors = problems((d) => {
      d.cases[0].events[0].lashes = 10;
    });
    expect(errors).toEqual([{ record: "cases[0] (c-abbas-lisani-2004).events[0]", field: "lashes", message: "is not a field of this format" }]);
  });

  it("reports unknown references and duplicate ids after the shape is right", () => {
    const errors = problems((d) => {
      d.cases[1].personId = "p-nobody";
      d.cases[1].incidentId = "inc-nothing";
      d.cases[2].events[0].sourceIds = ["src-missing", "src-doc-000", "src-doc-000"];
      d.people[0].relations[0].personId = "p-ghost";
      d.people[1].relations[0].personId = d.people[1].id;
      d.incidents[1].id = d.incidents[0].id;
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { record: "cases[1] (c-abbas-lisani-2020)", field: "personId", message: 'unknown person "p-nobody" (not in people)' },
        { record: "cases[1] (c-abbas-lisani-2020)", field: "incidentId", message: 'unknown incident "inc-nothing" (not in incidents)' },
        { record: "cases[2] (c-ogtay-lisani-2020).events[0]", field: "sourceIds[0]", message: 'unknown source "src-missing" (not in sources)' },
        { record: "cases[2] (c-ogtay-lisani-2020).events[0]", field: "sourceIds[2]", message: 'source "src-doc-000" is listed twice' },
        { record: "people[0] (p-abbas-lisani)", field: "relations[0].personId", message: 'unknown person "p-ghost" (not in people)' },
        { record: "people[1] (p-ogtay-lisani)", field: "relations[0].personId", message: "a person cannot be related to themselves" },
        { record: `incidents[1] (${fresh().incidents[0].id})`, field: "id", message: `id "${fresh().incidents[0].id}" is already used by incidents[0]` },
      ]),
    );
    expect(errors).toHaveLength(7);
  });

  it("reports wrong types, negative or fractional counts, NaN and bad enums in words", () => {
    const errors = problems((d) => {
      d.people[0].ageYears = NaN;
      d.people[1].ageYears = -3;
      d.people[2].gender = "Male";
      d.people[3].name = "";
      d.people[4].aliases = ["bad\u0000alias"];
      d.incidents[1].reportedDetained = 1.5;
      d.cases[0].events[7].lashes = 5000;
      d.cases[0].events[6].amount = -1;
      d.cases[0].events[0].circumstance = "riot";
      d.cases[2].events[0].type = "PARTY";
      d.cases[4].summary = 42;
      delete d.cases[5].events;
    });
    const byField = Object.fromEntries(errors.map((e) => [`${e.record} ${e.field}`, e.message]));
    expect(byField).toMatchObject({
      "people[0] (p-abbas-lisani) ageYears": "must be a number, not NaN",
      "people[1] (p-ogtay-lisani) ageYears": "must not be negative",
      "people[2] (p-ehsan-ismaildokht) gender": '"Male" is not one of: female, male, other, unknown',
      "people[3] (p-hakima-ahmadi) name": "must not be empty (use null when it is not known)",
      "people[4] (p-yaseman-zafari) aliases[0]": "contains control characters",
      "incidents[1] (inc-2019-stadium-banner-arrests) reportedDetained": "must be a whole number, not 1.5",
      "cases[0] (c-abbas-lisani-2004).events[7] lashes": "must be at most 1000",
      "cases[0] (c-abbas-lisani-2004).events[6] amount": "must not be negative",
      "cases[0] (c-abbas-lisani-2004).events[0] circumstance": '"riot" is not one of: at_protest, before_protest, home_raid, summoned, workplace, other',
      "cases[4] (c-hakima-ahmadi-2020) summary": "must be a text, not 42",
      "cases[5] (c-yaseman-zafari-2020) events": "is required",
    });
    expect(byField["cases[2] (c-ogtay-lisani-2020).events[0] type"]).toMatch(/^"PARTY" is not one of: ARREST, SUMMONS/);
  });

  it("checks that a toman amount is converted to rials", () => {
    const errors = problems((d) => {
      const release = d.cases.find((c: Json) => c.id === "c-hakima-ahmadi-2020").events[1];
      release.amountRials = release.amount; // forgot the × 10
    });
    expect(errors).toEqual([
      { record: expect.stringMatching(/\(c-hakima-ahmadi-2020\)\.events\[1\]$/), field: "amountRials", message: "must be 500000000 (50000000 IRT × 10)" },
    ]);
  });

  it("keeps messages short for huge strings", () => {
    const huge = "x".repeat(2_000_000);
    const errors = problems((d) => {
      d.people[0].name = huge;
      d.cases[0].events[0].date = huge;
    });
    expect(errors.map((e) => e.message)).toEqual([
      "is longer than 300 characters",
      'date "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" is not written YYYY, YYYY-MM or YYYY-MM-DD',
    ]);
  });

  it("answers for non-objects and empty objects", () => {
    expect(parseDemoDataset(null)).toEqual({ ok: false, errors: [{ record: "dataset", field: "", message: "must be an object, not null" }] });
    expect(parseDemoDataset([])).toEqual({ ok: false, errors: [{ record: "dataset", field: "", message: "must be an object, not a list" }] });
    const empty = parseDemoDataset({});
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors.map((e) => e.field)).toEqual(["sources", "incidents", "people", "cases"]);
  });

  it("formats problems as '<record> <field>: <message>', at most `limit` of them", () => {
    const list = Array.from({ length: 25 }, (_, i) => ({ record: `people[${i}]`, field: "name", message: "is required" }));
    const text = formatDatasetProblems(list);
    expect(text.split("\n")).toHaveLength(21);
    expect(text).toMatch(/^people\[0\] name: is required\n/);
    expect(text).toMatch(/\.\.\. and 5 more$/);
  });
});

describe("parseDemoDataset on arbitrary input", () => {
  // parseDemoDataset has a last-resort catch; these properties also check it is never needed,
  // so a crash in the validator cannot hide behind it.
  const answers = (value: unknown) => {
    const result = parseDemoDataset(value);
    if (!result.ok) expect(result.errors.some((e) => e.message.startsWith("could not be read"))).toBe(false);
    return result;
  };
  const keys = fc.oneof(
    fc.string(),
    fc.constantFrom("__proto__", "constructor", "prototype", "id", "type", "events", "cases", "sources", "people", "incidents", "date"),
  );

  it("never throws on arbitrary values", () => {
    fc.assert(
      fc.property(
        fc.anything({
          key: keys,
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        (value) => {
          expect(typeof answers(value).ok).toBe("boolean");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary JSON, including __proto__ keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        answers(value);
        answers(JSON.parse(`{"__proto__": ${JSON.stringify(value) ?? "null"}, "sources": []}`));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws when one value deep inside the real dataset is replaced by anything", () => {
    const base = fresh();
    // Paths to every value of the real file, so the mutations hit events, ids and references.
    const paths: (string | number)[][] = [];
    const walk = (v: Json, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v[k], [...path, k]);
    };
    walk(base, []);
    const weird = fc.oneof(
      fc.anything({ key: keys }),
      fc.constantFrom(NaN, Infinity, -0, -1, 1e308, "", "__proto__", "2020-02-30", "x".repeat(100_000), [], {}, null, undefined),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), weird, (path, value) => {
        const d = fresh();
        if (path.length === 0) return void answers(value);
        const parent = path.slice(0, -1).reduce((o: Json, k) => o[k], d);
        parent[path[path.length - 1] as string | number] = value;
        const result = answers(d);
        if (!result.ok) for (const e of result.errors) expect(e.record.length + e.field.length + e.message.length).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
