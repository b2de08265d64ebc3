// With the database unreachable, the health check answers "down" quickly instead of
// hanging (pool connection timeout + an explicit bound).
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/embedded-db";

describe("databaseReachable", () => {
  it("says false within 5 s when nothing listens at DATABASE_URL", async () => {
    // Point this file's client at a port nobody listens on, before the client is created.
    process.env.DATABASE_URL = `postgresql://nobody:nothing@127.0.0.1:${await freePort()}/none`;
    const { databaseReachable } = await import("@/lib/data/health");
    const started = Date.now();
    expect(await databaseReachable()).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
