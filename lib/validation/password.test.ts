// The password policy: length in characters (12 to 128), no composition rules, common
// passwords refused without regard to case, each refusal naming its reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldErrors } from "./field-errors";
import { commonPasswords, newPasswordField, passwordLength, passwordMessage, passwordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";
import { acceptInviteInput, changeOwnPasswordInput, inviteUserInput } from "./users";

describe("length", () => {
  it.each([
    ["11 characters", "abcdefghijk", { reason: "tooShort", length: 11 }],
    ["12 characters", "kettle-moon7", null],
    ["64 characters", "the quiet river runs under the old stone bridge of Tabriz at dus", null],
    ["128 characters", "w".repeat(60) + "z".repeat(68), null],
    ["129 characters", "q".repeat(129), { reason: "tooLong", length: 129 }],
    ["empty", "", { reason: "tooShort", length: 0 }],
  ])("%s", (_label, password, expected) => {
    expect(passwordProblem(password)).toEqual(expected);
  });

  it("the limits are 12 and 128", () => {
    expect([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]).toEqual([12, 128]);
  });

  it("counts characters, not UTF-16 units: twelve emoji or Persian letters are twelve characters", () => {
    const keys = "🔑".repeat(12);
    expect(keys.length).toBe(24);
    expect(passwordLength(keys)).toBe(12);
    expect(passwordProblem(keys)).toBeNull();
    expect(passwordProblem("🔑".repeat(11))).toEqual({ reason: "tooShort", length: 11 });
    expect(passwordProblem("آزادی برای همه")).toBeNull();
    expect(passwordProblem("🔑".repeat(129))).toEqual({ reason: "tooLong", length: 129 });
  });

  it("has no composition rules: only lower-case letters, only digits, spaces all pass when long and uncommon", () => {
    for (const p of ["plainlowercaseletters", "739201846573", "a b c d e f g h"]) expect(passwordProblem(p)).toBeNull();
  });

  it("is never trimmed: spaces count", () => {
    expect(passwordProblem("  shortpass  ")).toBeNull();
    expect(newPasswordField().parse("  shortpass  ")).toBe("  shortpass  ");
  });

  it("refuses an unpaired surrogate (it could not be hashed faithfully)", () => {
    expect(passwordProblem("abcdefghijkl\uD800")).toEqual({ reason: "unpaired" });
  });
});

describe("common passwords", () => {
  it("ships a list of at least 10,000 common passwords", () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(10_000);
    for (const p of ["123456", "password", "qwerty", "iloveyou"]) expect(commonPasswords().has(p)).toBe(true);
  });

  it.each(["qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "Qazwsxedcrfv", "administrator"])("refuses %s", (p) => {
    expect(passwordProblem(p)).toEqual({ reason: "common" });
  });

  it.each(["Password1234!", "iloveyou2024", "2024Sunshine!!", "monkey-123456", "Dragon_1234567"])(
    "refuses a common password with digits or symbols around it: %s",
    (p) => {
      expect(passwordProblem(p)).toEqual({ reason: "commonVariant" });
    },
  );

  it.each(["correct horse battery staple", "tabriz-bridge-of-sighs", "my cat eats lentils"])("accepts a passphrase: %s", (p) => {
    expect(passwordProblem(p)).toBeNull();
  });
});

describe("personal passwords", () => {
  it("refuses the account's email, its local part or the name, in any case", () => {
    const context = { email: "leyla.ahmadi@ngo.example", name: "Leyla Ahmadi Tabrizi" };
    expect(passwordProblem("Leyla.Ahmadi@NGO.example", context)).toEqual({ reason: "personal" });
    expect(passwordProblem("leyla ahmadi tabrizi", context)).toEqual({ reason: "personal" });
    expect(passwordProblem("leyla.ahmadi2024!", { email: "leyla.ahmadi2024!@x.org" })).toEqual({ reason: "personal" });
    expect(passwordProblem("a different long phrase", context)).toBeNull();
  });
});

describe("messages name the reason and the field", () => {
  it.each([
    [{ reason: "tooShort", length: 5 } as const, /New password must be at least 12 characters \(it has 5\)/],
    [{ reason: "tooLong", length: 200 } as const, /New password must be at most 128 characters \(it has 200\)/],
    [{ reason: "common" } as const, /most commonly used passwords/],
    [{ reason: "commonVariant" } as const, /commonly used password with digits or symbols added/],
    [{ reason: "personal" } as const, /not be your email address or your name/],
    [{ reason: "unpaired" } as const, /cannot be stored/],
  ])("%o", (problem, message) => {
    expect(passwordMessage(problem, "New password")).toMatch(message);
  });

  it("the schema puts the message on the field", () => {
    const r = changeOwnPasswordInput.safeParse({ currentPassword: "old one", newPassword: "short", confirmPassword: "short" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error).newPassword).toMatch(/^New password must be at least 12 characters/);
  });
});

describe("the account schemas", () => {
  it("a mismatched confirmation is an error on confirmPassword", () => {
    const r = acceptInviteInput.safeParse({ token: "a".repeat(43), newPassword: "long enough phrase", confirmPassword: "long enough phrasE" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error)).toEqual({ confirmPassword: "The two new passwords are not the same" });
  });

  it("a malformed link token is refused", () => {
    const r = acceptInviteInput.safeParse({ token: "../etc", newPassword: "long enough phrase", confirmPassword: "long enough phrase" });
    expect(r.success).toBe(false);
  });

  it("an invitation: email trimmed and lower-cased, unknown keys refused", () => {
    expect(inviteUserInput.parse({ name: " Leyla ", email: " Leyla@NGO.Example ", role: "EDITOR", method: "link" })).toEqual({
      name: "Leyla",
      email: "leyla@ngo.example",
      role: "EDITOR",
      method: "link",
    });
    const r = inviteUserInput.safeParse({ name: "L", email: "l@ngo.example", role: "EDITOR", method: "link", disabledAt: null });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(fieldErrors(r.error))).toEqual(["disabledAt"]);
  });

  it("safeParse never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }), (v) => {
        for (const schema of [inviteUserInput, acceptInviteInput, changeOwnPasswordInput, newPasswordField()]) {
          expect(() => schema.safeParse(v)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a random password of 12 to 128 characters is judged only on length and the list", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", minLength: 0, maxLength: 140 }), (p) => {
        const problem = passwordProblem(p);
        const n = passwordLength(p);
        if (n < 12) expect(problem?.reason).toBe("tooShort");
        else if (n > 128) expect(problem?.reason).toBe("tooLong");
        else expect(problem === null || problem.reason === "common" || problem.reason === "commonVariant").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
