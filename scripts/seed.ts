// npm run db:seed -- --demo [--file <path>]
//
// Migrates the database named by DATABASE_URL, then loads the demo dataset (or another file
// in the same format) and the three demo accounts. Safe to re-run: existing records and
// accounts are left as they are. The file is validated before anything is touched.
//
// Run through `tsx --conditions=react-server` (the npm script does): lib/data/* starts with
// `import "server-only"`, which throws unless resolved with the react-server condition.
import { ensureDemoAccounts } from "@/lib/data/demo-accounts";
import { DEMO_DATASET_PATH, importDemoDataset, loadDemoDatasetFile, type ImportCounts } from "@/lib/data/demo-import";
import { db } from "@/lib/db";
import { databaseUrl, env } from "@/lib/env";
import { migrate } from "./lib/migrate";
import { runMain } from "./lib/run-main";

const USAGE = `Usage: npm run db:seed -- --demo [--file <path>]

  --demo           load the demo dataset and the demo accounts
                   (admin@, editor@, viewer@demo.local; password DEMO_PASSWORD)
  --file <path>    load this file instead of ${DEMO_DATASET_PATH} (same format)

The database is DATABASE_URL; it is migrated first. Existing records are never changed.`;

function parseArgs(argv: string[]): { file: string } | null {
  let demo = false;
  let file = DEMO_DATASET_PATH;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--demo") demo = true;
    else if (arg === "--file" && argv[i + 1] !== undefined) file = argv[++i] as string;
    else if (arg?.startsWith("--file=")) file = arg.slice("--file=".length);
    else return null;
  }
  return demo ? { file } : null;
}

function describeCounts(counts: ImportCounts): string {
  return Object.entries(counts)
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 1;
  }
  // Validate first: a broken file must not leave even a migrated-but-empty database behind.
  const data = await loadDemoDatasetFile(args.file);
  const url = databaseUrl();
  await migrate(url, { log: (line) => console.log(line) });

  connected = true;
  const result = await importDemoDataset(data, { actorId: null });
  console.log(`Dataset ${args.file}`);
  console.log(`  created: ${describeCounts(result.created)}`);
  console.log(`  skipped (already there): ${describeCounts(result.skipped)}`);

  const { DEMO_PASSWORD } = env();
  const accounts = await ensureDemoAccounts(DEMO_PASSWORD);
  console.log(`Demo accounts created: ${accounts.created.join(", ") || "none"}; already there: ${accounts.skipped.join(", ") || "none"}`);
  return 0;
}

let connected = false;

// Without the disconnect the pool keeps the process alive; db() itself is not touched when unused.
runMain(main, { finally: () => (connected ? db().$disconnect() : undefined) });
