// Money as advocates receive it: "50 million tomans", "800,000,000 rials". Amounts are
// decimal strings (never floats: a bail of 5,000,000,000.50 must survive exactly), with a
// currency. Tomans (IRT) are a spoken unit worth 10 rials; the rial value is what sums and
// charts use, so it is computed here, once, from the amount as reported.
import { z } from "zod";

/** Up to 22 integer digits and 2 decimals: fits DECIMAL(24,2), far above any bail reported. */
const AMOUNT = /^\d{1,22}(\.\d{1,2})?$/;

export const CURRENCY_HINT = "IRR = rials, IRT = tomans";

/** "50,000,000" and "50 000 000" are how amounts are written in the news: accept them. */
export function moneyAmount(label: string) {
  return z
    .union([z.string(), z.number()], { error: `${label} must be a number` })
    .transform((v) => (typeof v === "number" ? (Number.isFinite(v) ? String(v) : "NaN") : v.replace(/[,\s\u00a0\u202f]/g, "")))
    .refine((s) => s === "" || AMOUNT.test(s), { error: `${label} must be a number without a sign, with at most 2 decimals (e.g. 50000000)` })
    .nullish()
    .transform((s) => (s === undefined || s === null || s === "" ? null : s.replace(/^0+(?=\d)/, "")));
}

export function currencyCode(label: string) {
  return z
    .string({ error: `${label} must be a currency code` })
    .transform((s) => s.trim().toUpperCase())
    .refine((s) => s === "" || /^[A-Z]{3}$/.test(s), { error: `${label} must be a 3-letter code (${CURRENCY_HINT})` })
    .nullish()
    .transform((s) => (s === undefined || s === null || s === "" ? null : s));
}

/**
 * The amount in rials, as a whole-number decimal string: IRR as is, IRT × 10, rounded half
 * up to the rial (amounts with toman cents are rare; the reported amount is kept anyway).
 * Null for other currencies, which have no fixed rate.
 */
export function toRials(amount: string, currency: string): string | null {
  const rate = currency === "IRR" ? 1n : currency === "IRT" ? 10n : null;
  if (rate === null) return null;
  const [whole = "0", frac = ""] = amount.split(".");
  const cents = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
  const rialCents = cents * rate;
  return ((rialCents + 50n) / 100n).toString();
}
