// The chain's rules without a database: keyed entries need the key; unkeyed entries verify only
// before the first keyed one; a checkpoint's signature covers every field.
import { describe, expect, it } from "vitest";
import { CHAIN_START, deriveAuditKeys, entryHash, KEYED_SCHEME, keyedEntryHash, UNKEYED_SCHEME, verifyChain, type AuditKeys, type ChainedEntry } from "./chain";
import { checkpointLine, compareWithCheckpoint, parseCheckpointLine, signCheckpoint } from "./checkpoints";

const keys = deriveAuditKeys(Buffer.alloc(32, 1));
const other = deriveAuditKeys(Buffer.alloc(32, 2));

/** A chain of entries with the given schemes, hashed as the writer of each era did. */
function chain(schemes: string[], k: AuditKeys = keys): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev: string | null = null;
  schemes.forEach((scheme, i) => {
    const e = {
      id: String(i + 1),
      at: new Date(Date.UTC(2026, 0, i + 1)),
      actorId: null,
      action: "x",
      entityType: null,
      entityId: null,
      before: null,
      after: { i },
      prevHash: prev,
    };
    const hash = scheme === KEYED_SCHEME ? keyedEntryHash(k, e) : entryHash(e);
    out.push({ ...e, hash, hashScheme: scheme });
    prev = hash;
  });
  return out;
}

describe("verifyChain", () => {
  it("accepts unkeyed entries followed by keyed ones", () => {
    expect(verifyChain(chain([UNKEYED_SCHEME, UNKEYED_SCHEME, KEYED_SCHEME, KEYED_SCHEME]), CHAIN_START, keys)).toMatchObject({
      checked: 4,
      problem: null,
      position: { keyed: true },
    });
  });

  it("refuses an unkeyed entry after a keyed one, even with a correct SHA-256", () => {
    expect(verifyChain(chain([KEYED_SCHEME, UNKEYED_SCHEME]), CHAIN_START, keys)).toMatchObject({ checked: 1, problem: { id: "2", reason: "unkeyed" } });
    // Also across batches: the position carries the fact that the keyed chain began.
    const entries = chain([KEYED_SCHEME, UNKEYED_SCHEME]);
    const first = verifyChain(entries.slice(0, 1), CHAIN_START, keys);
    expect(verifyChain(entries.slice(1), first.position, keys).problem).toEqual({ id: "2", reason: "unkeyed" });
  });

  it("refuses keyed entries hashed with another key, and cannot check them without one", () => {
    expect(verifyChain(chain([KEYED_SCHEME], other), CHAIN_START, keys).problem).toEqual({ id: "1", reason: "altered" });
    expect(verifyChain(chain([UNKEYED_SCHEME, KEYED_SCHEME]), CHAIN_START, null)).toMatchObject({ checked: 1, problem: { id: "2", reason: "no-key" } });
  });

  it("refuses an unknown scheme", () => {
    const [e] = chain([KEYED_SCHEME]);
    expect(verifyChain([{ ...e!, hashScheme: "md5" }], CHAIN_START, keys).problem).toEqual({ id: "1", reason: "altered" });
  });

  it("derives distinct keys per purpose, and a key id that is not the key", () => {
    expect(keys.chain.equals(keys.checkpoint)).toBe(false);
    expect(keys.id).toMatch(/^[0-9a-f]{12}$/);
    expect(keys.id).not.toBe(other.id);
    expect(keys.chain.toString("hex")).not.toContain(keys.id);
  });
});

describe("checkpoints", () => {
  const cp = signCheckpoint(keys, { count: 3, headId: "3", headHash: "a".repeat(64), at: "2026-12-07T10:00:00.000Z" });

  it("verify when untouched, with the key that signed them", () => {
    expect(parseCheckpointLine(checkpointLine(cp), keys)).toEqual({ ok: true, checkpoint: cp });
    expect(parseCheckpointLine(`2026-12-07 [audit-checkpoint] ${checkpointLine(cp)}`, keys)).toEqual({ ok: true, checkpoint: cp });
  });

  it.each([
    ["count", { count: 2 }],
    ["headId", { headId: "2" }],
    ["headHash", { headHash: "b".repeat(64) }],
    ["at", { at: "2026-12-08T10:00:00.000Z" }],
  ])("do not verify once %s is changed", (_field, change) => {
    expect(parseCheckpointLine(JSON.stringify({ ...cp, ...change }), keys)).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("say when they were signed with another key, or are not checkpoints at all", () => {
    expect(parseCheckpointLine(checkpointLine(cp), other)).toEqual({ ok: false, reason: "other-key", kid: keys.id });
    expect(parseCheckpointLine(JSON.stringify({ ...cp, extra: 1 }), keys)).toEqual({ ok: false, reason: "malformed" });
    expect(parseCheckpointLine('{"type":"audit-checkpoint", broken', keys)).toEqual({ ok: false, reason: "malformed" });
    expect(parseCheckpointLine("GET /api/health 200", keys)).toBeNull();
    expect(parseCheckpointLine('{"level":"info"}', keys)).toBeNull();
  });

  it("compare with the trail: head missing, head rewritten, count changed", () => {
    const facts = {
      total: 5,
      upToHead: 3,
      lastUpToHeadId: "3",
      checkpointHead: { hash: "a".repeat(64), scheme: KEYED_SCHEME },
      head: { id: "5", hash: "c".repeat(64) },
    };
    expect(compareWithCheckpoint(cp, facts)).toBeNull();
    expect(compareWithCheckpoint(cp, { ...facts, upToHead: 2, lastUpToHeadId: "2", checkpointHead: null })).toMatchObject({
      reason: "head-missing",
      id: "3",
      expectedCount: 3,
      foundCount: 2,
      lastPresentId: "2",
    });
    expect(compareWithCheckpoint(cp, { ...facts, checkpointHead: { hash: "d".repeat(64), scheme: KEYED_SCHEME } })).toMatchObject({
      reason: "head-altered",
      id: "3",
      foundHash: "d".repeat(64),
    });
    expect(compareWithCheckpoint(cp, { ...facts, upToHead: 2 })).toMatchObject({ reason: "count-differs", expectedCount: 3, foundCount: 2 });
  });
});
