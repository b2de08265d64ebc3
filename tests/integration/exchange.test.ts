// The JSON exchange between installations: export the demo database (plus soft-deleted,
// restricted and confidential records, keyed events, money), import it into a second, empty
// database, export again: the same file (apart from exportedAt), the same dashboard figures
// (getAggregates, what GET /api/stats answers) and the same case table. Then everything an
// import must refuse: a non-empty database, invalid files (with record and field named),
// tampered derived values, roles; and the route handlers' statuses.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ForbiddenError, type Actor } from "@/lib/authz";
import { getAggregates } from "@/lib/data/aggregates";
import { listCaseTable } from "@/lib/data/case-table";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { exportExchange } from "@/lib/data/exchange-export";
import { ExchangeImportError, importExchange } from "@/lib/data/exchange-import";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { exchangeExportResponse, exchangeImportResponse } from "@/lib/exchange/http";
import type { ExchangeDocument } from "@/lib/exchange/schema";
import { createMigratedDatabase } from "../support/databases";
import { CONFIDENTIAL_TITLE, RESTRICTED_NOTE, createPersonWithCase, createUser, unique } from "../support/factories";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor, passwordChangePending: async () => false }));

// lib/db.ts keeps one client in globalThis; the second installation is a second client
// swapped in while the test works "there".
type Db = ReturnType<typeof db>;
const holder = globalThis as unknown as { __trackerDb?: Db };
let source: Db;
let target: Db;
function on<T>(which: Db, run: () => Promise<T>): Promise<T> {
  holder.__trackerDb = which;
  return run().finally(() => (holder.__trackerDb = source));
}
function clientFor(url: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }), omit: { user: { passwordHash: true, totpSecretEnc: true } } }) as Db;
}

let admin: Actor;
let editor: Actor;
let viewer: Actor;
let targetAdmin: Actor;
let exported: ExchangeDocument;
const deleted: { person: string; case: string; source: string; incident: string } = { person: "", case: "", source: "", incident: "" };

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  admin = await createUser("ADMIN");
  editor = await createUser("EDITOR");
  viewer = await createUser("VIEWER");
  const fixture = await createPersonWithCase();
  // A keyed event with money and charges in a given order, as a CSV import would leave it.
  await db().caseEvent.create({
    data: {
      caseId: fixture.case.id,
      position: 2,
      key: "row-17",
      type: "BAIL",
      amount: "1500000000.50",
      currency: "IRR",
      amountRials: "1500000000",
      charges: {
        create: [
          { position: 1, text: "Propaganda against the state", article: "Article 500" },
          { position: 0, text: "Assembly and collusion", article: "Article 610" },
        ],
      },
      sources: { create: [{ sourceId: fixture.publicSource.id }] },
    },
  });
  // A relation to a soft-deleted person, a soft-deleted case, event, source and incident.
  const gone = await db().person.create({ data: { key: unique("p-gone"), name: "Deleted Person", deletedAt: new Date("2026-01-02T03:04:05.678Z") } });
  deleted.person = gone.key;
  await db().personRelation.create({ data: { personId: fixture.person.id, relatedPersonId: gone.id, kind: "brother" } });
  const goneCase = await db().case.create({ data: { key: unique("c-gone"), personId: fixture.person.id, deletedAt: new Date("2026-02-03T00:00:00.000Z") } });
  deleted.case = goneCase.key;
  await db().caseEvent.create({ data: { caseId: fixture.case.id, position: 3, type: "OTHER", description: "Retracted report", deletedAt: new Date() } });
  const goneSource = await db().source.create({ data: { key: unique("src-gone"), title: "Withdrawn article", deletedAt: new Date() } });
  deleted.source = goneSource.key;
  await db().personSource.create({ data: { personId: fixture.person.id, sourceId: goneSource.id } });
  const goneIncident = await db().incident.create({ data: { key: unique("inc-gone"), title: "Duplicate incident", deletedAt: new Date() } });
  deleted.incident = goneIncident.key;
  await db().case.update({ where: { id: goneCase.id }, data: { incidentId: goneIncident.id } });
  // The cached columns of the fixture case as the app would store them after these edits.
  const { recomputeCaseColumns } = await import("@/lib/data/case-derived");
  await db().$transaction((tx) => recomputeCaseColumns(tx, fixture.case.id));

  exported = JSON.parse(JSON.stringify(await exportExchange(admin))) as ExchangeDocument;

  source = db();
  target = clientFor(await createMigratedDatabase(inject("adminUrl"), "x"));
  targetAdmin = await on(target, () => createUser("ADMIN"));
});

afterAll(async () => {
  await target?.$disconnect();
});

