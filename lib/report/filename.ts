// Download file names: plain ASCII (any browser, any file system, no header injection),
// built from the name as printed, so a minor's public report is named by initials.
import { normalizeName } from "@/lib/domain/normalize-name";
import type { ReportProfile } from "@/lib/report/types";

/** "kovsar-nemati"; "" when nothing Latin is left (a name in Perso-Arabic script only). */
export function asciiSlug(text: string, max = 60): string {
  return normalizeName(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** "case-report-kovsar-nemati-public-2026-11-24.pdf" */
export function reportFilename(printedName: string, profile: ReportProfile, at: Date): string {
  return `case-report-${asciiSlug(printedName) || "person"}-${profile}-${day(at)}.pdf`;
}

/** "dossier-12-people-public-2026-11-24.pdf" */
export function dossierFilename(people: number, profile: ReportProfile, at: Date): string {
  return `dossier-${people}-people-${profile}-${day(at)}.pdf`;
}

/** Content-Disposition for a download; the name is already ASCII-safe. */
export function attachment(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}"`;
}
