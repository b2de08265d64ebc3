import "server-only";
// The figures of the dashboard charts and GET /api/stats: what each one counts is written
// next to its SQL in aggregate-sql.ts and repeated here on its type. In short:
// - every figure is about NAMED detainees: cases (one detention or prosecution episode) and
//   people recorded by name, never incidents' reported numbers of unnamed people, which
//   come separately (arrestsByMonth.reported) and are never added to anything;
// - sentences come in two readings (lib/domain/sentence.ts): the FIRST-INSTANCE sentence
//   (the first SENTENCE) and the EFFECTIVE one (after appeals and acquittals); every
//   sentence figure carries both;
// - prison days: years × 365 + months × 30 + days (prisonTermDays); prison-years = days / 365;
// - soft-deleted people, cases, events and incidents never count.
// Every function takes the acting user and authorizes (any signed-in role may read
// aggregates; the public page passes the access its ADMIN switch grants); filters are the
// shared case filters.
import { requireActor, type Actor } from "@/lib/authz";
import { isPublicAggregateAccess, type PublicAggregateAccess } from "@/lib/data/settings";
import {
  arrestsByMonthSql,
  demographicsSql,
  filterOptionsSql,
  lashesByCitySql,
  lashesByCourtSql,
  lashesByMonthSql,
  prisonChangeSql,
  prisonHistogramSql,
  recordCountsSql,
  reportedByIncidentSql,
  sentenceTotalsSql,
  statusSql,
  topChargesSql,
  type GroupOptions,
  type SentenceBasis,
} from "@/lib/data/aggregate-sql";
import { db } from "@/lib/db";
import { PRISON_TERM_BUCKETS, type PrisonTermBucketId } from "@/lib/domain/prison-term-buckets";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CaseStatus, Gender, Vulnerability } from "@/lib/generated/prisma/enums";
import type { CaseFilters } from "@/lib/validation/case-filters";

export type { GroupOptions, SentenceBasis } from "@/lib/data/aggregate-sql";

/** How many matching cases a figure is about, and how many distinct people when they were counted. */
export interface Group {
  cases: number;
  /** Distinct people; null unless asked for (GroupOptions: the public page needs them, the dashboard does not pay for them). */
  people: number | null;
}
/** Cases and distinct people, always both (totals). */
export interface Counted {
  cases: number;
  people: number;
}
export interface LashGroup extends Group {
  lashes: number;
}
/** One figure under both readings of the sentence. */
export type PerBasis<T> = Record<SentenceBasis, T>;

export interface RecordCounts {
  /** Named people: all live ones without filters; with filters, those with a matching case. */
  people: number;
  /** Matching cases. */
  cases: number;
  /** Live incidents: all without filters; with filters, those linked to a matching case. */
  incidents: number;
}

/** Rows hold the cases with lashes > 0 under each reading; the rows of one reading add up to its total. */
export interface LashesByCourtRow extends PerBasis<LashGroup> {
  /** Court of the event the sentence comes from; null = no court recorded. */
  courtId: string | null;
  court: string | null;
  branch: string | null;
}
export interface LashesByCityRow extends PerBasis<LashGroup> {
  /** City of the arrest; null = not recorded. */
  city: string | null;
}
export interface LashesByMonthRow extends PerBasis<LashGroup> {
  /** "2021-10"; null = the sentence's date is not known to the month. */
  month: string | null;
}

export interface LashesAggregate extends PerBasis<number> {
  /** Cases and people with lashes > 0 under each reading. */
  sentenced: PerBasis<Counted>;
  byCourt: LashesByCourtRow[];
  byCity: LashesByCityRow[];
  byMonth: LashesByMonthRow[];
}

export interface HistogramRow extends PerBasis<Group> {
  bucket: PrisonTermBucketId;
  fromDays: number;
  underDays: number | null;
}

export type PrisonChange = "unchanged" | "reduced" | "setAside" | "increased";
export const PRISON_CHANGES: readonly PrisonChange[] = ["unchanged", "reduced", "setAside", "increased"];
export interface PrisonChangeRow extends Group {
  change: PrisonChange;
  firstInstanceDays: number;
  effectiveDays: number;
}

export interface PrisonAggregate extends PerBasis<number> {
  /** Cases with a prison term > 0 days under each reading, and their people when asked for (GroupOptions). */
  sentenced: PerBasis<Group>;
  /** Cases by range of prison term (terms of 0 days or none are in no range). */
  histogram: HistogramRow[];
  /** Cases with a stated term, by how the effective term differs from the first-instance one. */
  change: PrisonChangeRow[];
}

