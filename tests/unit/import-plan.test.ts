// Reading a row with the recording schemas (lib/import/rows.ts) and planning an import
// against what the database holds (lib/import/plan.ts). Pure: the World is built by hand.
import { describe, expect, it } from "vitest";
import type { CsvRow } from "@/lib/import/csv";
import { planImport, type StoredEvent, type World } from "@/lib/import/plan";
import { readRow } from "@/lib/import/rows";

const row = (n: number, cells: Record<string, string>): CsvRow => ({ row: n, cells: new Map(Object.entries({ source_keys: "src-a", ...cells })) });
const base = { person_key: "p-a", case_key: "c-a" };

function world(overrides: Partial<World> = {}): World {
  return {
    people: new Map(),
    cases: new Map(),
    events: new Map(),
    incidents: new Map(),
    sources: new Map([["src-a", { id: "S1", deleted: false }]]),
    sourcesByUrl: new Map(),
    courts: new Map(),
    facilities: new Map(),
    ...overrides,
  };
}

describe("readRow", () => {
  it("turns cells into the schema's values: words, lists, numbers, charges, tags, booleans", () => {
    const r = readRow(
      row(2, {
        ...base,
        event_key: "s",
        person_name: " Fatima Ibrahimzadeh ",
        person_aliases: "فاطمه ابراهیم زاده; Fatma Ibrahimzade",
        person_gender: "Female",
        person_vulnerabilities: "detained with child; chronic-illness",
        event_type: "Sentence",
        event_date: "2021-03",
        event_confidence: "medium",
        event_charges: "Propaganda against the state | Article 500; | Article 610; Insult",
        event_prison_years: "1",
        event_lashes: "+74",
        event_fine_amount: "50,000,000",
        event_fine_currency: "irt",
        event_other_penalties: "work ban; travel ban",
        event_suspended: "No",
      }),
    );
    expect(r.errors).toEqual([]);
    expect(r.person.values).toEqual({
      name: "Fatima Ibrahimzadeh",
      aliases: [
        { name: "فاطمه ابراهیم زاده", script: "PERSO_ARABIC" },
        { name: "Fatma Ibrahimzade", script: "LATIN" },
      ],
      gender: "FEMALE",
      vulnerabilities: ["DETAINED_WITH_CHILD", "CHRONIC_ILLNESS"],
    });
    expect(r.event?.data).toMatchObject({
      type: "SENTENCE",
      date: "2021-03",
      datePrecision: "MONTH",
      confidence: "MEDIUM",
      charges: [
        { text: "Propaganda against the state", article: "Article 500" },
        { text: null, article: "Article 610" },
        { text: "Insult", article: null },
      ],
      prisonYears: 1,
      prisonMonths: null,
      lashes: 74,
      fineAmount: "50000000",
      fineCurrency: "IRT",
      otherPenalties: ["work ban", "travel ban"],
      suspended: false,
      sourceIds: ["src-a"],
    });
    expect([...r.event!.provided].sort()).toEqual([
      "charges",
      "confidence",
      "date",
      "fineAmount",
      "fineCurrency",
      "lashes",
      "otherPenalties",
      "prisonYears",
      "suspended",
      "type",
    ]);
  });

  it("tags are normalised to snake_case; URLs become new sources checked like the source form", () => {
    const ok = readRow(
      row(2, {
        ...base,
        event_key: "d",
        event_type: "detention",
        event_conditions: "Solitary confinement; no-visits",
        source_keys: "",
        source_urls: "https://example.org/a",
      }),
    );
    expect(ok.errors).toEqual([]);
    expect(ok.event?.data).toMatchObject({ conditions: ["solitary_confinement", "no_visits"] });
    expect(ok.event?.sourceUrls).toEqual(["https://example.org/a"]);
    const bad = readRow(row(3, { ...base, event_key: "d", event_type: "detention", source_keys: "", source_urls: "ftp://example.org/a" }));
    expect(bad.errors).toEqual([{ row: 3, column: "source_urls", reason: expect.stringMatching(/must start with http:\/\/ or https:\/\//) }]);
  });

  it("names every problem with its column: keys, words, numbers, dates, misplaced cells", () => {
    const r = readRow(
      row(7, {
        person_key: "",
        case_key: "C_1",
        event_key: "e",
        person_gender: "f",
        person_birth_year: "1850",
        event_type: "arrest",
        event_date: "2020-7-1",
        event_lashes: "5",
        event_circumstance: "riot",
      }),
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [7, "person_key"],
      [7, "case_key"],
      [7, "person_gender"],
      [7, "person_birth_year"],
      [7, "event_lashes"],
      [7, "event_circumstance"],
      // (a date is checked against its precision once the rest of the event is valid: the
      // second pass reports it in the same answer)
      [7, "event_date"],
    ]);
    expect(r.errors[2]!.reason).toMatch(/Use one of: female, male, other, unknown/);
    expect(r.errors[3]!.reason).toMatch(/Birth year must be 1900 or later/);
    expect(r.errors[4]!.reason).toMatch(/An arrest event has no lashes/);
    expect(r.errors[5]!.reason).toMatch(/at protest, before protest, home raid/);
    expect(r.errors[6]!.reason).toMatch(/"2020-7-1" is not written YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it("an unknown event type lists the types", () => {
    const r = readRow(row(2, { ...base, event_key: "e", event_type: "kidnapping" }));
    expect(r.errors).toEqual([{ row: 2, column: "event_type", reason: expect.stringMatching(/Unknown event type "kidnapping".*arrest, summons/) }]);
    expect(r.event).toBeNull();
  });
});

function storedEvent(e: Partial<StoredEvent> & { id: string; position: number; values: Record<string, unknown> }): StoredEvent {
  return { key: null, deleted: false, date: null, datePrecision: "UNKNOWN", sourceIds: ["S1"], ...e };
}

describe("planImport", () => {
  const existing = () =>
    world({
      people: new Map([
        [
          "p-a",
          {
            id: "P1",
            deleted: false,
            values: {
              name: "Aydin",
              aliases: [
                { name: "Aydin Z", script: "LATIN" },
                { name: "آیدین", script: "PERSO_ARABIC" },
              ],
              gender: "MALE",
              ageYears: null,
              ageAsOf: null,
              birthYear: null,
              homeCity: "Tabriz",
              province: null,
              provinceCode: null,
              vulnerabilities: [],
              description: null,
              restrictedNotes: null,
            },
          },
        ],
      ]),
      cases: new Map([["c-a", { id: "C1", deleted: false, personKey: "p-a", personDeleted: false, incidentKey: null, summary: null }]]),
      events: new Map([
        [
          "c-a",
          [
            storedEvent({
              id: "E1",
              key: "arrest",
              position: 0,
              date: new Date("2020-07-16T00:00:00Z"),
              datePrecision: "DAY",
              values: { type: "ARREST", city: "Tabriz", confidence: "HIGH", description: null },
            }),
            storedEvent({
              id: "E2",
              key: null,
              position: 1,
              date: new Date("2021-01-01T00:00:00Z"),
              datePrecision: "YEAR",
              values: { type: "SENTENCE", lashes: 74, fineAmount: "50000000", court: "Court A", confidence: "HIGH" },
            }),
          ],
        ],
      ]),
    });

  it("places a new event by date between existing ones, moving the later ones", () => {
    const plan = planImport([readRow(row(2, { ...base, event_key: "detention", event_type: "detention", event_date: "2020-08" }))], existing());
    expect(plan.errors).toEqual([]);
    expect(plan.events.create.map((e) => [e.key, e.position])).toEqual([["detention", 1]]);
    expect(plan.moves).toEqual([{ id: "E2", position: 2 }]);
    expect(plan.touchedCases).toEqual(["c-a"]);
    expect(plan.rows[0]).toMatchObject({ person: { action: "unchanged" }, case: { action: "unchanged" }, event: { action: "create", type: "DETENTION" } });
  });

  it("identical values (names, aliases in another case, amounts written differently) are unchanged", () => {
    const plan = planImport(
      [
        readRow(
          row(2, {
            ...base,
            event_key: "arrest",
            person_name: "Aydin",
            person_aliases: "آیدین; AYDIN Z",
            person_home_city: "Tabriz",
            event_type: "arrest",
            event_date: "2020-07-16",
            event_city: "Tabriz",
          }),
        ),
      ],
      existing(),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.counts).toEqual({
      people: { created: 0, updated: 0, unchanged: 1 },
      cases: { created: 0, updated: 0, unchanged: 1 },
      events: { created: 0, updated: 0, unchanged: 1 },
    });
    expect(plan.touchedCases).toEqual([]);
  });

  it("lists the changed fields of an update and adds, never removes, sources", () => {
    const plan = planImport(
      [
        readRow(
          row(2, {
            ...base,
            event_key: "arrest",
            person_home_city: "Urmia",
            event_type: "arrest",
            event_date: "2020-07",
            event_description: "At the rally",
            source_urls: "https://example.org/x",
          }),
        ),
      ],
      existing(),
    );
    expect(plan.rows[0]!.changes).toEqual(["person.homeCity", "event.date", "event.description", "event.sources"]);
    expect(plan.events.update[0]).toMatchObject({ id: "E1", changed: ["date", "description", "sources"], sources: [{ url: "https://example.org/x" }] });
    expect(plan.events.update[0]!.changes.date).toEqual({ from: "2020-07-16", to: "2020-07" });
    expect(plan.newSourceUrls).toEqual(["https://example.org/x"]);
  });

  it("a new court is created once however many rows name it; a known one is not", () => {
    const rows = [
      readRow(row(2, { ...base, case_key: "c-b", event_key: "t", event_type: "trial", event_date: "2021", event_court: "Court B" })),
      readRow(row(3, { ...base, case_key: "c-b", event_key: "s", event_type: "sentence", event_date: "2021", event_court: "Court B" })),
      readRow(row(4, { ...base, case_key: "c-b", event_key: "a", event_type: "appeal", event_date: "2022", event_court: "Court A" })),
    ];
    const plan = planImport(rows, world({ ...existing(), courts: new Map([["Court A", "K1"]]) }));
    expect(plan.errors).toEqual([]);
    expect(plan.newCourts).toEqual(["Court B"]);
    expect(plan.cases.create.map((c) => c.key)).toEqual(["c-b"]);
    expect(plan.events.create.map((e) => [e.key, e.position])).toEqual([
      ["t", 0],
      ["s", 1],
      ["a", 2],
    ]);
  });

  it("a new person needs a name on one of their rows", () => {
    const plan = planImport([readRow(row(2, { person_key: "p-new", case_key: "c-new", event_key: "e", event_type: "summons", event_date: "" }))], world());
    expect(plan.errors).toEqual([{ row: 2, column: "person_name", reason: expect.stringMatching(/give their name/) }]);
    expect(plan.rows[0]!.person.action).toBeNull();
  });
});
