import { describe, expect, it } from "vitest";
import { auditChanges, flattenSnapshot, isSecretKey, isSecretValue, keyWords, MAX_VALUE_LENGTH, recordHref, REDACTED, redactSecrets } from "./trail-view";

describe("redaction rule", () => {
  it("splits camelCase and snake_case keys into words", () => {
    expect(keyWords("inviteTokenHash")).toEqual(["invite", "token", "hash"]);
    expect(keyWords("totp_secret_enc")).toEqual(["totp", "secret", "enc"]);
    expect(keyWords("APIKey")).toEqual(["api", "key"]);
  });

  it("names credential keys and leaves timestamps, record keys and look-alike words alone", () => {
    for (const k of [
      "password",
      "passwordHash",
      "newPassword",
      "totpSecretEnc",
      "inviteTokenHash",
      "codeHash",
      "emailHash",
      "salt",
      "otp",
      "sessionCookie",
      "apiKey",
      "privateKey",
      "encryption_key",
      "authorization",
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of [
      "passwordChangedAt",
      "totpEnabledAt",
      "key",
      "personKey",
      "footprint",
      "sha256",
      "name",
      "restrictedNotes",
      "hashtag",
      "method",
      "linkExpiresAt",
    ]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });

  it("recognises password hashes, TOTP URIs and tokens whatever the key", () => {
    expect(isSecretValue("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")).toBe(true);
    expect(isSecretValue("$2b$12$abcdefghijklmnopqrstuu")).toBe(true);
    expect(isSecretValue("otpauth://totp/Tracker:a@b?secret=JBSWY3DPEHPK3PXP")).toBe(true);
    expect(isSecretValue("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc")).toBe(true);
    expect(isSecretValue("Released on bail of $2,000")).toBe(false);
    expect(isSecretValue("Tabriz")).toBe(false);
  });

  it("replaces secrets at any depth and keeps counts, flags, timestamps and content", () => {
    const snapshot = {
      email: "a@b.org",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$x$y",
      passwordChangedAt: "2026-01-01T00:00:00.000Z",
      twoFactor: true,
      recoveryCodes: 10,
      totpLastStep: 5,
      nested: { inviteToken: "abc123", note: "otpauth://totp/x?secret=AAAA", restrictedNotes: "family phone" },
      list: [{ secret: "s", title: "kept" }],
    };
    expect(redactSecrets(snapshot)).toEqual({
      email: "a@b.org",
      passwordHash: REDACTED,
      passwordChangedAt: "2026-01-01T00:00:00.000Z",
      twoFactor: true,
      recoveryCodes: 10,
      totpLastStep: 5,
      nested: { inviteToken: REDACTED, note: REDACTED, restrictedNotes: "family phone" },
      list: [{ secret: REDACTED, title: "kept" }],
    });
    // The input is not modified (it is also what the hash was computed over).
    expect(snapshot.passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("redacts a secret-named key holding an object or a list as a whole", () => {
    expect(redactSecrets({ secrets: ["a", "b"], token: { value: "x" } })).toEqual({ secrets: REDACTED, token: REDACTED });
  });
});

describe("readable changes", () => {
  it("lists only the fields that changed, with before and after", () => {
    const changes = auditChanges({ name: "Ali", city: "Tabriz", version: 1 }, { name: "Ali", city: "Urmia", version: 2 });
    expect(changes).toEqual([
      { field: "city", before: "Tabriz", after: "Urmia", restricted: false },
      { field: "version", before: "1", after: "2", restricted: false },
    ]);
  });

  it("lists every field of a creation and nothing for an entry without snapshots", () => {
    expect(auditChanges(null, { name: "Ali", aliases: ["علی", "Ali R."] })).toEqual([
      { field: "name", before: null, after: "Ali", restricted: false },
      { field: "aliases", before: null, after: "علی; Ali R.", restricted: false },
    ]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it("flattens nested objects into dotted fields and summarises lists of records", () => {
    const flat = flattenSnapshot({ filters: { city: "Tabriz", status: ["DETAINED", "IMPRISONED"] }, sources: [{ title: "BBC", kind: "NEWS" }] });
    expect([...flat.entries()].map(([k, v]) => [k, v.value])).toEqual([
      ["filters.city", "Tabriz"],
      ["filters.status", "DETAINED; IMPRISONED"],
      ["sources", "{title: BBC, kind: NEWS}"],
    ]);
  });

  it("flags restricted notes and lists holding a confidential source", () => {
    const changes = auditChanges(
      { restrictedNotes: null, sources: [{ title: "A", confidential: false }] },
      {
        restrictedNotes: "health",
        sources: [
          { title: "A", confidential: false },
          { title: "Cellmate", confidential: true },
        ],
      },
    );
    expect(changes.map((c) => [c.field, c.restricted])).toEqual([
      ["restrictedNotes", true],
      ["sources", true],
    ]);
  });

  it("shows a removed value as null and cuts very long values", () => {
    const long = "x".repeat(MAX_VALUE_LENGTH + 50);
    const [change] = auditChanges({ description: long }, { description: "" });
    expect(change!.after).toBeNull();
    expect(change!.before).toHaveLength(MAX_VALUE_LENGTH + 1);
    expect(change!.before!.endsWith("…")).toBe(true);
  });

  it("shows a non-object snapshot as one value", () => {
    expect(auditChanges(true, false)).toEqual([{ field: "value", before: "true", after: "false", restricted: false }]);
  });
});

describe("record links", () => {
  it("links people, cases, incidents, sources, and events through their case", () => {
    expect(recordHref("person", "p1")).toBe("/people/p1");
    expect(recordHref("case", "c1")).toBe("/cases/c1");
    expect(recordHref("incident", "i/1")).toBe("/incidents/i%2F1");
    expect(recordHref("source", "s1")).toBe("/sources/s1");
    expect(recordHref("event", "e1", "c9")).toBe("/cases/c9");
    expect(recordHref("event", "e1", null)).toBeNull();
    expect(recordHref("user", "u1")).toBeNull();
    expect(recordHref(null, null)).toBeNull();
  });
});
