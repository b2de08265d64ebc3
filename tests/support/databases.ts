// Scratch databases for tests: each test file gets its own, so tests never share data.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate } from "../../scripts/lib/migrate";
import { assertLocalDatabase } from "./local-database";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(adminUrl: string, prefix = "t"): Promise<string> {
  assertLocalDatabase(adminUrl);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

export async function createMigratedDatabase(adminUrl: string, prefix = "t"): Promise<string> {
  const url = await createDatabase(adminUrl, prefix);
  await migrate(url);
  return url;
}
