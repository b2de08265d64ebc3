import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBoxError, openSecret, sealSecret } from "./secret-box";

const key = randomBytes(32);
const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, and the sealed text does not contain the secret", () => {
    const sealed = sealSecret(key, secret, "user-1");
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(sealed.split(".")[2]!, "base64url").toString("latin1")).not.toContain(secret);
    expect(openSecret(key, sealed, "user-1")).toBe(secret);
  });

  it("uses a fresh nonce each time", () => {
    expect(sealSecret(key, secret, "user-1")).not.toBe(sealSecret(key, secret, "user-1"));
  });

  it("refuses another key, another user, and any altered byte", () => {
    const sealed = sealSecret(key, secret, "user-1");
    expect(() => openSecret(randomBytes(32), sealed, "user-1")).toThrow(SecretBoxError);
    expect(() => openSecret(key, sealed, "user-2")).toThrow(SecretBoxError);
    const parts = sealed.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const altered = [...parts];
      altered[index] = bytes.toString("base64url");
      expect(() => openSecret(key, altered.join("."), "user-1")).toThrow(SecretBoxError);
    }
    expect(() => openSecret(key, "v2." + parts.slice(1).join("."), "user-1")).toThrow(SecretBoxError);
    expect(() => openSecret(key, "garbage", "user-1")).toThrow(SecretBoxError);
  });

  it("error messages carry nothing of the secret or the key", () => {
    const sealed = sealSecret(key, secret, "user-1");
    try {
      openSecret(key, sealed, "user-2");
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secret);
      expect(String(error)).not.toContain(key.toString("base64"));
    }
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => sealSecret(randomBytes(16), secret, "u")).toThrow(/32 bytes/);
  });
});
