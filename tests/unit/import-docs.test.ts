import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentedTypedEventRows, replaceTypedEventColumnDocs, typedEventColumnDocRows } from "@/lib/import/columns-doc";

describe("docs/csv-import.md's typed event columns", () => {
  const doc = readFileSync("docs/csv-import.md", "utf8");

  it("are the rows the event registry generates (run npm run docs:csv after changing a field)", () => {
    expect(documentedTypedEventRows(doc)).toEqual(typedEventColumnDocRows());
  });

  it("regenerating an up-to-date document changes nothing", () => {
    expect(replaceTypedEventColumnDocs(doc)).toBe(doc);
  });

  it("name each column's event types and its meaning", () => {
    const rows = typedEventColumnDocRows();
    expect(rows).toContain("| `event_lashes` | no | Sentence, appeal: lashes (0–1000). |");
    expect(rows).toContain("| `event_suspended` | no | Sentence: `yes` or `no`. |");
    expect(rows).toContain(
      "| `event_release_type` | no | Release: `full`, `conditional`, `electronic monitoring`, `end of sentence`, `unconditional`, `after interrogation`, `unknown`. |",
    );
  });
});
