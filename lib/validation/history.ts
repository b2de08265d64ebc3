// A page of a History in the URL: "before-<entry>" (the entries older than that audit entry)
// or "after-<entry>" (newer ones), under a parameter of its own per History, so a page that
// showed two Histories could page each alone. Lenient like the audit page's filters: an
// invalid value shows the newest page, so a mangled link never breaks the record's page.
import { z } from "zod";

/** Where a page of a History starts: below (older than) or above (newer than) an entry id. */
export type HistoryCursor = { before: string } | { after: string };

/** Entries per page of a History. */
export const HISTORY_PAGE_SIZE = 50;

export const historyCursorSchema = z
  .string()
  .regex(/^(before|after)-[1-9]\d{0,17}$/, "must be before-<entry> or after-<entry>")
  .transform((v): HistoryCursor => {
    const [direction, id] = v.split("-") as ["before" | "after", string];
    return direction === "before" ? { before: id } : { after: id };
  });

/** The search parameter of each History: ?personHistory=before-123. */
export const historyParam = (kind: "person" | "case" | "incident") => `${kind}History` as const;

/** The cursor in a search parameter's value (the first, if repeated), or null for the newest page. */
export function parseHistoryCursor(value: string | string[] | undefined): HistoryCursor | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return null;
  const parsed = historyCursorSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function formatHistoryCursor(cursor: HistoryCursor): string {
  return "before" in cursor ? `before-${cursor.before}` : `after-${cursor.after}`;
}
