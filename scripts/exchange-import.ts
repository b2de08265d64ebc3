// npm run exchange:import -- --as <email> [--dry-run] <file>
//
// Imports an exchange file (docs/exchange-format.md) into this EMPTY installation, in one
// transaction, exactly as POST /api/exchange/import does but without its size limit. The
// account <email> must be an ADMIN; the import is audited under it. On any problem nothing is
// imported and every problem is listed with its record and field. --dry-run checks the file,
// the derived values and that the database is empty, and writes nothing.
//
// The database is DATABASE_URL, or the embedded one of a running `npm start`.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { applyDemoAuditKey } from "./lib/audit-config";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runMain } from "./lib/run-main";

const USAGE = `Usage: npm run exchange:import -- --as <email> [--dry-run] [--timeout-minutes <n>] <file>

  --as <email>             the ADMIN account the import is made and audited as
  --dry-run                check everything, write nothing
  --timeout-minutes <n>    longest the import transaction may run (default 120)`;

/** DATABASE_URL, or else the embedded database of a running `npm start` (its .data/runtime.json). */
function databaseUrl(): string {
  // Scripts run outside the app; this is the one place this script reads the environment.
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = path.resolve(process.env.TRACKER_DATA_DIR ?? ".data", "runtime.json");
  if (existsSync(runtime)) return (JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string }).databaseUrl;
  throw new Error("Set DATABASE_URL, or start the app with `npm start` so its embedded database is running.");
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: { as: { type: "string" }, "dry-run": { type: "boolean", default: false }, "timeout-minutes": { type: "string", default: "120" } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const { values: args, positionals } = parsed;
  const file = positionals[0];
  const minutes = Number(args["timeout-minutes"]);
  if (!args.as || !file || positionals.length > 1 || !Number.isInteger(minutes) || minutes < 1) {
    console.error(USAGE);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    console.error(`Cannot read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }
  applyDemoAuditKey();
  process.env.DATABASE_URL = databaseUrl();
  const { db } = await import("@/lib/db");
  const { exchangeCliActor } = await import("@/lib/data/exchange-cli");
  const { ExchangeImportError, importExchange } = await import("@/lib/data/exchange-import");
  const { formatExchangeProblems } = await import("@/lib/exchange/validate");
  try {
    const actor = await exchangeCliActor(args.as);
    if (!actor) {
      console.error(`No enabled account with the email ${args.as}.`);
      return 1;
    }
    const result = await importExchange(actor, json, { dryRun: args["dry-run"], timeoutMs: minutes * 60_000 });
    const c = result.counts;
    console.log(
      `${result.dryRun ? "Dry run: the file can be imported" : "Imported"}: ${c.people} people, ${c.cases} cases, ${c.events} events, ${c.incidents} incidents, ${c.sources} sources, ${c.courts} courts, ${c.facilities} facilities.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ExchangeImportError) {
      console.error(`${error.message}:\n${formatExchangeProblems(error.problems)}`);
      return 1;
    }
    throw error;
  } finally {
    await db().$disconnect();
  }
}

runMain(main);
