import "server-only";
// Reads and audit entries for the case reports (one person's report, the dossier).
//
// Who may have which profile: `internal` (everything the reader may see) is for EDITOR and
// ADMIN only; a VIEWER asking for it is refused (403), and gets `public` by default. The
// profile is applied in the queries themselves: a public report never selects restricted
// notes or confidential sources, whoever asks for it, and an internal one only selects
// what the reader's role may see (lib/data/visibility.ts).
import { canSeeRestricted, NotFoundError, requireActor, requireRole, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { writeAudit } from "@/lib/data/audit";
import { caseFrom, caseWhere } from "@/lib/data/case-table-sql";
import { matchedPeopleCte } from "@/lib/data/name-search";
import { sourceSelect, visibleSourceWhere } from "@/lib/data/visibility";
import { eventTypedSelect } from "@/lib/data/event-select";
import { db } from "@/lib/db";
import { decimalsAsText } from "@/lib/events/select";
import { isDated } from "@/lib/domain/dates";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { DatePrecision } from "@/lib/domain/types";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NamedMinor, PersonReportInput, ReportCaseInput, ReportEventInput, ReportProfile } from "@/lib/report/types";
import type { CaseFilters } from "@/lib/validation/case-filters";
import { PERSON_FIELDS_SELECT } from "@/lib/data/person-select";
import { CASE_STATUS_ARREST_SELECT } from "@/lib/data/case-derived";
import { fieldsOfKind } from "@/lib/events/registry";

/** The profile a report is generated with: the one asked for, else internal for EDITOR/ADMIN and public for a VIEWER. */
export function reportProfileFor(actor: Actor | null, requested?: ReportProfile): ReportProfile {
  const a = requireActor(actor);
  const profile = requested ?? (canSeeRestricted(a) ? "internal" : "public");
  if (profile === "internal") requireRole(a, "EDITOR");
  return profile;
}

function sourceWhere(actor: Actor, profile: ReportProfile): Prisma.SourceWhereInput {
  // Public: never a confidential source, even for an EDITOR. Internal: what the role may see.
  return profile === "public" ? { deletedAt: null, confidential: false } : visibleSourceWhere(actor);
}

