// What the case page, the PDF report and the dossier show of an event's typed fields
// (eventDetailRows), and what the read paths select of them (./select.ts): both from the registry.
import { describe, expect, it } from "vitest";
import { eventDetailRows } from "@/lib/events/details";
import { EVENT_FIELD_NAMES, fieldDef, type EventFieldName } from "@/lib/events/registry";
import { EVENT_DECIMAL_COLUMNS, EVENT_TYPED_COLUMNS, EVENT_TYPED_SELECT, decimalsAsText } from "@/lib/events/select";

/** A set value of each kind, as the read paths hand it on. */
function sample(name: EventFieldName): Record<string, unknown> {
  const def = fieldDef(name);
  switch (def.kind) {
    case "text":
      return { [name]: "Tabriz" };
    case "enum":
      return { [name]: def.values[0] };
    case "tags":
    case "textList":
      return { [name]: ["a_tag"] };
    case "count":
      return { [name]: 3 };
    case "money":
      return { [name]: "1000", [def.currency]: "IRT" };
    case "currency":
      return { [name]: "IRT", [def.amount]: "1000" };
    case "boolean":
      return { [name]: false };
    case "court":
    case "facility":
      return { [name]: { name: "Evin" } };
    case "charges":
      return { [name]: [{ text: "propaganda", article: null }] };
    case "partialDate":
      return { [name]: new Date("2020-10-01T00:00:00Z"), [`${name}Precision`]: "MONTH" };
  }
}

const FULL = {
  city: "Tabriz",
  place: "in front of the consulate",
  authority: "IRGC",
  circumstance: "AT_HOME",
  facility: { id: "f1", name: "Evin" },
  conditions: ["solitary_confinement"],
  amount: "800000000",
  currency: "IRT",
  amountRials: "8000000000",
  charges: [{ id: "c1", text: "propaganda", article: "Article 500" }],
  court: { id: "k1", name: "Revolutionary Court" },
  branch: "Branch 1",
  judge: "Judge",
  prisonYears: 4,
  prisonMonths: null,
  prisonDays: null,
  lashes: 0,
  fineAmount: "5000000",
  fineCurrency: "IRR",
  otherPenalties: ["travel_ban", "work ban"],
  suspended: false,
  appealOutcome: "REDUCED",
  releaseType: "BAIL",
  treatmentKinds: ["beating"],
  injuries: ["broken nose"],
};

