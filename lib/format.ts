// Small pure formatting helpers shared by server components (no I/O, no translations).

/**
 * Formats a decimal amount kept as text (money is never converted to a float: a rial
 * amount can exceed what a double holds exactly). "500000000" → "500,000,000".
 */
export function formatDecimal(value: string, locale: string): string {
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return trimmed;
  try {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(trimmed as Intl.StringNumericLiteral);
  } catch {
    return trimmed;
  }
}

/** "solitary_confinement" → "Solitary confinement": the fallback for a tag the catalog lacks. */
export function humaniseTag(tag: string): string {
  const words = tag.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : tag;
}

/** Only absolute http(s) links are rendered as links (never javascript:, data:, ...). */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The name of a country from its ISO 3166-1 alpha-2 code ("IR" → "Iran"), or the code. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A moment in UTC to the minute ("2026-11-24 14:05 UTC"), or to the second: the same text in every time zone. */
export function formatUtc(date: Date, to: "minute" | "second" = "minute"): string {
  return `${date
    .toISOString()
    .slice(0, to === "minute" ? 16 : 19)
    .replace("T", " ")} UTC`;
}
