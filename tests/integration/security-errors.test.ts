// Generic errors: when the database fails under a route handler or a server action, the
// answer is a fixed generic message (no SQL, no table name, no stack) and the details go to
// the server log only. The failure is real: the incidents table is renamed away, so Prisma
// and the raw case-table SQL both throw with the table's name in their message.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/action";
import { listIncidents } from "@/lib/data/incidents";
import { createPersonWithCase, createUser } from "../support/factories";

// The route handlers take the acting user from the session cookie; here it is an ADMIN.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/auth/session", () => ({ getActor: async () => session.actor, passwordChangePending: async () => false }));

const { GET: getCases } = await import("@/app/api/cases/route");
const { GET: getStats } = await import("@/app/api/stats/route");

const GENERIC = "Something went wrong. Try again later.";
const DETAILS = /incidents|SELECT|prisma|P20\d\d|42P01|\bat .*:\d+:\d+/i;

/** Everything written to console.error, as text (message and stack of any error). */
function logged(spy: { mock: { calls: unknown[][] } }): string {
  return spy.mock.calls
    .flat()
    .map((x: unknown) => (x instanceof Error ? `${x.message}\n${x.stack}` : String(x)))
    .join("\n");
}

let errors: MockInstance<typeof console.error>;

beforeAll(async () => {
  await createPersonWithCase();
  session.actor = await createUser("ADMIN");
});

beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
  return () => errors.mockRestore();
});

afterAll(async () => {
  await db().$executeRaw`ALTER TABLE IF EXISTS incidents_away RENAME TO incidents`;
});

describe("with the incidents table gone", () => {
  beforeAll(async () => {
    await db().$executeRaw`ALTER TABLE incidents RENAME TO incidents_away`;
  });
  afterAll(async () => {
    await db().$executeRaw`ALTER TABLE incidents_away RENAME TO incidents`;
  });

  it.each([
    ["/api/cases", getCases],
    ["/api/stats", getStats],
  ] as const)("%s answers a generic 500 and logs the details on the server", async (path, handler) => {
    const res = await handler(new Request(`http://localhost${path}`), {});
    expect(res.status).toBe(500);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: GENERIC });
    expect(text).not.toMatch(DETAILS);
    expect(logged(errors)).toMatch(/incidents/);
  });

  it("a server action answers the generic message and logs the details on the server", async () => {
    const result = await runAction(session.actor, z.object({}), {}, (actor) => listIncidents(actor));
    expect(result).toEqual({ ok: false, error: { kind: "unexpected", message: "Something went wrong and nothing was saved. Try again in a moment." } });
    expect(JSON.stringify(result)).not.toMatch(DETAILS);
    expect(logged(errors)).toMatch(/incidents/);
  });
});

describe("with the table back", () => {
  it("the same calls succeed and log nothing (the failure above was the table, not the test)", async () => {
    const res = await getCases(new Request("http://localhost/api/cases"), {});
    expect(res.status).toBe(200);
    expect((await res.json()).total).toBeGreaterThan(0);
    const result = await runAction(session.actor, z.object({}), {}, (actor) => listIncidents(actor));
    expect(result.ok).toBe(true);
    expect(errors).not.toHaveBeenCalled();
  });
});
