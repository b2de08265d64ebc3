// The audit trail read with node-postgres, for the code that runs beside the app rather than
// inside a request: `npm run audit:verify`, `npm run audit:checkpoint`, a restore's check, and
// the app's checkpoint timer (lib/audit/checkpoint-timer.ts). They share one implementation of
// "walk the chain" and "take a checkpoint", so what the tests run is what each of them runs.
// No actor: these are operator commands and a system job, not reads on behalf of a user.
import type pg from "pg";
import { CHAIN_START, KEYED_SCHEME, UNKEYED_SCHEME, verifyChain, type AuditKeys, type ChainedEntry, type ChainPosition, type ChainProblem } from "./chain";
import {
  appendCheckpoint,
  compareWithCheckpoint,
  readNewestCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type CheckpointProblem,
  type CheckpointScan,
  type TrailFacts,
} from "./checkpoints";

type Queryable = Pick<pg.ClientBase, "query">;

interface EntryRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string | null;
  hash: string | null;
  hash_scheme: string;
}

const toEntry = (r: EntryRow): ChainedEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  prevHash: r.prev_hash,
  hash: r.hash,
  hashScheme: r.hash_scheme,
});

/**
 * The SQL for an entry's scheme: its column, or, in a database restored from a backup made
 * before the column existed (not migrated yet), the scheme every entry then had.
 */
