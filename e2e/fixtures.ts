// Shared helpers for the end-to-end specs: demo accounts, sign-in, and direct access to
// the test server's own embedded database for data a spec needs to create.
import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "tracker-demo-2026";
export const ROLES = ["ADMIN", "EDITOR", "VIEWER"] as const;
export type DemoRole = (typeof ROLES)[number];
export const demoEmail = (role: DemoRole) => `${role.toLowerCase()}@demo.local`;

/** The demo dataset the server loaded, read independently of the app. */
export const dataset = JSON.parse(readFileSync(path.join(process.cwd(), "prisma", "demo", "seed-cases.json"), "utf8")) as {
  people: { id: string; name: string }[];
  cases: { id: string; personId: string; incidentId: string | null }[];
  incidents: { id: string }[];
};

export async function signIn(page: Page, role: DemoRole, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/email/i).fill(demoEmail(role));
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/people/);
}

/** Runs SQL on the database of the server under test (started by playwright.config.ts). */
export async function withTestDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  const { databaseUrl } = JSON.parse(readFileSync(path.join(dir, "runtime.json"), "utf8")) as { databaseUrl: string };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
