import { describe, expect, it } from "vitest";
import { deriveCaseState } from "./status";
import { ev, timeline, type TestEvent } from "./test-events";
import type { CaseStatus } from "./types";

const statusOf = (...events: TestEvent[]): CaseStatus => deriveCaseState(timeline(...events)).status;

describe("deriveCaseState: status rules", () => {
  it("is UNKNOWN with no events, and with only events that set no status", () => {
    expect(deriveCaseState([])).toEqual({
      status: "UNKNOWN",
      statusEvent: null,
      inCustody: false,
      currentFacilityId: null,
      currentFacilityName: null,
      arrest: null,
    });
    expect(statusOf(ev("CHARGE"), ev("TRIAL"), ev("ILL_TREATMENT"), ev("HUNGER_STRIKE"), ev("RESTRICTION"), ev("OTHER"))).toBe("UNKNOWN");
  });

  it("SUMMONS gives SUMMONED only while nothing else has set a status", () => {
    expect(statusOf(ev("SUMMONS"))).toBe("SUMMONED");
    expect(statusOf(ev("SUMMONS"), ev("CHARGE"))).toBe("SUMMONED");
    expect(statusOf(ev("SUMMONS"), ev("ARREST"))).toBe("DETAINED");
    expect(statusOf(ev("ARREST"), ev("SUMMONS"))).toBe("DETAINED");
    expect(statusOf(ev("ARREST"), ev("RELEASE"), ev("SUMMONS"))).toBe("RELEASED");
  });

  it("a later SUMMONS in a summons-only case becomes the status event", () => {
    const events = timeline(ev("SUMMONS", { on: "2020-10" }), ev("SUMMONS", { on: "2020-11-22" }));
    expect(deriveCaseState(events).statusEvent).toBe(events[1]);
  });

  it.each(["ARREST", "DETENTION", "TRANSFER", "INCOMMUNICADO"] as const)("%s puts the person in custody: DETAINED, or IMPRISONED once sentenced", (type) => {
    expect(statusOf(ev(type))).toBe("DETAINED");
    expect(statusOf(ev("SENTENCE"), ev(type))).toBe("IMPRISONED");
    expect(statusOf(ev("ACQUITTAL"), ev(type))).toBe("DETAINED");
  });

  it("DISAPPEARANCE gives DISAPPEARED and clears the facility", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Evin prison" }), ev("DISAPPEARANCE")));
    expect(s.status).toBe("DISAPPEARED");
    expect(s.inCustody).toBe(true);
    expect(s.currentFacilityName).toBeNull();
  });

  it("a DETENTION after a DISAPPEARANCE brings the person back to DETAINED", () => {
    expect(statusOf(ev("ARREST"), ev("DISAPPEARANCE"), ev("DETENTION", { facilityName: "Evin prison" }))).toBe("DETAINED");
  });

  it("BAIL gives RELEASED_ON_BAIL, out of custody", () => {
    const s = deriveCaseState(timeline(ev("ARREST"), ev("DETENTION", { facilityName: "Ardabil prison" }), ev("BAIL")));
    expect(s.status).toBe("RELEASED_ON_BAIL");
    expect(s.inCustody).toBe(false);
    expect(s.currentFacilityName).toBeNull();
  });

  it("TEMPORARY_RELEASE gives RELEASED_ON_BAIL, or SENTENCED once sentenced", () => {
    expect(statusOf(ev("ARREST"), ev("TEMPORARY_RELEASE"))).toBe("RELEASED_ON_BAIL");
    expect(statusOf(ev("ARREST"), ev("SENTENCE"), ev("TEMPORARY_RELEASE"))).toBe("SENTENCED");
  });

  it("SENTENCE gives IMPRISONED in custody, SENTENCED out of custody", () => {
    expect(statusOf(ev("SENTENCE"))).toBe("SENTENCED");
    expect(statusOf(ev("ARREST"), ev("SENTENCE"))).toBe("IMPRISONED");
    expect(statusOf(ev("ARREST"), ev("BAIL"), ev("SENTENCE"))).toBe("SENTENCED");
    expect(statusOf(ev("ARREST"), ev("TEMPORARY_RELEASE"), ev("SENTENCE"))).toBe("SENTENCED");
  });

  it("SENTENCE sets the status whatever its confidence (low confidence only affects the numbers)", () => {
    expect(statusOf(ev("ARREST"), ev("SENTENCE", { confidence: "LOW" }))).toBe("IMPRISONED");
  });

  it("APPEAL OVERTURNED gives ACQUITTED and ends custody", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Tabriz prison" }), ev("SENTENCE"), ev("APPEAL", { appealOutcome: "OVERTURNED" })));
    expect(s.status).toBe("ACQUITTED");
    expect(s.inCustody).toBe(false);
    expect(s.currentFacilityName).toBeNull();
  });

  it("an overturned sentence no longer makes a later detention IMPRISONED", () => {
    expect(statusOf(ev("SENTENCE"), ev("APPEAL", { appealOutcome: "OVERTURNED" }), ev("ARREST"))).toBe("DETAINED");
  });

  it.each(["UPHELD", "REDUCED", "INCREASED", "UNKNOWN", null] as const)(
    "APPEAL %s keeps the sentence: IMPRISONED in custody, SENTENCED out of it",
    (appealOutcome) => {
      expect(statusOf(ev("ARREST"), ev("SENTENCE"), ev("APPEAL", { appealOutcome }))).toBe("IMPRISONED");
      expect(statusOf(ev("SENTENCE"), ev("APPEAL", { appealOutcome }))).toBe("SENTENCED");
    },
  );

  it("ACQUITTAL gives ACQUITTED, out of custody, and cancels the sentence", () => {
    expect(statusOf(ev("ARREST"), ev("ACQUITTAL"))).toBe("ACQUITTED");
    expect(statusOf(ev("ARREST"), ev("SENTENCE"), ev("ACQUITTAL"))).toBe("ACQUITTED");
    expect(statusOf(ev("SENTENCE"), ev("ACQUITTAL"), ev("DETENTION"))).toBe("DETAINED");
  });

  it.each([
    ["ELECTRONIC_MONITORING", "CONDITIONALLY_RELEASED"],
    ["CONDITIONAL", "CONDITIONALLY_RELEASED"],
    ["FULL", "RELEASED"],
    ["END_OF_SENTENCE", "RELEASED"],
    ["UNCONDITIONAL", "RELEASED"],
    ["AFTER_INTERROGATION", "RELEASED"],
    ["UNKNOWN", "RELEASED"],
    [null, "RELEASED"],
  ] as const)("RELEASE of type %s gives %s", (releaseType, expected) => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Rasht prison" }), ev("RELEASE", { releaseType })));
    expect(s.status).toBe(expected);
    expect(s.inCustody).toBe(false);
    expect(s.currentFacilityName).toBeNull();
  });

  it("events that set no status leave the previous one", () => {
    expect(statusOf(ev("ARREST"), ev("CHARGE"), ev("TRIAL"), ev("ILL_TREATMENT"), ev("HUNGER_STRIKE"), ev("RESTRICTION"), ev("OTHER"))).toBe("DETAINED");
  });

  it("walks events in position order, not array order", () => {
    const events = [
      { ...ev("RELEASE", { on: "2020-10-20" }), position: 2 },
      { ...ev("ARREST", { on: "2020-10-18" }), position: 0 },
    ];
    expect(deriveCaseState(events).status).toBe("RELEASED");
    expect(deriveCaseState([events[0]!, { ...events[1]!, position: 3 }]).status).toBe("DETAINED");
  });

  it("ignores soft-deleted events", () => {
    expect(statusOf(ev("ARREST"), ev("RELEASE", { deletedAt: new Date("2024-01-01") }))).toBe("DETAINED");
    expect(statusOf(ev("ARREST", { deletedAt: new Date() }))).toBe("UNKNOWN");
  });
});