export interface ReportedIncident {
  incidentId: string;
  title: string;
  city: string | null;
  country: string | null;
  /** "2020-10"; null = the incident's date is not known to the month. */
  month: string | null;
  date: string | null;
  datePrecision: string;
  /** The number a source reports; overlaps other reports and the named detainees. */
  reported: number;
}

export interface ArrestsAggregate {
  /** Named arrests (cases) by month of arrest, oldest first. */
  named: ({ month: string } & Group)[];
  /** Named arrests whose date is known only to the year, or not at all. */
  namedMonthUnknown: Group;
  /** One row per incident with a reported number (never summed); null when filters concern people or cases. */
  reported: ReportedIncident[] | null;
}

export interface StatusRow extends Group {
  status: CaseStatus;
}

export interface DemographicsAggregate {
  /** Named detainees: people with at least one matching case. */
  people: number;
  gender: { gender: Gender; people: number }[];
  /** People with each vulnerability recorded (one person may have several). */
  vulnerabilities: { vulnerability: Vulnerability; people: number }[];
}

export interface ChargeRow extends Group {
  /** The charge as quoted, or the law article. */
  label: string;
}

/** Every figure but the charges (the slowest query: the dashboard streams those in later). */
export type ChartAggregates = Omit<Aggregates, "topCharges" | "topArticles">;

export interface Aggregates extends RecordCounts {
  /** The filters these figures are for. */
  filters: CaseFilters;
  /** Matching cases by last known status (every status, 0 included), as GET /api/stats always had it. */
  byStatus: Record<CaseStatus, number>;
  casesByStatus: StatusRow[];
  lashes: LashesAggregate;
  prisonDays: PrisonAggregate;
  arrestsByMonth: ArrestsAggregate;
  demographics: DemographicsAggregate;
  /** The TOP_CHARGES most frequent charges as quoted / law articles, by number of cases. */
  topCharges: ChargeRow[];
  topArticles: ChargeRow[];
}

export const TOP_CHARGES = 10;

const NO_PEOPLE: GroupOptions = { people: false };

/** A signed-in user, or the public page while an ADMIN has it switched on. */
export type AggregateReader = Actor | PublicAggregateAccess | null;

function authorize(reader: AggregateReader): void {
  if (isPublicAggregateAccess(reader)) return;
  requireActor(reader);
}