describe("export", () => {
  it("holds every kind of record, keyed, and never accounts, hashes, sessions or audit entries", async () => {
    expect(exported).toMatchObject({ format: "detainee-case-tracker", version: 1, scope: "complete" });
    expect(exported.people.length).toBe(await db().person.count());
    expect(exported.cases.length).toBe(await db().case.count());
    expect(exported.counts.events).toBe(await db().caseEvent.count());
    expect(exported.sources.length).toBe(await db().source.count());
    expect(exported.incidents.length).toBe(await db().incident.count());
    expect(exported.courts.length).toBe(await db().court.count());
    expect(exported.facilities.length).toBe(await db().facility.count());
    const text = JSON.stringify(exported);
    for (const secret of [admin.email, editor.email, "$argon2", "passwordHash", "sessionVersion", "auditEntries", "prevHash"])
      expect(text).not.toContain(secret);
    // EDITORs and ADMINs read restricted notes and confidential sources: so does their file.
    expect(text).toContain(RESTRICTED_NOTE);
    expect(text).toContain(CONFIDENTIAL_TITLE);
  });

  it("gives events without a key a deterministic one, and keeps money exact", () => {
    const kase = exported.cases.find((c) => c.events.some((e) => e.key === "row-17"));
    expect(kase?.events.map((e) => e.key)).toEqual([`${kase?.key}#0`, `${kase?.key}#1`, "row-17", `${kase?.key}#3`]);
    const bail = kase?.events.find((e) => e.key === "row-17");
    expect(bail).toMatchObject({ amount: "1500000000.5", amountRials: "1500000000", currency: "IRR" });
    expect(bail?.charges).toEqual([
      { position: 0, text: "Assembly and collusion", article: "Article 610" },
      { position: 1, text: "Propaganda against the state", article: "Article 500" },
    ]);
  });

  it("includes soft-deleted records for an ADMIN, and leaves them (and links to them) out for an EDITOR", async () => {
    expect(exported.people.find((p) => p.key === deleted.person)?.deletedAt).toBe("2026-01-02T03:04:05.678Z");
    expect(exported.cases.find((c) => c.key === deleted.case)).toMatchObject({ deletedAt: "2026-02-03T00:00:00.000Z", incidentKey: deleted.incident });
    const live = await exportExchange(editor);
    expect(live.scope).toBe("live");
    const text = JSON.stringify(live);
    for (const key of Object.values(deleted)) expect(text).not.toContain(key);
    expect(text).not.toContain("Retracted report");
    expect(live.people.every((p) => p.deletedAt === null) && live.cases.every((c) => c.deletedAt === null && c.events.every((e) => e.deletedAt === null))).toBe(
      true,
    );
    // An EDITOR's file imports too: it is complete in itself.
    await on(target, async () => {
      await expect(importExchange(targetAdmin, JSON.parse(JSON.stringify(live)), { dryRun: true })).resolves.toMatchObject({
        dryRun: true,
        counts: live.counts,
      });
    });
  });

  it("is refused to a VIEWER, and audited for the others", async () => {
    await expect(exportExchange(viewer)).rejects.toBeInstanceOf(ForbiddenError);
    const entry = await db().auditEntry.findFirst({ where: { action: "exchange.export", actorId: admin.id }, orderBy: { id: "desc" } });
    expect(entry?.after).toEqual({ scope: "complete", counts: exported.counts });
  });
});

