// The audit trail is hash-chained: each entry stores the previous entry's hash and the
// SHA-256 of its own canonical content plus that previous hash. Altering, deleting or
// reordering an entry breaks the chain at that entry, which `npm run audit:verify` reports.
// Pure functions, shared by the writer (lib/data/audit.ts) and the verifier.
import { createHash } from "node:crypto";

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

export function entryHash(entry: Omit<ChainedEntry, "hash">): string {
  const content = canonicalJson({
    id: String(entry.id),
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
  return createHash("sha256").update(`${entry.prevHash ?? ""}\n${content}`).digest("hex");
}

export type ChainProblem = { id: string; reason: "altered" | "broken-link" };

/**
 * Checks entries given in id order, continuing from `previousHash` (the hash of the entry
 * before the first one given, null at the start of the trail). Returns the first problem.
 */
export function verifyChain(entries: Iterable<ChainedEntry>, previousHash: string | null = null): { checked: number; lastHash: string | null; problem: ChainProblem | null } {
  let prev = previousHash;
  let checked = 0;
  for (const e of entries) {
    if (e.prevHash !== prev) return { checked, lastHash: prev, problem: { id: String(e.id), reason: "broken-link" } };
    if (e.hash !== entryHash(e)) return { checked, lastHash: prev, problem: { id: String(e.id), reason: "altered" } };
    prev = e.hash;
    checked += 1;
  }
  return { checked, lastHash: prev, problem: null };
}
