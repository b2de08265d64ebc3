import { describe, expect, it } from "vitest";
import {
  checkTotpCode,
  classifySecondFactor,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  normalizeRecoveryCode,
  timeStepAt,
  totpCodeAt,
  totpUri,
} from "./totp";

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" (base32 below), 8-digit codes;
// the 6-digit code is the last six digits of the same truncated value.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const RFC_VECTORS: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
];

describe("time steps", () => {
  it("are Unix time divided by 30, rounded down", () => {
    expect(timeStepAt(0)).toBe(0);
    expect(timeStepAt(29_999)).toBe(0);
    expect(timeStepAt(30_000)).toBe(1);
    expect(timeStepAt(59_000)).toBe(1);
    expect(timeStepAt(1_234_567_890_000)).toBe(41_152_263);
  });
});

describe("codes", () => {
  it.each(RFC_VECTORS)("match RFC 6238's SHA-1 test vector at t=%i", (seconds, code) => {
    expect(totpCodeAt(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  it("accepts the current code and returns its step", () => {
    const now = 1_234_567_890_000;
    expect(checkTotpCode({ secret: RFC_SECRET, code: "005924", nowMs: now, lastStep: null })).toEqual({ ok: true, step: 41_152_263 });
  });

  it("accepts the previous and the next step (clock drift), not two steps away", () => {
    const secret = generateTotpSecret();
    const now = 1_800_000_000_000 + 12_000;
    const step = timeStepAt(now);
    for (const delta of [-1, 0, 1]) {
      const code = totpCodeAt(secret, now + delta * 30_000);
      expect(checkTotpCode({ secret, code, nowMs: now, lastStep: null })).toEqual({ ok: true, step: step + delta });
    }
    for (const delta of [-2, 2]) {
      const code = totpCodeAt(secret, now + delta * 30_000);
      // (A different step may produce the same 6 digits by chance: one in a million.)
      if (code === totpCodeAt(secret, now) || code === totpCodeAt(secret, now - 30_000) || code === totpCodeAt(secret, now + 30_000)) continue;
      expect(checkTotpCode({ secret, code, nowMs: now, lastStep: null })).toEqual({ ok: false, reason: "mismatch" });
    }
  });

  it("refuses a replay: the accepted step and every earlier one", () => {
    const secret = generateTotpSecret();
    const now = 1_800_000_000_000;
    const code = totpCodeAt(secret, now);
    const first = checkTotpCode({ secret, code, nowMs: now, lastStep: null });
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : -1;
    expect(checkTotpCode({ secret, code, nowMs: now, lastStep: step })).toEqual({ ok: false, reason: "replay" });
    expect(checkTotpCode({ secret, code, nowMs: now + 20_000, lastStep: step })).toEqual({ ok: false, reason: "replay" });
    const previous = totpCodeAt(secret, now - 30_000);
    if (previous !== code) expect(checkTotpCode({ secret, code: previous, nowMs: now, lastStep: step })).toEqual({ ok: false, reason: "replay" });
    // The next step's code still works once.
    const next = totpCodeAt(secret, now + 30_000);
    expect(checkTotpCode({ secret, code: next, nowMs: now + 30_000, lastStep: step })).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses a wrong code and anything that is not 6 digits", () => {
    const now = 1_234_567_890_000;
    expect(checkTotpCode({ secret: RFC_SECRET, code: "005925", nowMs: now, lastStep: null })).toEqual({ ok: false, reason: "mismatch" });
    for (const code of ["", "00592", "0059244", "abcdef", "005 92x", "٠٠٥٩٢٤"]) {
      expect(checkTotpCode({ secret: RFC_SECRET, code, nowMs: now, lastStep: null })).toEqual({ ok: false, reason: "format" });
    }
    expect(checkTotpCode({ secret: RFC_SECRET, code: " 005 924 ", nowMs: now, lastStep: null }).ok).toBe(true);
  });

  it("new secrets are 160-bit base32 and differ", () => {
    const a = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(a);
  });

  it("the otpauth URI names the issuer and the account and carries the secret", () => {
    const uri = totpUri("JBSWY3DPEHPK3PXP", "editor@demo.local", "Case tracker");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Case%20tracker:editor%40demo\.local\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe("JBSWY3DPEHPK3PXP");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct codes of 16 characters (80 bits) in groups of four", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
  });

  it("are normalised before hashing: case, spaces and dashes do not matter", () => {
    const [code] = generateRecoveryCodes(1) as [string];
    const typed = ` ${code.toUpperCase().replace(/-/g, " ")} `;
    expect(normalizeRecoveryCode(typed)).toBe(code.replace(/-/g, ""));
    expect(hashRecoveryCode(normalizeRecoveryCode(typed)!)).toBe(hashRecoveryCode(normalizeRecoveryCode(code)!));
    expect(hashRecoveryCode(normalizeRecoveryCode(code)!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(normalizeRecoveryCode(code)!)).not.toContain(code.replace(/-/g, ""));
  });

  it("refuses what cannot be a recovery code", () => {
    expect(normalizeRecoveryCode("too-short")).toBeNull();
    expect(normalizeRecoveryCode("iiii-llll-oooo-uuuu")).toBeNull();
    expect(normalizeRecoveryCode("abcd-efgh-jkmn-pqrs-tvwx")).toBeNull();
  });

  it("the second-factor field tells a 6-digit code from a recovery code", () => {
    expect(classifySecondFactor(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(classifySecondFactor("ABCD-EFGH-JKMN-PQRS")).toEqual({ kind: "recovery", code: "abcdefghjkmnpqrs" });
    expect(classifySecondFactor("12345")).toEqual({ kind: "invalid" });
  });
});
