import "server-only";
// Generating a report end to end: profile check, data-layer reads, model (with redaction),
// PDF, and the audit entry, written once the PDF exists and before it is handed out.
import type { Actor } from "@/lib/authz";
import { requireActor } from "@/lib/authz";
import {
  dossierFilterNames,
  loadNamedMinors,
  loadPersonReport,
  loadReportPeople,
  recordDossier,
  recordPersonReport,
  reportProfileFor,
  reportTexts,
  type DossierSelection,
} from "@/lib/data/report";
import { dossierFilename, reportFilename } from "@/lib/report/filename";
import { buildDossier, buildPersonReport, describeFilters } from "@/lib/report/model";
import { renderDossierPdf, renderPersonReportPdf } from "@/lib/report/render";
import { reportTranslator } from "@/lib/report/translator";
import type { PersonReportInput, ReportProfile } from "@/lib/report/types";
import type { CaseFilters } from "@/lib/validation/case-filters";

export interface GeneratedPdf {
  pdf: Buffer;
  filename: string;
  profile: ReportProfile;
}

/** The ids of the people a report names (they are not "other" minors to look up). */
function linkedIds(people: readonly PersonReportInput[]): string[] {
  return people.flatMap((p) => [p.id, ...p.relations.map((r) => r.person.id)]);
}

/** One person's report as PDF; audited as report.person. */
export async function generatePersonReport(actor: Actor | null, personId: string, requested?: ReportProfile): Promise<GeneratedPdf> {
  const a = requireActor(actor);
  const profile = reportProfileFor(a, requested);
  const person = await loadPersonReport(a, personId, profile);
  const namedMinors = profile === "public" ? await loadNamedMinors(a, reportTexts(person), linkedIds([person])) : [];
  const meta = { profile, generatedAt: new Date(), generatedBy: a.name };
  const model = buildPersonReport(reportTranslator(), person, meta, { namedMinors });
  const pdf = await renderPersonReportPdf(model, profile);
  await recordPersonReport(a, person.id, profile);
  return { pdf, filename: reportFilename(model.name, profile, meta.generatedAt), profile };
}

export type DossierPhase = "loading" | "rendering";

const LOAD_BATCH = 25;

/**
 * The dossier of a selection (lib/data/report.ts selectDossier) as PDF; audited as
 * report.dossier with its filters and size. `progress` is told how many people are read,
 * then drawn.
 */
export async function generateDossier(
  actor: Actor | null,
  input: { filters: CaseFilters; selection: DossierSelection; profile: ReportProfile },
  progress: (phase: DossierPhase, done: number, total: number) => void = () => {},
): Promise<GeneratedPdf & { people: number; cases: number }> {
  const a = requireActor(actor);
  const profile = reportProfileFor(a, input.profile);
  const ids = input.selection.personIds;
  const total = ids.length;
  const people: PersonReportInput[] = [];
  progress("loading", 0, total);
  for (let i = 0; i < ids.length; i += LOAD_BATCH) {
    people.push(...(await loadReportPeople(a, ids.slice(i, i + LOAD_BATCH), profile)));
    progress("loading", Math.min(i + LOAD_BATCH, total), total);
  }
  const t = reportTranslator();
  const [names, namedMinors] = await Promise.all([
    dossierFilterNames(a, input.filters),
    profile === "public" ? loadNamedMinors(a, people.flatMap(reportTexts), linkedIds(people)) : Promise.resolve([]),
  ]);
  const meta = { profile, generatedAt: new Date(), generatedBy: a.name };
  const model = buildDossier(t, people, new Set(input.selection.caseIds), meta, {
    filters: `${t("report.pdf.filtersLabel")}: ${describeFilters(t, input.filters, names)}`,
    namedMinors,
  });
  progress("rendering", 0, people.length);
  const pdf = await renderDossierPdf(model, profile, (done) => progress("rendering", done, people.length));
  await recordDossier(a, { profile, filters: input.filters, people: people.length, cases: model.summaryRows.length });
  return { pdf, filename: dossierFilename(people.length, profile, meta.generatedAt), profile, people: people.length, cases: model.summaryRows.length };
}
