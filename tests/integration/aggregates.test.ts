// Every aggregate of the dashboard, GET /api/stats and the public page, on the demo data,
// against the same figures computed independently from prisma/demo/seed-cases.json
// (tests/support/expected-aggregates.ts walks the file with lib/domain's pure rules; no SQL).
// Then: filters, each bar's drill-down filters, soft-deleted records, authorization, and the
// public page (switch, no names, no group below 3).
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { drillDown } from "@/lib/charts/drill-down";
import { getAggregates, getCasesByStatus, getLashesByCourt, getRecordCounts, getSentenceTotals, getTopCharges, type Aggregates } from "@/lib/data/aggregates";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { createEvent, deleteEvent, restoreEvent, updateEvent } from "@/lib/data/event-mutations";
import { getPublicAggregates } from "@/lib/data/public-aggregates";
import { getSettings, setPublicAggregates } from "@/lib/data/settings";
import { db } from "@/lib/db";
import { PRISON_TERM_BUCKETS } from "@/lib/domain/prison-term-buckets";
import { FEWER_THAN_MIN_PUBLIC_GROUP, MIN_PUBLIC_GROUP } from "@/lib/domain/small-groups";
import type { CaseFilters } from "@/lib/validation/case-filters";
import messages from "@/messages/en.json";
import { caseFacts, demoNames, expectedFigures, seedFile, type Basis, type CaseFacts } from "../support/expected-aggregates";
import { createUser } from "../support/factories";

// The public view renders client chart cards; outside Next.js they need a router stand-in.
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {} }), usePathname: () => "/stats" }));

const BASES: Basis[] = ["firstInstance", "effective"];
const WITH_PEOPLE = { people: true };
const allFacts = caseFacts();
let viewer: Actor;
let editor: Actor;
let admin: Actor;
const courtIds = new Map<string, string>();
const incidentIds = new Map<string, string>();

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  [viewer, editor, admin] = await Promise.all([createUser("VIEWER"), createUser("EDITOR"), createUser("ADMIN")]);
  for (const c of await db().court.findMany({ select: { id: true, name: true } })) courtIds.set(c.name, c.id);
  for (const i of await db().incident.findMany({ select: { id: true, key: true } })) incidentIds.set(i.key, i.id);
});

afterAll(async () => {
  await db().$disconnect();
});

const json = (key: unknown) => JSON.stringify(key);

/** The SQL's rows of one reading, keyed like the independent computation, groups with lashes only. */
function lashMap<R extends Record<Basis, { lashes: number; cases: number; people: number | null }>>(rows: R[], basis: Basis, keyOf: (r: R) => unknown) {
  return new Map(rows.filter((r) => r[basis].lashes > 0).map((r) => [json(keyOf(r)), r[basis]]));
}

/**
 * The figures without the people the dashboard does not ask for: those of every group and of
 * the prison totals. The record counts and the lashes totals keep theirs.
 */
function withoutGroupPeople(value: unknown, path = "$"): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutGroupPeople(v, `${path}[]`));
  if (value === null || typeof value !== "object" || path === "$.lashes.sentenced") return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutGroupPeople(v, `${path}.${k}`)]));
  return path !== "$" && "cases" in out && "people" in out ? { ...out, people: null } : out;
}

/**
 * Compares every chart's figures for `filters` with the independent computation over
 * `facts`: the public page's (people counted per group) in full, and the dashboard's (cases
 * only per group) against those.
 */
