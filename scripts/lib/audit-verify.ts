// Verifies the audit trail of a database: its hash chain (lib/audit/chain.ts), and, for
// `npm run audit:verify`, its agreement with the newest signed checkpoint
// (lib/audit/checkpoints.ts). The walking itself is lib/audit/trail-pg.ts, shared with the
// app's checkpoint timer.
import pg from "pg";
import type { AuditKeys, ChainProblem } from "../../lib/audit/chain";
import { verifyTrail, type TrailVerification } from "../../lib/audit/trail-pg";
import { resolveAuditKeys } from "./audit-config";

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The hash chain only (a restore's check): the first entry that does not verify. */
export async function verifyAuditTrail(connectionString: string, batchSize = 2000, keys: AuditKeys | null = resolveAuditKeys()): Promise<AuditVerification> {
  const result = await withClient(connectionString, (client) => verifyTrail(client, keys, { batchSize }));
  return { ok: result.problem === null, checked: result.checked, problem: result.problem };
}

/** The hash chain and the newest checkpoint in `checkpoints` (a directory or a file). */
export async function verifyAuditTrailWithCheckpoints(
  connectionString: string,
  options: { keys: AuditKeys | null; checkpoints: string | null; batchSize?: number },
): Promise<TrailVerification> {
  return withClient(connectionString, (client) => verifyTrail(client, options.keys, { checkpoints: options.checkpoints, batchSize: options.batchSize }));
}
