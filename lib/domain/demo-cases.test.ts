// The derivation rules run on the real demo dataset (prisma/demo/seed-cases.json, a copy of
// the shared design data). Every expected value below was worked out by hand from the case's
// events, in the order the file lists them, and the reason is written next to it.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { deriveCaseColumns } from "./case-derivation";
import { toIsoPartial } from "./dates";
import { timelineEventFromSeed } from "./seed-event";
import { effectiveSentence, firstInstanceSentence } from "./sentence";
import { deriveCaseState } from "./status";
import { CASE_STATUSES, type CaseStatus, type TimelineEvent } from "./types";

const SEED_PATH = fileURLToPath(new URL("../../prisma/demo/seed-cases.json", import.meta.url));

const seedFile = z.object({
  cases: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      events: z.array(
        z.looseObject({
          type: z.string(),
          date: z.string().nullable(),
          court: z.string().nullish(),
          branch: z.string().nullish(),
        }),
      ),
    }),
  ),
});

const seed = seedFile.parse(JSON.parse(readFileSync(SEED_PATH, "utf8")));
const cases = seed.cases.map((c) => ({
  ...c,
  timeline: c.events.map((e, i) => timelineEventFromSeed(e, i)),
}));
const caseById = new Map(cases.map((c) => [c.id, c]));

function demoCase(id: string) {
  const c = caseById.get(id);
  if (!c) throw new Error(`demo case ${id} not found`);
  return c;
}

type Terms = { prisonDays: number | null; lashes: number | null } | null;
interface Expected {
  status: CaseStatus;
  /** ISO partial of the status event's date; null = the status event is undated. */
  statusDate: string | null;
  firstInstance: Terms;
  effective: Terms;
  facility: string | null;
  why: string;
}

const ARDABIL_9_OCT_2021 = { prisonDays: 226, lashes: 74 }; // 7 months 16 days = 7×30 + 16
const TABRIZ_DEPT_112 = { prisonDays: 365, lashes: 60 }; // 1 year

// The eleven people sentenced by the Ardabil city court on 9 Oct 2021.
const ardabilArrestedFirst = ["c-sajjad-colani-2020", "c-asghar-akbarzadeh-2020", "c-murtaza-parvin-2020", "c-mustafa-parvin-2020", "c-mohammad-colani-2020"];
const ardabilSentenceOnly = [
  "c-huseyn-balakhani-2021",
  "c-mojtaba-parvin-2021",
  "c-hamid-heydari-2021",
  "c-subhan-bakhshi-2021",
  "c-mehdi-hushmand-2021",
  "c-bahman-kheirju-2021",
];
// The five sentenced by Department No. 112 of the Second Criminal Court of Tabriz.
const tabrizDept112 = ["c-hakima-ahmadi-2020", "c-yaseman-zafari-2020", "c-sadullah-sasaniyan-2020", "c-rahim-sasaniyan-2020", "c-mehdi-purali-2020"];

