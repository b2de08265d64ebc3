// The timeline writer (lib/data/timeline-writer.ts) is the only code that writes case_events,
// so no write path can forget to recompute the case's derived columns and event summaries.
// This reads every source file and fails on a Prisma write to caseEvent, a nested write of a
// case's events, or SQL that writes the table, anywhere else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["app", "components", "lib", "scripts"];
const WRITER = "lib/data/timeline-writer.ts";
// Known exception, not seen by this check (it names its tables at run time): the benchmarks'
// synthetic loader (scripts/lib/synthetic/load.ts) bulk-inserts 100,000 people's events with
// the derived columns it computes itself; it never runs on real data.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [p] : [];
  });
}

const WRITES = [
  /\.caseEvent\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|delete|deleteMany|upsert)\s*\(/,
  /\bevents\s*:\s*\{\s*(create|createMany|update|updateMany|upsert|delete|deleteMany|set|connect)\s*:\s*[a-z_$([{]/,
  /(INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY)\s+"?case_events"?/i,
];

function writersOf(files: readonly string[]): string[] {
  return files.filter((f) => {
    const text = readFileSync(f, "utf8");
    return WRITES.some((w) => w.test(text));
  });
}

describe("case_events", () => {
  it("is written by the timeline writer only", () => {
    const files = ROOTS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(writersOf(files)).toEqual([WRITER]);
  });

  it("the check sees each kind of write", () => {
    const writes = [
      "await tx.caseEvent.update({ where, data })",
      "db().case.create({ data: { events: { create: rows } } })",
      "await client.query(`INSERT INTO case_events (id) VALUES ($1)`)",
    ];
    for (const w of writes)
      expect(
        WRITES.some((re) => re.test(w)),
        w,
      ).toBe(true);
    expect(WRITES.some((re) => re.test("await tx.caseEvent.findMany({ where })"))).toBe(false);
    expect(WRITES.some((re) => re.test("SELECT 1 FROM case_events e"))).toBe(false);
    expect(WRITES.some((re) => re.test("events: { create: EventOp[]; update: EventOp[] }"))).toBe(false);
  });
});
