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
      firstInstanceCourtId: null,
      firstInstanceBranch: null,
      firstInstanceSentenceDate: null,
      firstInstanceSentenceDatePrecision: "UNKNOWN",
      effectiveCourtId: null,
      effectiveBranch: null,
      effectiveSentenceDate: null,
      effectiveSentenceDatePrecision: "UNKNOWN",
    });
  });

  it("fills every column from the timeline", () => {
    const events = timeline(
      ev("ARREST", { on: "2020-10-04", city: "Julfa" }),
      ev("DETENTION", { on: "2020-10-04", facilityId: "fac-ettelaat" }),
      ev("TRANSFER", { facilityId: "fac-tabriz" }),
      ev("SENTENCE", { on: "2021-12", prisonYears: 2, prisonMonths: 0, prisonDays: 0, lashes: 0, courtId: "court-tabriz", branch: "3rd branch" }),
      ev("APPEAL", { prisonYears: 1, prisonMonths: 6, prisonDays: 0, appealOutcome: "REDUCED", courtId: "court-appeals" }),
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
      firstInstanceCourtId: "court-tabriz",
      firstInstanceBranch: "3rd branch",
      firstInstanceSentenceDate: utc("2021-12-01"),
      firstInstanceSentenceDatePrecision: "MONTH",
      effectiveCourtId: "court-appeals", // the appeal's decision is the one in force
      effectiveBranch: null,
      effectiveSentenceDate: null, // the appeal is undated
      effectiveSentenceDatePrecision: "UNKNOWN",
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

  it("takes the sentences' court and date from the events they come from, skipping an ignored LOW sentence", () => {
    const events = timeline(
      ev("SENTENCE", { confidence: "LOW", on: "2021", prisonYears: 3, courtId: "court-rumour" }),
      ev("SENTENCE", { on: "2021-01-10", prisonYears: 1, lashes: 60, courtId: "court-a", branch: "Department No. 112" }),
      ev("APPEAL", { on: "2021-03", appealOutcome: "UPHELD" }), // states no terms: not a source
    );
    const c = deriveCaseColumns(events);
    expect([c.firstInstanceCourtId, c.firstInstanceBranch, c.firstInstanceSentenceDate, c.firstInstanceSentenceDatePrecision]).toEqual([
      "court-a",
      "Department No. 112",
      utc("2021-01-10"),
      "DAY",
    ]);
    expect([c.effectiveCourtId, c.effectiveBranch, c.effectiveSentenceDate, c.effectiveSentenceDatePrecision]).toEqual([
      "court-a",
      "Department No. 112",
      utc("2021-01-10"),
      "DAY",
    ]);
  });

  it("takes the effective sentence's source from the acquittal that cancelled it", () => {
    const events = timeline(ev("SENTENCE", { on: "2021-01", lashes: 74, courtId: "court-a" }), ev("ACQUITTAL", { on: "2021-06" }));
    const c = deriveCaseColumns(events);
    expect([c.effectiveLashes, c.effectiveCourtId, c.effectiveSentenceDate, c.effectiveSentenceDatePrecision]).toEqual([0, null, utc("2021-06-01"), "MONTH"]);
    expect([c.firstInstanceLashes, c.firstInstanceCourtId]).toEqual([74, "court-a"]);
  });
});
