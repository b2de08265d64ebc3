// The sign-in settings read from the environment: defaults, accepted forms, and a refusal
// that names the variable.
import { afterEach, describe, expect, it, vi } from "vitest";

async function freshEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  return import("./env");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("session lifetime", () => {
  it("defaults to 30 minutes idle and 12 hours absolute", async () => {
    const env = await freshEnv({ SESSION_IDLE_MINUTES: undefined, SESSION_ABSOLUTE_HOURS: undefined });
    expect(env.sessionLifetime()).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 });
  });

  it("takes other values, and refuses nonsense naming the variable", async () => {
    expect((await freshEnv({ SESSION_IDLE_MINUTES: "15", SESSION_ABSOLUTE_HOURS: "8" })).sessionLifetime()).toEqual({
      idleMs: 15 * 60_000,
      absoluteMs: 8 * 3_600_000,
    });
    const bad = await freshEnv({ SESSION_IDLE_MINUTES: "0" });
    expect(() => bad.sessionLifetime()).toThrow(/SESSION_IDLE_MINUTES/);
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, 0],
    ["", 0],
    ["false", 0],
    ["true", 1],
    ["TRUE", 1],
    ["2", 2],
  ])("%s → %i", async (value, expected) => {
    expect((await freshEnv({ TRUST_PROXY: value })).trustedProxyCount()).toBe(expected);
  });

  it.each(["yes", "-1", "11", "1.5"])("refuses %s", async (value) => {
    const env = await freshEnv({ TRUST_PROXY: value });
    expect(() => env.trustedProxyCount()).toThrow(/TRUST_PROXY/);
  });
});

describe("TOTP_ENCRYPTION_KEY", () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

  it.each([
    ["base64", bytes.toString("base64")],
    ["base64url", bytes.toString("base64url")],
    ["hex", bytes.toString("hex")],
  ])("accepts 32 bytes as %s", async (_name, value) => {
    expect((await freshEnv({ TOTP_ENCRYPTION_KEY: value })).totpEncryptionKey().equals(bytes)).toBe(true);
  });

  it.each(["short", Buffer.alloc(16).toString("base64"), Buffer.alloc(33).toString("hex")])("refuses %s", async (value) => {
    const env = await freshEnv({ TOTP_ENCRYPTION_KEY: value });
    expect(() => env.totpEncryptionKey()).toThrow(/TOTP_ENCRYPTION_KEY/);
  });

  it("says which variable is missing when it is not set", async () => {
    const env = await freshEnv({ TOTP_ENCRYPTION_KEY: undefined });
    expect(() => env.totpEncryptionKey()).toThrow(/TOTP_ENCRYPTION_KEY is not set/);
  });
});

describe("AUDIT_KEY and the checkpoint settings", () => {
  const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i));

  it("accepts 32 bytes as base64 or hex, refuses anything else, and names the variable when it is missing", async () => {
    expect((await freshEnv({ AUDIT_KEY: bytes.toString("base64") })).auditKey().equals(bytes)).toBe(true);
    expect((await freshEnv({ AUDIT_KEY: bytes.toString("hex") })).auditKey().equals(bytes)).toBe(true);
    const bad = await freshEnv({ AUDIT_KEY: Buffer.alloc(16).toString("base64") });
    expect(() => bad.auditKey()).toThrow(/AUDIT_KEY/);
    const missing = await freshEnv({ AUDIT_KEY: undefined });
    expect(() => missing.auditKey()).toThrow(/AUDIT_KEY is not set/);
  });

  it("keeps checkpoints in the data directory unless told otherwise, every 60 seconds unless told otherwise", async () => {
    const defaults = await freshEnv({ AUDIT_CHECKPOINT_DIR: undefined, TRACKER_DATA_DIR: undefined, AUDIT_CHECKPOINT_SECONDS: undefined });
    expect(defaults.auditCheckpointDir()).toBe(".data/audit-checkpoints");
    expect(defaults.auditCheckpointSeconds()).toBe(60);
    expect((await freshEnv({ AUDIT_CHECKPOINT_DIR: undefined, TRACKER_DATA_DIR: "/srv/data" })).auditCheckpointDir()).toBe("/srv/data/audit-checkpoints");
    expect((await freshEnv({ AUDIT_CHECKPOINT_DIR: "/var/lib/tracker-checkpoints" })).auditCheckpointDir()).toBe("/var/lib/tracker-checkpoints");
    expect((await freshEnv({ AUDIT_CHECKPOINT_SECONDS: "0" })).auditCheckpointSeconds()).toBe(0);
    const bad = await freshEnv({ AUDIT_CHECKPOINT_SECONDS: "-5" });
    expect(() => bad.auditCheckpointSeconds()).toThrow(/AUDIT_CHECKPOINT_SECONDS/);
  });
});
