// npm run exchange:export -- --as <email> [--out <file>]
//
// Writes this installation's exchange file (docs/exchange-format.md) to <file> (or to
// standard output): the same file as GET /api/exchange/export, for the account <email>
// (EDITOR: live records; ADMIN: every record, soft-deleted ones included). Audited as
// exchange.export under that account. The file holds restricted notes and confidential
// sources: store and send it as you would the database itself.
//
// The database is DATABASE_URL, or the embedded one of a running `npm start`.
import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyDemoAuditKey } from "./lib/audit-config";
import { runMain } from "./lib/run-main";

const USAGE = `Usage: npm run exchange:export -- --as <email> [--out <file>]

  --as <email>   the account the export is made and audited as (EDITOR or ADMIN)
  --out <file>   where to write the file (default: standard output)`;

/** DATABASE_URL, or else the embedded database of a running `npm start` (its .data/runtime.json). */
function databaseUrl(): string {
  // Scripts run outside the app; this is the one place this script reads the environment.
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const runtime = path.resolve(process.env.TRACKER_DATA_DIR ?? ".data", "runtime.json");
  if (existsSync(runtime)) return (JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string }).databaseUrl;
  throw new Error("Set DATABASE_URL, or start the app with `npm start` so its embedded database is running.");
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { as: { type: "string" }, out: { type: "string" } } }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (!args.as) {
    console.error(USAGE);
    return 1;
  }
  // lib/db.ts reads DATABASE_URL (through lib/env.ts) when it first connects, which is after this.
  applyDemoAuditKey();
  process.env.DATABASE_URL = databaseUrl();
  const { db } = await import("@/lib/db");
  const { exchangeCliActor } = await import("@/lib/data/exchange-cli");
  const { openExchangeExport } = await import("@/lib/data/exchange-export");
  try {
    const actor = await exchangeCliActor(args.as);
    if (!actor) {
      console.error(`No enabled account with the email ${args.as}.`);
      return 1;
    }
    const exported = await openExchangeExport(actor);
    // Written as it is read from the database: an installation of any size fits.
    const out = args.out ? createWriteStream(args.out, { mode: 0o600 }) : process.stdout;
    for await (const chunk of exported.chunks) {
      if (!out.write(chunk)) await once(out, "drain");
    }
    if (args.out) {
      (out as ReturnType<typeof createWriteStream>).end();
      await once(out, "finish");
      const c = exported.counts;
      console.error(
        `Wrote ${args.out} (${exported.scope}): ${c.people} people, ${c.cases} cases, ${c.events} events, ${c.incidents} incidents, ${c.sources} sources, ${c.courts} courts, ${c.facilities} facilities.`,
      );
    }
    return 0;
  } finally {
    await db().$disconnect();
  }
}

runMain(main);
