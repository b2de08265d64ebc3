// Field builders shared by every recording schema (person, incident, case, event, source).
// Each builder takes the field's plain-language label, so a message reads "Prison years must
// be a whole number" next to the field, not "Expected number, received string". The rules
// are those of the import format (lib/validation/demo-dataset.ts): same text limits, same
// date rule (real, not in the future, agreeing with its precision), same count and money
// bounds, so a record typed in a form and one imported from a file pass the same checks.
import { z } from "zod";
import { CONFIDENCES, DATE_PRECISIONS } from "@/lib/domain/vocab";
import { partialDateProblem } from "@/lib/validation/demo-dataset";
import { checkText, type TextRules } from "@/lib/validation/text-rules";

export const NAME_MAX = 300;
export const TEXT_MAX = 10_000;

/** How a text field is checked beyond its length (lib/validation/text-rules.ts). */
export interface TextOptions extends TextRules {
  /** A person's, alias's or account's name: no bidi controls, not only invisible characters. */
  name?: boolean;
}

// Control characters (NUL included: Postgres refuses it) and lone surrogates are refused in
// every text; tab and line breaks only where the field is multi-line (a textarea).
function cleanText(label: string, max: number, options: TextOptions) {
  return z
    .string({ error: `${label} must be text` })
    .max(max, { error: `${label} must be at most ${max} characters` })
    .superRefine(checkText(label, options))
    .transform((s) => s.trim());
}

/** A required text: trimmed, not empty. One line unless `options.multiline`. */
export function requiredText(label: string, max = NAME_MAX, options: TextOptions = {}) {
  return cleanText(label, max, options).refine((s) => s.length > 0, { error: `${label} is required` });
}

/** An optional text: trimmed; empty (or absent) becomes null. One line unless `options.multiline`. */
export function optionalText(label: string, max = NAME_MAX, options: TextOptions = {}) {
  return cleanText(label, max, options)
    .nullish()
    .transform((s) => (s === undefined || s === null || s.length === 0 ? null : s));
}

/** A note, description or summary: up to TEXT_MAX characters, tabs and line breaks allowed. */
export function optionalLongText(label: string) {
  return optionalText(label, TEXT_MAX, { multiline: true });
}

/** A name as lists show it (person, alias, account): one line, no direction controls, something visible. */
export function requiredName(label: string, max = NAME_MAX) {
  return requiredText(label, max, { name: true });
}

/** A count such as lashes or people detained: a whole number from 0 to `max`, or empty. */
export function optionalCount(label: string, max: number) {
  return z
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(0, { error: `${label} must not be negative` })
    .max(max, { error: `${label} must be at most ${max}` })
    .nullish()
    .transform((n) => n ?? null);
}

export const PRECISIONS = DATE_PRECISIONS;
export type Precision = (typeof PRECISIONS)[number];

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the shape of a date string, or null. */
export function dateShape(value: string): Precision | null {
  const m = /^\d{4}(-\d{2}(-\d{2})?)?$/.exec(value);
  if (!m) return null;
  return m[2] !== undefined ? "DAY" : m[1] !== undefined ? "MONTH" : "YEAR";
}

const PRECISION_WORD: Record<Precision, string> = { DAY: "a day", MONTH: "a month", YEAR: "a year", UNKNOWN: "unknown" };

/**
 * A date with its precision, as two sibling fields `<prefix>` and `<prefix>Precision`
 * (e.g. date + datePrecision). Adds issues on the right field; used from superRefine.
 */
export function checkPartialDate(
  label: string,
  date: string | null,
  precision: Precision,
  ctx: z.RefinementCtx,
  paths: { date: string; precision: string },
): void {
  if (date === null) {
    if (precision !== "UNKNOWN")
      ctx.addIssue({ code: "custom", path: [paths.date], message: `${label}: enter the date, or choose "unknown" as its precision` });
    return;
  }
  const problem = partialDateProblem(date);
  if (problem) {
    ctx.addIssue({ code: "custom", path: [paths.date], message: `${label}: ${problem.replace(/^date /, "")}` });
    return;
  }
  const shape = dateShape(date);
  if (shape !== null && shape !== precision) {
    ctx.addIssue({
      code: "custom",
      path: [paths.precision],
      message: `${label} is written as ${PRECISION_WORD[shape]} but its precision says ${PRECISION_WORD[precision]}`,
    });
  }
}

/** The raw date string: YYYY, YYYY-MM or YYYY-MM-DD; empty becomes null. */
export function dateString(label: string) {
  return z
    .string({ error: `${label} must be a date` })
    .max(10, { error: `${label} must be written YYYY, YYYY-MM or YYYY-MM-DD` })
    .nullish()
    .transform((s) => (s === undefined || s === null || s.trim() === "" ? null : s.trim()));
}

export const precisionField = z.enum(PRECISIONS, { error: "Choose the date's precision: day, month, year or unknown" });

export { CONFIDENCES };
export const confidenceField = z.enum(CONFIDENCES, { error: "Choose a confidence: high, medium or low" });

/** A database id (cuid) as the forms send it. */
export const idField = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .min(1, { error: `${label} is required` })
    .max(64, { error: `${label} is not a valid reference` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label} is not a valid reference` });

/** A snake_case tag list (conditions, ill-treatment kinds, penalties). */
export function tagList(label: string, max = 30) {
  return z
    .array(
      z
        .string()
        .max(80, { error: `${label}: each entry must be at most 80 characters` })
        .regex(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, { error: `${label}: each entry must be a snake_case tag such as solitary_confinement` }),
      { error: `${label} must be a list` },
    )
    .max(max, { error: `${label}: at most ${max} entries` })
    .default([]);
}

/** A list of short free texts (injuries, other penalties as written). */
export function textList(label: string, max = 30) {
  return z
    .array(requiredText(label, 300), { error: `${label} must be a list` })
    .max(max, { error: `${label}: at most ${max} entries` })
    .default([]);
}

/**
 * A date whose precision is its shape ("2021", "2021-03", "2021-03-15"): a real date, not in
 * the future, not before 1900 (the event date's rules); empty becomes null. For typed dates
 * of an event (registry kind partialDate), stored as the period's first day and its precision.
 */
export function partialDate(label: string) {
  return dateString(label).superRefine((value, ctx) => {
    if (value === null) return;
    const problem = partialDateProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${label}: ${problem.replace(/^date /, "")}` });
  });
}
