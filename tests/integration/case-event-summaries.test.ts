// The summaries of a case's live events cached on its row and in case_list_details
// (lib/sql/case-event-summaries.ts):
// the charge sets, whether it has an arrest, its distinct charges in timeline order and the
// court the case table shows. Checked against an independent reading of the events in
// TypeScript, after changes through the real event mutations, and against the migrations'
// backfills (which existing databases ran instead of the app's refresh).
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { refreshCaseEventSummaries } from "@/lib/data/case-derived";
import { createEvent, deleteEvent } from "@/lib/data/event-mutations";
import { db } from "@/lib/db";
import { deriveCaseColumns } from "@/lib/domain/case-derivation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createUser, unique } from "../support/factories";
import { databaseUrl } from "@/lib/env";

const migrationSql = (migration: string) => readFileSync(path.join("prisma", "migrations", migration, "migration.sql"), "utf8");

/** The UPDATE statement of a migration (its backfill), as the migration runner runs it. */
function backfillOf(migration: string): string {
  return /UPDATE "cases"[\s\S]*?;\n/.exec(migrationSql(migration))?.[0] ?? "";
}

/** The UPDATE and INSERT statements of a migration (its backfills). */
function backfillsOf(migration: string): string[] {
  return [...migrationSql(migration).matchAll(/^(UPDATE|INSERT INTO) "[\s\S]*?;\n/gm)].map((m) => m[0]);
}
const BACKFILLS = [backfillOf("20261124020656_case_charge_sets"), ...backfillsOf("20261124054051_case_list_details")];

const SUMMARY = {
  chargeTexts: true,
  chargeArticles: true,
  hasArrest: true,
  listDetail: { select: { chargeList: true, courtId: true, courtBranch: true } },
} as const;

interface Summary {
  chargeTexts: string[];
  chargeArticles: string[];
  hasArrest: boolean;
  chargeList: { text: string | null; article: string | null }[];
  listCourtId: string | null;
  listCourtBranch: string | null;
}

const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The summaries read independently from the case's rows. */
async function expectedSummary(caseId: string): Promise<Summary> {
  const kase = await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { effectiveCourtId: true, effectiveBranch: true } });
  const events = await db().caseEvent.findMany({
    where: { caseId, deletedAt: null },
    orderBy: { position: "asc" },
    select: { type: true, position: true, courtId: true, branch: true, charges: { orderBy: { position: "asc" }, select: { text: true, article: true } } },
  });
  const set = (pick: (c: { text: string | null; article: string | null }) => string | null) => {
    const byKey = new Map<string, string>();
    for (const c of events.flatMap((e) => e.charges)) {
      const value = pick(c)?.trim();
      if (!value) continue;
      const key = value.toLowerCase();
      const seen = byKey.get(key);
      if (seen === undefined || bytewise(value, seen) < 0) byKey.set(key, value);
    }
    return [...byKey.values()].sort(bytewise);
  };
  const chargeList: Summary["chargeList"] = [];
  const keys = new Set<string>();
  for (const c of events.flatMap((e) => e.charges)) {
    const key = JSON.stringify([(c.text ?? "").toLowerCase(), (c.article ?? "").toLowerCase()]);
    if (keys.has(key)) continue;
    keys.add(key);
    chargeList.push({ text: c.text, article: c.article });
  }
  const lastCourtEvent = events.filter((e) => ["TRIAL", "SENTENCE", "APPEAL"].includes(e.type) && e.courtId !== null).at(-1);
  const court =
    kase.effectiveCourtId !== null
      ? { id: kase.effectiveCourtId, branch: kase.effectiveBranch }
      : lastCourtEvent
        ? { id: lastCourtEvent.courtId, branch: lastCourtEvent.branch }
        : null;
  return {
    chargeTexts: set((c) => c.text),
    chargeArticles: set((c) => c.article),
    hasArrest: events.some((e) => e.type === "ARREST" || e.type === "DETENTION"),
    chargeList,
    listCourtId: court?.id ?? null,
    listCourtBranch: court?.branch ?? null,
  };
}

async function cachedSummary(caseId: string): Promise<Summary> {
  const { listDetail, ...onCase } = await db().case.findUniqueOrThrow({ where: { id: caseId }, select: SUMMARY });
  // No row in case_list_details: no charge and no court (and never an empty row).
  if (listDetail) expect((listDetail.chargeList !== null && (listDetail.chargeList as unknown[]).length > 0) || listDetail.courtId !== null).toBe(true);
  return {
    ...onCase,
    chargeList: (listDetail?.chargeList ?? []) as Summary["chargeList"],
    listCourtId: listDetail?.courtId ?? null,
    listCourtBranch: listDetail?.courtBranch ?? null,
  };
}

type EventInput = Omit<Prisma.CaseEventCreateManyCaseInput, "position">;

/** A case with the given events (positions in order), its derived columns and summaries written as the app writes them. */
async function caseWith(events: (EventInput & { charges?: { text: string | null; article: string | null }[] })[]): Promise<string> {
  const person = await db().person.create({ data: { key: unique("p"), name: "Summary test" } });
  const kase = await db().case.create({ data: { key: unique("c"), personId: person.id }, select: { id: true } });
  for (const [position, { charges, ...e }] of events.entries()) {
    await db().caseEvent.create({
      data: { ...e, caseId: kase.id, position, charges: charges ? { create: charges.map((c, i) => ({ ...c, position: i })) } : undefined },
    });
  }
  const rows = await db().caseEvent.findMany({ where: { caseId: kase.id }, orderBy: { position: "asc" } });
  await db().$transaction(async (tx) => {
    await tx.case.update({ where: { id: kase.id }, data: deriveCaseColumns(rows) });
    await refreshCaseEventSummaries(tx, [kase.id]);
  });
  return kase.id;
}

