// The migration that added the sentence court/branch/date columns fills them for cases that
// existed before it, in SQL. From then on the app writes them through deriveCaseColumns.
// This checks that the SQL backfill gives exactly what the TypeScript derivation gives, on
// the demo data and on timelines made to hit every rule (ignored LOW sentences, appeals that
// carry terms over, overturned appeals, acquittals, soft-deleted events).
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { db } from "@/lib/db";
import { deriveCaseColumns } from "@/lib/domain/case-derivation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { unique } from "../support/factories";
import { databaseUrl } from "@/lib/env";

const migration = readFileSync(path.join("prisma", "migrations", "20261123225820_sentence_courts", "migration.sql"), "utf8");
const backfill = /-- BEGIN BACKFILL\n([\s\S]*?)-- END BACKFILL/.exec(migration)?.[1] ?? "";

const COLUMNS = {
  firstInstanceCourtId: true,
  firstInstanceBranch: true,
  firstInstanceSentenceDate: true,
  firstInstanceSentenceDatePrecision: true,
  effectiveCourtId: true,
  effectiveBranch: true,
  effectiveSentenceDate: true,
  effectiveSentenceDatePrecision: true,
} as const;

type EventInput = Omit<Prisma.CaseEventCreateManyCaseInput, "position">;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Creates a case whose cached columns come from deriveCaseColumns on its own rows. */
async function caseWith(events: EventInput[]): Promise<string> {
  const person = await db().person.create({ data: { key: unique("p"), name: "Backfill test" } });
  const kase = await db().case.create({
    data: { key: unique("c"), personId: person.id, events: { createMany: { data: events.map((e, position) => ({ ...e, position })) } } },
    select: { id: true },
  });
  const rows = await db().caseEvent.findMany({ where: { caseId: kase.id }, orderBy: { position: "asc" } });
  await db().case.update({ where: { id: kase.id }, data: deriveCaseColumns(rows) });
  return kase.id;
}

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  const [a, b] = await Promise.all([db().court.create({ data: { name: unique("Court A") } }), db().court.create({ data: { name: unique("Appeals") } })]);
  const sentence = (extra: Partial<EventInput>): EventInput => ({ type: "SENTENCE", courtId: a.id, branch: "Branch 1", confidence: "HIGH", ...extra });
  await caseWith([
    sentence({ confidence: "LOW", prisonYears: 3, date: day("2021-01-01"), datePrecision: "YEAR", courtId: b.id }),
    sentence({ prisonYears: 4, lashes: 0, date: day("2021-03-01"), datePrecision: "MONTH" }),
    { type: "APPEAL", courtId: b.id, prisonYears: 1, appealOutcome: "REDUCED", date: day("2021-06-14"), datePrecision: "DAY" },
    { type: "APPEAL", courtId: a.id, appealOutcome: "UPHELD" },
  ]);
  await caseWith([
    sentence({ lashes: 74, date: day("2021-10-09"), datePrecision: "DAY" }),
    { type: "ACQUITTAL", date: day("2022-01-01"), datePrecision: "MONTH" },
  ]);
  await caseWith([sentence({ lashes: 60 }), { type: "APPEAL", courtId: b.id, appealOutcome: "OVERTURNED", branch: "3" }]);
  await caseWith([{ type: "ACQUITTAL" }, sentence({})]);
  await caseWith([sentence({ confidence: "LOW", lashes: 10 }), sentence({ confidence: "LOW", lashes: 20, courtId: b.id })]);
  await caseWith([
    sentence({ prisonDays: 10, deletedAt: new Date() }),
    sentence({ prisonMonths: 2, courtId: b.id, date: day("2020-05-01"), datePrecision: "UNKNOWN" }),
  ]);
});

afterAll(async () => {
  await db().$disconnect();
});

describe("the sentence-courts migration's backfill", () => {
  it("is found in the migration", () => {
    expect(backfill).toMatch(/UPDATE "cases"/);
  });

  it("gives every case the columns deriveCaseColumns gives it", async () => {
    const derived = await db().case.findMany({ select: { id: true, ...COLUMNS }, orderBy: { id: "asc" } });
    expect(derived.length).toBeGreaterThan(80);
    expect(derived.filter((c) => c.effectiveCourtId !== null).length).toBeGreaterThan(20);

    await db().$executeRaw`UPDATE cases SET first_instance_court_id = NULL, first_instance_branch = NULL, first_instance_sentence_date = NULL,
      first_instance_sentence_date_precision = 'UNKNOWN', effective_court_id = NULL, effective_branch = NULL, effective_sentence_date = NULL,
      effective_sentence_date_precision = 'UNKNOWN'`;
    // The migration's own text, run as the migration runner runs it (plain pg).
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query(backfill);
    } finally {
      await client.end();
    }

    const backfilled = await db().case.findMany({ select: { id: true, ...COLUMNS }, orderBy: { id: "asc" } });
    expect(backfilled).toEqual(derived);
  });
});
