import "server-only";
// Liveness of the database for /api/health: a trivial query, bounded in time so the
// endpoint answers within 5 s even when the database is unreachable.
import { db } from "@/lib/db";

export async function databaseReachable(timeoutMs = 4000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([db().$queryRaw`SELECT 1`.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