async function schemeColumn(client: Queryable): Promise<string> {
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = 'audit_entries' AND column_name = 'hash_scheme') AS found`,
  );
  return rows[0]?.found ? "hash_scheme" : `'${UNKEYED_SCHEME}'::text`;
}

export interface WalkResult {
  checked: number;
  /** Where the chain stands after the last entry that verified. */
  position: ChainPosition;
  /** The id of that entry (null: none verified). */
  lastId: string | null;
  problem: ChainProblem | null;
}

/**
 * Verifies the entries with an id in (after, upTo] in id order, in batches, continuing from
 * `from` (the position after the entry `after`; the chain's start when both are left out).
 */
export async function walkTrail(
  client: Queryable,
  keys: AuditKeys | null,
  options: { after?: string | null; upTo?: string | null; from?: ChainPosition; batchSize?: number } = {},
): Promise<WalkResult> {
  const batch = options.batchSize ?? 2000;
  let after = options.after ?? "0";
  let position = options.from ?? CHAIN_START;
  let checked = 0;
  let lastId: string | null = null;
  const scheme = await schemeColumn(client);
  for (;;) {
    const { rows } = await client.query<EntryRow>(
      `SELECT id::text, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash, ${scheme} AS hash_scheme
         FROM audit_entries WHERE id > $1::bigint AND ($2::bigint IS NULL OR id <= $2::bigint)
        ORDER BY audit_entries.id LIMIT $3`,
      [after, options.upTo ?? null, batch],
    );
    if (!rows.length) return { checked, position, lastId, problem: null };
    const result = verifyChain(rows.map(toEntry), position, keys);
    checked += result.checked;
    position = result.position;
    if (result.checked > 0) lastId = rows[result.checked - 1]!.id;
    if (result.problem) return { checked, position, lastId, problem: result.problem };
    after = rows[rows.length - 1]!.id;
  }
}

/** The trail's counts and newest entry, and the given checkpoint head's state, in one statement. */
export async function readTrailFacts(client: Queryable, checkpointHeadId: string | null): Promise<TrailFacts> {
  const scheme = await schemeColumn(client);
  const { rows } = await client.query<{
    total: string;
    up_to_head: string;
    last_up_to_head: string | null;
    cp_exists: boolean;
    cp_hash: string | null;
    cp_scheme: string | null;
    head_id: string | null;
    head_hash: string | null;
  }>(
    `SELECT count(*)::text AS total,
            count(*) FILTER (WHERE id <= $1::bigint)::text AS up_to_head,
            (max(id) FILTER (WHERE id <= $1::bigint))::text AS last_up_to_head,
            EXISTS (SELECT 1 FROM audit_entries WHERE id = $1::bigint) AS cp_exists,
            (SELECT hash FROM audit_entries WHERE id = $1::bigint) AS cp_hash,
            (SELECT ${scheme} FROM audit_entries WHERE id = $1::bigint) AS cp_scheme,
            (SELECT id::text FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1) AS head_id,
            (SELECT hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1) AS head_hash
       FROM audit_entries`,
    [checkpointHeadId],
  );
  const r = rows[0]!;
  return {
    total: Number(r.total),
    upToHead: Number(r.up_to_head),
    lastUpToHeadId: r.last_up_to_head,
    checkpointHead: r.cp_exists ? { hash: r.cp_hash, scheme: r.cp_scheme ?? "" } : null,
    head: r.head_id ? { id: r.head_id, hash: r.head_hash } : null,
  };
}

/** Runs `fn` in one read-only snapshot, so counts, heads and the entries walked agree. */
async function inSnapshot<T>(client: Queryable, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const result = await fn();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Verifying
// ---------------------------------------------------------------------------------------

export interface CheckpointCheck {
  scan: CheckpointScan;
  /** Compared with scan.newest (null: no checkpoint, or it matches). */
  problem: CheckpointProblem | null;
  /** Entries written since the newest checkpoint. */
  newer: number;
}

export interface TrailVerification {
  /** The chain verifies, it agrees with the newest checkpoint, and no checkpoint line is invalid. */
  ok: boolean;
  checked: number;
  total: number;
  problem: ChainProblem | null;
  head: { id: string; hash: string | null } | null;
  /** null when no checkpoints were asked for. */
  checkpoint: CheckpointCheck | null;
}

/**
 * Verifies the whole chain and, given a checkpoint directory or file, compares the trail
 * with the newest checkpoint there, all in one snapshot. `client` must be a connection of its
 * own (not a pool): the snapshot is a transaction.
 */
export async function verifyTrail(
  client: Queryable,
  keys: AuditKeys | null,
  options: { checkpoints?: string | null; batchSize?: number } = {},
): Promise<TrailVerification> {
  return inSnapshot(client, async () => {
    const walk = await walkTrail(client, keys, { batchSize: options.batchSize });
    let checkpoint: CheckpointCheck | null = null;
    let facts: TrailFacts;
    if (options.checkpoints && keys) {
      const scan = readNewestCheckpoint(options.checkpoints, keys);
      facts = await readTrailFacts(client, scan.newest?.checkpoint.headId ?? null);
      const problem = scan.newest ? compareWithCheckpoint(scan.newest.checkpoint, facts) : null;
      checkpoint = { scan, problem, newer: scan.newest ? facts.total - scan.newest.checkpoint.count : 0 };
    } else {
      facts = await readTrailFacts(client, null);
    }
    const ok = walk.problem === null && (checkpoint === null || (checkpoint.problem === null && checkpoint.scan.invalid.length === 0));
    return { ok, checked: walk.checked, total: facts.total, problem: walk.problem, head: facts.head, checkpoint };
  });
}

// ---------------------------------------------------------------------------------------
// Taking a checkpoint
// ---------------------------------------------------------------------------------------

export type CheckpointOutcome =
  | { state: "written"; checkpoint: Checkpoint; file: string; scan: CheckpointScan }
  /** The trail has not changed since the newest checkpoint. */
  | { state: "unchanged"; checkpoint: Checkpoint; scan: CheckpointScan }
  | { state: "empty"; scan: CheckpointScan }
  /**
   * Not written: the trail no longer agrees with the newest checkpoint, or the entries since
   * do not verify. Writing one now would vouch for a trail that lost or changed entries.
   */
  | { state: "refused"; scan: CheckpointScan; previous: Checkpoint | null; checkpointProblem: CheckpointProblem | null; chainProblem: ChainProblem | null };

/**
 * Appends a signed checkpoint of the trail's current state to `dir`, unless it has not changed
 * since the newest checkpoint there. Only a trail that follows on from that checkpoint (its
 * head entry still there with the same hash, the same number of entries up to it, and every
 * entry written since verifying from it; with no checkpoint yet, the whole chain verifying)
 * gets a new one, so removing entries can never be made to look normal by waiting for the
 * next checkpoint. `client` must be a connection of its own (the read is one snapshot).
 */
export async function takeCheckpoint(client: Queryable, keys: AuditKeys, dir: string, now: () => Date = () => new Date()): Promise<CheckpointOutcome> {
  const scan = readNewestCheckpoint(dir, keys);
  const previous = scan.newest?.checkpoint ?? null;
  const decided = await inSnapshot(client, async () => {
    const facts = await readTrailFacts(client, previous?.headId ?? null);
    if (previous) {
      const checkpointProblem = compareWithCheckpoint(previous, facts);
      if (checkpointProblem) return { state: "refused" as const, checkpointProblem, chainProblem: null };
      if (facts.head?.id === previous.headId && facts.total === previous.count) return { state: "unchanged" as const };
    }
    if (!facts.head || facts.total === 0) return { state: "empty" as const };
    const from = previous ? { hash: previous.headHash, keyed: facts.checkpointHead?.scheme === KEYED_SCHEME } : CHAIN_START;
    const walk = await walkTrail(client, keys, { after: previous?.headId ?? null, upTo: facts.head.id, from });
    if (walk.problem) return { state: "refused" as const, checkpointProblem: null, chainProblem: walk.problem };
    return { state: "sign" as const, fields: { count: facts.total, headId: facts.head.id, headHash: walk.position.hash ?? "", at: now().toISOString() } };
  });
  switch (decided.state) {
    case "refused":
      return { state: "refused", scan, previous, checkpointProblem: decided.checkpointProblem, chainProblem: decided.chainProblem };
    case "unchanged":
      return { state: "unchanged", checkpoint: previous!, scan };
    case "empty":
      return { state: "empty", scan };
    case "sign": {
      const checkpoint = signCheckpoint(keys, decided.fields);
      return { state: "written", checkpoint, file: appendCheckpoint(dir, checkpoint), scan };
    }
  }
}
