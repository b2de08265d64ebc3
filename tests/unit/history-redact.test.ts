// What a VIEWER gets of audit snapshots of every shape: sources kept only while visible now,
// restricted notes gone at any depth, unknown references hidden (the rule fails closed).
import { describe, expect, it } from "vitest";
import { redactEntry, redactSnapshot, sourceIdsIn, sourceIdsOf } from "@/lib/data/history-redact";

const pub = { id: "s-public", title: "Public statement", confidential: false };
const late = { id: "s-late", title: "Public when cited, confidential now", confidential: false };
const then = { id: "s-then", title: "Confidential when cited, public now", confidential: true };
const visible = new Set(["s-public", "s-then"]);

describe("sourceIdsIn / sourceIdsOf", () => {
  it("finds the sources of events, incidents, imports and source entries", () => {
    const event = { type: "ARREST", sources: [pub, late] };
    const csv = { records: { newSources: [{ url: "https://example.org/a", key: "src-a", id: "s-new" }] } };
    expect([...sourceIdsIn(event)]).toEqual(["s-public", "s-late"]);
    expect([...sourceIdsIn(csv)]).toEqual(["s-new"]);
    expect([...sourceIdsIn({ source: { id: "s-one", title: "x" } })]).toEqual(["s-one"]);
    expect(
      sourceIdsOf([
        { entityType: "source", entityId: "s-edit", before: null, after: { id: "s-edit", title: "t" } },
        { entityType: "event", entityId: "e", before: event, after: csv },
      ]).sort(),
    ).toEqual(["s-edit", "s-late", "s-new", "s-public"].sort());
  });
});

describe("redactSnapshot", () => {
  it("keeps a source visible now and drops one confidential now, or confidential in the snapshot", () => {
    expect(redactSnapshot({ type: "ARREST", sources: [pub, late, then] }, visible)).toEqual({ type: "ARREST", sources: [pub] });
  });

  it("drops references it cannot match: no id, an id not found, ids as plain strings not visible", () => {
    expect(redactSnapshot({ sources: [{ title: "no id" }, { id: "s-gone", title: "gone" }, "s-public", "s-late", 3] }, visible)).toEqual({
      sources: ["s-public"],
    });
    expect(redactSnapshot({ records: { newSources: [{ url: "https://example.org/late", id: "s-late" }] } }, visible)).toEqual({ records: { newSources: [] } });
    expect(redactSnapshot({ source: { id: "s-late", title: "x" }, kept: 1 }, visible)).toEqual({ kept: 1 });
  });

  it("removes restricted notes at any depth and leaves everything else", () => {
    expect(redactSnapshot({ name: "A", restrictedNotes: "secret", relations: [{ name: "B", restrictedNotes: "secret" }] }, visible)).toEqual({
      name: "A",
      relations: [{ name: "B" }],
    });
    expect(redactSnapshot(null, visible)).toBeNull();
    expect(redactSnapshot("text", visible)).toBe("text");
  });
});

describe("redactEntry", () => {
  const source = (id: string, confidential: boolean) => ({ id, title: `T ${id}`, publisher: "P", url: "https://example.org", via: "V", confidential });

  it("hides an entry about a source not visible now, whole", () => {
    expect(redactEntry({ entityType: "source", entityId: "s-late", before: source("s-late", false), after: source("s-late", true) }, visible)).toBeNull();
    expect(redactEntry({ entityType: "source", entityId: null, before: null, after: null }, visible)).toBeNull();
  });

  it("empties the side of a source's entry written while it was confidential", () => {
    expect(redactEntry({ entityType: "source", entityId: "s-then", before: source("s-then", true), after: source("s-then", false) }, visible)).toEqual({
      before: null,
      after: source("s-then", false),
    });
  });

  it("redacts both sides of other entries", () => {
    expect(redactEntry({ entityType: "incident", entityId: "i", before: { sources: [late] }, after: { sources: [pub, late] } }, visible)).toEqual({
      before: { sources: [] },
      after: { sources: [pub] },
    });
  });
});
