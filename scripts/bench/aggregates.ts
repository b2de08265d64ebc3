// Dashboard aggregate benchmarks (issue 5): every aggregate query over all cases (the
// dashboard's default view, the largest GROUP BYs), then the whole dashboard at once.
// Each runs the data-layer function (authorization, Prisma, mapping) against the very
// same SQL text (lib/data/aggregate-sql.ts) sent through a plain pg pool.
import pg from "pg";
import {
  arrestsByMonthSql,
  demographicsSql,
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
} from "@/lib/data/aggregate-sql";
import {
  getAggregates,
  getArrestsByMonth,
  getCasesByStatus,
  getDemographics,
  getLashesByCity,
  getLashesByCourt,
  getLashesByMonth,
  getPrisonChange,
  getPrisonHistogram,
  getRecordCounts,
  getSentenceTotals,
  getTopCharges,
  TOP_CHARGES,
} from "@/lib/data/aggregates";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { Bench, BenchModule } from "./types";

const TARGET_P95_MS = 100;

const aggregatesBench: BenchModule = async ({ databaseUrl, actor }) => {
  // Sized like the app's pool (lib/db.ts: DB_POOL_MAX defaults to 10).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 3000 });
  const plain = (sql: Prisma.Sql | null) => (sql === null ? Promise.resolve(null) : pool.query(sql.text, sql.values).then((r) => r.rows));

  const all: CaseFilters = {};
  const filtered: CaseFilters = { city: "Tabriz", arrestFrom: "2020-01-01" };

  const single: [name: string, run: (f: CaseFilters) => Promise<unknown>, sql: (f: CaseFilters) => Promise<unknown>][] = [
    ["aggregates: record counts", (f) => getRecordCounts(actor, f), (f) => plain(recordCountsSql(f))],
    ["aggregates: sentence totals", (f) => getSentenceTotals(actor, f), (f) => plain(sentenceTotalsSql(f))],
    ["aggregates: lashes by court", (f) => getLashesByCourt(actor, f), (f) => plain(lashesByCourtSql(f))],
    ["aggregates: lashes by city", (f) => getLashesByCity(actor, f), (f) => plain(lashesByCitySql(f))],
    ["aggregates: lashes by month", (f) => getLashesByMonth(actor, f), (f) => plain(lashesByMonthSql(f))],
    ["aggregates: prison-term ranges", (f) => getPrisonHistogram(actor, f), (f) => plain(prisonHistogramSql(f))],
    ["aggregates: prison change", (f) => getPrisonChange(actor, f), (f) => plain(prisonChangeSql(f))],
    [
      "aggregates: arrests by month",
      (f) => getArrestsByMonth(actor, f),
      (f) => Promise.all([plain(arrestsByMonthSql(f)), plain(reportedByIncidentSql(f))]),
    ],
    ["aggregates: cases by status", (f) => getCasesByStatus(actor, f), (f) => plain(statusSql(f))],
    ["aggregates: demographics", (f) => getDemographics(actor, f), (f) => plain(demographicsSql(f))],
    ["aggregates: top charges", (f) => getTopCharges(actor, f, "text"), (f) => plain(topChargesSql(f, "text", TOP_CHARGES))],
    ["aggregates: top articles", (f) => getTopCharges(actor, f, "article"), (f) => plain(topChargesSql(f, "article", TOP_CHARGES))],
  ];

  const benches: Bench[] = single.map(([name, run, sql]) => ({
    name,
    run: () => run(all),
    baseline: () => sql(all),
    targetP95Ms: TARGET_P95_MS,
  }));
  // The dashboard page runs them all at once on one pool; so does its baseline.
  for (const [name, filters] of [
    ["aggregates: whole dashboard", all],
    ["aggregates: dashboard, city + date", filtered],
  ] as const) {
    benches.push({
      name,
      run: () => getAggregates(actor, filters),
      baseline: () => Promise.all(single.map(([, , sql]) => sql(filters))),
    });
  }
  return benches;
};

export default aggregatesBench;