function personSelect(actor: Actor, profile: ReportProfile) {
  const sources = sourceWhere(actor, profile);
  return {
    id: true,
    ...PERSON_FIELDS_SELECT,
    restrictedNotes: profile === "internal" && canSeeRestricted(actor),
    aliases: { select: { name: true, script: true }, orderBy: { name: "asc" } },
    relations: {
      where: { relatedPerson: { deletedAt: null } },
      orderBy: { kind: "asc" },
      select: {
        kind: true,
        relatedPerson: {
          select: {
            id: true,
            name: true,
            ageYears: true,
            ageAsOf: true,
            birthYear: true,
            vulnerabilities: true,
            aliases: { select: { name: true }, orderBy: { name: "asc" } },
            cases: { where: { deletedAt: null }, select: { arrestDate: true, arrestDatePrecision: true, statusDate: true, statusDatePrecision: true } },
          },
        },
      },
    },
    sources: { where: { source: sources }, select: { source: { select: sourceSelect } } },
    cases: {
      where: { deletedAt: null },
      orderBy: [{ arrestDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        summary: true,
        ...CASE_STATUS_ARREST_SELECT,
        incident: { select: { title: true, date: true, datePrecision: true, city: true, deletedAt: true } },
        currentFacility: { select: { name: true } },
        events: {
          where: { deletedAt: null },
          orderBy: { position: "asc" },
          select: {
            id: true,
            position: true,
            type: true,
            date: true,
            datePrecision: true,
            dateText: true,
            description: true,
            confidence: true,
            note: true,
            ...eventTypedSelect,
            sources: { where: { source: sources }, select: { source: { select: sourceSelect } } },
          },
        },
      },
    },
  } satisfies Prisma.PersonSelect;
}

type PersonRow = Prisma.PersonGetPayload<{ select: ReturnType<typeof personSelect> }>;
type EventRow = PersonRow["cases"][number]["events"][number];

function toEvent(e: EventRow): ReportEventInput {
  return { ...decimalsAsText(e), sources: e.sources.map((s) => s.source) };
}

interface EpisodeSource {
  arrestDate: Date | null;
  arrestDatePrecision: DatePrecision;
  statusDate: Date | null;
  statusDatePrecision: DatePrecision;
  events?: { date: Date | null; datePrecision: DatePrecision }[];
}

/** The dates of a person's episodes: each case's arrest, else its first dated event, else its status date. */
function episodeDates(cases: readonly EpisodeSource[]): Date[] {
  const dates: Date[] = [];
  for (const c of cases) {
    const firstEvent = c.events?.find((e) => isDated(e.date, e.datePrecision))?.date ?? null;
    const date = isDated(c.arrestDate, c.arrestDatePrecision) ? c.arrestDate : (firstEvent ?? (isDated(c.statusDate, c.statusDatePrecision) ? c.statusDate : null));
    if (date) dates.push(date);
  }
  return dates;
}

function toInput(p: PersonRow, withRestricted: boolean): PersonReportInput {
  const cases: ReportCaseInput[] = p.cases.map((c) => ({
    id: c.id,
    summary: c.summary,
    status: c.status,
    statusDate: c.statusDate,
    statusDatePrecision: c.statusDatePrecision,
    arrestDate: c.arrestDate,
    arrestDatePrecision: c.arrestDatePrecision,
    arrestCity: c.arrestCity,
    incident: c.incident && !c.incident.deletedAt ? { title: c.incident.title, date: c.incident.date, datePrecision: c.incident.datePrecision, city: c.incident.city } : null,
    currentFacility: c.currentFacility,
    events: c.events.map(toEvent),
  }));
  return {
    id: p.id,
    name: p.name,
    gender: p.gender,
    ageYears: p.ageYears,
    ageAsOf: p.ageAsOf,
    birthYear: p.birthYear,
    vulnerabilities: p.vulnerabilities,
    homeCity: p.homeCity,
    province: p.province,
    provinceCode: p.provinceCode,
    description: p.description,
    ...(withRestricted ? { restrictedNotes: p.restrictedNotes ?? null } : {}),
    aliases: p.aliases,
    relations: p.relations.map((r) => ({
      kind: r.kind,
      person: {
        id: r.relatedPerson.id,
        name: r.relatedPerson.name,
        ageYears: r.relatedPerson.ageYears,
        ageAsOf: r.relatedPerson.ageAsOf,
        birthYear: r.relatedPerson.birthYear,
        vulnerabilities: r.relatedPerson.vulnerabilities,
        aliases: r.relatedPerson.aliases.map((a) => a.name),
        episodeDates: episodeDates(r.relatedPerson.cases),
      },
    })),
    sources: p.sources.map((s) => s.source),
    cases,
    episodeDates: episodeDates(p.cases),
  };
}

/**
 * What the reports of these people contain for this reader and profile, in the order of
 * `ids` (missing or deleted people are left out). The caller checks the profile first
 * (reportProfileFor).
 */
export async function loadReportPeople(actor: Actor | null, ids: readonly string[], profile: ReportProfile): Promise<PersonReportInput[]> {
  const a = requireActor(actor);
  if (profile === "internal") requireRole(a, "EDITOR");
  if (ids.length === 0) return [];
  const rows = await db().person.findMany({ where: { id: { in: [...ids] }, deletedAt: null }, select: personSelect(a, profile) });
  const withRestricted = profile === "internal" && canSeeRestricted(a);
  const byId = new Map(rows.map((r) => [r.id, toInput(r, withRestricted)]));
  return ids.map((id) => byId.get(id)).filter((p): p is PersonReportInput => p !== undefined);
}

/** One person's report data; 404 for an unknown or deleted person. */
export async function loadPersonReport(actor: Actor | null, id: string, profile: ReportProfile): Promise<PersonReportInput> {
  requireActor(actor);
  const [person] = await loadReportPeople(actor, [knownIdShape(id, "Person")], profile);
  if (!person) throw new NotFoundError("Person");
  return person;
}

/** Every string of a person's report input that could name someone (for the minor check). */
export function reportTexts(p: PersonReportInput): string[] {
  const out: (string | null | undefined)[] = [p.name, p.description, ...p.aliases.map((a) => a.name)];
  for (const r of p.relations) out.push(r.person.name, ...r.person.aliases);
  for (const s of p.sources) out.push(s.title, s.publisher, s.via, s.url);
  for (const c of p.cases) {
    out.push(c.summary, c.incident?.title);
    for (const e of c.events) {
      out.push(e.description, e.note, e.dateText);
      // Every free text of the event's typed fields (the registry's text, list and charges kinds).
      const typed = e as Record<string, unknown>;
      for (const name of fieldsOfKind("text")) out.push(typed[name] as string | null);
      for (const name of fieldsOfKind("textList", "tags")) out.push(...(typed[name] as string[]));
      for (const name of fieldsOfKind("charges")) for (const ch of typed[name] as { text: string | null; article: string | null }[]) out.push(ch.text, ch.article);
      for (const s of e.sources) out.push(s.title, s.publisher, s.via, s.url);
    }
  }
  return out.filter((t): t is string => !!t);
}

/**
 * Other people recorded as minors (MINOR vulnerability, or an age under 18) every word of
 * one of whose names occurs in these texts, so a public report can redact a child named in
 * free text even when no relation links them. Words are compared in normalised form; the
 * redactor then finds where the whole name stands.
 */
export async function loadNamedMinors(actor: Actor | null, texts: readonly string[], exclude: readonly string[]): Promise<NamedMinor[]> {
  requireActor(actor);
  const words = new Set<string>();
  for (const text of texts) {
    const normalized = normalizeName(text);
    // Words between spaces (a stored name keeps its hyphens: "tahir-afshar") and between
    // any other characters ("kovsar" in "kovsar-nemati-released").
    for (const word of normalized.split(" ")) {
      const trimmed = word.replace(/^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, "");
      if (trimmed.length >= 2) words.add(trimmed);
    }
    for (const word of normalized.split(/[^\p{L}\p{M}\p{N}]+/u)) if (word.length >= 2) words.add(word);
  }
  if (words.size === 0) return [];
  const list = [...words];
  // The minors first (a scan of people on two cheap columns), then for each of them only
  // (an index lookup of their aliases) whether all the words of a name occur in the texts:
  // checking every alias in the database instead costs far more.
  const rows = await db().$queryRaw<{ id: string; name: string; aliases: string[] | null }[]>`
    WITH minors AS MATERIALIZED (
      SELECT p.id, p.name, p.name_normalized FROM people p
       WHERE p.deleted_at IS NULL AND (p.vulnerabilities @> ARRAY['MINOR']::"Vulnerability"[] OR p.age_years < 18)
    )
    SELECT m.id, m.name, al.names AS aliases
      FROM minors m
      LEFT JOIN LATERAL (
        SELECT array_agg(a.name ORDER BY a.name) AS names, bool_or(string_to_array(a.name_normalized, ' ') <@ ${list}::text[]) AS hit
          FROM person_aliases a WHERE a.person_id = m.id
      ) al ON true
     WHERE string_to_array(m.name_normalized, ' ') <@ ${list}::text[] OR al.hit`;
  const skip = new Set(exclude);
  return rows.filter((r) => !skip.has(r.id)).map((r) => ({ name: r.name, aliases: r.aliases ?? [] }));
}

/** Writes the audit entry of one generated person report. */
export async function recordPersonReport(actor: Actor | null, personId: string, profile: ReportProfile): Promise<void> {
  const a = requireActor(actor);
  await db().$transaction(async (tx) => {
    await writeAudit(tx, { actorId: a.id, action: "report.person", entityType: "person", entityId: personId, after: { profile } });
  });
}

// ---- Dossier ----

/** At most this many people in one dossier. */
export const DOSSIER_MAX_PEOPLE = 500;

export class DossierTooLargeError extends Error {
  readonly status = 422;
  constructor(
    readonly count: number,
    readonly max: number,
  ) {
    super(`The filters match ${count} people; a dossier holds at most ${max}.`);
    this.name = "DossierTooLargeError";
  }

  /** How route handlers answer it (lib/http.ts). */
  httpAnswer() {
    return { status: this.status, body: { error: this.message, reason: "tooMany", count: this.count, max: this.max } };
  }
}

export interface DossierSelection {
  /** People with at least one matching case, by name. */
  personIds: string[];
  /** The matching cases (the summary table's rows). */
  caseIds: string[];
}

/**
 * The people and cases a dossier of the case table's current filters (search included)
 * covers. Refused with DossierTooLargeError above `max` people, before anything is read.
 */
export async function selectDossier(actor: Actor | null, filters: CaseFilters, max = DOSSIER_MAX_PEOPLE): Promise<DossierSelection> {
  requireActor(actor);
  const searching = filters.q !== undefined;
  const search = searching ? normalizeName(filters.q!) : "";
  const { where } = caseWhere(filters);
  const from = caseFrom({ person: true, matched: searching });
  const withMatched = searching ? Prisma.sql`WITH ${matchedPeopleCte(search)}` : Prisma.empty;
  const countSql = Prisma.sql`${withMatched} SELECT count(DISTINCT c.person_id)::int AS people ${from} ${where}`;
  const rowsSql = Prisma.sql`${withMatched} SELECT c.id AS case_id, c.person_id ${from} ${where}
    ORDER BY p.name ASC, p.id ASC, c.arrest_date ASC NULLS LAST, c.id ASC`;

  const [count] = await db().$queryRaw<{ people: number }[]>(countSql);
  const people = count?.people ?? 0;
  if (people > max) throw new DossierTooLargeError(people, max);
  const rows = await db().$queryRaw<{ case_id: string; person_id: string }[]>(rowsSql);
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  return { personIds, caseIds: rows.map((r) => r.case_id) };
}

/** Names of the records the filters refer to by id, for printing the filters. */
export async function dossierFilterNames(actor: Actor | null, filters: CaseFilters): Promise<{ incident?: string; court?: string; sentenceCourt?: string }> {
  requireActor(actor);
  const courtIds = [filters.court, filters.sentenceCourt].filter((id): id is string => !!id && id !== "none");
  const [incident, courts] = await Promise.all([
    filters.incident ? db().incident.findFirst({ where: { id: filters.incident, deletedAt: null }, select: { title: true } }) : null,
    courtIds.length ? db().court.findMany({ where: { id: { in: courtIds } }, select: { id: true, name: true } }) : [],
  ]);
  const courtName = (id: string | undefined) => courts.find((c) => c.id === id)?.name;
  return {
    ...(incident ? { incident: incident.title } : {}),
    ...(courtName(filters.court) ? { court: courtName(filters.court) } : {}),
    ...(courtName(filters.sentenceCourt) ? { sentenceCourt: courtName(filters.sentenceCourt) } : {}),
  };
}

/** Writes the audit entry of one generated dossier: its profile, filters and size. */
export async function recordDossier(actor: Actor | null, entry: { profile: ReportProfile; filters: CaseFilters; people: number; cases: number }): Promise<void> {
  const a = requireActor(actor);
  await db().$transaction(async (tx) => {
    await writeAudit(tx, { actorId: a.id, action: "report.dossier", entityType: "dossier", after: entry });
  });
}