/** bigint sums to numbers, refusing (never rounding) a figure beyond exact integers. */
function exact(value: bigint | number | null | undefined): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Aggregate ${String(value)} is beyond exact integers`);
  return n;
}

/** No case: 0 people when people are counted, null (not counted) otherwise. */
const zeroGroup = (options: GroupOptions): Group => ({ cases: 0, people: options.people ? 0 : null });
const zeroLashes = (options: GroupOptions) => (): LashGroup => ({ lashes: 0, ...zeroGroup(options) });

function query<T>(sql: Prisma.Sql): Promise<T[]> {
  return db().$queryRaw<T[]>(sql);
}

/**
 * Folds rows of (basis, key..., figures) into one row per key holding both readings;
 * a reading with no row for a key gets `zero()`.
 */
function pairByKey<R extends { basis: string }, K extends object, V>(
  rows: readonly R[],
  keyOf: (r: R) => K,
  valueOf: (r: R) => V,
  zero: () => V,
): (K & PerBasis<V>)[] {
  const byKey = new Map<string, K & PerBasis<V>>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(key);
    const entry = byKey.get(id) ?? { ...key, firstInstance: zero(), effective: zero() };
    entry[r.basis as SentenceBasis] = valueOf(r);
    byKey.set(id, entry);
  }
  return [...byKey.values()];
}

const byLashesDesc = (a: PerBasis<LashGroup>, b: PerBasis<LashGroup>) =>
  b.effective.lashes - a.effective.lashes || b.firstInstance.lashes - a.firstInstance.lashes;
const text = (a: string | null, b: string | null) => (a ?? "\uffff").localeCompare(b ?? "\uffff");

export async function getRecordCounts(actor: AggregateReader, filters: CaseFilters): Promise<RecordCounts> {
  authorize(actor);
  const [row] = await query<RecordCounts>(recordCountsSql(filters));
  return { people: row?.people ?? 0, cases: row?.cases ?? 0, incidents: row?.incidents ?? 0 };
}

interface TotalsRow {
  fi_lashes: bigint;
  fi_lash_cases: number;
  fi_lash_people: number;
  eff_lashes: bigint;
  eff_lash_cases: number;
  eff_lash_people: number;
  fi_days: bigint;
  fi_prison_cases: number;
  fi_prison_people: number | null;
  eff_days: bigint;
  eff_prison_cases: number;
  eff_prison_people: number | null;
}

/** Total lashes and prison days under both readings. */
export async function getSentenceTotals(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE) {
  authorize(actor);
  const [r] = await query<TotalsRow>(sentenceTotalsSql(filters, options));
  if (!r) throw new Error("Totals query returned no row");
  return {
    lashes: {
      firstInstance: exact(r.fi_lashes),
      effective: exact(r.eff_lashes),
      sentenced: { firstInstance: { cases: r.fi_lash_cases, people: r.fi_lash_people }, effective: { cases: r.eff_lash_cases, people: r.eff_lash_people } },
    },
    prisonDays: {
      firstInstance: exact(r.fi_days),
      effective: exact(r.eff_days),
      sentenced: { firstInstance: { cases: r.fi_prison_cases, people: r.fi_prison_people }, effective: { cases: r.eff_prison_cases, people: r.eff_prison_people } },
    },
  };
}

interface LashRow {
  basis: SentenceBasis;
  lashes: bigint;
  cases: number;
  people: number;
}
const lashGroup = (r: LashRow): LashGroup => ({ lashes: exact(r.lashes), cases: r.cases, people: r.people });

/** Lashes (> 0) by the court and branch of the event each sentence comes from. */
export async function getLashesByCourt(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<LashesByCourtRow[]> {
  authorize(actor);
  const rows = await query<LashRow & { court_id: string | null; court: string | null; branch: string | null }>(lashesByCourtSql(filters, options));
  return pairByKey(rows, (r) => ({ courtId: r.court_id, court: r.court, branch: r.branch }), lashGroup, zeroLashes(options)).sort(
    (a, b) => byLashesDesc(a, b) || text(a.court, b.court) || text(a.branch, b.branch),
  );
}

/** Lashes (> 0) by city of arrest. */
export async function getLashesByCity(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<LashesByCityRow[]> {
  authorize(actor);
  const rows = await query<LashRow & { city: string | null }>(lashesByCitySql(filters, options));
  return pairByKey(rows, (r) => ({ city: r.city }), lashGroup, zeroLashes(options)).sort((a, b) => byLashesDesc(a, b) || text(a.city, b.city));
}

/** Lashes (> 0) by month of the sentence, oldest first, "month not known" last. */
export async function getLashesByMonth(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<LashesByMonthRow[]> {
  authorize(actor);
  const rows = await query<LashRow & { month: string | null }>(lashesByMonthSql(filters, options));
  return pairByKey(rows, (r) => ({ month: r.month }), lashGroup, zeroLashes(options)).sort((a, b) => text(a.month, b.month));
}

/** Cases per range of prison term, every range listed (0 included), shortest first. */
export async function getPrisonHistogram(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<HistogramRow[]> {
  authorize(actor);
  const rows = await query<{ basis: SentenceBasis; bucket: PrisonTermBucketId; cases: number; people: number }>(prisonHistogramSql(filters, options));
  return PRISON_TERM_BUCKETS.map((b) => {
    const of = (basis: SentenceBasis): Group => {
      const r = rows.find((x) => x.basis === basis && x.bucket === b.id);
      return r ? { cases: r.cases, people: r.people } : zeroGroup(options);
    };
    return { bucket: b.id, fromDays: b.fromDays, underDays: b.underDays, firstInstance: of("firstInstance"), effective: of("effective") };
  });
}

/** Cases with a stated prison term by how the effective term differs from the first-instance one. */
export async function getPrisonChange(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<PrisonChangeRow[]> {
  authorize(actor);
  const rows = await query<{ change: PrisonChange; cases: number; people: number; fi_days: bigint; eff_days: bigint }>(prisonChangeSql(filters, options));
  return PRISON_CHANGES.map((change) => {
    const r = rows.find((x) => x.change === change);
    return { change, ...(r ? { cases: r.cases, people: r.people } : zeroGroup(options)), firstInstanceDays: exact(r?.fi_days), effectiveDays: exact(r?.eff_days) };
  });
}

/** Named arrests by month, and incidents' reported numbers apart (see ArrestsAggregate). */
export async function getArrestsByMonth(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<ArrestsAggregate> {
  authorize(actor);
  const reportedSql = reportedByIncidentSql(filters);
  const [rows, reported] = await Promise.all([
    query<{ month: string | null; cases: number; people: number }>(arrestsByMonthSql(filters, options)),
    reportedSql
      ? query<{ id: string; title: string; city: string | null; country: string | null; reported: number; month: string | null; date: string | null; date_precision: string }>(reportedSql)
      : Promise.resolve(null),
  ]);
  const unknown = rows.find((r) => r.month === null);
  return {
    named: rows
      .filter((r): r is typeof r & { month: string } => r.month !== null)
      .map((r) => ({ month: r.month, cases: r.cases, people: r.people }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    namedMonthUnknown: unknown ? { cases: unknown.cases, people: unknown.people } : zeroGroup(options),
    reported:
      reported?.map((r) => ({
        incidentId: r.id,
        title: r.title,
        city: r.city,
        country: r.country,
        month: r.month,
        date: r.date,
        datePrecision: r.date_precision,
        reported: r.reported,
      })) ?? null,
  };
}

/** Matching cases by last known status: every status, in the enum's order. */
export async function getCasesByStatus(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<StatusRow[]> {
  authorize(actor);
  const rows = await query<StatusRow>(statusSql(filters, options));
  return Object.values(CaseStatus).map((status) => {
    const r = rows.find((x) => x.status === status);
    return { status, ...(r ? { cases: r.cases, people: r.people } : zeroGroup(options)) };
  });
}

export async function getDemographics(actor: AggregateReader, filters: CaseFilters): Promise<DemographicsAggregate> {
  authorize(actor);
  // One row per gender with the number of people and, as v0, v1, ..., of those with each
  // vulnerability in the enum's order (demographicsSql).
  const rows = await query<{ gender: Gender; people: number } & Record<`v${number}`, number>>(demographicsSql(filters));
  const vulnerabilities = Object.values(Vulnerability);
  return {
    people: rows.reduce((n, r) => n + r.people, 0),
    gender: Object.values(Gender).map((gender) => ({ gender, people: rows.find((r) => r.gender === gender)?.people ?? 0 })),
    vulnerabilities: vulnerabilities.map((vulnerability, i) => ({ vulnerability, people: rows.reduce((n, r) => n + (r[`v${i}`] ?? 0), 0) })),
  };
}

export async function getTopCharges(
  actor: AggregateReader,
  filters: CaseFilters,
  field: "text" | "article",
  options: GroupOptions = NO_PEOPLE,
  limit = TOP_CHARGES,
): Promise<ChargeRow[]> {
  authorize(actor);
  return query<ChargeRow>(topChargesSql(filters, field, limit, options));
}

/** Every figure but the charges, for one set of filters (the queries run in parallel). */
export async function getChartAggregates(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<ChartAggregates> {
  authorize(actor);
  const [counts, totals, byCourt, byCity, byMonth, histogram, change, arrestsByMonth, casesByStatus, demographics] = await Promise.all([
    getRecordCounts(actor, filters),
    getSentenceTotals(actor, filters, options),
    getLashesByCourt(actor, filters, options),
    getLashesByCity(actor, filters, options),
    getLashesByMonth(actor, filters, options),
    getPrisonHistogram(actor, filters, options),
    getPrisonChange(actor, filters, options),
    getArrestsByMonth(actor, filters, options),
    getCasesByStatus(actor, filters, options),
    getDemographics(actor, filters),
  ]);
  return {
    filters,
    ...counts,
    byStatus: Object.fromEntries(casesByStatus.map((r) => [r.status, r.cases])) as Record<CaseStatus, number>,
    casesByStatus,
    lashes: { ...totals.lashes, byCourt, byCity, byMonth },
    prisonDays: { ...totals.prisonDays, histogram, change },
    arrestsByMonth,
    demographics,
  };
}

/** Every chart's figures for one set of filters (the queries run in parallel). */
export async function getAggregates(actor: AggregateReader, filters: CaseFilters, options: GroupOptions = NO_PEOPLE): Promise<Aggregates> {
  authorize(actor);
  const [charts, topCharges, topArticles] = await Promise.all([
    getChartAggregates(actor, filters, options),
    getTopCharges(actor, filters, "text", options),
    getTopCharges(actor, filters, "article", options),
  ]);
  return { ...charts, topCharges, topArticles };
}

export interface FilterOptions {
  cities: string[];
  incidents: { id: string; title: string }[];
  courts: { id: string; name: string }[];
}

/** The choices of the dashboard's filter form. */
export async function getFilterOptions(actor: Actor | null): Promise<FilterOptions> {
  requireActor(actor);
  const sql = filterOptionsSql();
  const [cities, incidents, courts] = await Promise.all([
    query<{ city: string }>(sql.cities),
    query<{ id: string; title: string }>(sql.incidents),
    query<{ id: string; name: string }>(sql.courts),
  ]);
  return { cities: cities.map((c) => c.city), incidents, courts };
}
