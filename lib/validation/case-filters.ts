// The case filters shared by the case table, the dashboard charts, the JSON API and the
// exports. They live in the URL (a link reproduces the view), so the schema parses
// URLSearchParams-like input: repeated keys for lists, strings for everything else.
// Invalid values are dropped rather than failing the page; the API reports them instead.
import { z } from "zod";
import { CaseStatus, Confidence, Gender, Vulnerability } from "@/lib/generated/prisma/enums";
import { checkText } from "@/lib/validation/text-rules";

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use the form YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real date");

// A NUL here used to reach PostgreSQL (500); the shared text rules refuse it, so the page
// drops the filter and the API answers 400 naming it.
const text = z.string().superRefine(checkText(null)).trim().min(1).max(200);
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "use the form YYYY-MM");
const wholeNumber = z.string().regex(/^\d{1,7}$/, "use a whole number");
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(20).optional());

export const caseFilterSchema = z
  .object({
    /** Search over names and aliases (any script, transliteration-tolerant). */
    q: text.optional(),
    status: list(z.enum(CaseStatus)),
    /** City of the arrest. */
    city: text.optional(),
    /** Province of the person. */
    province: text.optional(),
    incident: text.optional(),
    gender: z.enum(Gender).optional(),
    vulnerability: z.enum(Vulnerability).optional(),
    /** Arrest date range, inclusive, by the first day of the arrest date's period. */
    arrestFrom: isoDay.optional(),
    arrestTo: isoDay.optional(),
    /** Court id: cases with a TRIAL, SENTENCE or APPEAL at that court. */
    court: text.optional(),
    /** Law article (substring, case-insensitive) of any charge of the case. */
    article: text.optional(),
    hasSentence: z.enum(["true", "false"]).optional(),
    /** "true": effective lashes > 0. */
    lashes: z.enum(["true"]).optional(),
    /** Cases with at least one event recorded at this confidence. */
    confidence: z.enum(Confidence).optional(),
    // The fields below let each bar of a dashboard chart (lib/data/aggregates.ts) link to
    // exactly the cases it counts.
    /** Which sentence the sentence filters below read: "firstInstance" or "effective" (the default). */
    sentence: z.enum(["firstInstance", "effective"]).optional(),
    /** Court id of the event that sentence comes from, or "none" (no court recorded). */
    sentenceCourt: text.optional(),
    /** Branch of the event that sentence comes from (whole text), or "none" (no branch recorded). */
    sentenceBranch: text.optional(),
    /** Month of that sentence ("2021-10"), or "unknown" (its date is not known to the month). */
    sentenceMonth: z.union([z.literal("unknown"), isoMonth]).optional(),
    /** That sentence's lashes are at least this number. */
    lashesMin: wholeNumber.optional(),
    /** That sentence's prison term in days (1 year = 365, 1 month = 30) is at least this... */
    prisonDaysFrom: wholeNumber.optional(),
    /** ...and below this (exclusive). */
    prisonDaysUnder: wholeNumber.optional(),
    /** How the effective prison term compares with the first-instance one (cases with a stated term). */
    prisonChange: z.enum(["unchanged", "reduced", "setAside", "increased"]).optional(),
    /** A charge of the case, as quoted (whole text, case-insensitive). */
    charge: text.optional(),
    /** Arrest month ("2020-10"; arrest dates known to the day or month), or "unknown" (arrested, month not known). */
    arrestMonth: z.union([z.literal("unknown"), isoMonth]).optional(),
  })
  .strict();

export type CaseFilters = z.infer<typeof caseFilterSchema>;

export const CASE_FILTER_KEYS = Object.keys(caseFilterSchema.shape) as (keyof CaseFilters)[];

/** Reads filters from URL search params, keeping only the valid ones. */
export function parseCaseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): CaseFilters {
  const entries: Record<string, unknown> = {};
  const get = (key: string): string[] =>
    params instanceof URLSearchParams ? params.getAll(key) : ([] as string[]).concat(params[key] ?? []).filter((v): v is string => typeof v === "string");
  for (const key of CASE_FILTER_KEYS) {
    const values = get(key).filter((v) => v !== "");
    if (!values.length) continue;
    const field = caseFilterSchema.shape[key];
    const candidate = key === "status" ? values : values[0];
    if (field.safeParse(candidate).success) entries[key] = candidate;
  }
  return caseFilterSchema.parse(entries);
}

/** The URL query string of a set of filters (for links such as "bar → filtered table"). */
export function caseFiltersToSearchParams(filters: CaseFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of CASE_FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(key, String(v));
  }
  return out;
}
