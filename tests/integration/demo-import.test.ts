// The demo import against a real PostgreSQL: exact counts, stored values, idempotence, and
// all-or-nothing behaviour for bad files and for failures halfway through. The tests run in
// order on this file's own database: the "nothing written" tests come before the import.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS, ensureDemoAccounts } from "@/lib/data/demo-accounts";
import { aliasScript, importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { db } from "@/lib/db";
import { parseDemoDataset, type DemoDataset } from "@/lib/validation/demo-dataset";
import { createDatabase } from "../support/databases";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON, mutated freely
type Json = any;

const DEMO_FILE = "prisma/demo/seed-cases.json";
const raw = readFileSync(DEMO_FILE, "utf8");
const json = (): Json => JSON.parse(raw);
const file: Json = json();
const tmp = mkdtempSync(path.join(tmpdir(), "demo-import-"));

function valid(): DemoDataset {
  const parsed = parseDemoDataset(json());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
}

/** Row count of every table of the app (everything but the migrations log). */
async function tableCounts(): Promise<Record<string, number>> {
  // Exact row counts of every table in one parameter-free query (query_to_xml runs the
  // count per table inside PostgreSQL, with the name quoted by format's %I).
  const rows = await db().$queryRaw<{ name: string; n: number }[]>`
    SELECT table_name AS name,
           (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1]::text::int AS n
      FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY 1`;
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

async function expectEmptyDatabase(): Promise<void> {
  const counts = await tableCounts();
  expect(Object.keys(counts).length).toBeGreaterThan(10);
  expect(
    Object.values(counts).every((n) => n === 0),
    JSON.stringify(counts),
  ).toBe(true);
}

// Expected totals, counted from the file itself rather than copied into the test.
const events = file.cases.flatMap((c: Json) => c.events);
const sum = (list: Json[], f: (x: Json) => number) => list.reduce((n, x) => n + f(x), 0);
const distinct = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;
const expected = {
  people: 80,
  cases: 83,
  incidents: 22,
  sources: 19,
  events: events.length,
  aliases: sum(file.people, (p) => p.aliases.length),
  relations: sum(file.people, (p) => p.relations.length),
  charges: sum(events, (e) => e.charges?.length ?? 0),
  eventSources: sum(events, (e) => e.sourceIds.length),
  personSources: sum(file.people, (p) => p.sourceIds.length),
  incidentSources: sum(file.incidents, (i) => i.sourceIds.length),
  courts: distinct(events.map((e: Json) => e.court ?? null)),
  facilities: distinct(events.map((e: Json) => e.facility ?? null)),
  // Cases the table shows charges or a court for (no court is named on other event types in the file).
  listDetails: file.cases.filter((c: Json) =>
    c.events.some((e: Json) => (e.charges?.length ?? 0) > 0 || (e.court && ["TRIAL", "SENTENCE", "APPEAL"].includes(e.type))),
  ).length,
};

afterAll(async () => {
  await db().$disconnect();
});

describe("a malformed dataset file", () => {
  it("is rejected with record and field, and nothing is written", async () => {
    const bad = json();
    bad.cases[3].events[2].date = "2020-13";
    bad.cases[3].events[2].datePrecision = "month";
    bad.people[0].nickname = "Abbas";
    const badPath = path.join(tmp, "bad-shape.json");
    writeFileSync(badPath, JSON.stringify(bad));

    const parsed = parseDemoDataset(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toEqual([
        { record: "people[0] (p-abbas-lisani)", field: "nickname", message: "is not a field of this format" },
        { record: "cases[3] (c-ehsan-ismaildokht).events[2]", field: "date", message: 'date "2020-13" is not a real date' },
      ]);
    }
    const error = await loadDemoDatasetFile(badPath).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain("has 2 problems; nothing was imported");
    expect(error?.message).toContain('cases[3] (c-ehsan-ismaildokht).events[2] date: date "2020-13" is not a real date');
    expect(error?.message).toContain("people[0] (p-abbas-lisani) nickname: is not a field of this format");
    await expectEmptyDatabase();
  });

  it("with a dangling reference is rejected the same way", async () => {
    const bad = json();
    bad.cases[1].personId = "p-nobody";
    const badPath = path.join(tmp, "bad-reference.json");
    writeFileSync(badPath, JSON.stringify(bad));
    await expect(loadDemoDatasetFile(badPath)).rejects.toThrow('cases[1] (c-abbas-lisani-2020) personId: unknown person "p-nobody" (not in people)');
    await expectEmptyDatabase();
  });

  it("that is not JSON, or not there, is reported as such", async () => {
    const notJson = path.join(tmp, "not-json.json");
    writeFileSync(notJson, "{ sources: [");
    await expect(loadDemoDatasetFile(notJson)).rejects.toThrow(/is not valid JSON/);
    await expect(loadDemoDatasetFile(path.join(tmp, "missing.json"))).rejects.toThrow(/Cannot read the dataset file .*missing\.json \(ENOENT\)/);
  });
});

describe("a failure in the middle of the import", () => {
  it("leaves no row and no audit entry", async () => {
    const data = valid();
    // Postgres refuses NUL in text: the last event of the last case fails at insert time,
    // after every source, incident, person and the other cases have been written.
    const lastCase = data.cases.at(-1)!;
    lastCase.events.at(-1)!.description = "breaks\u0000here";
    await expect(importDemoDataset(data)).rejects.toThrow(/invalid byte sequence/);
    await expectEmptyDatabase();
  });
});

describe("importing the demo dataset", () => {
  it("creates exactly the records of the file, with one audit entry", async () => {
    const data = await loadDemoDatasetFile();
    const result = await importDemoDataset(data);
    const created = { sources: expected.sources, incidents: expected.incidents, people: expected.people, cases: expected.cases, events: expected.events };
    expect(result).toEqual({ created, skipped: { sources: 0, incidents: 0, people: 0, cases: 0, events: 0 } });

    const counts = await tableCounts();
    // Tables the import does not write (settings, later features) must stay empty.
    const untouched = (filled: Record<string, number>) =>
      Object.fromEntries(
        Object.keys(counts)
          .filter((t) => !(t in filled))
          .map((t) => [t, 0]),
      );
    const filled = {
      audit_entries: 1,
      case_events: expected.events,
      case_list_details: expected.listDetails,
      cases: expected.cases,
      charges: expected.charges,
      courts: expected.courts,
      event_sources: expected.eventSources,
      facilities: expected.facilities,
      incident_sources: expected.incidentSources,
      incidents: expected.incidents,
      people: expected.people,
      person_aliases: expected.aliases,
      person_relations: expected.relations,
      person_sources: expected.personSources,
      sources: expected.sources,
      users: 0,
    };
    expect(counts).toEqual({ ...untouched(filled), ...filled });
    const audit = await db().auditEntry.findFirstOrThrow();
    expect(audit).toMatchObject({ action: "import.demo", actorId: null, after: result });
  });

  it("stores events in file order with their typed columns", async () => {
    const kase = await db().case.findUniqueOrThrow({ where: { key: "c-abbas-lisani-2004" }, include: { events: { orderBy: { position: "asc" } } } });
    expect(kase.events.map((e) => [e.position, e.type])).toEqual(file.cases[0].events.map((e: Json, i: number) => [i, e.type]));
    // A bail in rials, and a fine.
    expect(kase.events[6]).toMatchObject({ type: "BAIL", currency: "IRR" });
    expect(kase.events[6]?.amount?.toString()).toBe("200000000");
    expect(kase.events[6]?.amountRials?.toString()).toBe("200000000");
    expect(kase.events[7]?.fineAmount?.toString()).toBe("800000");
    expect(kase.events[7]).toMatchObject({ lashes: 15, fineCurrency: "IRR", prisonYears: null, date: null, datePrecision: "UNKNOWN" });
    expect(kase.events[1]).toMatchObject({
      treatmentKinds: ["beating"],
      injuries: ["loss of consciousness", "broken ribs", "fractured nose", "damage to lungs and kidneys"],
    });
    expect(kase.events[2]).toMatchObject({ conditions: ["solitary_confinement", "undisclosed_location"], facilityId: null });
    expect(kase.events[0]).toMatchObject({
      city: "Ardabil",
      place: "Sarchesme Mosque",
      circumstance: "AT_PROTEST",
      confidence: "MEDIUM",
      datePrecision: "MONTH",
    });
    expect(kase.events[0]?.date?.toISOString()).toBe("2004-06-01T00:00:00.000Z");
  });

  it("normalises a toman guarantee to rials", async () => {
    const release = await db().caseEvent.findFirstOrThrow({ where: { case: { key: "c-hakima-ahmadi-2020" }, type: "TEMPORARY_RELEASE" } });
    expect(release.currency).toBe("IRT");
    expect(release.amount?.toString()).toBe("50000000");
    expect(release.amountRials?.toString()).toBe("500000000");
  });

  it("stores the Ardabil 9 Oct 2021 sentence as 7 months 16 days and 74 lashes, with court and article", async () => {
    const sentence = await db().caseEvent.findFirstOrThrow({
      where: { case: { key: "c-sajjad-colani-2020" }, type: "SENTENCE" },
      include: { court: true, charges: true, sources: { include: { source: true } } },
    });
    expect(sentence).toMatchObject({ prisonYears: 0, prisonMonths: 7, prisonDays: 16, lashes: 74, datePrecision: "DAY", fineAmount: null });
    expect(sentence.date?.toISOString().slice(0, 10)).toBe("2021-10-09");
    expect(sentence.court?.name).toBe("Ardabil city court");
    expect(sentence.charges).toMatchObject([{ position: 0, text: null, article: "Article 607 of the Criminal Code of the Islamic Republic of Iran" }]);
    expect(sentence.sources.length).toBeGreaterThan(0);
    // Courts are shared: every Ardabil 9 Oct 2021 sentence points at the same row.
    const sameCourt = await db().caseEvent.count({ where: { courtId: sentence.courtId, type: "SENTENCE" } });
    expect(sameCourt).toBe(events.filter((e: Json) => e.court === "Ardabil city court").length);
  });

  it("derives the case columns from the timeline (Salar Tahir Afshar)", async () => {
    const kase = await db().case.findUniqueOrThrow({ where: { key: "c-salar-tahir-afshar-2020" } });
    expect(kase).toMatchObject({
      status: "CONDITIONALLY_RELEASED",
      firstInstancePrisonDays: 1460,
      effectivePrisonDays: 365,
      statusDatePrecision: "DAY",
      arrestCity: "Urmia",
    });
    expect(kase.statusDate?.toISOString().slice(0, 10)).toBe("2021-06-19");
    const appeal = await db().caseEvent.findFirstOrThrow({ where: { caseId: kase.id, type: "APPEAL" }, include: { court: true } });
    expect(appeal).toMatchObject({ appealOutcome: "REDUCED", prisonYears: 1, lashes: null });
    expect(appeal.court?.name).toBe("West Azerbaijan Court of Appeals");
  });

  it("links the current facility, people, aliases, relations, incidents and sources", async () => {
    const lisani = await db().case.findUniqueOrThrow({ where: { key: "c-abbas-lisani-2020" }, include: { currentFacility: true } });
    expect(lisani.currentFacility?.name).toBe("Ardabil prison, section 7");

    const mother = await db().person.findUniqueOrThrow({
      where: { key: "p-fatma-ibrahimzade" },
      include: { aliases: true, relations: { include: { relatedPerson: true } } },
    });
    expect(mother.aliases).toMatchObject([{ name: "Fatima Ibrahimzadeh", script: "LATIN" }]);
    expect(mother.relations.map((r) => [r.kind, r.relatedPerson.key])).toEqual([["daughter", "p-kovsar-nemati"]]);
    expect(mother.vulnerabilities).toEqual(["DETAINED_WITH_CHILD"]);

    const elderly = await db().person.findFirstOrThrow({ where: { ageYears: 74 } });
    expect(elderly.ageAsOf?.toISOString().slice(0, 10)).toBe("2020-09-29");
    expect(await db().person.count({ where: { gender: "UNKNOWN" } })).toBe(file.people.filter((p: Json) => p.gender === null).length);

    const amnesty = await db().source.findUniqueOrThrow({ where: { key: "src-amnesty-2020-10-03" } });
    expect(amnesty).toMatchObject({ kind: "NGO_STATEMENT", datePrecision: "DAY", publisher: "Amnesty International", via: "doc-000", confidential: false });
    const undated = await db().source.findUniqueOrThrow({ where: { key: "src-doc-000" } });
    expect(undated).toMatchObject({ kind: "ENCYCLOPEDIA", date: null, datePrecision: "UNKNOWN" });

    const incident = await db().incident.findFirstOrThrow({ where: { reportedDetained: 242 }, include: { sources: true, cases: true } });
    expect(incident.sources.length).toBeGreaterThan(0);
    expect(await db().case.count({ where: { incidentId: null } })).toBe(file.cases.filter((c: Json) => c.incidentId === null).length);
  });

  it("changes nothing when run again, and reports everything skipped", async () => {
    const before = await tableCounts();
    const result = await importDemoDataset(await loadDemoDatasetFile());
    expect(result).toEqual({
      created: { sources: 0, incidents: 0, people: 0, cases: 0, events: 0 },
      skipped: { sources: expected.sources, incidents: expected.incidents, people: expected.people, cases: expected.cases, events: expected.events },
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("never overwrites edited records, and fills in only what is missing", async () => {
    const person = await db().person.update({ where: { key: "p-abbas-lisani" }, data: { name: "Abbas Lisani (edited)" } });
    const kase = await db().case.findUniqueOrThrow({ where: { key: "c-abbas-lisani-2004" }, include: { events: true } });
    await db().caseEvent.delete({ where: { id: kase.events.find((e) => e.position === 5)!.id } });
    await db().case.delete({ where: { key: "c-ogtay-lisani-2020" } }); // its events go with it
    const before = await tableCounts();

    const result = await importDemoDataset(await loadDemoDatasetFile(), { actorId: null });
    const ogtayEvents = file.cases.find((c: Json) => c.id === "c-ogtay-lisani-2020").events.length;
    expect(result.created).toEqual({ sources: 0, incidents: 0, people: 0, cases: 1, events: ogtayEvents });
    expect(result.skipped.cases).toBe(expected.cases - 1);
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe("Abbas Lisani (edited)");
    expect(await db().caseEvent.count({ where: { caseId: kase.id } })).toBe(kase.events.length - 1);
    const after = await tableCounts();
    expect(after.cases).toBe(before.cases! + 1);
    expect(after.case_events).toBe(before.case_events! + ogtayEvents);
    expect(after.audit_entries).toBe(before.audit_entries! + 1);
  });

  it("stores source kinds it does not know as OTHER, and tells the scripts of aliases apart", async () => {
    const result = await importDemoDataset({
      sources: [{ id: "src-test-blog", title: "A blog post", publisher: null, kind: "blog_post", date: "2021", via: null }],
      incidents: [],
      people: [
        {
          id: "p-test-script",
          name: "Test Person",
          aliases: ["فاطمه ابراهیم‌زاده", "Fatma", "Фатма"],
          gender: null,
          ageYears: null,
          ageAsOf: null,
          homeCity: null,
          vulnerabilities: [],
          description: null,
          relations: [],
          sourceIds: ["src-test-blog"],
        },
      ],
      cases: [],
    });
    expect(result.created).toMatchObject({ sources: 1, people: 1 });
    expect(await db().source.findUniqueOrThrow({ where: { key: "src-test-blog" } })).toMatchObject({ kind: "OTHER", datePrecision: "YEAR" });
    const aliases = await db().personAlias.findMany({ where: { person: { key: "p-test-script" } }, orderBy: { name: "asc" } });
    expect(Object.fromEntries(aliases.map((a) => [a.name, a.script]))).toEqual({ "فاطمه ابراهیم‌زاده": "PERSO_ARABIC", Fatma: "LATIN", Фатма: "OTHER" });
    expect(aliasScript("Huseyn 2")).toBe("LATIN");
  });
});

describe("demo accounts", () => {
  it("are created once, with argon2id hashes and an audit entry each", async () => {
    const first = await ensureDemoAccounts("a-demo-password-for-tests");
    expect(first.created).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    const users = await db().user.findMany({ select: { email: true, name: true, role: true, passwordHash: true }, orderBy: { email: "asc" } });
    expect(users.map((u) => [u.email, u.role, u.name])).toEqual([
      ["admin@demo.local", "ADMIN", "Demo Admin"],
      ["editor@demo.local", "EDITOR", "Demo Editor"],
      ["viewer@demo.local", "VIEWER", "Demo Viewer"],
    ]);
    for (const u of users) {
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(u.passwordHash, "a-demo-password-for-tests")).toBe(true);
    }
    expect(await db().auditEntry.count({ where: { action: "user.create" } })).toBe(3);

    const again = await ensureDemoAccounts("another-password-entirely");
    expect(again).toEqual({ created: [], skipped: DEMO_ACCOUNTS.map((a) => a.email) });
    expect(await db().auditEntry.count({ where: { action: "user.create" } })).toBe(3);
    const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@demo.local" }, select: { passwordHash: true } });
    expect(await verifyPassword(admin.passwordHash, "a-demo-password-for-tests")).toBe(true);
  });
});

describe("npm run db:seed", () => {
  const run = promisify(execFile);
  // Exactly what the npm script runs (see package.json): server-only needs the react-server condition.
  const seed = (url: string, args: string[]) =>
    run(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/seed.ts", ...args], {
      env: { ...process.env, DATABASE_URL: url },
      timeout: 120_000,
    });

  it("migrates, loads the demo data and accounts, and is a no-op the second time", async () => {
    const url = await createDatabase(inject("adminUrl"), "seed");
    const first = await seed(url, ["--demo"]);
    expect(first.stdout).toContain(
      `created: ${expected.sources} sources, ${expected.incidents} incidents, ${expected.people} people, ${expected.cases} cases, ${expected.events} events`,
    );
    expect(first.stdout).toContain("Demo accounts created: admin@demo.local, editor@demo.local, viewer@demo.local");
    const second = await seed(url, ["--demo", "--file", DEMO_FILE]);
    expect(second.stdout).toContain("created: 0 sources, 0 incidents, 0 people, 0 cases, 0 events");
    expect(second.stdout).toContain("Demo accounts created: none");
  });

  it("prints its usage and exits 1 without --demo, and refuses a broken file", async () => {
    const url = await createDatabase(inject("adminUrl"), "seed");
    await expect(seed(url, [])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("Usage: npm run db:seed -- --demo") });
    const badPath = path.join(tmp, "seed-bad.json");
    writeFileSync(badPath, JSON.stringify({ ...json(), extra: 1 }));
    await expect(seed(url, ["--demo", "--file", badPath])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("dataset extra: is not a field of this format"),
    });
  });
});
