import "server-only";
// People: list and detail reads. Every function takes the acting user and authorizes.
import { db } from "@/lib/db";
import { canSeeRestricted, NotFoundError, requireActor, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { caseDetailSelect, toCaseView, type CaseView } from "@/lib/data/case-view";
import { sourceSelect, visibleSourceWhere, type SourceView } from "@/lib/data/visibility";
import type { CaseStatus, DatePrecision, Gender, AliasScript, Vulnerability } from "@/lib/generated/prisma/enums";
import { PERSON_FIELDS_SELECT } from "@/lib/data/person-select";

export const PEOPLE_PAGE_SIZES = [25, 50, 100] as const;

export interface PeopleListRow {
  id: string;
  name: string;
  aliases: string[];
  homeCity: string | null;
  caseCount: number;
  latestStatus: { status: CaseStatus; date: Date | null; precision: DatePrecision } | null;
  /** Sum of the effective prison terms of the person's cases, in days (null: none stated). */
  effectivePrisonDays: number | null;
  effectiveLashes: number | null;
}

export interface PeoplePage {
  rows: PeopleListRow[];
  total: number;
  page: number;
  pageSize: number;
}

function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

export async function listPeople(actor: Actor | null, params: { page?: number; pageSize?: number } = {}): Promise<PeoplePage> {
  requireActor(actor);
  const pageSize = PEOPLE_PAGE_SIZES.includes(params.pageSize as 25) ? (params.pageSize as number) : 25;
  const where = { deletedAt: null };
  const total = await db().person.count({ where });
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(params.page ?? 1) || 1), lastPage);
  const people = await db().person.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      name: true,
      homeCity: true,
      aliases: { select: { name: true }, orderBy: { name: "asc" } },
      cases: {
        where: { deletedAt: null },
        orderBy: [{ arrestDate: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
        select: { status: true, statusDate: true, statusDatePrecision: true, effectivePrisonDays: true, effectiveLashes: true },
      },
    },
  });
  const rows = people.map((p) => {
    const latest = p.cases[0];
    return {
      id: p.id,
      name: p.name,
      aliases: p.aliases.map((a) => a.name),
      homeCity: p.homeCity,
      caseCount: p.cases.length,
      latestStatus: latest ? { status: latest.status, date: latest.statusDate, precision: latest.statusDatePrecision } : null,
      effectivePrisonDays: sumOrNull(p.cases.map((c) => c.effectivePrisonDays)),
      effectiveLashes: sumOrNull(p.cases.map((c) => c.effectiveLashes)),
    };
  });
  return { rows, total, page, pageSize };
}

export interface PersonView {
  id: string;
  key: string;
  name: string;
  gender: Gender;
  ageYears: number | null;
  ageAsOf: Date | null;
  birthYear: number | null;
  homeCity: string | null;
  province: string | null;
  provinceCode: string | null;
  vulnerabilities: Vulnerability[];
  description: string | null;
  /** Present only for readers allowed to see restricted notes. */
  restrictedNotes?: string | null;
  aliases: { name: string; script: AliasScript }[];
  relations: { kind: string; person: { id: string; name: string } }[];
  sources: SourceView[];
  cases: CaseView[];
  updatedAt: Date;
  version: number;
}

export async function getPerson(actor: Actor | null, id: string): Promise<PersonView> {
  const a = requireActor(actor);
  const restricted = canSeeRestricted(a);
  const person = await db().person.findFirst({
    where: { id: knownIdShape(id, "Person"), deletedAt: null },
    select: {
      id: true,
      key: true,
      ...PERSON_FIELDS_SELECT,
      restrictedNotes: restricted,
      updatedAt: true,
      version: true,
      aliases: { select: { name: true, script: true }, orderBy: { name: "asc" } },
      relations: {
        where: { relatedPerson: { deletedAt: null } },
        select: { kind: true, relatedPerson: { select: { id: true, name: true } } },
      },
      sources: { where: { source: visibleSourceWhere(a) }, select: { source: { select: sourceSelect } } },
      cases: {
        where: { deletedAt: null },
        orderBy: [{ arrestDate: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
        select: caseDetailSelect(a),
      },
    },
  });
  if (!person) throw new NotFoundError("Person");
  const { relations, sources, cases, restrictedNotes, ...rest } = person;
  return {
    ...rest,
    ...(restricted ? { restrictedNotes: restrictedNotes ?? null } : {}),
    relations: relations.map((r) => ({ kind: r.kind, person: r.relatedPerson })),
    sources: sources.map((s) => s.source),
    cases: cases.map(toCaseView),
  };
}