describe("deriveCaseState: status event (the 'last known' date)", () => {
  it("is the last event that set or confirmed the status", () => {
    const events = timeline(
      ev("ARREST", { on: "2020-10-04" }),
      ev("DETENTION", { on: "2020-10-04", facilityName: "ETTELAAT detention center, Tabriz" }),
      ev("ILL_TREATMENT", { on: "2020-11" }),
      ev("TRANSFER", { on: "2020-12", facilityName: "Tabriz prison" }),
      ev("HUNGER_STRIKE", { on: "2021-01" }),
    );
    // The TRANSFER confirms the detention later than the ARREST; the hunger strike sets nothing.
    expect(deriveCaseState(events).statusEvent).toBe(events[3]);
  });

  it("is the undated event when that is the one that set the status (date unknown)", () => {
    const events = timeline(ev("ARREST", { on: "2004-06" }), ev("BAIL", { on: "2004-07-22" }), ev("SENTENCE"));
    const s = deriveCaseState(events);
    expect(s.status).toBe("SENTENCED");
    expect(s.statusEvent).toBe(events[2]);
    expect(s.statusEvent?.date).toBeNull();
  });

  it("is null while the status is UNKNOWN", () => {
    expect(deriveCaseState(timeline(ev("RESTRICTION", { on: "2020-11" }))).statusEvent).toBeNull();
  });
});

