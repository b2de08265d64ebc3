// The one Prisma client of the app: a globalThis singleton (Next.js dev reloads modules)
// on node-postgres with bounded waits, so a database outage answers with an error quickly
// instead of hanging requests.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env } from "@/lib/env";

function createClient() {
  const adapter = new PrismaPg({
    connectionString: databaseUrl(),
    max: env().DB_POOL_MAX,
    connectionTimeoutMillis: env().DB_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
  });
  return new PrismaClient({
    adapter,
    // Secrets are never selected unless a query asks for them explicitly.
    omit: { user: { passwordHash: true, totpSecretEnc: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { __trackerDb?: Db };

export function db(): Db {
  if (!globalForDb.__trackerDb) globalForDb.__trackerDb = createClient();
  return globalForDb.__trackerDb;
}
