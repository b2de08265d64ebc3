// Runs before each integration test file: a fresh, migrated database of its own, which
// lib/db.ts (via lib/env.ts) then connects to.
import { inject } from "vitest";
import { createMigratedDatabase } from "./databases";

process.env.DATABASE_URL = await createMigratedDatabase(inject("adminUrl"));
