import { describe, expect, it } from "vitest";
import { deriveCaseColumns } from "./case-derivation";
import { ev, timeline } from "./test-events";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("deriveCaseColumns", () => {
  it("gives the defaults of the cases table for an empty timeline", () => {
    expect(deriveCaseColumns([])).toEqual({
      status: "UNKNOWN",
      statusDate: null,
      statusDatePrecision: "UNKNOWN",
      currentFacilityId: null,
      arrestDate: null,
      arrestDatePrecision: "UNKNOWN",
      arrestCity: null,
      firstInstancePrisonDays: null,
      firstInstanceLashes: null,
      effectivePrisonDays: null,
      effectiveLashes: null,
    });
  });

  it("fills every column from the timeline", () => {
    const events = timeline(
      ev("ARREST", { on: "2020-10-04", city: "Julfa" }),
      ev("DETENTION", { on: "2020-10-04", facilityId: "fac-ettelaat" }),
      ev("TRANSFER", { facilityId: "fac-tabriz" }),
      ev("SENTENCE", { on: "2021-12", prisonYears: 2, prisonMonths: 0, prisonDays: 0, lashes: 0 }),
      ev("APPEAL", { prisonYears: 1, prisonMonths: 6, prisonDays: 0, appealOutcome: "REDUCED" }),
    );
    expect(deriveCaseColumns(events)).toEqual({
      status: "IMPRISONED", // in custody since the arrest, then sentenced; the appeal keeps it
      statusDate: null, // the appeal set it last and is undated
      statusDatePrecision: "UNKNOWN",
      currentFacilityId: "fac-tabriz",
      arrestDate: utc("2020-10-04"),
      arrestDatePrecision: "DAY",
      arrestCity: "Julfa",
      firstInstancePrisonDays: 730,
      firstInstanceLashes: 0,
      effectivePrisonDays: 545, // 1 year 6 months = 365 + 180
      effectiveLashes: 0, // the appeal is silent on lashes: 0 carries over
    });
  });

  it("takes the status date and precision from the status event", () => {
    const events = timeline(ev("ARREST", { on: "2020-10" }), ev("RELEASE", { on: "2023-02", releaseType: "FULL" }));
    const c = deriveCaseColumns(events);
    expect(c.statusDate).toEqual(utc("2023-02-01"));
    expect(c.statusDatePrecision).toBe("MONTH");
    expect(c.arrestDate).toEqual(utc("2020-10-01"));
    expect(c.arrestDatePrecision).toBe("MONTH");
  });

  it("resolves a facility known by name only through facilityIdByName (Map or object)", () => {
    const events = timeline(ev("DETENTION", { facilityName: "Ardabil prison, section 7" }));
    expect(deriveCaseColumns(events).currentFacilityId).toBeNull();
    expect(deriveCaseColumns(events, new Map([["Ardabil prison, section 7", "fac-7"]])).currentFacilityId).toBe("fac-7");
    expect(deriveCaseColumns(events, { "Ardabil prison, section 7": "fac-7" }).currentFacilityId).toBe("fac-7");
    expect(deriveCaseColumns(events, { "Evin prison": "fac-evin" }).currentFacilityId).toBeNull();
    // Inherited object keys are not facility names.
    const proto = timeline(ev("DETENTION", { facilityName: "toString" }));
    expect(deriveCaseColumns(proto, {}).currentFacilityId).toBeNull();
  });

  it("prefers the event's own facility id to the name lookup", () => {
    const events = timeline(ev("DETENTION", { facilityId: "fac-db", facilityName: "Evin prison" }));
    expect(deriveCaseColumns(events, { "Evin prison": "fac-other" }).currentFacilityId).toBe("fac-db");
  });

  it("has no current facility out of custody", () => {
    const events = timeline(ev("DETENTION", { facilityId: "fac-evin" }), ev("RELEASE", { on: "2020-07-20" }));
    expect(deriveCaseColumns(events).currentFacilityId).toBeNull();
  });

  it("takes the arrest from the first DETENTION when there is no ARREST (no city)", () => {
    const events = timeline(ev("DETENTION", { on: "2020-08", confidence: "LOW" }), ev("DETENTION", { on: "2020-11-20" }));
    const c = deriveCaseColumns(events);
    expect(c.arrestDate).toEqual(utc("2020-08-01"));
    expect(c.arrestDatePrecision).toBe("MONTH");
    expect(c.arrestCity).toBeNull();
  });
});