async function expectFigures(filters: CaseFilters, facts: readonly CaseFacts[], filtered: boolean): Promise<Aggregates> {
  const a = await getAggregates(viewer, filters, WITH_PEOPLE);
  expect(await getAggregates(viewer, filters)).toEqual(withoutGroupPeople(a));
  const e = expectedFigures(facts);
  expect(a.cases).toBe(e.cases);
  if (filtered) {
    expect(a.people).toBe(e.people);
    expect(a.incidents).toBe(new Set(facts.map((c) => c.incidentId).filter((id) => id !== null)).size);
  }

  for (const b of BASES) {
    const x = e[b];
    expect(a.lashes[b], `lashes ${b}`).toBe(x.lashes);
    expect(a.lashes.sentenced[b]).toEqual(x.lashesSentenced);
    expect(a.prisonDays[b], `prison days ${b}`).toBe(x.prisonDays);
    expect(a.prisonDays.sentenced[b]).toEqual(x.prisonSentenced);
    expect(
      lashMap(a.lashes.byCourt, b, (r) => [r.court, r.branch]),
      `by court ${b}`,
    ).toEqual(x.byCourt);
    expect(
      lashMap(a.lashes.byCity, b, (r) => r.city?.toLowerCase() ?? null),
      `by city ${b}`,
    ).toEqual(x.byCity);
    expect(
      lashMap(a.lashes.byMonth, b, (r) => r.month),
      `by month ${b}`,
    ).toEqual(x.byMonth);
    const histogram = new Map(a.prisonDays.histogram.filter((r) => r[b].cases > 0).map((r) => [r.bucket as string, r[b]]));
    expect(histogram, `histogram ${b}`).toEqual(x.histogram);
    // The breakdowns add up to the totals.
    expect(a.lashes.byCourt.reduce((n, r) => n + r[b].lashes, 0)).toBe(x.lashes);
    expect(a.lashes.byCity.reduce((n, r) => n + r[b].lashes, 0)).toBe(x.lashes);
    expect(a.lashes.byMonth.reduce((n, r) => n + r[b].lashes, 0)).toBe(x.lashes);
    expect(a.prisonDays.histogram.reduce((n, r) => n + r[b].cases, 0)).toBe(x.prisonSentenced.cases);
  }
  expect(a.prisonDays.change.reduce((n, r) => n + r.firstInstanceDays, 0)).toBe(e.firstInstance.prisonDays);
  expect(a.prisonDays.change.reduce((n, r) => n + r.effectiveDays, 0)).toBe(e.effective.prisonDays);

  expect(new Map(a.casesByStatus.filter((r) => r.cases > 0).map((r) => [r.status as string, { cases: r.cases, people: r.people }]))).toEqual(e.byStatus);
  expect(Object.values(a.byStatus).reduce((n, v) => n + v, 0)).toBe(e.cases);

  const arrests = new Map(a.arrestsByMonth.named.map((r) => [json(r.month), { cases: r.cases, people: r.people }]));
  if (a.arrestsByMonth.namedMonthUnknown.cases > 0) arrests.set(json(null), a.arrestsByMonth.namedMonthUnknown);
  expect(arrests).toEqual(e.arrestsByMonth);

  expect(a.demographics.people).toBe(e.demographics.people);
  expect(new Map(a.demographics.gender.filter((g) => g.people > 0).map((g) => [g.gender as string, g.people]))).toEqual(e.demographics.gender);
  expect(new Map(a.demographics.vulnerabilities.filter((v) => v.people > 0).map((v) => [v.vulnerability as string, v.people]))).toEqual(
    e.demographics.vulnerabilities,
  );
  return a;
}

async function expectAllCharges(filters: CaseFilters, facts: readonly CaseFacts[]) {
  const e = expectedFigures(facts);
  for (const [field, expected] of [
    ["text", e.charges],
    ["article", e.articles],
  ] as const) {
    const all = await getTopCharges(viewer, filters, field, WITH_PEOPLE, 1000);
    expect(new Map(all.map((r) => [r.label.toLowerCase(), { cases: r.cases, people: r.people }]))).toEqual(expected);
    // The dashboard's top ten (cases only) are the first ten of the same ordering.
    const top = await getTopCharges(viewer, filters, field);
    expect(top).toEqual(all.slice(0, 10).map((r) => ({ ...r, people: null })));
  }
}

