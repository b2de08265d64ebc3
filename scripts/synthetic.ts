// npm run db:synthetic -- --people 100000 --seed 1 [--force]
//
// Fills a database with deterministic synthetic people, cases and events for load tests
// and benchmarks (every person and case has is_synthetic = true; incidents are titled
// "(synthetic)"). Never part of the demo data. Refuses a database holding real
// (non-synthetic) people or cases unless --force. Synthetic records of an earlier run are
// replaced, so the same arguments always give the same data.
//
// The database is DATABASE_URL, or else the embedded database of a running `npm start`
// (its .data/runtime.json). It is migrated first.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrate } from "./lib/migrate";
import { loadSyntheticData, RealDataPresentError } from "./lib/synthetic/load";

const USAGE = `Usage: npm run db:synthetic -- --people <n> [--seed <n>] [--force]

  --people <n>   how many synthetic people to create (1 to 1,000,000)
  --seed <n>     seed of the generator (default 1): the same seed gives the same data
  --force        run even though the database holds real (non-synthetic) records

The database is DATABASE_URL, or the embedded one of a running \`npm start\`.`;

function targetDatabase(): string {
  // Scripts run outside the app; this is the one place this script reads the environment.
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fromEnv;
  const runtime = path.resolve(process.env.TRACKER_DATA_DIR ?? ".data", "runtime.json");
  if (existsSync(runtime)) return (JSON.parse(readFileSync(runtime, "utf8")) as { databaseUrl: string }).databaseUrl;
  throw new Error("Set DATABASE_URL, or start the app with `npm start` so its embedded database is running.");
}

function positiveInt(value: string | undefined, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, got "${value ?? ""}"`);
  return n;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { people: { type: "string" }, seed: { type: "string", default: "1" }, force: { type: "boolean", default: false } },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  if (args.people === undefined) {
    console.error(USAGE);
    return 1;
  }
  const people = positiveInt(args.people, "people", 1_000_000);
  const seed = positiveInt(args.seed, "seed", 2 ** 31 - 1);
  const url = targetDatabase();
  await migrate(url, { log: (line) => console.log(line) });

  const started = Date.now();
  console.log(`Loading ${people} synthetic people (seed ${seed}) ...`);
  const counts = await loadSyntheticData(url, { people, seed, force: args.force, log: (line) => console.log(line) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Loaded ${counts.people} people, ${counts.aliases} aliases, ${counts.cases} cases, ${counts.events} events, ` +
      `${counts.charges} charges, ${counts.incidents} incidents in ${seconds} s.`,
  );
  return 0;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    console.error(error instanceof RealDataPresentError || error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
