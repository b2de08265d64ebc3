// Case reports end to end on the demo data in a real PostgreSQL: roles and profiles, what
// the PDF says (read back with pdf.js), what the public profile leaves out, the audit
// trail, and the dossier (selection by the case table's filters, cap, progress, jobs).
import { beforeAll, describe, expect, it } from "vitest";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { importDemoDataset, loadDemoDatasetFile } from "@/lib/data/demo-import";
import { DossierTooLargeError, loadPersonReport, reportProfileFor, selectDossier } from "@/lib/data/report";
import { db } from "@/lib/db";
import { normalizeName } from "@/lib/domain/normalize-name";
import { dossierJobFile, dossierJobStatus, startDossierJob } from "@/lib/report/dossier-jobs";
import { generateDossier, generatePersonReport } from "@/lib/report/generate";
import { createUser, unique } from "../support/factories";
import { pdfText, squash } from "../support/report-pdf";

const RESTRICTED = "RESTRICTED-NOTE: daughter's school and the family's phone";
const CONFIDENTIAL = "CONFIDENTIAL-SOURCE: cellmate's testimony";
const FATMA_FA = "فاطمه ابراهیم‌زاده";
const KOVSAR_FA = "کوثر نعمتی";

const actors = {} as Record<"ADMIN" | "EDITOR" | "VIEWER", Actor>;
const ids = {} as Record<"fatma" | "kovsar" | "salar" | "sajjad" | "said" | "abbas" | "witness" | "teen", string>;

async function personId(key: string): Promise<string> {
  return (await db().person.findUniqueOrThrow({ where: { key }, select: { id: true } })).id;
}

/** The PDF's text on one line (phrases may wrap), spaces collapsed. */
async function text(pdf: Buffer): Promise<string> {
  return squash((await pdfText(pdf)).text.replace(/\n/g, " "));
}

/**
 * Perso-Arabic text as a reader's copy gets it: presentation forms folded to letters
 * (NFKC), and the zero-width non-joiner inside "ابراهیم‌زاده", which pdf.js extracts as a
 * space, compared as one.
 */
const letters = (s: string) => squash(s.normalize("NFKC").replace(/\u200c/g, " "));

async function auditCount(action: string, entityId?: string): Promise<number> {
  return db().auditEntry.count({ where: { action, ...(entityId ? { entityId } : {}) } });
}

beforeAll(async () => {
  await importDemoDataset(await loadDemoDatasetFile());
  for (const role of ["ADMIN", "EDITOR", "VIEWER"] as const) actors[role] = await createUser(role);
  ids.fatma = await personId("p-fatma-ibrahimzade");
  ids.kovsar = await personId("p-kovsar-nemati");
  ids.salar = await personId("p-salar-tahir-afshar");
  ids.sajjad = await personId("p-sajjad-colani");
  ids.said = await personId("p-said-sultani");
  ids.abbas = await personId("p-abbas-lisani");

  // The demo data has no restricted note, confidential source or Perso-Arabic spelling:
  // give Fatma Ibrahimzade and her daughter some, as an editor would.
  const secret = await db().source.create({ data: { key: unique("src"), title: CONFIDENTIAL, kind: "TESTIMONY", confidential: true } });
  await db().person.update({
    where: { id: ids.fatma },
    data: {
      restrictedNotes: RESTRICTED,
      aliases: { create: [{ name: FATMA_FA, script: "PERSO_ARABIC", nameNormalized: normalizeName(FATMA_FA) }] },
      sources: { create: [{ sourceId: secret.id }] },
    },
  });
  await db().person.update({
    where: { id: ids.kovsar },
    data: { aliases: { create: [{ name: KOVSAR_FA, script: "PERSO_ARABIC", nameNormalized: normalizeName(KOVSAR_FA) }] } },
  });
  const arrest = await db().caseEvent.findFirstOrThrow({ where: { case: { personId: ids.fatma }, type: "ARREST" }, select: { id: true } });
  await db().eventSource.create({ data: { eventId: arrest.id, sourceId: secret.id } });

  // A minor recorded on their own (age 16, no MINOR tag) named in another person's
  // description without any relation between the two records.
  const teen = await db().person.create({
    data: {
      key: unique("p"),
      name: "Leyla Testqizi",
      nameNormalized: normalizeName("Leyla Testqizi"),
      ageYears: 16,
      ageAsOf: new Date("2020-10-18T00:00:00Z"),
    },
  });
  ids.teen = teen.id;
  const witness = await db().person.create({
    data: {
      key: unique("p"),
      name: "Rasul Testzade",
      nameNormalized: normalizeName("Rasul Testzade"),
      description: "Detained in Tabriz alongside Leyla Testqizi, a schoolgirl.",
    },
  });
  ids.witness = witness.id;
});