describe("aggregates on the demo data", () => {
  it("equal the figures computed from seed-cases.json", async () => {
    const a = await expectFigures({}, allFacts, false);
    // Without filters the headline counts are GET /api/stats' old ones: every live record.
    expect([a.people, a.cases, a.incidents]).toEqual([seedFile.people.length, seedFile.cases.length, seedFile.incidents.length]);
    await expectAllCharges({}, allFacts);
  });

  it("give the figures an advocate can check by hand", async () => {
    const a = await getAggregates(viewer, {}, WITH_PEOPLE);
    // 15 (Abbas Lisani, 2004) + 5 × 60 (Tabriz, Department No. 112) + 11 × 74 (Ardabil city court) + 2 × 20.
    expect(a.lashes.firstInstance).toBe(15 + 5 * 60 + 11 * 74 + 2 * 20);
    expect(a.lashes.effective).toBe(a.lashes.firstInstance);
    // Salar Tahir Afshar: 4 years at first instance, 1 year after appeal (the LOW "3 years" report is ignored).
    expect(a.prisonDays.firstInstance - a.prisonDays.effective).toBe(3 * 365);
    const salar = a.prisonDays.change.find((r) => r.change === "reduced");
    expect(salar).toMatchObject({ cases: 1, people: 1, firstInstanceDays: 1460, effectiveDays: 365 });
    const ardabil = a.lashes.byCourt.find((r) => r.court === "Ardabil city court");
    expect(ardabil?.effective).toEqual({ lashes: 814, cases: 11, people: 11 });
    expect(a.lashes.sentenced.effective).toEqual({ cases: 19, people: 19 });
  });

  it("list incidents' reported numbers one by one, apart from the named counts", async () => {
    const a = await getAggregates(viewer, {});
    const expected = seedFile.incidents.filter((i: { reportedDetained: number | null }) => i.reportedDetained !== null);
    expect(new Map(a.arrestsByMonth.reported?.map((r) => [r.title, r.reported]))).toEqual(
      new Map(expected.map((i: { title: string; reportedDetained: number }) => [i.title, i.reportedDetained])),
    );
    const tabriz = a.arrestsByMonth.reported?.find((r) => r.reported === 40);
    expect(tabriz?.month).toBe("2020-10");
    expect(a.arrestsByMonth.reported?.find((r) => r.reported === 242)?.month).toBeNull(); // dated 2020 only
  });
});

describe("filters", () => {
  const cases: { name: string; filters: () => CaseFilters; keep: (c: CaseFacts) => boolean }[] = [
    { name: "city of arrest (any spelling case)", filters: () => ({ city: "ardabil" }), keep: (c) => c.arrest?.city?.toLowerCase() === "ardabil" },
    { name: "gender", filters: () => ({ gender: "FEMALE" }), keep: (c) => c.gender === "FEMALE" },
    { name: "court", filters: () => ({ court: courtIds.get("Ardabil city court") as string }), keep: (c) => c.courts.includes("Ardabil city court") },
    {
      name: "incident",
      filters: () => ({ incident: incidentIds.get("inc-2020-09-29-ardabil-jiral-park") as string }),
      keep: (c) => c.incidentId === "inc-2020-09-29-ardabil-jiral-park",
    },
    {
      name: "arrest date range",
      filters: () => ({ arrestFrom: "2020-10-01", arrestTo: "2020-10-31" }),
      keep: (c) => c.arrest?.firstDay != null && c.arrest.firstDay >= "2020-10-01" && c.arrest.firstDay <= "2020-10-31",
    },
    {
      name: "several at once",
      filters: () => ({ city: "Tabriz", gender: "MALE", arrestFrom: "2020-07-01" }),
      keep: (c) => c.arrest?.city === "Tabriz" && c.gender === "MALE" && c.arrest.firstDay != null && c.arrest.firstDay >= "2020-07-01",
    },
  ];

  it.each(cases)("$name: every figure is computed over the matching cases only", async ({ filters, keep }) => {
    const facts = allFacts.filter(keep);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.length).toBeLessThan(allFacts.length);
    await expectFigures(filters(), facts, true);
    await expectAllCharges(filters(), facts);
  });

  it("match nothing: every figure is zero (the dashboard's empty state)", async () => {
    const a = await getAggregates(viewer, { city: "Nowhere" });
    expect([a.cases, a.people, a.lashes.effective, a.prisonDays.effective, a.demographics.people]).toEqual([0, 0, 0, 0, 0]);
    expect([a.lashes.byCourt, a.arrestsByMonth.named, a.topCharges]).toEqual([[], [], []]);
  });

  it("apply only the incident, city and date filters to reported numbers, and drop them for filters about people", async () => {
    const byCity = await getAggregates(viewer, { city: "Tabriz" });
    expect(byCity.arrestsByMonth.reported?.map((r) => r.reported)).toEqual([40]);
    const byGender = await getAggregates(viewer, { gender: "FEMALE" });
    expect(byGender.arrestsByMonth.reported).toBeNull();
  });
});

