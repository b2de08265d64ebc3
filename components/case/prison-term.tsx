import { getTranslations } from "next-intl/server";
import type { PrisonTerm } from "@/lib/domain/types";
import { prisonTermDays } from "@/lib/domain/sentence";

/** A term exactly as pronounced: "4 years", "7 months 16 days"; all zero: "No prison term". */
export async function PrisonTermText({ term }: { term: PrisonTerm }) {
  const t = await getTranslations("sentence");
  const parts: string[] = [];
  if (term.years > 0) parts.push(t("years", { count: term.years }));
  if (term.months > 0) parts.push(t("months", { count: term.months }));
  if (term.days > 0) parts.push(t("days", { count: term.days }));
  return <>{parts.length ? parts.join(" ") : t("noPrisonTerm")}</>;
}

/** "4 years (1,460 days in total)"; the total uses the domain rule (year 365, month 30). */
export async function PrisonTermWithTotal({ term }: { term: PrisonTerm }) {
  const t = await getTranslations("sentence");
  const total = prisonTermDays(term);
  return (
    <>
      <PrisonTermText term={term} />
      {total !== null && total > 0 ? <span className="text-ink-muted"> ({t("totalDays", { count: total })})</span> : null}
    </>
  );
}
