// Field-by-field differences between two audit snapshots (before/after JSON), as short
// display strings. Pure (no I/O), so it is unit-tested and shared by every History view.

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

// Bookkeeping, not content: the version number, timestamps and ids say nothing to a reader.
const HIDDEN = new Set(["id", "version", "updatedAt", "createdAt", "caseId", "key", "nameNormalized", "personId", "position"]);

/** A snapshot value as one line: lists joined, nested records by their visible fields. */
export function displayValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    const parts = value.map(displayValue).filter((v): v is string => v !== null);
    return parts.length ? parts.join("; ") : null;
  }
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== "id" && k !== "personId" && k !== "confidential")
      .map(([, v]) => displayValue(v))
      .filter((v): v is string => v !== null);
    return parts.length ? parts.join(" · ") : null;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const b = (before && typeof before === "object" && !Array.isArray(before) ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" && !Array.isArray(after) ? after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !HIDDEN.has(f));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = displayValue(b[field]);
    const to = displayValue(a[field]);
    if (from !== to) changes.push({ field, before: from, after: to });
  }
  return changes;
}