describe("drill-down: each bar's case-table filters select exactly the cases it counts", () => {
  it("for every bar of every chart on the demo data", async () => {
    const a = await getAggregates(viewer, {});
    const count = async (f: CaseFilters | null) => (f === null ? null : (await getRecordCounts(viewer, f)).cases);
    const lashesOf = async (f: CaseFilters, b: Basis) => (await getSentenceTotals(viewer, f)).lashes[b];
    let bars = 0;
    for (const b of BASES) {
      for (const r of a.lashes.byCourt.filter((x) => x[b].lashes > 0)) {
        const f = drillDown.lashesByCourt({}, b, r);
        expect([await count(f), await lashesOf(f, b)]).toEqual([r[b].cases, r[b].lashes]);
        bars++;
      }
      for (const r of a.lashes.byCity.filter((x) => x[b].lashes > 0 && x.city !== null)) {
        const f = drillDown.lashesByCity({}, b, r) as CaseFilters;
        expect([await count(f), await lashesOf(f, b)]).toEqual([r[b].cases, r[b].lashes]);
        bars++;
      }
      for (const r of a.lashes.byMonth.filter((x) => x[b].lashes > 0)) {
        const f = drillDown.lashesByMonth({}, b, r);
        expect([await count(f), await lashesOf(f, b)]).toEqual([r[b].cases, r[b].lashes]);
        bars++;
      }
      for (const r of a.prisonDays.histogram) {
        const bucket = PRISON_TERM_BUCKETS.find((x) => x.id === r.bucket);
        expect(await count(drillDown.prisonRange({}, b, bucket as (typeof PRISON_TERM_BUCKETS)[number]))).toBe(r[b].cases);
        bars++;
      }
    }
    for (const r of a.prisonDays.change) expect(await count(drillDown.prisonChange({}, r.change))).toBe(r.cases);
    for (const r of a.arrestsByMonth.named) expect(await count(drillDown.arrestMonth({}, r.month))).toBe(r.cases);
    expect(await count(drillDown.arrestMonth({}, null))).toBe(a.arrestsByMonth.namedMonthUnknown.cases);
    for (const r of a.casesByStatus) expect(await count(drillDown.status({}, r.status))).toBe(r.cases);
    for (const r of a.demographics.gender) expect((await getRecordCounts(viewer, drillDown.gender({}, r.gender))).people).toBe(r.people);
    for (const r of a.demographics.vulnerabilities) {
      expect((await getRecordCounts(viewer, drillDown.vulnerability({}, r.vulnerability))).people).toBe(r.people);
    }
    for (const r of a.topCharges) expect(await count(drillDown.charge({}, r.label))).toBe(r.cases);
    for (const r of a.topArticles) expect(await count(drillDown.article({}, r.label))).toBe(r.cases);
    expect(bars).toBeGreaterThan(10);
  });

  it("keeps the dashboard's own filters", async () => {
    const base = { city: "Ardabil" };
    const [row] = await getLashesByCourt(viewer, base);
    expect(row).toBeDefined();
    const f = drillDown.lashesByCourt(base, "effective", row as NonNullable<typeof row>);
    expect((await getRecordCounts(viewer, f)).cases).toBe(row?.effective.cases);
  });
});

describe("soft-deleted records", () => {
  it("never count", async () => {
    // A person (with their cases), another case, a CHARGE event and an incident with a reported number.
    const person = "p-hakima-ahmadi";
    const caseKey = "c-sajjad-colani-2020";
    const chargeCase = allFacts.find((c) =>
      [...c.chargesByEvent.keys()].some((i) => seedFile.cases.find((s: { id: string }) => s.id === c.id).events[i].type === "CHARGE"),
    );
    expect(chargeCase).toBeDefined();
    const chargeIndex = [...(chargeCase as CaseFacts).chargesByEvent.keys()].find(
      (i) => seedFile.cases.find((s: { id: string }) => s.id === chargeCase?.id).events[i].type === "CHARGE",
    ) as number;
    const incidentKey = "inc-2020-10-01-tabriz-protest";
    const now = new Date();
    const caseRow = await db().case.findUniqueOrThrow({ where: { key: chargeCase?.id }, select: { id: true } });
    // The event through the data layer, as the app deletes it: the case's cached columns
    // (its charge sets among them) follow.
    const chargeEvent = await db().caseEvent.findFirstOrThrow({ where: { caseId: caseRow.id, position: chargeIndex }, select: { id: true, version: true } });
    await deleteEvent(editor, chargeEvent.id, chargeEvent.version);
    await db().person.update({ where: { key: person }, data: { deletedAt: now } });
    await db().case.update({ where: { key: caseKey }, data: { deletedAt: now } });
    await db().incident.update({ where: { key: incidentKey }, data: { deletedAt: now } });
    try {
      const facts = allFacts
        .filter((c) => c.personId !== person && c.id !== caseKey)
        .map((c) => (c.id === chargeCase?.id ? { ...c, chargesByEvent: new Map([...c.chargesByEvent].filter(([i]) => i !== chargeIndex)) } : c));
      const a = await expectFigures({}, facts, false);
      await expectAllCharges({}, facts);
      expect([a.people, a.incidents]).toEqual([seedFile.people.length - 1, seedFile.incidents.length - 1]);
      expect(a.arrestsByMonth.reported?.some((r) => r.reported === 40)).toBe(false);
      // A filter on the deleted incident finds nothing to count in it either.
      expect((await getAggregates(viewer, { city: "Tabriz" })).arrestsByMonth.reported).toEqual([]);
    } finally {
      await db().person.update({ where: { key: person }, data: { deletedAt: null } });
      await db().case.update({ where: { key: caseKey }, data: { deletedAt: null } });
      await restoreEvent(admin, chargeEvent.id);
      await db().incident.update({ where: { key: incidentKey }, data: { deletedAt: null } });
    }
  });
});

