// Turns Prisma schema files into PostgreSQL DDL without Prisma's native schema engine,
// which cannot be downloaded everywhere. It runs Prisma 6.19's WebAssembly schema engine
// (the `prisma6` dev dependency) on a schema-to-schema diff. That engine insists on a
// driver adapter; the only query it sends is a version probe, answered here offline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const OFFLINE_CONFIG = `
const fail = async () => { throw new Error("no database in a schema-to-schema diff"); };
const conn = () => ({
  provider: "postgres", adapterName: "offline",
  queryRaw: async (q: any) => {
    if (String(q.sql).includes("pg_namespace")) {
      return { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0],
        rows: [[true, "PostgreSQL 18.0", 180000]] };
    }
    return fail();
  },
  executeRaw: fail, executeScript: fail, startTransaction: fail,
  getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
  dispose: async () => {},
});
export default {
  experimental: { adapter: true }, engine: "js", schema: "to.prisma",
  adapter: async () => ({ provider: "postgres", adapterName: "offline",
    connect: async () => conn(), connectToShadowDb: async () => conn() }),
};
`;

/** Prisma 6 needs a `url` in the datasource and the classic generator name. */
function toPrisma6(schema: string): string {
  return schema
    .replace(/provider\s*=\s*"prisma-client"/, 'provider = "prisma-client-js"')
    .replace(/(datasource\s+\w+\s*\{[^}]*provider\s*=\s*"postgresql")/, '$1\n  url = "postgresql://offline/unused"');
}

const EMPTY = 'datasource db {\n  provider = "postgresql"\n}\n';

/** SQL that migrates a database from schema `from` (null = empty) to schema `to`. */
export function schemaDiffSql(from: string | null, to: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "schema-sql-"));
  try {
    writeFileSync(path.join(dir, "prisma.config.ts"), OFFLINE_CONFIG);
    writeFileSync(path.join(dir, "from.prisma"), toPrisma6(from ?? EMPTY));
    writeFileSync(path.join(dir, "to.prisma"), toPrisma6(to));
    const cli = path.join(process.cwd(), "node_modules", "prisma6", "build", "index.js");
    return execFileSync(
      process.execPath,
      [cli, "migrate", "diff", "--from-schema-datamodel", "from.prisma", "--to-schema-datamodel", "to.prisma", "--script"],
      {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
          PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
          PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
        },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function schemaFileSql(schemaPath = "prisma/schema.prisma"): string {
  return schemaDiffSql(null, readFileSync(schemaPath, "utf8"));
}
