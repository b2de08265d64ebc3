import "server-only";
// The audit trail's read side, for ADMINs only (every function checks): the hash chain's
// state, the entries with filters and pagination, and the filter choices. Snapshots leave
// this module with credential material redacted (lib/audit/trail-view.ts states the rule);
// restricted notes and confidential sources are kept, since an ADMIN may read them.
import path from "node:path";
import { CHAIN_START, deriveAuditKeys, verifyChain, type AuditKeys, type ChainedEntry, type ChainPosition, type ChainProblem } from "@/lib/audit/chain";
import { compareWithCheckpoint, readNewestCheckpoint, type Checkpoint, type CheckpointProblem, type InvalidCheckpoint, type TrailFacts } from "@/lib/audit/checkpoints";
import { auditChanges, recordHref, redactSecrets, type AuditChange } from "@/lib/audit/trail-view";
import { requireRole, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { auditCheckpointDir, auditKey } from "@/lib/env";
import type { Tx } from "@/lib/data/audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE, auditDateRange, SYSTEM_ACTOR, type AuditTrailParams } from "@/lib/validation/audit-trail";

// ---------------------------------------------------------------------------------------
// The chain's state
// ---------------------------------------------------------------------------------------

export interface AuditChainStatus {
  ok: boolean;
  /** Entries in the trail (in the snapshot that was checked). */
  total: number;
  /** Entries verified, in id order, before the first problem (all of them when ok). */
  checked: number;
  /** The last entry verified intact. */
  lastVerified: { id: string; at: Date } | null;
  /** The first entry that does not verify, and why. */
  problem: (ChainProblem & { at: Date | null }) | null;
  /** The newest entry's hash: written down elsewhere, it also reveals entries removed from the end. */
  headHash: string | null;
  /**
   * "full": every entry was hashed again. "incremental": the entries already verified by an
   * earlier full check were proven byte-for-byte unchanged by their fingerprint (below) and
   * only the newer ones were hashed.
   */
  mode: "full" | "incremental";
  /** Entries hashed in this check (the rest were matched by fingerprint). */
  hashed: number;
  /** When this process last verified the whole chain by hashing every entry. */
  lastFullCheckAt: Date;
  durationMs: number;
  /** The trail compared with the newest signed checkpoint outside the database. */
  checkpoint: AuditCheckpointStatus;
}

/**
 * - none: no valid checkpoint in the directory (entries removed from the very end would not show);
 * - ok: the trail holds the checkpoint's head entry with its hash and as many entries up to it;
 * - mismatch: it does not (`problem` says how).
 * `invalid` lists checkpoint lines whose signature does not verify, whatever the state.
 */
export interface AuditCheckpointStatus {
  state: "none" | "ok" | "mismatch";
  dir: string;
  newest: { at: Date; count: number; headId: string; file: string } | null;
  /** Entries written since the newest checkpoint. */
  newer: number;
  problem: CheckpointProblem | null;
  invalid: InvalidCheckpoint[];
}

/** Rows read per query while walking the chain. */
const VERIFY_BATCH = 5000;

/**
 * What the last successful check in this process proved: entries up to `upTo`, whose
 * fingerprint was `fingerprint`, chain intact, ending at `position`. Kept in the server's
 * memory, never in the database: someone who can rewrite the audit table cannot rewrite it.
 */
interface VerifiedPrefix {
  upTo: bigint;
  fingerprint: string;
  position: ChainPosition;
  checked: number;
  lastVerified: { id: string; at: Date } | null;
  fullAt: Date;
}
let verified: VerifiedPrefix | null = null;

let keys: AuditKeys | undefined;
/** The chain's keys; null without AUDIT_KEY (keyed entries then show as not checkable, not as a crash). */
function chainKeys(): AuditKeys | null {
  try {
    keys ??= deriveAuditKeys(auditKey());
    return keys;
  } catch {
    return null;
  }
}

/**
 * SHA-256 over every column of every entry up to an id, computed inside PostgreSQL. Equal
 * fingerprints mean the same rows with the same content (no row altered, added or removed),
 * so an earlier verification of those rows still holds. Timestamps are rendered in UTC so
 * the session's time zone cannot change the text.
 */
async function fingerprints(tx: Tx, previousUpTo: bigint | null): Promise<{ head: bigint | null; total: number; prefix: string | null; all: string | null }> {
  const [row] = await tx.$queryRaw<{ head: bigint | null; total: bigint; prefix: string | null; all: string | null }[]>`
    WITH h AS (
      SELECT id, sha256(convert_to(jsonb_build_array(id::text, at AT TIME ZONE 'UTC', actor_id, action, entity_type, entity_id, before, after, prev_hash, hash, hash_scheme)::text, 'UTF8')) AS d
        FROM audit_entries
    )
    SELECT max(id) AS head, count(*) AS total,
           encode(sha256(string_agg(d, ''::bytea ORDER BY id) FILTER (WHERE id <= ${previousUpTo ?? -1n})), 'hex') AS prefix,
           encode(sha256(string_agg(d, ''::bytea ORDER BY id)), 'hex') AS "all"
      FROM h`;
  return { head: row?.head ?? null, total: Number(row?.total ?? 0), prefix: row?.prefix ?? null, all: row?.all ?? null };
}

const chainSelect = { id: true, at: true, actorId: true, action: true, entityType: true, entityId: true, before: true, after: true, prevHash: true, hash: true, hashScheme: true } as const;

/** Hashes the entries in (after, upTo] in id order, continuing from `start`. */
async function walk(tx: Tx, after: bigint, upTo: bigint, start: ChainPosition) {
  const read = (from: bigint) => tx.auditEntry.findMany({ where: { id: { gt: from, lte: upTo } }, orderBy: { id: "asc" }, take: VERIFY_BATCH, select: chainSelect });
  const k = chainKeys();
  let prev = start;
  let checked = 0;
  let lastVerified: { id: string; at: Date } | null = null;
  let rows = await read(after);
  while (rows.length > 0) {
    // Read the next batch while this one is hashed.
    const next = rows.length === VERIFY_BATCH ? read(rows[rows.length - 1]!.id) : Promise.resolve([] as typeof rows);
    const result = verifyChain(rows as ChainedEntry[], prev, k);
    checked += result.checked;
    if (result.checked > 0) {
      const last = rows[result.checked - 1]!;
      lastVerified = { id: last.id.toString(), at: last.at };
    }
    if (result.problem) {
      await next.catch(() => undefined);
      return { checked, lastVerified, position: result.position, problem: { ...result.problem, at: rows[result.checked]?.at ?? null } };
    }
    prev = result.position;
    rows = await next;
  }
  return { checked, lastVerified, position: prev, problem: null };
}

/** What the trail holds relative to a checkpoint's head entry (lib/audit/checkpoints.ts). */
async function trailFacts(tx: Tx, checkpointHeadId: bigint | null): Promise<TrailFacts> {
  const [r] = await tx.$queryRaw<{ total: bigint; up_to_head: bigint; last_up_to_head: bigint | null; cp_exists: boolean; cp_hash: string | null; cp_scheme: string | null; head_id: bigint | null; head_hash: string | null }[]>`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE id <= ${checkpointHeadId}::bigint) AS up_to_head,
           max(id) FILTER (WHERE id <= ${checkpointHeadId}::bigint) AS last_up_to_head,
           EXISTS (SELECT 1 FROM audit_entries WHERE id = ${checkpointHeadId}::bigint) AS cp_exists,
           (SELECT hash FROM audit_entries WHERE id = ${checkpointHeadId}::bigint) AS cp_hash,
           (SELECT hash_scheme FROM audit_entries WHERE id = ${checkpointHeadId}::bigint) AS cp_scheme,
           (SELECT id FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1) AS head_id,
           (SELECT hash FROM audit_entries ORDER BY audit_entries.id DESC LIMIT 1) AS head_hash
      FROM audit_entries`;
  return {
    total: Number(r?.total ?? 0),
    upToHead: Number(r?.up_to_head ?? 0),
    lastUpToHeadId: r?.last_up_to_head?.toString() ?? null,
    checkpointHead: r?.cp_exists ? { hash: r.cp_hash, scheme: r.cp_scheme ?? "" } : null,
    head: r?.head_id != null ? { id: r.head_id.toString(), hash: r.head_hash } : null,
  };
}

/** The trail (in this transaction's snapshot) against the newest signed checkpoint. */
async function checkpointStatus(tx: Tx): Promise<AuditCheckpointStatus> {
  const dir = path.resolve(auditCheckpointDir());
  const k = chainKeys();
  if (!k) return { state: "none", dir, newest: null, newer: 0, problem: null, invalid: [] };
  const scan = readNewestCheckpoint(dir, k);
  if (!scan.newest) return { state: "none", dir, newest: null, newer: 0, problem: null, invalid: scan.invalid };
  const cp: Checkpoint = scan.newest.checkpoint;
  const facts = await trailFacts(tx, BigInt(cp.headId));
  const problem = compareWithCheckpoint(cp, facts);
  return {
    state: problem ? "mismatch" : "ok",
    dir,
    newest: { at: new Date(cp.at), count: cp.count, headId: cp.headId, file: scan.newest.file },
    newer: facts.total - cp.count,
    problem,
    invalid: scan.invalid,
  };
}

/**
 * Verifies the whole hash chain, from its first entry, in one consistent snapshot. The first
 * check in a process hashes every entry; later checks hash only the entries written since,
 * once PostgreSQL has proven by fingerprint that every earlier entry is exactly as it was
 * when it was verified (any difference, even one byte, falls back to hashing everything).
 * `full: true` always hashes everything. Timings: README, "Audit trail".
 */
export async function verifyAuditChain(actor: Actor | null, options: { full?: boolean } = {}): Promise<AuditChainStatus> {
  requireRole(actor, "ADMIN");
  const started = performance.now();
  return db().$transaction(
    async (tx) => {
      // A large trail takes longer than the pool's per-statement limit to fingerprint.
      await tx.$executeRaw`SET LOCAL statement_timeout = '600s'`;
      const cp = options.full ? null : verified;
      const fp = await fingerprints(tx, cp?.upTo ?? null);
      const head = fp.head ?? 0n;
      const incremental = cp !== null && fp.prefix !== null && fp.prefix === cp.fingerprint;
      const from = incremental ? cp : null;
      const result = await walk(tx, from?.upTo ?? -1n, head, from?.position ?? CHAIN_START);
      const checkpoint = await checkpointStatus(tx);
      // A trail that lost its newest entries, or a forged checkpoint line, is not intact either.
      const checkpointOk = checkpoint.state !== "mismatch" && checkpoint.invalid.length === 0;
      const checked = (from?.checked ?? 0) + result.checked;
      const lastVerified = result.lastVerified ?? from?.lastVerified ?? null;
      const fullAt = from?.fullAt ?? new Date();
      const status = {
        total: fp.total,
        checked,
        lastVerified,
        mode: incremental ? ("incremental" as const) : ("full" as const),
        hashed: result.checked + (result.problem ? 1 : 0),
        lastFullCheckAt: fullAt,
        checkpoint,
      };
      if (result.problem) {
        verified = null;
        return { ...status, ok: false, problem: result.problem, headHash: null, durationMs: Math.round(performance.now() - started) };
      }
      if (fp.all !== null) verified = { upTo: head, fingerprint: fp.all, position: result.position, checked, lastVerified, fullAt };
      return { ...status, ok: checkpointOk, problem: null, headHash: result.position.hash, durationMs: Math.round(performance.now() - started) };
    },
    { isolationLevel: "RepeatableRead", timeout: 900_000, maxWait: 10_000 },
  );
}

// ---------------------------------------------------------------------------------------
// The trail
// ---------------------------------------------------------------------------------------

export interface AuditRecordRef {
  type: string;
  id: string;
  /** The record's current name or title (null when it no longer exists at all). */
  label: string | null;
  /** Its page, while it exists and is not deleted. */
  href: string | null;
  deleted: boolean;
}

export interface AuditTrailRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string } | null;
  action: string;
  record: AuditRecordRef | null;
  changes: AuditChange[];
}

