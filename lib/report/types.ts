// Types of the case reports: what the data layer hands over (lib/data/report.ts) and the
// model the PDF renderer draws (lib/report/render.ts). Pure: no Prisma, no I/O.
import type { CaseStatus, Confidence, DatePrecision, EventType } from "@/lib/domain/types";
import type { EventTypedValues } from "@/lib/events/select";

/** Redaction profiles (domain.md, "What case report means"). */
export const REPORT_PROFILES = ["internal", "public"] as const;
export type ReportProfile = (typeof REPORT_PROFILES)[number];

export type Gender = "FEMALE" | "MALE" | "OTHER" | "UNKNOWN";
export type Vulnerability = "MINOR" | "ELDERLY" | "DISABILITY" | "CHRONIC_ILLNESS" | "PREGNANT" | "DETAINED_WITH_CHILD";
export type AliasScript = "LATIN" | "PERSO_ARABIC" | "OTHER";
export type SourceKind =
  "NGO_STATEMENT" | "NEWS" | "HUMAN_RIGHTS_DEFENDER" | "JOURNALIST" | "OFFICIAL" | "ENCYCLOPEDIA" | "TESTIMONY" | "SOCIAL_MEDIA" | "COURT_DOCUMENT" | "OTHER";

export interface ReportSourceInput {
  id: string;
  title: string;
  publisher: string | null;
  kind: SourceKind;
  url: string | null;
  date: Date | null;
  datePrecision: DatePrecision;
  language: string | null;
  confidential: boolean;
  via: string | null;
}

/** An event as the reports read it: its common columns, every typed field of the registry (decimals as text), its sources. */
export type ReportEventInput = {
  id: string;
  position: number;
  type: EventType;
  date: Date | null;
  datePrecision: DatePrecision;
  dateText: string | null;
  description: string | null;
  confidence: Confidence;
  note: string | null;
  /** Only the sources the profile and the reader's role allow (filtered in the query). */
  sources: ReportSourceInput[];
} & EventTypedValues;

export interface ReportCaseInput {
  id: string;
  summary: string | null;
  status: CaseStatus;
  statusDate: Date | null;
  statusDatePrecision: DatePrecision;
  arrestDate: Date | null;
  arrestDatePrecision: DatePrecision;
  arrestCity: string | null;
  incident: { title: string; date: Date | null; datePrecision: DatePrecision; city: string | null } | null;
  currentFacility: { name: string } | null;
  /** In timeline (position) order, soft-deleted events left out. */
  events: ReportEventInput[];
}

/** What decides whether someone was a minor at the time (lib/report/redaction.ts). */
export interface AgeFacts {
  ageYears: number | null;
  ageAsOf: Date | null;
  birthYear: number | null;
  vulnerabilities: readonly Vulnerability[];
  /** Dates of the person's episodes (arrests, first events): "at the time" means at one of these. */
  episodeDates: readonly Date[];
}

export interface RelatedPersonInput extends AgeFacts {
  id: string;
  name: string;
  aliases: string[];
}

export interface PersonReportInput extends AgeFacts {
  id: string;
  name: string;
  gender: Gender;
  homeCity: string | null;
  province: string | null;
  provinceCode: string | null;
  description: string | null;
  /** Present only in the internal profile for a reader allowed to see it. */
  restrictedNotes?: string | null;
  aliases: { name: string; script: AliasScript }[];
  relations: { kind: string; person: RelatedPersonInput }[];
  sources: ReportSourceInput[];
  /** In arrest order. */
  cases: ReportCaseInput[];
}

/** Other recorded minors whose names occur in the document's text (public profile). */
export interface NamedMinor {
  name: string;
  aliases: string[];
}

export interface ReportMeta {
  profile: ReportProfile;
  generatedAt: Date;
  /** The generating user's name as recorded in their account. */
  generatedBy: string;
}

// ---- The model the renderer draws: every string final (translated, formatted, redacted). ----

export interface FieldRow {
  label: string;
  value: string;
}

export interface ReportEventModel {
  /** "18 Oct 2020 · Arrest" */
  heading: string;
  /** Footnote numbers of the event's sources. */
  refs: number[];
  /** "Medium confidence", "As written: ..." */
  meta: string[];
  description: string | null;
  fields: FieldRow[];
  note: string | null;
}

export interface ReportCaseModel {
  heading: string;
  summary: string | null;
  overview: FieldRow[];
  events: ReportEventModel[];
}

export interface ReportSourceModel {
  n: number;
  text: string;
  /** The web address as printed (redacted when it spells a minor's name). */
  url: string | null;
  /** The address to link to: null when there is none or when it had to be redacted. */
  link: string | null;
  confidential: boolean;
}

export interface PersonReportModel {
  personId: string;
  /** The name as printed (initials for a minor in the public profile). */
  name: string;
  nameRedacted: boolean;
  documentTitle: string;
  /** Generation date, user and profile, each as a label/value row. */
  meta: FieldRow[];
  profileNote: string;
  identity: FieldRow[];
  description: string | null;
  personRefs: number[];
  restrictedNotes: string | null;
  cases: ReportCaseModel[];
  sources: ReportSourceModel[];
  /** Footer text: "Case report · generated ... by ... · profile". */
  footer: string;
  labels: {
    identity: string;
    description: string;
    restrictedNotes: string;
    restrictedHint: string;
    cases: string;
    noCases: string;
    timeline: string;
    noEvents: string;
    sources: string;
    noSources: string;
    sourcesOfPerson: string;
    summary: string;
    note: string;
    page: (page: number, pages: number) => string;
  };
}

export interface DossierModel {
  documentTitle: string;
  meta: FieldRow[];
  profileNote: string;
  filters: string;
  counts: string;
  summaryHeading: string;
  summaryColumns: string[];
  summaryRows: string[][];
  reportsNote: string;
  reports: PersonReportModel[];
  footer: string;
  page: (page: number, pages: number) => string;
}
