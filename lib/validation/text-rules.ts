// The rules every text from outside passes, wherever it arrives: form fields, server-action
// inputs, URL filters, CSV cells, exchange and demo files. One module, so a NUL refused in a
// form is refused in a filter and an import too, with the same reason.
//
//  - Control characters (C0 and DEL): PostgreSQL refuses NUL in text outright (a query with
//    one fails, which used to answer 500), and the others are never intended in a record.
//    Tab, line feed and carriage return are allowed only in multi-line texts (notes,
//    descriptions, summaries): a name, title or filter is one line.
//  - Lone UTF-16 surrogates: not text at all (no UTF-8 encoding exists; the database driver
//    would silently store U+FFFD instead). They reach the server only through JSON bodies
//    ("\ud800"), never through a URL, which decodes invalid UTF-8 to U+FFFD.
//  - Names (people, aliases, accounts) also refuse the bidirectional embedding, override and
//    isolate controls, which reorder what a list shows ("\u202Enazir" displays as "rizan"),
//    and a name made only of invisible characters, which shows as a blank entry. These are
//    refused, not stripped: silently changing a name could join two people, and the advocate
//    should see that the pasted text carried something invisible. Zero-width joiners and
//    non-joiners inside words stay (Persian writes "می‌خواهم" with U+200C).
//
// Pure, no dependencies beyond zod: the forms use the same schemas in the browser.
import type { z } from "zod";

/** C0 controls and DEL, except tab, line feed and carriage return. */
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** C0 controls and DEL. */
const CONTROL_ANY = /[\u0000-\u001F\u007F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** LRE, RLE, PDF, LRO, RLO (U+202A–U+202E) and LRI, RLI, FSI, PDI (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** What renders as nothing: whitespace and Unicode's default-ignorable code points (ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, fillers ...). */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}]/gu;

const NAMES: Record<number, string> = {
  0x00: "NUL",
  0x01: "START OF HEADING",
  0x02: "START OF TEXT",
  0x03: "END OF TEXT",
  0x04: "END OF TRANSMISSION",
  0x05: "ENQUIRY",
  0x06: "ACKNOWLEDGE",
  0x07: "BELL",
  0x08: "BACKSPACE",
  0x09: "TAB",
  0x0a: "LINE FEED",
  0x0b: "LINE TABULATION",
  0x0c: "FORM FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x00ad: "SOFT HYPHEN",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE",
};

/** "U+0000 (NUL)": the character as a person can look it up. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[code];
  return name ? `${hex} (${name})` : hex;
}

export interface TextRules {
  /** Tab, line feed and carriage return allowed (notes, descriptions). Default: one line. */
  multiline?: boolean;
}

/**
 * Why `value` is not acceptable text, as a reason without the field's name
 * ("contains a control character, U+0000 (NUL) ..."), or null when it is.
 */
export function textProblem(value: string, rules: TextRules = {}): string | null {
  const control = (rules.multiline ? CONTROL_EXCEPT_LINES : CONTROL_ANY).exec(value);
  if (control) {
    return rules.multiline
      ? `contains a control character, ${describeCharacter(control[0])}; of the control characters, only tab and line breaks are allowed here`
      : `contains a control character, ${describeCharacter(control[0])}; control characters are not allowed here`;
  }
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `contains invalid text (a lone UTF-16 surrogate, ${describeCharacter(surrogate[0])}), which is not a character`;
  return null;
}

/**
 * The extra rules of a name (person, alias, account), on top of textProblem: no bidi
 * embedding/override/isolate control, and at least one visible character. Null when fine.
 */
export function nameProblem(value: string): string | null {
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return `contains the invisible direction control ${describeCharacter(bidi[0])}, which can make one name look like another; remove it (it is refused, not removed for you)`;
  // Blank text is the "required" rule's to report; this is text that only looks blank.
  const trimmed = value.trim();
  if (trimmed !== "" && trimmed.replace(INVISIBLE, "") === "") {
    return `has no visible character: it is made only of invisible characters such as ${describeCharacter(trimmed)}`;
  }
  return null;
}

/**
 * Adds textProblem (and, for names, nameProblem) to a string schema as a field issue;
 * `label` prefixes the reason ("Name contains ..."); without one the reason stands alone
 * (URL parameters and file fields, whose answer names the parameter or field itself).
 */
export function checkText(label: string | null, rules: TextRules & { name?: boolean } = {}) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const problem = textProblem(value, rules) ?? (rules.name ? nameProblem(value) : null);
    if (problem) ctx.addIssue({ code: "custom", message: label ? `${label} ${problem}` : problem });
  };
}
