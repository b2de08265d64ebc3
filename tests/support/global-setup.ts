// Starts one PostgreSQL for the integration tests (embedded, in a temporary directory,
// unless TEST_DATABASE_URL or DATABASE_URL names a local server). Each test file then
// creates its own freshly migrated database on it (tests/support/setup-db.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedDb } from "../../scripts/lib/embedded-db";
import { assertLocalDatabase } from "./local-database";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (given) {
    assertLocalDatabase(given);
    project.provide("adminUrl", given);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tracker-test-db-"));
  const db = await startEmbeddedDb({ rootDir: dir, database: "tracker_test", quiet: true });
  project.provide("adminUrl", db.adminUrl);
  return async () => {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
