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
  getChartAggregates,
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
import type { GroupOptions } from "@/lib/data/aggregate-sql";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CaseFilters } from "@/lib/validation/case-filters";
import type { Bench, BenchModule } from "./types";

const TARGET_P95_MS = 100;
const NO_PEOPLE: GroupOptions = { people: false };
const WITH_PEOPLE: GroupOptions = { people: true };

const aggregatesBench: BenchModule = async ({ databaseUrl, actor }) => {
  // Sized like the app's pool (lib/db.ts: DB_POOL_MAX defaults to 10).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 3000, idleTimeoutMillis: 1000 });
  // bench.ts stops the database when all modules are done, and no module is told to close its
  // pool first: an idle connection it terminates must not crash the run.
  pool.on("error", () => {});
  const plain = (sql: Prisma.Sql | null) => (sql === null ? Promise.resolve(null) : pool.query(sql.text, sql.values).then((r) => r.rows));

  const all: CaseFilters = {};
  const filtered: CaseFilters = { city: "Tabriz", arrestFrom: "2020-01-01" };

  // The dashboard's queries count cases per group (NO_PEOPLE); the public page's also count
  // distinct people per group (WITH_PEOPLE), benchmarked below as one page.
  const o = NO_PEOPLE;
  const single: [name: string, run: (f: CaseFilters) => Promise<unknown>, sql: (f: CaseFilters) => Promise<unknown>][] = [
    ["aggregates: record counts", (f) => getRecordCounts(actor, f), (f) => plain(recordCountsSql(f))],
    ["aggregates: sentence totals", (f) => getSentenceTotals(actor, f, o), (f) => plain(sentenceTotalsSql(f, o))],
    ["aggregates: lashes by court", (f) => getLashesByCourt(actor, f, o), (f) => plain(lashesByCourtSql(f, o))],
    ["aggregates: lashes by city", (f) => getLashesByCity(actor, f, o), (f) => plain(lashesByCitySql(f, o))],
    ["aggregates: lashes by month", (f) => getLashesByMonth(actor, f, o), (f) => plain(lashesByMonthSql(f, o))],
    ["aggregates: prison-term ranges", (f) => getPrisonHistogram(actor, f, o), (f) => plain(prisonHistogramSql(f, o))],
    ["aggregates: prison change", (f) => getPrisonChange(actor, f, o), (f) => plain(prisonChangeSql(f, o))],
    [
      "aggregates: arrests by month",
      (f) => getArrestsByMonth(actor, f, o),
      (f) => Promise.all([plain(arrestsByMonthSql(f, o)), plain(reportedByIncidentSql(f))]),
    ],
    ["aggregates: cases by status", (f) => getCasesByStatus(actor, f, o), (f) => plain(statusSql(f, o))],
    ["aggregates: demographics", (f) => getDemographics(actor, f), (f) => plain(demographicsSql(f))],
    ["aggregates: top charges", (f) => getTopCharges(actor, f, "text", o), (f) => plain(topChargesSql(f, "text", TOP_CHARGES, o))],
    ["aggregates: top articles", (f) => getTopCharges(actor, f, "article", o), (f) => plain(topChargesSql(f, "article", TOP_CHARGES, o))],
  ];

  const benches: Bench[] = single.map(([name, run, sql]) => ({
    name,
    run: () => run(all),
    baseline: () => sql(all),
    targetP95Ms: TARGET_P95_MS,
  }));
  // The dashboard page runs the charts' queries at once on one pool, then streams in the
  // charges (getChartAggregates, then getTopCharges); GET /api/stats waits for everything.
  const charts = single.filter(([name]) => !/top (charges|articles)/.test(name));
  for (const [name, filters] of [
    ["aggregates: dashboard charts", all],
    ["aggregates: dashboard, city + date", filtered],
  ] as const) {
    benches.push({
      name,
      run: () => getChartAggregates(actor, filters),
      baseline: () => Promise.all(charts.map(([, , sql]) => sql(filters))),
    });
  }
  benches.push({
    name: "aggregates: GET /api/stats, all",
    run: () => getAggregates(actor, all),
    baseline: () => Promise.all(single.map(([, , sql]) => sql(all))),
  });
  // The public page's figures before its cache (lib/data/public-aggregates.ts): every group
  // with its distinct people.
  benches.push({
    name: "aggregates: public page, uncached",
    run: () => getAggregates(actor, all, WITH_PEOPLE),
    baseline: () =>
      Promise.all([
        plain(recordCountsSql(all)),
        plain(sentenceTotalsSql(all, WITH_PEOPLE)),
        ...[lashesByCourtSql, lashesByCitySql, lashesByMonthSql, prisonHistogramSql, prisonChangeSql, arrestsByMonthSql, statusSql].map((sql) =>
          plain(sql(all, WITH_PEOPLE)),
        ),
        plain(reportedByIncidentSql(all)),
        plain(demographicsSql(all)),
        plain(topChargesSql(all, "text", TOP_CHARGES, WITH_PEOPLE)),
        plain(topChargesSql(all, "article", TOP_CHARGES, WITH_PEOPLE)),
      ]),
  });
  return benches;
};

export default aggregatesBench;
