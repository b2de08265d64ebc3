// Signed checkpoints of the audit trail, kept outside the database. The chain alone cannot
// show entries removed from its very end (a shorter chain still verifies); a checkpoint can:
// it records how many entries there were and the newest one's id and hash, signed with a key
// derived from AUDIT_KEY, so someone who can change the database (but not this directory,
// and without the key) can neither remove entries it covers nor forge a newer checkpoint.
//
// One JSON object a line, appended to a file per UTC day (<dir>/YYYY-MM-DD.jsonl), and the
// same line in the server log after "[audit-checkpoint]", so a log watcher keeps a copy:
//   {"at":"…","count":120,"headHash":"…","headId":"345","kid":"…","sig":"…","type":"audit-checkpoint","v":1}
// Pure functions plus file access; the database side is in lib/audit/trail-pg.ts and
// lib/data/audit-trail.ts.
import { createHmac, timingSafeEqual } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { canonicalJson, type AuditKeys } from "./chain";

export const CHECKPOINT_TYPE = "audit-checkpoint" as const;
/** What precedes a checkpoint in the server log. */
export const CHECKPOINT_LOG_PREFIX = "[audit-checkpoint]";

export interface CheckpointFields {
  /** Entries in the trail. */
  count: number;
  /** The newest entry's id and hash. */
  headId: string;
  headHash: string;
  /** When the checkpoint was taken (ISO 8601, UTC). */
  at: string;
}

export interface Checkpoint extends CheckpointFields {
  type: typeof CHECKPOINT_TYPE;
  v: 1;
  /** Which AUDIT_KEY signed it (AuditKeys.id). */
  kid: string;
  /** HMAC-SHA256 of every other field, in canonical JSON. */
  sig: string;
}

const checkpointSchema = z
  .object({
    type: z.literal(CHECKPOINT_TYPE),
    v: z.literal(1),
    count: z.number().int().min(1),
    headId: z.string().regex(/^\d{1,19}$/),
    headHash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.iso.datetime(),
    kid: z.string().regex(/^[0-9a-f]{1,64}$/),
    sig: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

function signature(keys: AuditKeys, unsigned: Omit<Checkpoint, "sig">): string {
  return createHmac("sha256", keys.checkpoint).update(canonicalJson(unsigned)).digest("hex");
}

export function signCheckpoint(keys: AuditKeys, fields: CheckpointFields): Checkpoint {
  const unsigned = { type: CHECKPOINT_TYPE, v: 1 as const, count: fields.count, headId: fields.headId, headHash: fields.headHash, at: fields.at, kid: keys.id };
  return { ...unsigned, sig: signature(keys, unsigned) };
}

export function checkpointLine(checkpoint: Checkpoint): string {
  return canonicalJson(checkpoint);
}

export type InvalidReason = "bad-signature" | "other-key" | "malformed";

/**
 * One line of a checkpoint file or a log: null when it is not a checkpoint at all, else the
 * checkpoint when its signature verifies with these keys, else why not.
 */
export function parseCheckpointLine(
  text: string,
  keys: AuditKeys,
): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: InvalidReason; kid?: string } | null {
  const start = text.indexOf("{");
  if (start < 0) return text.includes(CHECKPOINT_TYPE) ? { ok: false, reason: "malformed" } : null;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start));
  } catch {
    return text.includes(CHECKPOINT_TYPE) ? { ok: false, reason: "malformed" } : null;
  }
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== CHECKPOINT_TYPE) return null;
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const checkpoint = parsed.data as Checkpoint;
  if (checkpoint.kid !== keys.id) return { ok: false, reason: "other-key", kid: checkpoint.kid };
  const { sig, ...unsigned } = checkpoint;
  const expected = Buffer.from(signature(keys, unsigned), "hex");
  if (!timingSafeEqual(expected, Buffer.from(sig, "hex"))) return { ok: false, reason: "bad-signature" };
  return { ok: true, checkpoint };
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.jsonl$/;

export function checkpointFileName(at: Date): string {
  return `${at.toISOString().slice(0, 10)}.jsonl`;
}

