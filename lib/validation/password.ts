// The password policy (NIST SP 800-63B, OWASP ASVS 5.0 §6.2): length is what counts, so at
// least 12 characters and up to 128 accepted, no composition rules ("one digit, one
// symbol"), and the most common passwords refused. Each refusal names its reason.
//
// The list of common passwords is zxcvbn-ts's (@zxcvbn-ts/language-common, MIT): about
// 49,000 passwords from leaked password sets, in frequency order. It is compared without
// regard to case, and a common password wrapped in digits or symbols ("Password1234!",
// "2024iloveyou") is refused too: attackers try those variants first.
//
// Server-side only in practice: the list is ~380 kB, so forms get the two limits as
// numbers and the server action runs this check.
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem =
  | { reason: "tooShort"; length: number }
  | { reason: "tooLong"; length: number }
  | { reason: "unpaired" }
  | { reason: "common" }
  | { reason: "commonVariant" }
  | { reason: "personal" };

let common: ReadonlySet<string> | undefined;

/** The common-password list, lower-cased (built once, on first use). */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Length in characters as a person counts them (code points): "🔑" is one, not two. */
export function passwordLength(password: string): number {
  return Array.from(password).length;
}

// A UTF-16 surrogate without its pair cannot be encoded for hashing: two different
// strings would hash the same.
const UNPAIRED_SURROGATE = /\p{Surrogate}/u;
// Digits, punctuation, symbols and spaces around the letters: "!!Password1234" -> "password".
const WRAPPING = /^[^\p{L}]+|[^\p{L}]+$/gu;

export interface PasswordContext {
  /** The account's email and name: a password equal to one of them is refused. */
  email?: string;
  name?: string;
}

/** The first reason `password` is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { reason: "tooShort", length };
  if (length > PASSWORD_MAX_LENGTH) return { reason: "tooLong", length };
  if (UNPAIRED_SURROGATE.test(password)) return { reason: "unpaired" };
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return { reason: "common" };
  const core = lower.replace(WRAPPING, "");
  if (core !== lower && core.length > 0 && list.has(core)) return { reason: "commonVariant" };
  const personal = [context.email, context.email?.split("@")[0], context.name].map((s) => s?.trim().toLowerCase()).filter((s): s is string => !!s);
  if (personal.some((p) => p === lower || p === core)) return { reason: "personal" };
  return null;
}

/** The message shown next to the field, naming the reason. */
export function passwordMessage(problem: PasswordProblem, label = "Password"): string {
  switch (problem.reason) {
    case "tooShort":
      return `${label} must be at least ${PASSWORD_MIN_LENGTH} characters (it has ${problem.length}). A few unrelated words make a long password that is easy to remember.`;
    case "tooLong":
      return `${label} must be at most ${PASSWORD_MAX_LENGTH} characters (it has ${problem.length}).`;
    case "unpaired":
      return `${label} contains a character that cannot be stored; type it again.`;
    case "common":
      return `${label} is one of the most commonly used passwords, which attackers try first. Choose another.`;
    case "commonVariant":
      return `${label} is a commonly used password with digits or symbols added, which attackers try first. Choose another.`;
    case "personal":
      return `${label} must not be your email address or your name.`;
  }
}

/** A new password as forms and actions send it (never trimmed: spaces are characters too). */
export function newPasswordField(label = "New password") {
  return z.string({ error: `${label} is required` }).superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: passwordMessage(problem, label) });
  });
}

/** A password being checked against its hash (current or temporary): only bounded, not judged. */
export function existingPasswordField(label = "Current password") {
  return z
    .string({ error: `${label} is required` })
    .min(1, { error: `${label} is required` })
    .max(1024, { error: `${label} is not correct` });
}