describe("who gets which profile", () => {
  it("defaults to internal for EDITOR and ADMIN, public for a VIEWER", () => {
    expect(reportProfileFor(actors.EDITOR)).toBe("internal");
    expect(reportProfileFor(actors.ADMIN)).toBe("internal");
    expect(reportProfileFor(actors.VIEWER)).toBe("public");
    expect(reportProfileFor(actors.VIEWER, "public")).toBe("public");
  });

  it("refuses the internal profile to a VIEWER, and anything to no one", async () => {
    expect(() => reportProfileFor(actors.VIEWER, "internal")).toThrow(ForbiddenError);
    await expect(generatePersonReport(actors.VIEWER, ids.fatma, "internal")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(loadPersonReport(actors.VIEWER, ids.fatma, "internal")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(generatePersonReport(null, ids.fatma)).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(generatePersonReport(actors.EDITOR, "no-such-person")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("never selects a restricted note or a confidential source for a public report, whoever asks", async () => {
    const data = await loadPersonReport(actors.EDITOR, ids.fatma, "public");
    const json = JSON.stringify(data);
    expect(data.restrictedNotes).toBeUndefined();
    expect(json).not.toContain(RESTRICTED);
    expect(json).not.toContain(CONFIDENTIAL);
  });
});

describe("one person's report", () => {
  it("internal: names in both scripts, dates at their precision, restricted note and confidential source marked", async () => {
    const { pdf, filename, profile } = await generatePersonReport(actors.EDITOR, ids.fatma);
    expect(profile).toBe("internal");
    expect(filename).toMatch(/^case-report-fatma-ibrahimzade-internal-\d{4}-\d{2}-\d{2}\.pdf$/);
    const t = await text(pdf);
    expect(t).toContain("Case report: Fatma Ibrahimzade");
    expect(letters(t)).toContain(letters(FATMA_FA));
    expect(t).toContain("Fatima Ibrahimzadeh (Latin script)");
    expect(t).toContain("Daughter: Kovsar Nemati");
    expect(t).toContain("18 Oct 2020 · Arrest");
    expect(t).toContain("Oct 2020 · Ill-treatment");
    expect(t).toContain(RESTRICTED);
    expect(t).toContain(`${CONFIDENTIAL} · Testimony · CONFIDENTIAL SOURCE`);
    expect(t).toContain("Generated by Test EDITOR");
    expect(t).toContain("Redaction profile Internal");
  });

  it("public: no restricted note, no confidential source, the minor daughter as initials in both scripts", async () => {
    const { pdf, filename } = await generatePersonReport(actors.VIEWER, ids.fatma);
    expect(filename).toMatch(/-public-/);
    const t = await text(pdf);
    expect(t).toContain("Case report: Fatma Ibrahimzade");
    expect(t).toContain("Redaction profile Public");
    expect(t).not.toContain(RESTRICTED);
    expect(t).not.toContain(CONFIDENTIAL);
    expect(t).not.toContain("Kovsar");
    expect(t).not.toContain("Nemati");
    expect(letters(t)).not.toContain(letters(KOVSAR_FA));
    expect(t).toContain("Daughter: K. N.");
    expect(t).toContain("Arrested in Tabriz with her 13-year-old daughter K. N.");
  });

  it("public report of the minor herself: initials everywhere, name, aliases and file name", async () => {
    const { pdf, filename } = await generatePersonReport(actors.EDITOR, ids.kovsar, "public");
    expect(filename).toMatch(/^case-report-k-n-public-/);
    const t = await text(pdf);
    expect(t).toContain("Case report: K. N.");
    expect(t).toContain("K. N. (initials: a minor at the time)");
    expect(letters(t)).toContain(letters("ک. ن."));
    expect(t).not.toContain("Kovsar");
    expect(letters(t)).not.toContain(letters(KOVSAR_FA));
    expect(t).toContain("Mother: Fatma Ibrahimzade");
    // Internal keeps her name.
    expect(await text((await generatePersonReport(actors.EDITOR, ids.kovsar, "internal")).pdf)).toContain("Case report: Kovsar Nemati");
  });

  it("public: a minor on another record, named only in free text, is reduced to initials", async () => {
    const t = await text((await generatePersonReport(actors.VIEWER, ids.witness)).pdf);
    expect(t).toContain("Detained in Tabriz alongside L. T., a schoolgirl.");
    expect(t).not.toContain("Leyla");
    expect(await text((await generatePersonReport(actors.EDITOR, ids.witness, "internal")).pdf)).toContain("alongside Leyla Testqizi");
  });

  it("gives the first-instance and effective sentences (4 years = 1,460 days, reduced to 1 year = 365 days on appeal)", async () => {
    const t = await text((await generatePersonReport(actors.VIEWER, ids.salar)).pdf);
    expect(t).toContain("First-instance sentence 4 years (1,460 days in total)");
    expect(t).toContain("Effective sentence After appeal: Reduced");
    expect(t).toContain("1 year (365 days in total)");
    expect(t).toContain("West Azerbaijan Court of Appeals");
    expect(t).toContain("2021 · Sentence");
    expect(t).toContain("19 Jun 2021 · Release");
    expect(t).toContain("[1] Actions in support of Azerbaijan in Iran · Encyclopedia");
  });

  it("gives charges with their articles, court, lashes and day-precision dates", async () => {
    const sajjad = await text((await generatePersonReport(actors.VIEWER, ids.sajjad)).pdf);
    expect(sajjad).toContain("Article 607 of the Criminal Code of the Islamic Republic of Iran");
    expect(sajjad).toContain("7 months 16 days (226 days in total)");
    expect(sajjad).toContain("74 lashes");
    expect(sajjad).toContain("9 Oct 2021 · Sentence");
    expect(sajjad).toContain("Ardabil city court");
    const said = await text((await generatePersonReport(actors.VIEWER, ids.said)).pdf);
    expect(said).toContain("“membership to illegal groups to undermine the country's security” (Article 499 of the Iranian Criminal Code)");
    expect(said).toContain("Tabriz Revolutionary Court, 3rd branch");
    expect(said).toContain("2 years (730 days in total)");
    expect(said).toContain("Dec 2021 · Sentence");
  });

  it("covers every case of a person, with month and year dates as known and the lashes", async () => {
    const t = await text((await generatePersonReport(actors.VIEWER, ids.abbas)).pdf);
    expect(t).toContain("Case 1: arrested Jun 2004");
    expect(t).toContain("Case 2:");
    expect(t).toContain("22 Jul 2004 · Bail");
    expect(t).toContain("Jun 2004 · Ill-treatment");
    expect(t).toContain("15 lashes");
  });

  it("is audited once per generation: who, which person, which profile", async () => {
    const before = await auditCount("report.person", ids.salar);
    await generatePersonReport(actors.VIEWER, ids.salar);
    await generatePersonReport(actors.EDITOR, ids.salar, "internal");
    const entries = await db().auditEntry.findMany({ where: { action: "report.person", entityId: ids.salar }, orderBy: { id: "desc" }, take: 2 });
    expect(await auditCount("report.person", ids.salar)).toBe(before + 2);
    expect(entries.map((e) => [e.actorId, e.entityType, e.after])).toEqual([
      [actors.EDITOR.id, "person", { profile: "internal" }],
      [actors.VIEWER.id, "person", { profile: "public" }],
    ]);
    // A refused request writes nothing.
    await expect(generatePersonReport(actors.VIEWER, ids.salar, "internal")).rejects.toBeInstanceOf(ForbiddenError);
    expect(await auditCount("report.person", ids.salar)).toBe(before + 2);
  });

  it("takes well under the 2 s target for one person", async () => {
    const started = performance.now();
    await generatePersonReport(actors.EDITOR, ids.fatma, "public");
    const ms = performance.now() - started;
    console.log(`One person's report (Fatma Ibrahimzade, public): ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});

describe("dossier", () => {
  it("selects the people and cases of the case table's filters, search included", async () => {
    const tabriz = await selectDossier(actors.VIEWER, { city: "Tabriz" });
    const expected = await db().case.findMany({
      where: { arrestCity: { equals: "Tabriz", mode: "insensitive" }, deletedAt: null, person: { deletedAt: null } },
      select: { id: true, personId: true },
    });
    expect(new Set(tabriz.caseIds)).toEqual(new Set(expected.map((c) => c.id)));
    expect(new Set(tabriz.personIds)).toEqual(new Set(expected.map((c) => c.personId)));
    const search = await selectDossier(actors.VIEWER, { q: "Fatima Ibrahimzadeh" });
    expect(search.personIds).toEqual([ids.fatma]);
    expect((await selectDossier(actors.VIEWER, { city: "Nowhere" })).personIds).toEqual([]);
  });

  it("refuses more people than the cap, saying how many match", async () => {
    const err = await selectDossier(actors.VIEWER, {}, 3).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DossierTooLargeError);
    expect((err as DossierTooLargeError).count).toBeGreaterThan(3);
    expect((err as DossierTooLargeError).max).toBe(3);
  });

  it("puts a summary table and each person's report in one PDF, reports progress and is audited", async () => {
    const filters = { city: "Tabriz" };
    const selection = await selectDossier(actors.VIEWER, filters);
    const progress: string[] = [];
    const before = await auditCount("report.dossier");
    const result = await generateDossier(actors.VIEWER, { filters, selection, profile: "public" }, (phase, done, total) =>
      progress.push(`${phase} ${done}/${total}`),
    );
    const n = selection.personIds.length;
    expect(result.people).toBe(n);
    expect(result.cases).toBe(selection.caseIds.length);
    expect(progress[0]).toBe(`loading 0/${n}`);
    expect(progress).toContain(`loading ${n}/${n}`);
    expect(progress.at(-1)).toBe(`rendering ${n}/${n}`);

    const { pageTexts, text: all } = await pdfText(result.pdf);
    const cover = squash(pageTexts[0]!);
    expect(cover).toContain("Dossier of case reports");
    expect(cover).toContain("Filters: Arrest city: Tabriz");
    expect(cover).toContain(`${n} people, ${selection.caseIds.length} matching cases`);
    expect(cover).toContain("Fatma Ibrahimzade Tabriz Released");
    expect(cover).toContain("K. N. Tabriz Detained (18 Oct 2020)");
    expect(squash(all)).toContain("Case report: Fatma Ibrahimzade");
    expect(all).not.toContain("Kovsar");
    expect(all).not.toContain(RESTRICTED);
    expect(all).not.toContain(CONFIDENTIAL);

    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "report.dossier" }, orderBy: { id: "desc" } });
    expect(await auditCount("report.dossier")).toBe(before + 1);
    expect(entry.actorId).toBe(actors.VIEWER.id);
    expect(entry.after).toEqual({ profile: "public", filters, people: n, cases: selection.caseIds.length });
  });

  it("refuses an internal dossier to a VIEWER", async () => {
    const selection = await selectDossier(actors.VIEWER, { city: "Tabriz" });
    await expect(generateDossier(actors.VIEWER, { filters: { city: "Tabriz" }, selection, profile: "internal" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("runs as a job the user who started it can follow and download, and no one else", async () => {
    const filters = { q: "Fatima Ibrahimzadeh" };
    const selection = await selectDossier(actors.EDITOR, filters);
    const started = startDossierJob(actors.EDITOR, { filters, selection, profile: "internal" });
    expect(started).toMatchObject({ state: "loading", total: 1, file: null });
    expect(() => dossierJobStatus(actors.ADMIN, started.id)).toThrow(NotFoundError);
    expect(() => dossierJobFile(actors.EDITOR, started.id)).toThrow(NotFoundError);

    let status = dossierJobStatus(actors.EDITOR, started.id);
    for (let i = 0; i < 200 && status.state !== "done" && status.state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = dossierJobStatus(actors.EDITOR, started.id);
    }
    expect(status).toMatchObject({ state: "done", done: 1, total: 1, file: `/api/dossier/${started.id}/file` });
    const file = dossierJobFile(actors.EDITOR, started.id);
    expect(file.filename).toMatch(/^dossier-1-people-internal-/);
    const t = squash((await pdfText(file.pdf)).text);
    expect(t).toContain(RESTRICTED);
    expect(t).toContain("Kovsar Nemati");
    expect(() => dossierJobFile(actors.ADMIN, started.id)).toThrow(NotFoundError);
  });
});