describe("charge counts", () => {
  it("follow the events' charges as they are added, edited and deleted", async () => {
    const source = await db().source.findFirstOrThrow({ where: { confidential: false, deletedAt: null }, select: { id: true } });
    const caseRow = await db().case.findFirstOrThrow({ where: { deletedAt: null, person: { deletedAt: null } }, select: { id: true } });
    const count = async (label: string) =>
      (await getTopCharges(viewer, {}, "text", WITH_PEOPLE, 1000)).find((r) => r.label.toLowerCase() === label.toLowerCase())?.cases ?? 0;
    const charge = (text: string) => ({
      type: "CHARGE",
      date: "2021-03-01",
      datePrecision: "DAY",
      sourceIds: [source.id],
      charges: [{ text, article: "Article 999" }],
    });

    const e = await createEvent(editor, caseRow.id, charge("Unheard-of charge  "));
    expect(await count("unheard-of charge")).toBe(1);
    // The same text on a second event of the case still counts the case once.
    const twin = await createEvent(editor, caseRow.id, charge("UNHEARD-OF CHARGE"));
    expect(await count("unheard-of charge")).toBe(1);
    await deleteEvent(editor, twin.id, twin.version);
    await updateEvent(editor, e.id, e.version, charge("Another unheard-of charge"));
    expect([await count("unheard-of charge"), await count("another unheard-of charge")]).toEqual([0, 1]);
    await deleteEvent(editor, e.id, e.version + 1);
    expect(await count("another unheard-of charge")).toBe(0);
  });

  it("count a text spelled differently on two cases of one person as one text, two cases and one person", async () => {
    const source = await db().source.findFirstOrThrow({ where: { confidential: false, deletedAt: null }, select: { id: true } });
    const owner = await db().person.findFirstOrThrow({
      where: { deletedAt: null, cases: { some: { deletedAt: null } } },
      orderBy: { cases: { _count: "desc" } },
      select: { cases: { where: { deletedAt: null }, select: { id: true }, take: 2 } },
    });
    expect(owner.cases).toHaveLength(2);
    const charge = (text: string) => ({ type: "CHARGE", date: "2021-03-01", datePrecision: "DAY", sourceIds: [source.id], charges: [{ text, article: null }] });
    const created = [
      await createEvent(editor, owner.cases[0]!.id, charge("spelled-twice charge")),
      await createEvent(editor, owner.cases[1]!.id, charge("Spelled-Twice Charge")),
    ];
    try {
      const rows = (await getTopCharges(viewer, {}, "text", WITH_PEOPLE, 1000)).filter((r) => r.label.toLowerCase() === "spelled-twice charge");
      // One row, spelled as the bytewise-smallest variant ("S" < "s").
      expect(rows).toEqual([{ label: "Spelled-Twice Charge", cases: 2, people: 1 }]);
      const top = (await getTopCharges(viewer, {}, "text", { people: false }, 1000)).filter((r) => r.label.toLowerCase() === "spelled-twice charge");
      expect(top).toEqual([{ label: "Spelled-Twice Charge", cases: 2, people: null }]);
    } finally {
      for (const e of created) await deleteEvent(editor, e.id, e.version);
    }
  });
});

