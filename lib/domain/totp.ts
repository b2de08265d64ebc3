// Time-based one-time codes (RFC 6238: 6 digits, 30-second steps, SHA-1, as every
// authenticator app expects) and one-time recovery codes. Pure: the clock and the last
// accepted step are parameters, so the replay and window rules are unit-tested.
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
/** A code from the step before or after the current one is accepted too (clock drift). */
export const TOTP_WINDOW_STEPS = 1;
export const RECOVERY_CODE_COUNT = 10;

/** The 30-second step a moment falls in (Unix time / 30, rounded down). */
export function timeStepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** A new random secret: 20 bytes (160 bits), base32 as authenticator apps expect. */
export function generateTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/** The code an authenticator shows at `epochMs` (tests and the enrolment check use it). */
export function totpCodeAt(secret: string, epochMs: number): string {
  return generateSync({ secret, epoch: Math.floor(epochMs / 1000) });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "format" | "mismatch" | "replay" };

/**
 * Checks a 6-digit code against the secret at `nowMs`, within ±1 step. A code whose step is
 * not after `lastStep` (the last accepted one) is a replay and refused: each code, and each
 * earlier code, works once. The caller stores the returned step as the new last step.
 */
export function checkTotpCode(input: { secret: string; code: string; nowMs: number; lastStep: number | null }): TotpCheck {
  const code = input.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "format" };
  const result = verifySync({
    secret: input.secret,
    token: code,
    epoch: Math.floor(input.nowMs / 1000),
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
  });
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "mismatch" };
  if (input.lastStep !== null && result.timeStep <= input.lastStep) return { ok: false, reason: "replay" };
  return { ok: true, step: result.timeStep };
}

// Recovery codes: 16 characters from a 32-letter alphabet without look-alikes (80 bits),
// shown in groups of four. Stored as SHA-256: with 80 random bits a salt adds nothing.
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** A typed recovery code without spaces, dashes and case, or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]+/g, "");
  if (code.length !== 16) return null;
  for (const ch of code) if (!RECOVERY_ALPHABET.includes(ch)) return null;
  return code;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash("sha256").update(`recovery-code:${normalized}`).digest("hex");
}

/** What the second-factor field holds: a 6-digit code, a recovery code, or neither. */
export function classifySecondFactor(input: string): { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "invalid" } {
  const digits = input.replace(/\s+/g, "");
  if (/^\d{6}$/.test(digits)) return { kind: "totp", code: digits };
  const recovery = normalizeRecoveryCode(input);
  return recovery ? { kind: "recovery", code: recovery } : { kind: "invalid" };
}
