// The case-table filters behind each bar of the dashboard: clicking a bar opens
// /cases?<these filters>, which lists exactly the cases the bar counts (the integration test
// checks every bar of the demo data). Each starts from the dashboard's own filters.
import type { PrisonTermBucket } from "@/lib/domain/prison-term-buckets";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { CaseStatus, Gender, Vulnerability } from "@/lib/generated/prisma/enums";

export type Basis = "firstInstance" | "effective";
export type PrisonChange = NonNullable<CaseFilters["prisonChange"]>;

/** Cases with lashes > 0 under `basis`, on top of `base`. */
const withLashes = (base: CaseFilters, basis: Basis): CaseFilters => ({ ...base, sentence: basis, lashesMin: "1" });

export const drillDown = {
  lashesByCourt: (base: CaseFilters, basis: Basis, row: { courtId: string | null; branch: string | null }): CaseFilters => ({
    ...withLashes(base, basis),
    sentenceCourt: row.courtId ?? "none",
    sentenceBranch: row.branch ?? "none",
  }),
  /** Null for "city not recorded": the shared city filter cannot select a missing city. */
  lashesByCity: (base: CaseFilters, basis: Basis, row: { city: string | null }): CaseFilters | null =>
    row.city === null ? null : { ...withLashes(base, basis), city: row.city },
  lashesByMonth: (base: CaseFilters, basis: Basis, row: { month: string | null }): CaseFilters => ({
    ...withLashes(base, basis),
    sentenceMonth: row.month ?? "unknown",
  }),
  prisonRange: (base: CaseFilters, basis: Basis, bucket: Pick<PrisonTermBucket, "fromDays" | "underDays">): CaseFilters => ({
    ...base,
    sentence: basis,
    prisonDaysFrom: String(bucket.fromDays),
    prisonDaysUnder: bucket.underDays === null ? undefined : String(bucket.underDays),
  }),
  prisonChange: (base: CaseFilters, change: PrisonChange): CaseFilters => ({ ...base, prisonChange: change }),
  arrestMonth: (base: CaseFilters, month: string | null): CaseFilters => ({ ...base, arrestMonth: month ?? "unknown" }),
  status: (base: CaseFilters, status: CaseStatus): CaseFilters => ({ ...base, status: [status] }),
  gender: (base: CaseFilters, gender: Gender): CaseFilters => ({ ...base, gender }),
  vulnerability: (base: CaseFilters, vulnerability: Vulnerability): CaseFilters => ({ ...base, vulnerability }),
  charge: (base: CaseFilters, charge: string): CaseFilters => ({ ...base, charge }),
  /** The article filter matches a substring: the whole article text selects that article. */
  article: (base: CaseFilters, article: string): CaseFilters => ({ ...base, article }),
};
