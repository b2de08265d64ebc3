import { getLocale, getTranslations } from "next-intl/server";
import { formatDecimal } from "@/lib/format";

/** An amount as reported: IRR as "rials", IRT as "tomans" (1 toman = 10 rials), else the code. */
export async function moneyText(amount: string, currency: string | null): Promise<string> {
  const [t, locale] = await Promise.all([getTranslations("money"), getLocale()]);
  const formatted = formatDecimal(amount, locale);
  const code = currency?.trim().toUpperCase() || null;
  if (code === "IRR") return t("IRR", { amount: formatted });
  if (code === "IRT") return t("IRT", { amount: formatted });
  if (!code) return t("noCurrency", { amount: formatted });
  return t("other", { amount: formatted, currency: code });
}

export async function Money({ amount, currency }: { amount: string; currency: string | null }) {
  return <>{await moneyText(amount, currency)}</>;
}

/** An amount already normalised to rials. */
export async function Rials({ amount }: { amount: string }) {
  const [t, locale] = await Promise.all([getTranslations("money"), getLocale()]);
  return <>{t("inRials", { amount: formatDecimal(amount, locale) })}</>;
}
