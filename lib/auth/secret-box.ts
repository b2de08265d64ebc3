// Authenticated encryption for small secrets at rest (TOTP secrets): AES-256-GCM with a
// random 96-bit nonce per message. The "context" (the user's id) is bound as additional
// authenticated data, so a ciphertext copied onto another user's row does not decrypt.
// Format: "v1.<nonce>.<ciphertext>.<tag>", each part base64url.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

export class SecretBoxError extends Error {
  constructor() {
    // Never says more: no key material, no plaintext, no ciphertext in messages or logs.
    super("Encrypted secret could not be decrypted");
  }
}

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new Error("The encryption key must be 32 bytes");
}

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  checkKey(key);
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, nonce.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

export function openSecret(key: Buffer, sealed: string, context: string): string {
  checkKey(key);
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError();
  const [, nonce, ciphertext, tag] = parts.map((p) => Buffer.from(p, "base64url")) as [Buffer, Buffer, Buffer, Buffer];
  if (nonce.length !== 12 || tag.length !== 16) throw new SecretBoxError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError();
  }
}