describe("deriveCaseState: current facility", () => {
  it("DETENTION and TRANSFER naming a facility set it (id and name)", () => {
    const s = deriveCaseState(
      timeline(
        ev("ARREST"),
        ev("DETENTION", { facilityId: "f1", facilityName: "ETTELAAT detention center, Tabriz" }),
        ev("TRANSFER", { facilityId: "f2", facilityName: "Tabriz prison" }),
      ),
    );
    expect(s.currentFacilityId).toBe("f2");
    expect(s.currentFacilityName).toBe("Tabriz prison");
  });

  it("a DB row with only a facility id sets the id", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityId: "f1" })));
    expect(s.currentFacilityId).toBe("f1");
    expect(s.currentFacilityName).toBeNull();
  });

  it("a DETENTION or TRANSFER without a facility keeps the current one", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Evin prison" }), ev("DETENTION"), ev("INCOMMUNICADO")));
    expect(s.currentFacilityName).toBe("Evin prison");
  });

  it("an ARREST starts a new custody episode: the old facility is cleared", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Evin prison" }), ev("ARREST")));
    expect(s.status).toBe("DETAINED");
    expect(s.currentFacilityName).toBeNull();
  });

  it("a facility is never current out of custody, even after a later no-change event", () => {
    const s = deriveCaseState(timeline(ev("DETENTION", { facilityName: "Evin prison" }), ev("BAIL"), ev("INCOMMUNICADO")));
    // INCOMMUNICADO is custody again, but names no facility; the old one was cleared at BAIL.
    expect(s.status).toBe("DETAINED");
    expect(s.currentFacilityName).toBeNull();
  });
});

describe("deriveCaseState: arrest", () => {
  it("is the first ARREST", () => {
    const events = timeline(
      ev("SUMMONS", { on: "2020-11-22" }),
      ev("DETENTION", { on: "2020-11-22" }),
      ev("ARREST", { on: "2020-11-23", city: "Urmia" }),
      ev("ARREST", { on: "2021-01-01", city: "Tabriz" }),
    );
    expect(deriveCaseState(events).arrest).toBe(events[2]);
  });

  it("is the first DETENTION when there is no ARREST", () => {
    const events = timeline(ev("OTHER"), ev("DETENTION", { on: "2020-08" }), ev("DETENTION", { on: "2020-11-20" }));
    expect(deriveCaseState(events).arrest).toBe(events[1]);
  });

  it("is null without ARREST or DETENTION, and skips a deleted ARREST", () => {
    expect(deriveCaseState(timeline(ev("SENTENCE"))).arrest).toBeNull();
    const events = timeline(ev("ARREST", { deletedAt: new Date() }), ev("TRANSFER"));
    expect(deriveCaseState(events).arrest).toBeNull();
  });
});
