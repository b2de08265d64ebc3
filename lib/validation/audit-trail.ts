// The ADMIN audit page's filters in the URL: who (a user id or "system"), which record
// (entity type and id, or a search by name/key/title), which action, a date range (UTC
// days), one entry by number, and the page. The page is lenient: an invalid value is
// dropped (and named in `ignored`) so a shared link never breaks the page.
import { z } from "zod";
import { checkText } from "@/lib/validation/text-rules";

export const AUDIT_PAGE_SIZE = 50;
/** Bounds the OFFSET: 10,000 pages of 50 is half a million entries back. */
export const MAX_AUDIT_PAGE = 10_000;
/** The user filter's value for entries written by no signed-in user (seed, demo import). */
export const SYSTEM_ACTOR = "system";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as YYYY-MM-DD")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, "is not a real date");

const fields = {
  user: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w-]+$/, "must be a user id or system"),
  action: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/, "must be an action name such as case.update"),
  type: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[\w-]+$/, "must be a record type such as case"),
  // Free text searched in the database: the shared text rules keep a NUL out of the query.
  id: z.string().superRefine(checkText(null)).trim().min(1).max(200),
  record: z.string().superRefine(checkText(null)).trim().min(2, "needs at least 2 characters").max(200),
  from: day,
  to: day,
  entry: z
    .string()
    .trim()
    .regex(/^\d{1,18}$/, "must be an entry number"),
  page: z.coerce
    .number({ error: "must be a page number" })
    .int("must be a whole page number")
    .min(1, "must be 1 or more")
    .max(MAX_AUDIT_PAGE, `must be at most ${MAX_AUDIT_PAGE}`),
} as const;

export type AuditTrailFilterKey = Exclude<keyof typeof fields, "page">;
export const AUDIT_FILTER_KEYS = Object.keys(fields).filter((k) => k !== "page") as AuditTrailFilterKey[];

export interface AuditTrailParams {
  user?: string;
  action?: string;
  type?: string;
  id?: string;
  record?: string;
  from?: string;
  to?: string;
  entry?: string;
  page: number;
  /** Parameters that were given but invalid (and ignored), with the reason. */
  ignored: { field: string; reason: string }[];
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: Params, key: string): string | undefined {
  const v = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** The page's reader: keeps every valid filter and lists the ones it dropped. */
export function parseAuditTrailParams(params: Params): AuditTrailParams {
  const out: AuditTrailParams = { page: 1, ignored: [] };
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
    const raw = first(params, key);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (!parsed.success) {
      out.ignored.push({ field: key, reason: parsed.error.issues[0]?.message ?? "is invalid" });
      continue;
    }
    if (key === "page") out.page = parsed.data as number;
    else out[key] = parsed.data as string;
  }
  if (out.from && out.to && out.from > out.to) {
    out.ignored.push({ field: "to", reason: "is before from" });
    delete out.to;
  }
  return out;
}

/** The URL query for these filters (and page, when not the first). */
export function auditTrailQuery(params: Partial<AuditTrailParams>, page = 1): string {
  const q = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const v = params[key];
    if (v) q.set(key, v);
  }
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The date range as [start of `from`, start of the day after `to`) in UTC. */
export function auditDateRange(params: Pick<AuditTrailParams, "from" | "to">): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (params.from) range.gte = new Date(`${params.from}T00:00:00Z`);
  if (params.to) range.lt = new Date(new Date(`${params.to}T00:00:00Z`).getTime() + 86_400_000);
  return range;
}
