// Turning form text into the values the schemas expect. Empty means "not stated" (null).
// A number field that is not a number is sent as typed, so the server's schema answers
// with a message naming the field instead of the browser silently dropping it.
export const orNull = (s: string): string | null => (s.trim() === "" ? null : s);

export function numberOrNull(s: string): number | string | null {
  const t = s.trim();
  if (t === "") return null;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export const asText = (v: string | number | null | undefined): string => (v === null || v === undefined ? "" : String(v));
