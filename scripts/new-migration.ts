// npm run db:migration:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
// schema of the last commit to the current prisma/schema.prisma (offline, see schema-sql.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { schemaDiffSql } from "./lib/schema-sql";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration:new -- <name>");
  process.exit(1);
}
const previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
const sql = schemaDiffSql(previous, readFileSync("prisma/schema.prisma", "utf8"));
if (!sql.trim() || /This is an empty migration/.test(sql)) {
  console.log("schema.prisma has no changes since the last commit: no migration written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — review it, then commit it with the schema change.`);
