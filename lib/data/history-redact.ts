// What a reader who may not see restricted data (a VIEWER) gets of audit snapshots. Pure, so
// every shape a snapshot takes is unit-tested; lib/data/history.ts reads the sources table.
//
// A snapshot is frozen when written, but a source's confidentiality is not: a source public
// when an event cited it may be marked confidential (or deleted) later. So a source named in a
// snapshot is shown only while it is visible NOW (public and live in the sources table: the
// caller passes those ids). A source the snapshot itself marks confidential stays hidden too,
// even if public now: the title it had then may say what its current one no longer does.
// Anything that cannot be matched to a visible source (an id no longer found, a reference
// without an id) is hidden: the rule fails closed.
//
// Shapes covered (see every writeAudit call in lib/data/): `sources: [{ id, title,
// confidential }]` in event and incident snapshots; `newSources: [{ url, key, id }]` in a CSV
// import's records; a source's own snapshot ({ id, title, publisher, url, via, confidential })
// in source.* entries; and `restrictedNotes` (a person's), removed at any depth.

/** Fields only EDITOR and ADMIN may read, wherever they appear in a snapshot. */
const RESTRICTED_KEYS = new Set(["restrictedNotes"]);

/** A list of sources: `sources`, `newSources`, any key so named. */
const isSourceList = (key: string | undefined) => key !== undefined && /^sources$|[a-z]Sources$/.test(key);
/** A single source: `source`, `newSource`, any key so named. */
const isSourceRef = (key: string | undefined) => key !== undefined && /^source$|[a-z]Source$/.test(key);

type Json = unknown;

function refId(ref: Json): string | null {
  if (typeof ref === "string") return ref;
  if (ref && typeof ref === "object" && !Array.isArray(ref)) {
    const id = (ref as { id?: unknown }).id;
    return typeof id === "string" ? id : null;
  }
  return null;
}

const markedConfidential = (ref: Json) => !!ref && typeof ref === "object" && (ref as { confidential?: unknown }).confidential === true;

/** Every source id a snapshot names (in a list of sources or as a single source), to look up. */
export function sourceIdsIn(snapshot: Json, out: Set<string> = new Set(), key?: string): Set<string> {
  if (Array.isArray(snapshot)) {
    for (const item of snapshot) {
      if (isSourceList(key)) {
        const id = refId(item);
        if (id) out.add(id);
      }
      sourceIdsIn(item, out);
    }
  } else if (snapshot && typeof snapshot === "object") {
    if (isSourceRef(key)) {
      const id = refId(snapshot);
      if (id) out.add(id);
    }
    for (const [k, v] of Object.entries(snapshot as Record<string, Json>)) sourceIdsIn(v, out, k);
  }
  return out;
}

function visibleRef(ref: Json, visible: ReadonlySet<string>): boolean {
  const id = refId(ref);
  return id !== null && visible.has(id) && !markedConfidential(ref);
}

/**
 * The snapshot without restricted fields and without every source not in `visible` (the ids
 * of sources the reader may see now). `undefined` marks a value removed from its parent.
 */
export function redactSnapshot(snapshot: Json, visible: ReadonlySet<string>, key?: string): Json {
  if (Array.isArray(snapshot)) {
    const items = isSourceList(key) ? snapshot.filter((item) => visibleRef(item, visible)) : snapshot;
    return items.map((item) => redactSnapshot(item, visible));
  }
  if (snapshot && typeof snapshot === "object") {
    if (isSourceRef(key) && !visibleRef(snapshot, visible)) return undefined;
    const copy: Record<string, Json> = {};
    for (const [k, v] of Object.entries(snapshot as Record<string, Json>)) {
      if (RESTRICTED_KEYS.has(k)) continue;
      const value = redactSnapshot(v, visible, k);
      if (value !== undefined) copy[k] = value;
    }
    return copy;
  }
  // A lone string in a source list's place is an id: dropped above when not visible.
  return snapshot;
}

export interface AuditSnapshots {
  entityType: string | null;
  entityId: string | null;
  before: Json;
  after: Json;
}

/** Source ids to look up for these entries: those their snapshots name, and the sources they are about. */
export function sourceIdsOf(entries: AuditSnapshots[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    sourceIdsIn(e.before, ids);
    sourceIdsIn(e.after, ids);
    if (e.entityType === "source" && e.entityId) ids.add(e.entityId);
  }
  return [...ids];
}

/**
 * One entry as a restricted reader may see it, or null when it must not be shown at all: an
 * entry about a source they may not see now (its title, publisher, URL and "via" are the
 * snapshot itself). A side of a source's entry written while it was confidential is emptied.
 */
export function redactEntry(entry: AuditSnapshots, visible: ReadonlySet<string>): { before: Json; after: Json } | null {
  if (entry.entityType === "source") {
    if (!entry.entityId || !visible.has(entry.entityId)) return null;
    const side = (s: Json) => (markedConfidential(s) ? null : redactSnapshot(s, visible));
    return { before: side(entry.before), after: side(entry.after) };
  }
  return { before: redactSnapshot(entry.before, visible), after: redactSnapshot(entry.after, visible) };
}
