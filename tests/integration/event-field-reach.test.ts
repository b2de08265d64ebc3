// A typed event field reaches every path from its registry entry alone. The sentence's
// "lashes carried out" (and its date) was added as the Prisma schema, a migration, two
// registry entries and their labels; this follows it through the event form's action, the
// case page's data, History, the PDF report, the CSV import and the exchange export, and
// through the rules between it and the lashes.
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { type Actor } from "@/lib/authz";
import { createCase } from "@/lib/data/case-mutations";
import { getCase } from "@/lib/data/cases";
import { importCsv } from "@/lib/data/csv-import";
import { createEvent, updateEvent } from "@/lib/data/event-mutations";
import { exportExchange } from "@/lib/data/exchange-export";
import { caseHistory } from "@/lib/data/history";
import { createPerson } from "@/lib/data/person-mutations";
import { db } from "@/lib/db";
import { eventDetailRows } from "@/lib/events/details";
import { generatePersonReport } from "@/lib/report/generate";
import { createUser, unique } from "../support/factories";
import { pdfText, squash } from "../support/report-pdf";

const actors = {} as Record<"ADMIN" | "EDITOR", Actor>;
let sourceId: string;

beforeAll(async () => {
  actors.ADMIN = await createUser("ADMIN");
  actors.EDITOR = await createUser("EDITOR");
  sourceId = (await db().source.create({ data: { key: unique("src"), title: "Verdict reported by a rights group", kind: "NEWS" } })).id;
});

async function newCase(name: string) {
  const p = await createPerson(actors.EDITOR, { name });
  const c = await createCase(actors.EDITOR, { personId: p.id });
  return { personId: p.id, caseId: c.id };
}

const sentence = (over: Record<string, unknown> = {}) => ({
  type: "SENTENCE",
  date: "2021-01-20",
  datePrecision: "DAY",
  sourceIds: [sourceId],
  court: "Revolutionary Court of Tabriz",
  prisonYears: 1,
  lashes: 74,
  lashesCarriedOut: true,
  lashesCarriedOutDate: "2021-03",
  ...over,
});