describe("authorization", () => {
  it("requires a signed-in user for every aggregate", async () => {
    await expect(getAggregates(null, {})).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(getCasesByStatus(null, {})).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(getAggregates(editor, {})).resolves.toBeDefined();
  });

  it("lets only an ADMIN read or change the public page switch", async () => {
    for (const actor of [null, viewer, editor]) {
      await expect(setPublicAggregates(actor, true)).rejects.toBeInstanceOf(actor ? ForbiddenError : AuthRequiredError);
      await expect(getSettings(actor)).rejects.toBeInstanceOf(actor ? ForbiddenError : AuthRequiredError);
    }
    expect((await getSettings(admin)).publicAggregates).toBe(false);
    expect(await db().appSetting.count()).toBe(0);
  });
});

/** Every group in the public JSON is either "< 3" with no figures, or of at least 3 people. */
function expectNoSmallGroup(value: unknown, path = "$"): number {
  if (Array.isArray(value)) return value.reduce((n: number, v, i) => n + expectNoSmallGroup(v, `${path}[${i}]`), 0);
  if (value === null || typeof value !== "object") return 0;
  let groups = 0;
  const record = value as Record<string, unknown>;
  if ("people" in record && "figures" in record) {
    groups++;
    if (record.people === FEWER_THAN_MIN_PUBLIC_GROUP) expect(record.figures, path).toBeNull();
    else expect(record.people as number, path).toBeGreaterThanOrEqual(MIN_PUBLIC_GROUP);
  }
  if ("reported" in record && typeof record.reported === "number") expect(record.reported, path).toBeGreaterThanOrEqual(MIN_PUBLIC_GROUP);
  for (const [k, v] of Object.entries(record)) groups += expectNoSmallGroup(v, `${path}.${k}`);
  return groups;
}

describe("the public aggregate page", () => {
  it("is off by default (404) and an ADMIN's switch turns it on, audited in the same transaction", async () => {
    await expect(getPublicAggregates()).rejects.toBeInstanceOf(NotFoundError);
    const { GET } = await import("@/app/api/public/stats/route");
    expect((await GET()).status).toBe(404);

    const auditBefore = await db().auditEntry.count({ where: { action: "settings.update" } });
    expect(await setPublicAggregates(admin, true)).toEqual({ changed: true });
    expect(await setPublicAggregates(admin, true)).toEqual({ changed: false }); // no change, no entry
    const entries = await db().auditEntry.findMany({ where: { action: "settings.update" }, orderBy: { id: "asc" } });
    expect(entries).toHaveLength(auditBefore + 1);
    expect(entries.at(-1)).toMatchObject({ actorId: admin.id, entityId: "publicAggregates", after: { enabled: true } });
    expect((await getSettings(admin)).publicAggregates).toBe(true);
  });

  it("answers JSON and HTML without any demo person's name and without any group below 3", async () => {
    await setPublicAggregates(admin, true);
    const { GET } = await import("@/app/api/public/stats/route");
    const res = await GET();
    expect(res.status).toBe(200);
    const body = await res.text();
    const data = JSON.parse(body);
    expect(expectNoSmallGroup(data)).toBeGreaterThan(20);
    // The small groups of the demo data are there, as "< 3" (e.g. the 2 cases of Department No. 110).
    expect(body).toContain(`"${FEWER_THAN_MIN_PUBLIC_GROUP}"`);
    // Totals equal the internal ones where the group is large enough.
    const internal = await getAggregates(viewer, {});
    expect(data.lashes.effective.total.figures.lashes).toBe(internal.lashes.effective);
    expect(data.prisonDays.firstInstance.total.figures.days).toBe(internal.prisonDays.firstInstance);

    const { PublicStatsView } = await import("@/components/dashboard/public-stats-view");
    const { publicChartSpecs } = await import("@/components/dashboard/public-chart-specs");
    const { NextIntlClientProvider } = await import("next-intl");
    const t = createTranslator({ locale: "en", messages });
    const view = createElement(PublicStatsView, { specs: publicChartSpecs(data, t, "en", "effective"), data, t, locale: "en", basis: "effective" });
    const providerProps = { locale: "en", messages, timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>;
    const html = renderToStaticMarkup(createElement(NextIntlClientProvider, providerProps, view));
    expect(html).toContain("&lt; 3");
    expect(html).toContain(String(internal.lashes.effective.toLocaleString("en")));
    for (const text of [body, html]) {
      for (const name of demoNames()) expect(text.includes(name), `"${name}" appears`).toBe(false);
    }
  });

  it("is gone again (404) when the ADMIN switches it off", async () => {
    await setPublicAggregates(admin, false);
    await expect(getPublicAggregates()).rejects.toBeInstanceOf(NotFoundError);
  });
});
