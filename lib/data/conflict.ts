// Optimistic concurrency. Every editable record has a `version`; a save names the version it
// was loaded at and is written with `UPDATE ... WHERE id = ? AND version = ?` (Prisma
// updateMany, then a count check). When someone saved in between, nothing is written and
// the caller learns who changed the record, when, which fields and what they now hold, from
// the audit entry of that change, so the advocate can compare before saving again. Only
// editors and administrators save, and they may read every field of a record; anything
// that looks like a credential is never repeated.
import type { Tx } from "@/lib/data/audit";

export interface ConflictInfo {
  currentVersion: number | null;
  changedBy: string | null;
  changedAt: string | null;
  action: string | null;
  changedFields: string[];
  /** What the other person's save left in each changed field, as short text ("" = empty). */
  theirValues: { field: string; value: string }[];
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

const CREDENTIAL = /password|hash|secret|token/i;
const VALUE_MAX = 300;

/** A field's value from an audit snapshot as short text: lists joined, records by their name or title. */
export function describeValue(value: unknown): string {
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (Array.isArray(v)) return v.map(one).filter(Boolean).join("; ");
    if (typeof v === "object") {
      const o = v as Record<string, unknown>;
      const label = [o.name, o.title, o.text, o.article].filter((x) => typeof x === "string" && x);
      return label.length ? label.join(", ") : JSON.stringify(v);
    }
    return "";
  };
  const text = one(value);
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX - 1)}…` : text;
}

/** Builds the ConflictError for a record whose versioned update matched no row. */
export async function conflictFor(tx: Tx, entityType: string, entityId: string, currentVersion: number | null): Promise<ConflictError> {
  const latest = await tx.auditEntry.findFirst({
    where: { entityType, entityId },
    orderBy: { id: "desc" },
    select: { at: true, action: true, before: true, after: true, actor: { select: { name: true, email: true } } },
  });
  const fields = latest ? changedFields(latest.before, latest.after) : [];
  const after = (latest?.after && typeof latest.after === "object" ? latest.after : {}) as Record<string, unknown>;
  return new ConflictError({
    currentVersion,
    changedBy: latest?.actor ? latest.actor.name || latest.actor.email : null,
    changedAt: latest ? latest.at.toISOString() : null,
    action: latest?.action ?? null,
    changedFields: fields,
    theirValues: fields.filter((f) => !CREDENTIAL.test(f)).map((field) => ({ field, value: describeValue(after[field]) })),
  });
}
