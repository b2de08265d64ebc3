// Draws the report models (lib/report/model.ts) as PDF with lib/report/pdf-writer.ts.
// Nothing here decides what is shown: the model already holds exactly the redacted text.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { COLORS, PdfWriter } from "@/lib/report/pdf-writer";
import type { DossierModel, PersonReportModel } from "@/lib/report/types";

const refText = (refs: readonly number[]) => refs.map((n) => `[${n}]`).join(" ");

function drawMeta(w: PdfWriter, rows: PersonReportModel["meta"], profileNote: string, internal: boolean): void {
  w.fields(rows, { size: 9, labelWidth: 110 });
  w.paragraph(profileNote, { size: 8.5, color: internal ? COLORS.restricted : COLORS.muted, before: 2, after: 6 });
}

/** One person's report, from the current position (a dossier starts each on a new page). */
function drawPersonReport(w: PdfWriter, m: PersonReportModel, options: { withMeta: boolean; internal: boolean }): void {
  w.heading(m.documentTitle, 1);
  if (options.withMeta) drawMeta(w, m.meta, m.profileNote, options.internal);

  w.heading(m.labels.identity, 2);
  w.fields(m.identity);
  if (m.description) {
    w.paragraph(m.labels.description, { size: 9, bold: true, color: COLORS.muted, before: 4 });
    w.paragraph(m.description, { after: 2 });
  }
  if (m.personRefs.length) w.paragraph(`${m.labels.sourcesOfPerson}: ${refText(m.personRefs)}`, { size: 9, color: COLORS.muted, before: 2 });

  if (m.restrictedNotes) {
    w.heading(m.labels.restrictedNotes, 2);
    w.paragraph(m.labels.restrictedHint, { size: 8.5, color: COLORS.restricted, after: 3 });
    w.paragraph(m.restrictedNotes, { color: COLORS.restricted });
  }

  w.heading(m.labels.cases, 2);
  if (m.cases.length === 0) w.paragraph(m.labels.noCases, { color: COLORS.muted });
  for (const c of m.cases) {
    w.heading(c.heading, 3);
    if (c.summary) w.paragraph(c.summary, { after: 4 });
    w.fields(c.overview, { size: 9.5 });
    w.heading(m.labels.timeline, 4);
    if (c.events.length === 0) w.paragraph(m.labels.noEvents, { color: COLORS.muted });
    for (const e of c.events) {
      w.ensure(40);
      w.paragraph(e.refs.length ? `${e.heading}  ${refText(e.refs)}` : e.heading, { bold: true, size: 10, before: 5 });
      w.paragraph(e.meta.join(" · "), { size: 8.5, color: COLORS.muted, indent: 10 });
      if (e.description) w.paragraph(e.description, { size: 9.5, indent: 10 });
      if (e.fields.length) w.fields(e.fields, { size: 9, indent: 10, labelWidth: 100 });
      if (e.note) w.paragraph(`${m.labels.note} ${e.note}`, { size: 8.5, color: COLORS.muted, indent: 10 });
    }
  }

  w.heading(m.labels.sources, 2);
  if (m.sources.length === 0) w.paragraph(m.labels.noSources, { color: COLORS.muted });
  for (const s of m.sources) {
    w.item(`[${s.n}]`, s.text, { size: 9, color: s.confidential ? COLORS.restricted : COLORS.ink });
    if (s.url) w.item("", s.url, { size: 8.5, color: s.link ? COLORS.accent : COLORS.muted, link: s.link, after: 3 });
  }
}

/** The PDF of one person's report. */
export async function renderPersonReportPdf(m: PersonReportModel, profile: "internal" | "public"): Promise<Buffer> {
  const w = new PdfWriter({ title: m.documentTitle });
  drawPersonReport(w, m, { withMeta: true, internal: profile === "internal" });
  return w.finish((page, pages) => ({ left: m.footer, right: m.labels.page(page, pages) }));
}

/**
 * The dossier's PDF: cover page with the filters and the summary table, then each person's
 * report on its own pages. `onProgress(n)` is called after the n-th report is drawn; the
 * event loop gets a turn between reports so the server keeps answering meanwhile.
 */
export async function renderDossierPdf(m: DossierModel, profile: "internal" | "public", onProgress?: (done: number) => void): Promise<Buffer> {
  const w = new PdfWriter({ title: m.documentTitle });
  w.heading(m.documentTitle, 1);
  drawMeta(w, m.meta, m.profileNote, profile === "internal");
  w.paragraph(m.filters, { size: 9.5, after: 2 });
  w.paragraph(m.counts, { size: 9.5, bold: true, after: 6 });
  w.heading(m.summaryHeading, 2);
  w.table(
    m.summaryColumns.map((header, i) => ({ header, width: [3, 2, 3, 3][i] ?? 2 })),
    m.summaryRows,
  );
  w.paragraph(m.reportsNote, { size: 8.5, color: COLORS.muted });
  let done = 0;
  for (const report of m.reports) {
    w.newPage();
    w.bookmark(report.name);
    drawPersonReport(w, report, { withMeta: false, internal: profile === "internal" });
    done++;
    onProgress?.(done);
    await yieldToEventLoop();
  }
  return w.finish((page, pages) => ({ left: m.footer, right: m.page(page, pages) }));
}
