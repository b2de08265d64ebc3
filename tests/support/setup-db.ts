// Runs before each integration test file: a fresh, migrated database of its own, which
// lib/db.ts (via lib/env.ts) then connects to.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { createMigratedDatabase } from "./databases";

process.env.DATABASE_URL = await createMigratedDatabase(inject("adminUrl"));
// Every audit entry is keyed (lib/audit/chain.ts): a fixed test key, as a deployment has its
// own; and checkpoints of this file's database in a directory of its own, so a test never
// compares with the checkpoints of another database (or of a local `npm start`).
process.env.AUDIT_KEY ??= Buffer.alloc(32, 0xa5).toString("base64");
process.env.AUDIT_CHECKPOINT_DIR = mkdtempSync(path.join(tmpdir(), "tracker-audit-checkpoints-"));
