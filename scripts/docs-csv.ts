// Rewrites the typed event columns of docs/csv-import.md's event table from the event
// registry (lib/events/registry.ts, through lib/import/columns.ts). Run after adding or
// changing a typed event field: npm run docs:csv. tests/unit/import-docs.test.ts fails until then.
import { readFileSync, writeFileSync } from "node:fs";
import { replaceTypedEventColumnDocs } from "@/lib/import/columns-doc";

const path = "docs/csv-import.md";
const before = readFileSync(path, "utf8");
const after = replaceTypedEventColumnDocs(before);
if (after === before) console.log(`${path} is up to date.`);
else {
  writeFileSync(path, after);
  console.log(`${path}: typed event columns rewritten from the registry.`);
}
