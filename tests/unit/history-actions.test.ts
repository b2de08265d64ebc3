// Every action the data layer writes for a person, case, event or incident is classified:
// a change (shown in that record's History) or not. HISTORY_CHANGE_ACTIONS is an allow-list,
// so an unclassified change would silently vanish from the History: this test reads the
// data layer and fails on any action named after these records that the list lacks.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HISTORY_CHANGE_ACTIONS, HISTORY_READ_ACTIONS } from "@/lib/data/history-actions";

const dir = path.join(process.cwd(), "lib", "data");
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "history-actions.ts")
  .map((f) => readFileSync(path.join(dir, f), "utf8"))
  .join("\n");
const types = Object.keys(HISTORY_CHANGE_ACTIONS) as (keyof typeof HISTORY_CHANGE_ACTIONS)[];
const named = new Set([...sources.matchAll(new RegExp(`"((?:${types.join("|")})\\.[a-z_]+)"`, "g"))].map((m) => m[1]!));

describe("HISTORY_CHANGE_ACTIONS", () => {
  it("lists every action lib/data writes for the records a History shows", () => {
    const listed = new Set<string>(types.flatMap((t) => HISTORY_CHANGE_ACTIONS[t]));
    expect([...named].filter((a) => !listed.has(a))).toEqual([]);
    // and nothing no code writes any more
    expect([...listed].filter((a) => !named.has(a))).toEqual([]);
  });

  it("lists each action under the record it is named after, and no read", () => {
    for (const t of types) for (const a of HISTORY_CHANGE_ACTIONS[t]) expect(a.startsWith(`${t}.`)).toBe(true);
    const listed = types.flatMap((t) => HISTORY_CHANGE_ACTIONS[t] as readonly string[]);
    for (const read of HISTORY_READ_ACTIONS) {
      expect(listed).not.toContain(read);
      expect(sources, `${read} is written by lib/data`).toContain(`"${read}"`);
    }
  });
});
