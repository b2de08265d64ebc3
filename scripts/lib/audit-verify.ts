// Walks the audit trail in id order, in batches, and reports the first entry whose content
// or link to its predecessor does not match its stored hash.
import pg from "pg";
import { verifyChain, type ChainProblem, type ChainedEntry } from "../../lib/audit/chain";

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainProblem | null;
}

export async function verifyAuditTrail(connectionString: string, batchSize = 2000): Promise<AuditVerification> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // Keep bigint ids exact and timestamps as Date.
  await client.connect();
  try {
    let after = "0";
    let previousHash: string | null = null;
    let checked = 0;
    for (;;) {
      const { rows } = await client.query<{
        id: string; at: Date; actor_id: string | null; action: string; entity_type: string | null;
        entity_id: string | null; before: unknown; after: unknown; prev_hash: string | null; hash: string | null;
      }>(
        `SELECT id::text, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash
           FROM audit_entries WHERE id > $1::bigint ORDER BY audit_entries.id LIMIT $2`,
        [after, batchSize],
      );
      if (!rows.length) return { ok: true, checked, problem: null };
      const entries: ChainedEntry[] = rows.map((r) => ({
        id: r.id, at: r.at, actorId: r.actor_id, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
        before: r.before, after: r.after, prevHash: r.prev_hash, hash: r.hash,
      }));
      const result = verifyChain(entries, previousHash);
      checked += result.checked;
      if (result.problem) return { ok: false, checked, problem: result.problem };
      previousHash = result.lastHash;
      after = rows[rows.length - 1]!.id;
    }
  } finally {
    await client.end();
  }
}
