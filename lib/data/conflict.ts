// Optimistic concurrency. Every editable record has a `version`; a save names the version it
// was loaded at and is written with `UPDATE ... WHERE id = ? AND version = ?` (Prisma
// updateMany, then a count check). When someone saved in between, nothing is written and
// the caller learns who changed the record, when, and which fields, from the audit entry of
// that change, so the advocate can compare before saving again.
import type { Tx } from "@/lib/data/audit";

export interface ConflictInfo {
  currentVersion: number | null;
  changedBy: string | null;
  changedAt: string | null;
  action: string | null;
  changedFields: string[];
}

export class ConflictError extends Error {
  readonly status = 409;
  constructor(readonly info: ConflictInfo) {
    super("This record was changed by someone else since you opened it");
    this.name = "ConflictError";
  }
}

/** Top-level fields whose JSON differs between two audit snapshots. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  keys.delete("version");
  keys.delete("updatedAt");
  return [...keys].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null)).sort();
}

/** Builds the ConflictError for a record whose versioned update matched no row. */
export async function conflictFor(tx: Tx, entityType: string, entityId: string, currentVersion: number | null): Promise<ConflictError> {
  const latest = await tx.auditEntry.findFirst({
    where: { entityType, entityId },
    orderBy: { id: "desc" },
    select: { at: true, action: true, before: true, after: true, actor: { select: { name: true, email: true } } },
  });
  return new ConflictError({
    currentVersion,
    changedBy: latest?.actor ? latest.actor.name || latest.actor.email : null,
    changedAt: latest ? latest.at.toISOString() : null,
    action: latest?.action ?? null,
    changedFields: latest ? changedFields(latest.before, latest.after) : [],
  });
}
