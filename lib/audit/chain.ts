// The audit trail is hash-chained: each entry stores the previous entry's hash and a hash of
// its own canonical content plus that previous hash. Altering, deleting or reordering an entry
// breaks the chain at that entry, which `npm run audit:verify` reports.
//
// Two schemes, named in each entry's `hash_scheme`:
// - "hmac-sha256": HMAC-SHA256 with a key derived from AUDIT_KEY, which is kept apart from the
//   database. Whoever can write to the database but does not hold the key cannot compute a
//   valid hash, so rewriting an entry (even the newest) and "fixing" its hash is detected.
// - "sha256": plain SHA-256, what every entry had before AUDIT_KEY existed. Anyone can
//   recompute it, so it is accepted only for the entries before the first keyed one: those
//   are then protected by the keyed entry that links to them. An unkeyed entry after a keyed
//   one can only be a forgery (the tracker no longer writes any) and fails.
// Removing entries from the very end leaves a shorter chain that verifies: signed checkpoints
// written outside the database reveal that (lib/audit/checkpoints.ts).
// Pure functions, shared by the writer (lib/data/audit.ts) and the verifiers.
import { createHash, createHmac, hkdfSync } from "node:crypto";

export const UNKEYED_SCHEME = "sha256";
export const KEYED_SCHEME = "hmac-sha256";

export interface ChainedEntry {
  id: bigint | number | string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string | null;
  hash: string | null;
  /** UNKEYED_SCHEME or KEYED_SCHEME (anything else does not verify). */
  hashScheme: string;
}

/**
 * Keys derived from AUDIT_KEY (HKDF-SHA256), one per purpose, so an entry's hash can never
 * pass for a checkpoint's signature or the other way round. `id` names the key in
 * checkpoints and messages without revealing it.
 */
export interface AuditKeys {
  chain: Buffer;
  checkpoint: Buffer;
  id: string;
}

export function deriveAuditKeys(raw: Buffer): AuditKeys {
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), info, 32));
  return {
    chain: derive("tracker audit chain v1"),
    checkpoint: derive("tracker audit checkpoint v1"),
    id: derive("tracker audit key id v1").subarray(0, 6).toString("hex"),
  };
}

/** JSON with object keys sorted at every depth: PostgreSQL's jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type HashedFields = Omit<ChainedEntry, "hash" | "hashScheme">;

function entryContent(entry: HashedFields): string {
  return canonicalJson({
    id: String(entry.id),
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** The unkeyed SHA-256 of the "sha256" scheme (entries written before AUDIT_KEY). */
export function entryHash(entry: HashedFields): string {
  return createHash("sha256")
    .update(`${entry.prevHash ?? ""}\n${entryContent(entry)}`)
    .digest("hex");
}

/** The keyed hash of the "hmac-sha256" scheme, what the tracker writes now. */
export function keyedEntryHash(keys: AuditKeys, entry: HashedFields): string {
  return createHmac("sha256", keys.chain)
    .update(`${KEYED_SCHEME}\n${entry.prevHash ?? ""}\n${entryContent(entry)}`)
    .digest("hex");
}

/**
 * - altered: the entry's content does not match its hash (or it names an unknown scheme);
 * - broken-link: it does not name the previous entry's hash (one before it was removed or
 *   rewritten);
 * - unkeyed: an unkeyed entry after the keyed chain began (rewritten without the key);
 * - no-key: a keyed entry, and no key to check it with.
 */
export type ChainProblem = { id: string; reason: "altered" | "broken-link" | "unkeyed" | "no-key" };

const WHY: Record<ChainProblem["reason"], string> = {
  altered: "was altered (its content does not match its hash)",
  "broken-link": "does not follow the entry before it (an entry before it was altered or removed)",
  unkeyed: "has an unkeyed hash although keyed entries come before it (it was written or rewritten by someone without AUDIT_KEY)",
  "no-key": "is keyed and cannot be checked without AUDIT_KEY",
};

/** "was altered (...)": what is wrong with the entry a problem names, for the command line and the log. */
export function chainProblemWhy(problem: ChainProblem): string {
  return WHY[problem.reason];
}

/** Where a walk along the chain stands: the last hash, and whether a keyed entry was seen. */
export interface ChainPosition {
  hash: string | null;
  keyed: boolean;
}

export const CHAIN_START: ChainPosition = { hash: null, keyed: false };

/**
 * Checks entries given in id order, continuing from `from` (the position after the entry
 * before the first one given; CHAIN_START at the start of the trail). Returns the first problem.
 */
export function verifyChain(
  entries: Iterable<ChainedEntry>,
  from: ChainPosition,
  keys: AuditKeys | null,
): { checked: number; lastHash: string | null; position: ChainPosition; problem: ChainProblem | null } {
  let position = from;
  let checked = 0;
  const stop = (e: ChainedEntry, reason: ChainProblem["reason"]) => ({ checked, lastHash: position.hash, position, problem: { id: String(e.id), reason } });
  for (const e of entries) {
    if (e.prevHash !== position.hash) return stop(e, "broken-link");
    if (e.hashScheme === KEYED_SCHEME) {
      if (!keys) return stop(e, "no-key");
      if (e.hash !== keyedEntryHash(keys, e)) return stop(e, "altered");
    } else if (e.hashScheme === UNKEYED_SCHEME) {
      if (position.keyed) return stop(e, "unkeyed");
      if (e.hash !== entryHash(e)) return stop(e, "altered");
    } else {
      return stop(e, "altered");
    }
    position = { hash: e.hash, keyed: position.keyed || e.hashScheme === KEYED_SCHEME };
    checked += 1;
  }
  return { checked, lastHash: position.hash, position, problem: null };
}