/** Appends the checkpoint to its day's file (created owner-only), flushed to disk. Returns the file. */
export function appendCheckpoint(dir: string, checkpoint: Checkpoint): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, checkpointFileName(new Date(checkpoint.at)));
  const fd = openSync(file, "a", 0o600);
  try {
    writeSync(fd, `${checkpointLine(checkpoint)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return file;
}

export interface InvalidCheckpoint {
  file: string;
  line: number;
  reason: InvalidReason;
  /** For "other-key": the key id the line names. */
  kid?: string;
}

export interface CheckpointScan {
  /** The directory (or file) read. */
  source: string;
  /** The newest checkpoint whose signature verifies, and where it is. */
  newest: { checkpoint: Checkpoint; file: string; line: number } | null;
  /** Lines in the files read that look like checkpoints but do not verify. */
  invalid: InvalidCheckpoint[];
}

function scanFile(file: string, keys: AuditKeys, strict: boolean, scan: CheckpointScan): void {
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (!text) continue;
    const verdict = parseCheckpointLine(text, keys);
    if (verdict === null) {
      // A day file holds checkpoints only; a log holds other lines too.
      if (strict) scan.invalid.push({ file, line: i + 1, reason: "malformed" });
      continue;
    }
    if (!verdict.ok) {
      scan.invalid.push({ file, line: i + 1, reason: verdict.reason, ...(verdict.kid ? { kid: verdict.kid } : {}) });
      continue;
    }
    // Ties go to the later line: files are appended in time order.
    if (!scan.newest || Date.parse(verdict.checkpoint.at) >= Date.parse(scan.newest.checkpoint.at))
      scan.newest = { checkpoint: verdict.checkpoint, file, line: i + 1 };
  }
}

/**
 * The newest valid checkpoint in a checkpoint directory (its newest day file, or the one
 * before when that holds no valid checkpoint, and so on) or in one file (a day file, or a
 * server log with "[audit-checkpoint]" lines). A missing directory has no checkpoint.
 */
export function readNewestCheckpoint(source: string, keys: AuditKeys): CheckpointScan {
  const scan: CheckpointScan = { source, newest: null, invalid: [] };
  if (!existsSync(source)) return scan;
  if (!statSync(source).isDirectory()) {
    scanFile(source, keys, false, scan);
    return scan;
  }
  const days = readdirSync(source)
    .filter((f) => DAY_FILE.test(f))
    .sort()
    .reverse();
  for (const day of days) {
    scanFile(path.join(source, day), keys, true, scan);
    if (scan.newest) break;
  }
  return scan;
}

// ---------------------------------------------------------------------------------------
// Comparing the trail with a checkpoint
// ---------------------------------------------------------------------------------------

/** What the database holds, read in one snapshot, relative to a checkpoint's head entry. */
export interface TrailFacts {
  total: number;
  /** Entries whose id is at most the checkpoint's head id. */
  upToHead: number;
  /** The newest of those (null: none). */
  lastUpToHeadId: string | null;
  /** The checkpoint's head entry as it is now (null: it is gone). */
  checkpointHead: { hash: string | null; scheme: string } | null;
  /** The trail's newest entry now. */
  head: { id: string; hash: string | null } | null;
}

/**
 * - head-missing: the entry that was newest at the checkpoint is gone (entries were removed
 *   from the end; `foundCount` of the `expectedCount` entries up to it are left);
 * - head-altered: it is there with another hash (it was rewritten);
 * - count-differs: it is intact but the number of entries up to it changed.
 */
export interface CheckpointProblem {
  reason: "head-missing" | "head-altered" | "count-differs";
  /** The checkpoint's head entry. */
  id: string;
  expectedCount: number;
  foundCount: number;
  /** The newest entry left up to the checkpoint's head. */
  lastPresentId: string | null;
  expectedHash: string;
  foundHash: string | null;
}

export function compareWithCheckpoint(checkpoint: Checkpoint, facts: TrailFacts): CheckpointProblem | null {
  const base = {
    id: checkpoint.headId,
    expectedCount: checkpoint.count,
    foundCount: facts.upToHead,
    lastPresentId: facts.lastUpToHeadId,
    expectedHash: checkpoint.headHash,
    foundHash: facts.checkpointHead?.hash ?? null,
  };
  if (!facts.checkpointHead) return { reason: "head-missing", ...base };
  if (facts.checkpointHead.hash !== checkpoint.headHash) return { reason: "head-altered", ...base };
  if (facts.upToHead !== checkpoint.count) return { reason: "count-differs", ...base };
  return null;
}

// ---------------------------------------------------------------------------------------
// Messages for the command line and the server log (the audit page has its own, translated)
// ---------------------------------------------------------------------------------------

export function describeCheckpointProblem(checkpoint: Checkpoint, p: CheckpointProblem): string {
  const when = `the signed checkpoint of ${checkpoint.at}`;
  switch (p.reason) {
    case "head-missing":
      return (
        `entry #${p.id}, the newest when ${when} was taken, is missing: entries were removed from the end of the trail ` +
        `(${p.expectedCount - p.foundCount} of the ${p.expectedCount} entries it counted are gone` +
        `${p.lastPresentId ? `; the newest entry left from then is #${p.lastPresentId}` : ""}).`
      );
    case "head-altered":
      return `entry #${p.id} no longer has the hash ${when} recorded (${p.expectedHash} then, ${p.foundHash ?? "none"} now): it was rewritten.`;
    case "count-differs":
      return `${when} counted ${p.expectedCount} entries up to entry #${p.id}; there are ${p.foundCount} now: entries before it were ${p.foundCount < p.expectedCount ? "removed" : "inserted"}.`;
  }
}

export function describeInvalidCheckpoint(i: InvalidCheckpoint, keys: AuditKeys): string {
  const where = `${i.file}, line ${i.line}`;
  if (i.reason === "bad-signature") return `${where}: a checkpoint whose signature does not verify: it was altered after it was written.`;
  if (i.reason === "other-key")
    return `${where}: a checkpoint signed with another AUDIT_KEY (key id ${i.kid}; this key's id is ${keys.id}): it was forged, or AUDIT_KEY changed.`;
  return `${where}: not a readable checkpoint.`;
}