describe("import into an empty database, then export again", () => {
  let reexported: ExchangeDocument;

  beforeAll(async () => {
    const result = await on(target, () => importExchange(targetAdmin, JSON.parse(JSON.stringify(exported))));
    expect(result).toEqual({ dryRun: false, counts: exported.counts });
    reexported = JSON.parse(JSON.stringify(await on(target, () => exportExchange(targetAdmin)))) as ExchangeDocument;
  });

  it("gives the same file apart from exportedAt", () => {
    expect({ ...reexported, exportedAt: "" }).toEqual({ ...exported, exportedAt: "" });
  });

  it("gives the same dashboard figures (GET /api/stats), with and without filters", async () => {
    // Court and incident ids differ between installations: compare them by name and key.
    async function figures(filters: (ids: { court: string; incident: string }) => Parameters<typeof getAggregates>[1]) {
      const court = await db().court.findFirstOrThrow({ where: { name: { contains: "Tabriz" } }, orderBy: { name: "asc" } });
      const incident = await db().incident.findFirstOrThrow({ where: { deletedAt: null }, orderBy: { key: "asc" } });
      const names = new Map<string, string>([
        ...(await db().court.findMany()).map((c): [string, string] => [c.id, `court:${c.name}`]),
        ...(await db().incident.findMany()).map((i): [string, string] => [i.id, `incident:${i.key}`]),
      ]);
      const result = await getAggregates(admin, filters({ court: court.id, incident: incident.id }));
      return JSON.parse(JSON.stringify(result, (_k, v: unknown) => (typeof v === "string" && names.has(v) ? names.get(v) : v))) as unknown;
    }
    for (const filters of [
      () => ({}),
      () => ({ city: "Tabriz" }),
      (ids: { court: string }) => ({ court: ids.court }),
      (ids: { incident: string }) => ({ incident: ids.incident, status: ["IMPRISONED" as const] }),
    ]) {
      const before = await figures(filters);
      const after = await on(target, () => figures(filters));
      expect(after).toEqual(before);
    }
  });

  it("gives the same case table, row for row", async () => {
    const strip = async () => {
      const rows = [];
      for (let page = 1; ; page++) {
        const result = await listCaseTable(admin, {
          filters: {},
          sort: [
            { key: "person", desc: false },
            { key: "arrestDate", desc: false },
            { key: "updatedAt", desc: false },
          ],
          page,
          pageSize: 100,
        });
        // Ids differ between installations; everything else must not.
        rows.push(
          ...result.rows.map((r) => ({
            ...r,
            id: undefined,
            person: { name: r.person.name, aliases: r.person.aliases },
            incident: r.incident?.title,
            facility: r.facility?.name,
            court: r.court && { name: r.court.name, branch: r.court.branch },
          })),
        );
        if (result.rows.length < 100) return rows;
      }
    };
    expect(await on(target, strip)).toEqual(await strip());
  });

  it("recomputes the derived columns through the domain rules and stores the same values", async () => {
    const read = (client: Db) =>
      on(
        client,
        async () =>
          await db().case.findMany({
            orderBy: { key: "asc" },
            select: {
              key: true,
              status: true,
              statusDate: true,
              arrestDate: true,
              arrestCity: true,
              effectivePrisonDays: true,
              firstInstanceLashes: true,
              effectiveBranch: true,
            },
          }),
      );
    expect(await read(target)).toEqual(await read(source));
  });

  it("writes one audit entry, and refuses a second import into the now non-empty database, changing nothing", async () => {
    const audits = await on(target, () => db().auditEntry.findMany({ where: { action: "exchange.import" } }));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.after).toEqual({ counts: exported.counts, scope: "complete", exportedAt: exported.exportedAt });
    const before = await on(target, async () => [await db().person.count(), await db().caseEvent.count(), await db().auditEntry.count()]);
    const error = await on(target, () => importExchange(targetAdmin, JSON.parse(JSON.stringify(exported)))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeImportError);
    expect((error as ExchangeImportError).reason).toBe("notEmpty");
    expect((error as ExchangeImportError).problems).toContainEqual({
      record: "database",
      field: "people",
      message: `already holds ${exported.counts.people} records`,
    });
    expect(await on(target, async () => [await db().person.count(), await db().caseEvent.count(), await db().auditEntry.count()])).toEqual(before);
  });
});

