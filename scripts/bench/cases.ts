// Case table benchmarks (issue 4): the list queries an analyst runs at the scale of a
// national crackdown. Each runs listCaseTable() (authorization, Prisma, row mapping) against
// the very same SQL sent through a plain pg pool: the ratio is what the data layer adds.
import pg from "pg";
import { caseTableStatements, listCaseTable, type CaseTableQuery } from "@/lib/data/case-table";
import type { Bench, BenchModule } from "./types";

const TARGET_P95_MS = 50;

const QUERIES: [name: string, query: CaseTableQuery][] = [
  ["cases: first page", { filters: {} }],
  // Offset 50,000 at 25 rows per page.
  ["cases: deep page (offset 50,000)", { filters: {}, page: 2001, pageSize: 25 }],
  ["cases: sorted by arrest date", { filters: {}, sort: [{ key: "arrestDate", desc: false }] }],
  ["cases: status + city", { filters: { status: ["DETAINED", "IMPRISONED"], city: "Tabriz" } }],
  ["cases: search by name", { filters: { q: "Fatima Ibrahimzade" } }],
];

const casesBench: BenchModule = async ({ databaseUrl, actor }) => {
  // Sized like the app's pool (lib/db.ts: DB_POOL_MAX defaults to 10).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 3000 });
  // When the benchmark stops its database, the idle connections left here are terminated:
  // expected, and not worth crashing the report over.
  pool.on("error", () => {});

  async function plainSql(query: CaseTableQuery): Promise<unknown> {
    const st = caseTableStatements(query);
    if (!st.searching) {
      const [count, page] = await Promise.all([pool.query(st.countSql.text, st.countSql.values), pool.query(st.pageSql.text, st.pageSql.values)]);
      return [count.rows, page.rows];
    }
    // A search is one statement (name-search.ts), whose rows also carry the total.
    return (await pool.query(st.pageSql.text, st.pageSql.values)).rows;
  }

  return QUERIES.map(([name, query]): Bench => ({
    name,
    run: () => listCaseTable(actor, query),
    baseline: () => plainSql(query),
    targetP95Ms: TARGET_P95_MS,
  }));
};

export default casesBench;