export interface AuditTrailPage {
  rows: AuditTrailRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** Caps each kind of record a name search can match, so one short word cannot ask for everything. */
const RECORD_MATCH_LIMIT = 200;

/**
 * The records whose name, key or title contains `text` (deleted ones too: their history
 * matters most), as entity type → ids, plus a case's events with the case.
 */
async function recordMatches(text: string): Promise<{ type: string; ids: string[] }[]> {
  const contains = { contains: text, mode: "insensitive" as const };
  const take = RECORD_MATCH_LIMIT;
  const [people, incidents, sources, users] = await Promise.all([
    db().person.findMany({ where: { OR: [{ name: contains }, { key: contains }, { aliases: { some: { name: contains } } }] }, select: { id: true }, take }),
    db().incident.findMany({ where: { OR: [{ title: contains }, { key: contains }] }, select: { id: true }, take }),
    db().source.findMany({ where: { OR: [{ title: contains }, { key: contains }] }, select: { id: true }, take }),
    db().user.findMany({ where: { OR: [{ name: contains }, { email: contains }] }, select: { id: true }, take }),
  ]);
  const personIds = people.map((p) => p.id);
  const cases = await db().case.findMany({ where: { OR: [{ key: contains }, { personId: { in: personIds } }] }, select: { id: true }, take });
  const caseIds = cases.map((c) => c.id);
  const events = caseIds.length ? await db().caseEvent.findMany({ where: { caseId: { in: caseIds } }, select: { id: true }, take: RECORD_MATCH_LIMIT * 20 }) : [];
  return [
    { type: "person", ids: personIds },
    { type: "case", ids: caseIds },
    { type: "event", ids: events.map((e) => e.id) },
    { type: "incident", ids: incidents.map((i) => i.id) },
    { type: "source", ids: sources.map((s) => s.id) },
    { type: "user", ids: users.map((u) => u.id) },
  ].filter((m) => m.ids.length > 0);
}

async function whereFor(params: AuditTrailParams): Promise<Prisma.AuditEntryWhereInput> {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (params.user) and.push({ actorId: params.user === SYSTEM_ACTOR ? null : params.user });
  if (params.action) and.push({ action: params.action });
  if (params.type) and.push({ entityType: params.type });
  if (params.id) and.push({ entityId: params.id });
  if (params.entry) and.push({ id: BigInt(params.entry) });
  const range = auditDateRange(params);
  if (range.gte || range.lt) and.push({ at: range });
  if (params.record) {
    const matches = await recordMatches(params.record);
    and.push({ OR: [{ entityId: params.record }, ...matches.map((m) => ({ entityType: m.type, entityId: { in: m.ids } }))] });
  }
  return and.length ? { AND: and } : {};
}

/** Current labels and pages of the records on one page of the trail (one query per kind). */
async function recordRefs(refs: { type: string; id: string }[]): Promise<Map<string, AuditRecordRef>> {
  const idsOf = (type: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const none = Promise.resolve([] as never[]);
  const [people, cases, events, incidents, sources, users] = await Promise.all([
    idsOf("person").length ? db().person.findMany({ where: { id: { in: idsOf("person") } }, select: { id: true, name: true, deletedAt: true } }) : none,
    idsOf("case").length
      ? db().case.findMany({ where: { id: { in: idsOf("case") } }, select: { id: true, key: true, deletedAt: true, person: { select: { name: true, deletedAt: true } } } })
      : none,
    idsOf("event").length
      ? db().caseEvent.findMany({
          where: { id: { in: idsOf("event") } },
          select: { id: true, type: true, deletedAt: true, case: { select: { id: true, deletedAt: true, person: { select: { name: true, deletedAt: true } } } } },
        })
      : none,
    idsOf("incident").length ? db().incident.findMany({ where: { id: { in: idsOf("incident") } }, select: { id: true, title: true, deletedAt: true } }) : none,
    idsOf("source").length ? db().source.findMany({ where: { id: { in: idsOf("source") } }, select: { id: true, title: true, deletedAt: true } }) : none,
    idsOf("user").length ? db().user.findMany({ where: { id: { in: idsOf("user") } }, select: { id: true, name: true, email: true } }) : none,
  ]);
  const out = new Map<string, AuditRecordRef>();
  const put = (type: string, id: string, label: string | null, deleted: boolean, href: string | null) =>
    out.set(`${type}:${id}`, { type, id, label, deleted, href: deleted ? null : href });
  for (const p of people) put("person", p.id, p.name, p.deletedAt !== null, recordHref("person", p.id));
  for (const c of cases) put("case", c.id, c.person.name, c.deletedAt !== null || c.person.deletedAt !== null, recordHref("case", c.id));
  for (const e of events) {
    const gone = e.deletedAt !== null || e.case.deletedAt !== null || e.case.person.deletedAt !== null;
    put("event", e.id, `${e.type} · ${e.case.person.name}`, gone, recordHref("event", e.id, e.case.id));
  }
  for (const i of incidents) put("incident", i.id, i.title, i.deletedAt !== null, recordHref("incident", i.id));
  for (const s of sources) put("source", s.id, s.title, s.deletedAt !== null, recordHref("source", s.id));
  for (const u of users) put("user", u.id, u.name || u.email, false, null);
  return out;
}

/** One page of the trail, newest first, with the filters of the page's URL. */
export async function listAuditTrail(actor: Actor | null, params: AuditTrailParams): Promise<AuditTrailPage> {
  requireRole(actor, "ADMIN");
  const where = await whereFor(params);
  const total = await db().auditEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  // A page past the end (a shared link, entries since filtered away) shows the last page.
  const page = Math.min(params.page, pageCount);
  const entries = await db().auditEntry.findMany({
    where,
    orderBy: { id: "desc" },
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: { id: true, at: true, action: true, entityType: true, entityId: true, before: true, after: true, actor: { select: { id: true, name: true, email: true } } },
  });
  const refs = await recordRefs(entries.flatMap((e) => (e.entityType && e.entityId ? [{ type: e.entityType, id: e.entityId }] : [])));
  const rows = entries.map((e): AuditTrailRow => ({
    id: e.id.toString(),
    at: e.at,
    actor: e.actor,
    action: e.action,
    record:
      e.entityType && e.entityId
        ? (refs.get(`${e.entityType}:${e.entityId}`) ?? { type: e.entityType, id: e.entityId, label: null, href: null, deleted: false })
        : e.entityType
          ? { type: e.entityType, id: "", label: null, href: null, deleted: false }
          : null,
    changes: auditChanges(redactSecrets(e.before), redactSecrets(e.after)),
  }));
  return { rows, total, page, pageSize: AUDIT_PAGE_SIZE, pageCount };
}

// ---------------------------------------------------------------------------------------
// Filter choices
// ---------------------------------------------------------------------------------------

export interface AuditTrailFilterOptions {
  users: { id: string; name: string; email: string }[];
  actions: string[];
  types: string[];
}

/** Every user, and the distinct actions and record types in the trail (read from their indexes). */
export async function getAuditTrailFilterOptions(actor: Actor | null): Promise<AuditTrailFilterOptions> {
  requireRole(actor, "ADMIN");
  const [users, actions, types] = await Promise.all([
    db().user.findMany({ select: { id: true, name: true, email: true }, orderBy: [{ name: "asc" }, { email: "asc" }] }),
    // A loose index scan: one index probe per distinct value instead of reading every entry.
    db().$queryRaw<{ v: string }[]>`
      WITH RECURSIVE d(v) AS (
        SELECT min(action) FROM audit_entries
        UNION ALL
        SELECT (SELECT min(action) FROM audit_entries WHERE action > d.v) FROM d WHERE d.v IS NOT NULL
      ) SELECT v FROM d WHERE v IS NOT NULL`,
    db().$queryRaw<{ v: string }[]>`
      WITH RECURSIVE d(v) AS (
        SELECT min(entity_type) FROM audit_entries
        UNION ALL
        SELECT (SELECT min(entity_type) FROM audit_entries WHERE entity_type > d.v) FROM d WHERE d.v IS NOT NULL
      ) SELECT v FROM d WHERE v IS NOT NULL`,
  ]);
  return { users, actions: actions.map((r) => r.v), types: types.map((r) => r.v) };
}