const expectations: Record<string, Expected> = {
  ...Object.fromEntries(
    ardabilArrestedFirst.map((id) => [
      id,
      {
        status: "IMPRISONED",
        statusDate: "2021-10-09",
        firstInstance: ARDABIL_9_OCT_2021,
        effective: ARDABIL_9_OCT_2021,
        facility: null,
        why: "ARREST 29 Sep 2020 (in custody, no facility named), no release recorded, SENTENCE 9 Oct 2021 while in custody",
      } satisfies Expected,
    ]),
  ),
  ...Object.fromEntries(
    ardabilSentenceOnly.map((id) => [
      id,
      {
        status: "SENTENCED",
        statusDate: "2021-10-09",
        firstInstance: ARDABIL_9_OCT_2021,
        effective: ARDABIL_9_OCT_2021,
        facility: null,
        why: "the only event is the SENTENCE of 9 Oct 2021; no custody is recorded, so not IMPRISONED",
      } satisfies Expected,
    ]),
  ),
  ...Object.fromEntries(
    tabrizDept112.map((id) => [
      id,
      {
        status: "SENTENCED",
        statusDate: "2021-01",
        firstInstance: TABRIZ_DEPT_112,
        effective: TABRIZ_DEPT_112,
        facility: null,
        why: "ARREST 16 Jul 2020, TEMPORARY_RELEASE 21 Jul 2020 (out of custody), SENTENCE Jan 2021 out of custody",
      } satisfies Expected,
    ]),
  ),
  "c-salar-tahir-afshar-2020": {
    status: "CONDITIONALLY_RELEASED",
    statusDate: "2021-06-19",
    firstInstance: { prisonDays: 1460, lashes: 0 }, // the MEDIUM SENTENCE: 4 years, no lashes
    effective: { prisonDays: 365, lashes: 0 }, // APPEAL reduced to 1 year; lashes null carry over 0
    facility: null,
    why: "the LOW 3-year SENTENCE is ignored (a MEDIUM one exists); RELEASE 19 Jun 2021 with an electronic tag",
  },
  "c-mohammad-eyni-2020": {
    status: "RELEASED",
    statusDate: "2023-02",
    firstInstance: { prisonDays: 940, lashes: 0 }, // 2 years 7 months = 730 + 210
    effective: { prisonDays: 940, lashes: 0 },
    facility: null,
    why: "ARREST, SENTENCE, DETENTION Rasht prison, RELEASE with electronic monitoring (Aug 2021), then full RELEASE Feb 2023",
  },
  "c-fatma-ibrahimzade-2020": {
    status: "RELEASED",
    statusDate: "2020-10",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "ARREST 18 Oct 2020, 24-hour detention, RELEASE (type unknown) Oct 2020",
  },
  "c-abbas-lisani-2004": {
    // The brief suggested RELEASED_ON_BAIL, last known 22 Jul 2004. By the rules the undated
    // SENTENCE listed after the BAIL comes later in the timeline: out of custody + sentence =
    // SENTENCED, and the status event is that SENTENCE, whose date is unknown.
    status: "SENTENCED",
    statusDate: null,
    firstInstance: { prisonDays: null, lashes: 15 }, // no prison term stated; fined 800,000 rials
    effective: { prisonDays: null, lashes: 15 },
    facility: null,
    why: "ARREST Jun 2004, DETENTION, TRANSFER Ardabil prison, BAIL 22 Jul 2004, then the undated SENTENCE",
  },
  "c-abbas-lisani-2020": {
    status: "DETAINED",
    statusDate: "2020-11-20",
    firstInstance: null,
    effective: null,
    facility: "Ardabil prison, section 7",
    why: "DETENTION Aug 2020, DETENTION 20 Nov 2020 in Ardabil prison, section 7; OTHER and RESTRICTION change nothing",
  },
  "c-farid-khorshidi-2020": {
    status: "ACQUITTED",
    statusDate: "2020-08",
    firstInstance: null,
    effective: null, // acquitted without any sentence: no sentence, not a zero one
    facility: null,
    why: "CHARGE then ACQUITTAL Aug 2020",
  },
  "c-said-sultani-2020": {
    status: "IMPRISONED",
    statusDate: "2021-12",
    firstInstance: { prisonDays: 730, lashes: 0 }, // 2 years
    effective: { prisonDays: 730, lashes: 0 },
    facility: "Tabriz prison",
    why: "ARREST, DETENTION at the ETTELAAT centre, TRANSFER to Tabriz prison, SENTENCE Dec 2021 in custody",
  },
  "c-ali-khairju-2020": {
    status: "IMPRISONED",
    statusDate: "2020-12",
    firstInstance: { prisonDays: 120, lashes: 20 }, // 4 months
    effective: { prisonDays: 120, lashes: 20 },
    facility: null,
    why: "ARREST Sep 2020 (no facility named), SENTENCE Dec 2020 while in custody",
  },
  "c-parviz-siyabi-2020": {
    status: "RELEASED_ON_BAIL",
    statusDate: "2020-10-05",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "ARREST 29 Sep 2020, BAIL 5 Oct 2020",
  },
  "c-vugar-nemat-2020": {
    status: "DETAINED",
    statusDate: "2020-10-30",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "SUMMONS 1 Oct 2020 (SUMMONED), then ARREST 30 Oct 2020",
  },
  "c-murtuz-nurmohammadi-2020": {
    status: "SUMMONED",
    statusDate: "2020",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "only summoned (year precision)",
  },
  "c-ogtay-lisani-2020": {
    status: "UNKNOWN",
    statusDate: null,
    firstInstance: null,
    effective: null,
    facility: null,
    why: "only a RESTRICTION, which sets no status",
  },
  "c-hamid-jabbarli-2020": {
    status: "DETAINED",
    statusDate: null,
    firstInstance: null,
    effective: null,
    facility: "Evin prison",
    why: "ARREST, DETENTION in Evin 20 Jul 2020, then an undated DETENTION without facility: keeps Evin, date unknown",
  },
  "c-huseyn-shahidi-2020": {
    status: "RELEASED",
    statusDate: "2020-07-20",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "ARREST and DETENTION in Evin 16 Jul 2020, RELEASE 20 Jul 2020: facility cleared",
  },
  "c-siyamak-kushi-2020": {
    status: "RELEASED_ON_BAIL",
    statusDate: null,
    firstInstance: null,
    effective: null,
    facility: null,
    why: "ARREST, DETENTION, then an undated TEMPORARY_RELEASE, not sentenced",
  },
  "c-latif-hasanli-2020": {
    status: "DETAINED",
    statusDate: "2020-08",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "a single (low-confidence) DETENTION in Aug 2020, no facility",
  },
  "c-rasul-razavi-2020": {
    status: "DETAINED",
    statusDate: "2020-10-17",
    firstInstance: null,
    effective: null,
    facility: null,
    why: "ARREST 17 Oct 2020; the HUNGER_STRIKE changes nothing",
  },
};