let editor: Actor;
let made: string[] = [];

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  editor = await createUser("EDITOR");
  const [a, b] = await Promise.all([db().court.create({ data: { name: unique("Court A") } }), db().court.create({ data: { name: unique("Appeals") } })]);
  made = [
    // Summoned only: no arrest, charges repeated in other spellings, an empty text.
    await caseWith([
      { type: "SUMMONS" },
      {
        type: "CHARGE",
        charges: [
          { text: "Propaganda against the state", article: "500" },
          { text: "  ", article: "Article 610" },
        ],
      },
      {
        type: "CHARGE",
        charges: [
          { text: "PROPAGANDA against the state", article: "500" },
          { text: "Propaganda against the state", article: null },
        ],
      },
    ]),
    // Detained; a trial, then a sentence with a court; a later trial in another court.
    await caseWith([
      { type: "DETENTION" },
      { type: "TRIAL", courtId: a.id, branch: "Branch 1" },
      { type: "SENTENCE", courtId: a.id, branch: "Branch 2", prisonYears: 2, confidence: "HIGH" },
      { type: "TRIAL", courtId: b.id, branch: null },
    ]),
    // Arrest deleted; the only court-naming event deleted: neither counts.
    await caseWith([
      { type: "ARREST", deletedAt: new Date() },
      { type: "TRIAL", courtId: b.id, branch: "9", deletedAt: new Date() },
      { type: "CHARGE", deletedAt: new Date(), charges: [{ text: "Deleted charge", article: "1" }] },
    ]),
    // No events at all.
    await caseWith([]),
  ];
});

afterAll(async () => {
  await db().$disconnect();
});

describe("the summaries cached on each case", () => {
  it("equal an independent reading of its live events, on the demo data and on made-up timelines", async () => {
    const ids = (await db().case.findMany({ select: { id: true } })).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(80);
    for (const id of ids) expect(await cachedSummary(id), id).toEqual(await expectedSummary(id));
    // The made-up timelines hit the rules.
    const [summoned, detained, deleted, empty] = await Promise.all(made.map(cachedSummary));
    expect(summoned).toMatchObject({ hasArrest: false, chargeTexts: ["PROPAGANDA against the state"], chargeArticles: ["500", "Article 610"] });
    expect(summoned!.chargeList).toEqual([
      { text: "Propaganda against the state", article: "500" },
      { text: "  ", article: "Article 610" },
      { text: "Propaganda against the state", article: null },
    ]);
    expect(detained).toMatchObject({ hasArrest: true, listCourtBranch: "Branch 2" });
    expect(deleted).toEqual({ chargeTexts: [], chargeArticles: [], hasArrest: false, chargeList: [], listCourtId: null, listCourtBranch: null });
    expect(empty).toEqual(deleted);
  });

  it("follow the events as they are added and deleted through the app", async () => {
    const caseId = made[0]!;
    const source = await db().source.findFirstOrThrow({ where: { confidential: false, deletedAt: null }, select: { id: true } });
    const court = await db().court.findFirstOrThrow({ select: { id: true, name: true } });
    const trial = await createEvent(editor, caseId, {
      type: "TRIAL",
      date: "2021-05-01",
      datePrecision: "DAY",
      sourceIds: [source.id],
      court: court.name,
      branch: "Branch 7",
    });
    const arrest = await createEvent(editor, caseId, { type: "ARREST", date: "2021-01-02", datePrecision: "DAY", sourceIds: [source.id] });
    expect(await cachedSummary(caseId)).toEqual(await expectedSummary(caseId));
    expect(await cachedSummary(caseId)).toMatchObject({ hasArrest: true, listCourtId: court.id, listCourtBranch: "Branch 7" });
    await deleteEvent(editor, arrest.id, arrest.version);
    await deleteEvent(editor, trial.id, trial.version);
    expect(await cachedSummary(caseId)).toEqual(await expectedSummary(caseId));
    expect(await cachedSummary(caseId)).toMatchObject({ hasArrest: false, listCourtId: null });
  });

  it("are what the migrations' backfills write", async () => {
    expect(BACKFILLS.map((sql) => sql.slice(0, 25))).toEqual(['UPDATE "cases" c SET\n  "c', 'UPDATE "cases" c SET "has', 'INSERT INTO "case_list_de']);
    const before = await db().case.findMany({ select: { id: true, ...SUMMARY }, orderBy: { id: "asc" } });
    expect(before.filter((c) => c.listDetail !== null).length).toBeGreaterThan(20);
    await db().$executeRaw`UPDATE cases SET charge_texts = DEFAULT, charge_articles = DEFAULT, has_arrest = DEFAULT`;
    await db().$executeRaw`DELETE FROM case_list_details`;
    // The migrations' own text, run as the migration runner runs it (plain pg).
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      for (const backfill of BACKFILLS) await client.query(backfill);
    } finally {
      await client.end();
    }
    expect(await db().case.findMany({ select: { id: true, ...SUMMARY }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