describe("eventDetailRows", () => {
  it("gives one row per set field, in the registry's order, each valued by kind", () => {
    expect(eventDetailRows(FULL).map((r) => [r.key, r.labelKey, r.value.kind])).toEqual([
      ["city", "timeline.city", "text"],
      ["place", "timeline.place", "text"],
      ["authority", "timeline.authority", "text"],
      ["circumstance", "timeline.circumstance", "enum"],
      ["facility", "timeline.facility", "text"],
      ["conditions", "timeline.conditions", "list"],
      ["amount", "timeline.amount", "money"],
      ["amountRials", "timeline.amountRials", "rials"],
      ["charges", "timeline.charges", "charges"],
      ["court", "timeline.court", "text"],
      ["branch", "timeline.branch", "text"],
      ["judge", "timeline.judge", "text"],
      ["prison", "timeline.prisonTerm", "prisonTerm"],
      ["lashes", "timeline.lashes", "count"],
      ["fineAmount", "timeline.fine", "money"],
      ["otherPenalties", "timeline.otherPenalties", "list"],
      ["suspended", "timeline.suspended", "boolean"],
      ["appealOutcome", "timeline.appealOutcome", "enum"],
      ["releaseType", "timeline.releaseType", "enum"],
      ["treatmentKinds", "timeline.treatment", "list"],
      ["injuries", "timeline.injuries", "list"],
    ]);
    const rows = Object.fromEntries(eventDetailRows(FULL).map((r) => [r.key, r.value]));
    expect(rows.amount).toEqual({ kind: "money", amount: "800000000", currency: "IRT" });
    expect(rows.prison).toEqual({ kind: "prisonTerm", term: { years: 4, months: 0, days: 0 } });
    expect(rows.otherPenalties).toEqual({ kind: "list", catalog: "penalty", values: ["travel_ban", "work ban"] });
    expect(rows.injuries).toEqual({ kind: "list", catalog: null, values: ["broken nose"] });
    expect(rows.circumstance).toEqual({ kind: "enum", catalog: "circumstance", value: "AT_HOME" });
  });

  it("shows nothing of empty fields: null, empty text, empty lists", () => {
    expect(
      eventDetailRows({ city: "", facility: null, court: null, conditions: [], charges: [], lashes: null, suspended: null, amount: null, amountRials: null }),
    ).toEqual([]);
  });

  it("shows the amount in rials whenever it is stored, except for an amount in rials", () => {
    expect(eventDetailRows({ amount: "10", currency: "IRR", amountRials: "10" }).map((r) => r.key)).toEqual(["amount"]);
    expect(eventDetailRows({ amount: "10", currency: "irr", amountRials: "10" }).map((r) => r.key)).toEqual(["amount"]);
    expect(eventDetailRows({ amount: null, currency: null, amountRials: "100" }).map((r) => r.key)).toEqual(["amountRials"]);
  });

  it("shows a prison term stated by any one part, the missing parts as 0", () => {
    expect(eventDetailRows({ prisonYears: null, prisonMonths: 0, prisonDays: null }).map((r) => r.value)).toEqual([
      { kind: "prisonTerm", term: { years: 0, months: 0, days: 0 } },
    ]);
  });

  it("gives a row for every field of the registry once it is set (a new field shows with no edit in the renderers)", () => {
    for (const name of EVENT_FIELD_NAMES) {
      const def = fieldDef(name);
      const rows = eventDetailRows(sample(name));
      const key = def.kind === "count" && def.term ? "prison" : def.kind === "currency" ? def.amount : name;
      expect(
        rows.map((r) => r.key),
        name,
      ).toContain(key);
      expect(rows.find((r) => r.key === key)?.labelKey, name).toBe(fieldDef(key === "prison" ? name : (key as EventFieldName)).labelKey);
    }
  });
});

describe("the read paths' select", () => {
  it("selects each field's column(s) and relations", () => {
    for (const name of EVENT_FIELD_NAMES) {
      const def = fieldDef(name);
      if (def.kind === "court" || def.kind === "facility") expect(EVENT_TYPED_SELECT, name).toHaveProperty([name], { select: { name: true } });
      else if (def.kind === "charges")
        expect(EVENT_TYPED_SELECT, name).toHaveProperty([name], { orderBy: { position: "asc" }, select: { text: true, article: true } });
      else expect(EVENT_TYPED_COLUMNS, name).toHaveProperty([name], true);
      if (def.kind === "money" && def.rials) expect(EVENT_TYPED_COLUMNS, name).toHaveProperty([def.rials], true);
      if (def.kind === "partialDate") expect(EVENT_TYPED_COLUMNS, name).toHaveProperty([`${name}Precision`], true);
    }
    expect(Object.keys(EVENT_TYPED_SELECT)).toEqual(expect.arrayContaining(["city", "amountRials", "court", "facility", "charges"]));
  });

  it("hands the decimal columns on as text", () => {
    expect(EVENT_DECIMAL_COLUMNS).toEqual(["amount", "amountRials", "fineAmount"]);
    const dec = (s: string) => ({ toString: () => s });
    expect(decimalsAsText({ id: "e1", amount: dec("800000000.5"), amountRials: dec("8000000005"), fineAmount: null })).toEqual({
      id: "e1",
      amount: "800000000.5",
      amountRials: "8000000005",
      fineAmount: null,
    });
  });
});