describe("refused files", () => {
  let empty: Db;
  let emptyAdmin: Actor;
  beforeAll(async () => {
    empty = clientFor(await createMigratedDatabase(inject("adminUrl"), "y"));
    emptyAdmin = await on(empty, () => createUser("ADMIN"));
  });
  afterAll(async () => {
    await empty?.$disconnect();
  });

  const copy = () => JSON.parse(JSON.stringify(exported)) as ExchangeDocument & Record<string, unknown>;
  async function problemsOf(doc: unknown) {
    const error = await on(empty, () => importExchange(emptyAdmin, doc)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeImportError);
    expect(await on(empty, () => db().person.count())).toBe(0);
    return error as ExchangeImportError;
  }

  it("names the record and field of schema problems", async () => {
    const doc = copy();
    const i = doc.cases.findIndex((c) => c.events.length > 2);
    const kase = doc.cases[i]!;
    (kase.events[2] as Record<string, unknown>).date = "2020-02-30";
    (kase.events[1] as Record<string, unknown>).role = "ADMIN";
    (doc.people[3] as Record<string, unknown>).gender = "female";
    delete (doc.sources[0] as Record<string, unknown>).title;
    const error = await problemsOf(doc);
    expect(error.reason).toBe("invalid");
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { record: `cases[${i}] (${kase.key}).events[2] (${kase.events[2]?.key})`, field: "date", message: "must be a real date written YYYY-MM-DD" },
        {
          record: `cases[${i}] (${kase.key}).events[1] (${kase.events[1]?.key})`,
          field: "role",
          message: expect.stringContaining("is not a field of this format"),
        },
        { record: `people[3] (${doc.people[3]?.key})`, field: "gender", message: "must be one of FEMALE, MALE, OTHER, UNKNOWN" },
        { record: `sources[0] (${doc.sources[0]?.key})`, field: "title", message: "is missing" },
      ]),
    );
  });

  it("names unknown references, duplicate keys and wrong counts", async () => {
    const doc = copy();
    doc.cases[0]!.personKey = "p-nobody";
    doc.people[1]!.key = doc.people[0]!.key;
    doc.cases[2]!.events[0]!.sourceKeys = ["src-missing"];
    doc.counts.events += 1;
    const { problems, reason } = await problemsOf(doc);
    expect(reason).toBe("invalid");
    expect(problems).toEqual(
      expect.arrayContaining([
        { record: `cases[0] (${doc.cases[0]!.key})`, field: "personKey", message: 'refers to person "p-nobody", which is not in the file' },
        { record: `people[1] (${doc.people[0]!.key})`, field: "key", message: `key "${doc.people[0]!.key}" appears more than once` },
        {
          record: `cases[2] (${doc.cases[2]!.key}).events[0] (${doc.cases[2]!.events[0]!.key})`,
          field: "sourceKeys",
          message: 'refers to source "src-missing", which is not in the file',
        },
        { record: "document", field: "counts.events", message: `says ${doc.counts.events} but the file holds ${doc.counts.events - 1}` },
      ]),
    );
  });

  it("refuses derived values that the events do not give (they are recomputed, never copied)", async () => {
    const doc = copy();
    const i = doc.cases.findIndex((c) => c.derived.status === "IMPRISONED");
    doc.cases[i]!.derived.status = "RELEASED";
    const j = doc.cases.findIndex((c) => c.derived.effectiveLashes !== null);
    doc.cases[j]!.derived.effectiveLashes = 1;
    const { problems, reason } = await problemsOf(doc);
    expect(reason).toBe("derived");
    expect(problems).toContainEqual({
      record: `cases[${i}] (${doc.cases[i]!.key})`,
      field: "derived.status",
      message: 'the file says "RELEASED", its events give "IMPRISONED"',
    });
    expect(problems.some((p) => p.record.startsWith(`cases[${j}] `) && p.field === "derived.effectiveLashes")).toBe(true);
  });

  it("refuses another format or version, and anything but an object", async () => {
    expect((await problemsOf({ ...copy(), version: 2 })).problems).toContainEqual({
      record: "document",
      field: "version",
      message: "must be 1 (this installation reads version 1)",
    });
    expect((await problemsOf({ ...copy(), format: "other" })).problems[0]).toMatchObject({ record: "document", field: "format" });
    expect((await problemsOf([])).problems).toEqual([{ record: "document", field: "(the file)", message: "must be a JSON object" }]);
  });

  it("lets only an ADMIN import", async () => {
    const editorThere = await on(empty, () => createUser("EDITOR"));
    const viewerThere = await on(empty, () => createUser("VIEWER"));
    for (const actor of [editorThere, viewerThere]) await expect(on(empty, () => importExchange(actor, copy()))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await on(empty, () => db().person.count())).toBe(0);
  });

  it("checks without writing on a dry run", async () => {
    await expect(on(empty, () => importExchange(emptyAdmin, copy(), { dryRun: true }))).resolves.toEqual({ dryRun: true, counts: exported.counts });
    expect(
      await on(empty, async () => [
        await db().person.count(),
        await db().source.count(),
        await db().auditEntry.count({ where: { action: "exchange.import" } }),
      ]),
    ).toEqual([0, 0, 0]);
  });
});

describe("route handlers", () => {
  it("GET /api/exchange/export: 401 without a session, 403 for a VIEWER, a JSON download otherwise", async () => {
    session.actor = null;
    expect((await exchangeExportResponse()).status).toBe(401);
    session.actor = viewer;
    expect((await exchangeExportResponse()).status).toBe(403);
    session.actor = editor;
    const response = await exchangeExportResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="tracker-exchange-live-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(((await response.json()) as ExchangeDocument).scope).toBe("live");
  });

  it("POST /api/exchange/import: 403 below ADMIN, 415 without JSON, 400 with problems, 409 when not empty", async () => {
    const post = (body: string, query = "") =>
      exchangeImportResponse(
        new Request(`http://localhost/api/exchange/import${query}`, { method: "POST", body, headers: { "content-type": "application/json" } }),
      );
    session.actor = editor;
    expect((await post("{}")).status).toBe(403);
    session.actor = admin;
    // A cross-site form can only post text/plain: refused before the body is read.
    const plain = await exchangeImportResponse(
      new Request("http://localhost/api/exchange/import", { method: "POST", body: JSON.stringify(exported), headers: { "content-type": "text/plain" } }),
    );
    expect(plain.status).toBe(415);
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "The file is not valid JSON" });
    const invalid = await post(JSON.stringify({ ...exported, version: 9 }));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ reason: "invalid", problems: [{ record: "document", field: "version" }] });
    // This test's own database holds the demo data.
    const full = await post(JSON.stringify(exported), "?dryRun=1");
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ reason: "notEmpty" });
  });
});