describe("lashes carried out, added through the event registry", () => {
  it("is stored with its date's precision, shown on the case page's data, in History and in the PDF report", async () => {
    const { personId, caseId } = await newCase(`Carried Out ${unique("p")}`);
    const created = await createEvent(actors.EDITOR, caseId, sentence({ lashesCarriedOut: false, lashesCarriedOutDate: null }));
    await updateEvent(actors.EDITOR, created.id, created.version, sentence());

    const row = await db().caseEvent.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lashesCarriedOut).toBe(true);
    expect(row.lashesCarriedOutDate?.toISOString().slice(0, 10)).toBe("2021-03-01");
    expect(row.lashesCarriedOutDatePrecision).toBe("MONTH");

    const view = await getCase(actors.EDITOR, caseId);
    const rows = eventDetailRows(view.events.find((e) => e.id === created.id)!);
    expect(rows.filter((r) => r.key.startsWith("lashes"))).toEqual([
      { key: "lashes", labelKey: "timeline.lashes", value: { kind: "count", value: 74 } },
      { key: "lashesCarriedOut", labelKey: "timeline.lashesCarriedOut", value: { kind: "boolean", value: true } },
      { key: "lashesCarriedOutDate", labelKey: "timeline.lashesCarriedOutDate", value: { kind: "partialDate", date: "2021-03-01", precision: "MONTH" } },
    ]);

    const update = (await caseHistory(actors.EDITOR, caseId)).entries.find((h) => h.action === "event.update")!;
    expect(update.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["lashesCarriedOut", "lashesCarriedOutDate", "lashesCarriedOutDatePrecision"]));
    expect(update.changes).toContainEqual({ field: "lashesCarriedOut", before: "no", after: "yes" });
    expect(update.changes).toContainEqual({ field: "lashesCarriedOutDate", before: null, after: "2021-03-01" });
    expect(update.changes).toContainEqual({ field: "lashesCarriedOutDatePrecision", before: "UNKNOWN", after: "MONTH" });

    const report = await generatePersonReport(actors.EDITOR, personId, "internal");
    const text = squash((await pdfText(report.pdf)).text.replace(/\n/g, " "));
    expect(text).toContain("Flogging carried out Yes");
    expect(text).toContain("Flogging carried out on Mar 2021");
  });

  it("is refused without lashes, and its date without the lashes carried out, naming the field", async () => {
    const { caseId } = await newCase(`Carried Out ${unique("p")}`);
    const refused = async (input: Record<string, unknown>) => {
      const error = await createEvent(actors.EDITOR, caseId, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      return Object.fromEntries((error as ZodError).issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(await refused(sentence({ lashes: null }))).toMatchObject({ lashesCarriedOut: "Flogging carried out: enter the number of lashes sentenced first" });
    expect(await refused(sentence({ lashesCarriedOut: null }))).toMatchObject({
      lashesCarriedOutDate: "Date of the flogging: set Flogging carried out to yes, or leave the date empty",
    });
    expect(await refused(sentence({ lashesCarriedOutDate: "2021-13" }))).toHaveProperty("lashesCarriedOutDate");
    expect(await refused({ type: "ARREST", date: "2020-07-16", datePrecision: "DAY", sourceIds: [sourceId], lashesCarriedOut: true })).toBeDefined();
    expect(await db().caseEvent.count({ where: { caseId } })).toBe(0);
  });

  it("is a CSV import column, read, checked and written like the form's field", async () => {
    const key = unique("p-csv");
    const header =
      "person_key,case_key,event_key,person_name,event_type,event_date,event_lashes,event_lashes_carried_out,event_lashes_carried_out_date,source_urls";
    const bytes = (rows: string[]) => new TextEncoder().encode(`${header}\r\n${rows.join("\r\n")}\r\n`);
    const refused = await importCsv(actors.EDITOR, {
      bytes: bytes([`${key},${key}-c,s,Csv Person,sentence,2021-01-20,,yes,2021-03,https://example.org/v`]),
      dryRun: true,
    });
    expect(refused.errors).toContainEqual(
      expect.objectContaining({ row: 2, column: "event_lashes_carried_out", reason: expect.stringContaining("enter the number of lashes") }),
    );
    const misplaced = await importCsv(actors.EDITOR, {
      bytes: bytes([`${key},${key}-c,a,Csv Person,arrest,2020-07-16,,yes,,https://example.org/v`]),
      dryRun: true,
    });
    expect(misplaced.errors).toContainEqual(
      expect.objectContaining({ row: 2, column: "event_lashes_carried_out", reason: expect.stringContaining("An arrest event has no lashes carried out") }),
    );

    const done = await importCsv(actors.EDITOR, {
      bytes: bytes([`${key},${key}-c,s,Csv Person,sentence,2021-01-20,74,yes,2021-03,https://example.org/v`]),
      dryRun: false,
    });
    expect(done.committed).toBe(true);
    const row = await db().caseEvent.findFirstOrThrow({ where: { key: "s", case: { key: `${key}-c` } } });
    expect([row.lashes, row.lashesCarriedOut, row.lashesCarriedOutDate?.toISOString().slice(0, 10), row.lashesCarriedOutDatePrecision]).toEqual([
      74,
      true,
      "2021-03-01",
      "MONTH",
    ]);
  });

  it("is exported in the exchange file", async () => {
    const { caseId } = await newCase(`Carried Out ${unique("p")}`);
    await createEvent(actors.EDITOR, caseId, sentence());
    const caseKey = (await db().case.findUniqueOrThrow({ where: { id: caseId }, select: { key: true } })).key;
    const doc = await exportExchange(actors.ADMIN);
    const event = doc.cases.find((c) => c.key === caseKey)!.events[0]!;
    expect(event).toMatchObject({ lashes: 74, lashesCarriedOut: true, lashesCarriedOutDate: "2021-03-01", lashesCarriedOutDatePrecision: "MONTH" });
  });

  it("a minor named in any free text of an event's typed fields is reduced to initials in the public report", async () => {
    const minor = `Aysel Testqizi${unique("")
      .replace(/[^a-z]/gi, "")
      .slice(0, 4)}`;
    await createPerson(actors.EDITOR, { name: minor, ageYears: 15, ageAsOf: "2020-10-01" });
    const { personId, caseId } = await newCase(`Public Report ${unique("p")}`);
    await createEvent(actors.EDITOR, caseId, sentence({ judge: `Judge who also tried ${minor}`, otherPenalties: [`No contact with ${minor}`] }));
    const viewer = await createUser("VIEWER");
    const text = squash((await pdfText((await generatePersonReport(viewer, personId)).pdf)).text.replace(/\n/g, " "));
    expect(text).toContain("Judge who also tried A. T.");
    expect(text).toContain("No contact with A. T.");
    expect(text).not.toContain("Aysel");
    const internal = squash((await pdfText((await generatePersonReport(actors.EDITOR, personId, "internal")).pdf)).text.replace(/\n/g, " "));
    expect(internal).toContain(`No contact with ${minor}`);
  });
});