const terms = (s: { prisonDays: number | null; lashes: number | null } | null): Terms => (s === null ? null : { prisonDays: s.prisonDays, lashes: s.lashes });

describe("demo data: hand-checked cases", () => {
  it("covers at least twelve cases", () => {
    expect(Object.keys(expectations).length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(expectations))("%s", (id, expected) => {
    const events = demoCase(id).timeline;
    const state = deriveCaseState(events);
    expect({
      status: state.status,
      statusDate: toIsoPartial(state.statusEvent?.date ?? null, state.statusEvent?.datePrecision ?? "UNKNOWN"),
      firstInstance: terms(firstInstanceSentence(events)),
      effective: terms(effectiveSentence(events)),
      facility: state.currentFacilityName,
    }).toEqual({
      status: expected.status,
      statusDate: expected.statusDate,
      firstInstance: expected.firstInstance,
      effective: expected.effective,
      facility: expected.facility,
    });
  });

  it("finds exactly the eleven Ardabil sentences of 9 Oct 2021 in the data", () => {
    const found = seed.cases
      .filter((c) => c.events.some((e) => e.type === "SENTENCE" && e.date === "2021-10-09" && e.court === "Ardabil city court"))
      .map((c) => c.id);
    expect(found.sort()).toEqual([...ardabilArrestedFirst, ...ardabilSentenceOnly].sort());
  });

  it("finds exactly the five Department No. 112 sentences in the data", () => {
    const found = seed.cases
      .filter((c) => c.events.some((e) => e.type === "SENTENCE" && e.court === "Second Criminal Court of Tabriz" && e.branch === "Department No. 112"))
      .map((c) => c.id);
    expect(found.sort()).toEqual([...tabrizDept112].sort());
  });

  it("Fatima Ibrahimzadeh's case is the one of person p-fatma-ibrahimzade", () => {
    expect(demoCase("c-fatma-ibrahimzade-2020").personId).toBe("p-fatma-ibrahimzade");
  });

  it("Abbas Lisani 2004: fined 800,000 rials and 15 lashes, no prison term", () => {
    const events = demoCase("c-abbas-lisani-2004").timeline;
    expect(firstInstanceSentence(events)).toMatchObject({
      prison: null,
      prisonDays: null,
      lashes: 15,
      fine: { amount: "800000", currency: "IRR" },
    });
    expect(effectiveSentence(events)?.fine).toEqual({ amount: "800000", currency: "IRR" });
  });

  it("Salar Tahir Afshar: the effective sentence comes from the appeal, the first from the 4-year sentence", () => {
    const events = demoCase("c-salar-tahir-afshar-2020").timeline;
    expect(firstInstanceSentence(events)?.event).toBe(events[3]); // SENTENCE (medium), 4 years
    expect(effectiveSentence(events)?.event).toBe(events[4]); // APPEAL, reduced to 1 year
    expect(effectiveSentence(events)?.prison).toEqual({ years: 1, months: 0, days: 0 });
    expect(events[5]).toMatchObject({ type: "SENTENCE", confidence: "LOW", prisonYears: 3 }); // ignored
  });

  it("derives the arrest columns (date, precision, city)", () => {
    const columns = (id: string) => {
      const c = deriveCaseColumns(demoCase(id).timeline);
      return [toIsoPartial(c.arrestDate, c.arrestDatePrecision), c.arrestDatePrecision, c.arrestCity];
    };
    expect(columns("c-salar-tahir-afshar-2020")).toEqual(["2020-11-22", "DAY", "Urmia"]);
    expect(columns("c-abbas-lisani-2004")).toEqual(["2004-06", "MONTH", "Ardabil"]);
    // No ARREST: the first DETENTION (Aug 2020), which has no city.
    expect(columns("c-abbas-lisani-2020")).toEqual(["2020-08", "MONTH", null]);
    expect(columns("c-vahid-khavandi-2020")).toEqual(["2020", "YEAR", null]);
    // Only a SENTENCE: no arrest.
    expect(columns("c-huseyn-balakhani-2021")).toEqual([null, "UNKNOWN", null]);
  });

  it("adds up to the demo totals the charts must show", () => {
    // Worked out by hand from the SENTENCE/APPEAL events of the file:
    //   Ardabil 9 Oct 2021: 11 × (226 days, 74 lashes); Tabriz Dept 112: 5 × (365, 60);
    //   Second Criminal Court of Ardabil, Dept 110: 2 × (120, 20); Tabriz Revolutionary
    //   Court: 2 × (730, 0); Salar Tahir Afshar: 1460 first / 365 effective, 0 lashes;
    //   Mohammad Eyni: 940, 0; Abbas Lisani 2004: no prison term, 15 lashes.
    const all = cases.map((c) => ({ first: firstInstanceSentence(c.timeline), eff: effectiveSentence(c.timeline) }));
    const sum = (xs: (number | null | undefined)[]) => xs.reduce<number>((a, x) => a + (x ?? 0), 0);
    expect(all.filter((x) => x.first !== null)).toHaveLength(23);
    expect(sum(all.map((x) => x.first?.lashes))).toBe(11 * 74 + 5 * 60 + 2 * 20 + 15); // 1169
    expect(sum(all.map((x) => x.eff?.lashes))).toBe(1169);
    expect(sum(all.map((x) => x.first?.prisonDays))).toBe(11 * 226 + 5 * 365 + 2 * 120 + 2 * 730 + 1460 + 940); // 8411
    expect(sum(all.map((x) => x.eff?.prisonDays))).toBe(8411 - 1460 + 365); // 7316
  });
});

describe("demo data: invariants on every case", () => {
  it("has all 83 cases, each with at least one event, all of which map", () => {
    expect(cases).toHaveLength(83);
    for (const c of cases) expect(c.timeline.length, c.id).toBeGreaterThan(0);
  });

  const IN_CUSTODY: CaseStatus[] = ["DETAINED", "IMPRISONED", "DISAPPEARED"];

  it.each(cases.map((c) => [c.id, c.timeline] as const))("%s", (id, events: TimelineEvent[]) => {
    const state = deriveCaseState(events);
    const first = firstInstanceSentence(events);
    const eff = effectiveSentence(events);
    const columns = deriveCaseColumns(events);

    expect(CASE_STATUSES).toContain(state.status);
    // A status other than UNKNOWN always comes from one of the case's own events.
    if (state.status === "UNKNOWN") expect(state.statusEvent).toBeNull();
    else expect(events).toContain(state.statusEvent);
    // A facility is only current while in custody and with known whereabouts.
    if (!IN_CUSTODY.includes(state.status) || state.status === "DISAPPEARED") {
      expect(state.currentFacilityName).toBeNull();
      expect(state.currentFacilityId).toBeNull();
    }
    expect(state.inCustody).toBe(IN_CUSTODY.includes(state.status));

    for (const s of [first, eff]) {
      if (s === null) continue;
      if (s.prisonDays !== null) expect(s.prisonDays).toBeGreaterThanOrEqual(0);
      if (s.lashes !== null) expect(s.lashes).toBeGreaterThanOrEqual(0);
    }
    // Every demo case with a SENTENCE has a first-instance sentence (none has only LOW ones
    // contradicted by nothing), and sentenced statuses always rest on one.
    expect(first !== null).toBe(events.some((e) => e.type === "SENTENCE"));
    if (state.status === "SENTENCED" || state.status === "IMPRISONED") expect(first).not.toBeNull();
    if (first !== null && first.prisonDays !== null) expect(eff).not.toBeNull();

    // The cached columns agree with the derivations they summarise.
    expect(columns.status).toBe(state.status);
    expect(columns.firstInstancePrisonDays).toBe(first?.prisonDays ?? null);
    expect(columns.effectiveLashes).toBe(eff?.lashes ?? null);
    expect(columns.statusDate === null).toBe(columns.statusDatePrecision === "UNKNOWN");
    expect(columns.arrestDate === null).toBe(columns.arrestDatePrecision === "UNKNOWN");
  });
});
