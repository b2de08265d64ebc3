import { getLocale, getTranslations } from "next-intl/server";
import { formatPartialDate, toIsoPartial } from "@/lib/domain/dates";
import type { DatePrecision } from "@/lib/domain/types";

/**
 * A date shown only as precisely as it is known ("16 Jul 2020", "Oct 2020", "2020"), in a
 * <time> element whose machine-readable value has the same precision ("2020-10").
 */
export async function PartialDate({
  date,
  precision,
  unknownText,
}: {
  date: Date | null | undefined;
  precision: DatePrecision;
  /** Shown when the date is unknown; defaults to "Date unknown". */
  unknownText?: string;
}) {
  const locale = await getLocale();
  const text = formatPartialDate(date, precision, locale);
  const iso = toIsoPartial(date, precision);
  if (text === null || iso === null) {
    const t = await getTranslations("common");
    return <span className="text-ink-muted">{unknownText ?? t("dateUnknown")}</span>;
  }
  return <time dateTime={iso}>{text}</time>;
}

/** The same date as plain text, for composing into a translated sentence. */
export async function partialDateText(date: Date | null | undefined, precision: DatePrecision): Promise<string | null> {
  return formatPartialDate(date, precision, await getLocale());
}
