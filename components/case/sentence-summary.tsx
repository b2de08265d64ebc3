import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { moneyText } from "@/components/case/money";
import { partialDateText } from "@/components/case/partial-date";
import { PrisonTermWithTotal } from "@/components/case/prison-term";
import type { EventView } from "@/lib/data/case-view";
import type { SentenceSummary } from "@/lib/domain/sentence";

/**
 * The terms of a case's first-instance or effective sentence: prison term as pronounced
 * with its total in days, lashes, fine; for the effective one, whether it comes from an
 * appeal or an acquittal.
 */
export async function SentenceSummaryView({
  summary,
  kind,
  firstInstance,
}: {
  summary: SentenceSummary<EventView> | null;
  kind: "firstInstance" | "effective";
  /** For the effective sentence: when it is the first-instance one, say so instead of repeating it. */
  firstInstance?: SentenceSummary<EventView> | null;
}) {
  const [t, tc, tu, tOutcome, tCommon] = await Promise.all([
    getTranslations("sentence"),
    getTranslations("case"),
    getTranslations("units"),
    getTranslations("appealOutcome"),
    getTranslations("common"),
  ]);
  if (!summary) return <span className="text-ink-muted">{tc("noSentence")}</span>;
  if (kind === "effective" && firstInstance?.event && summary.event?.id === firstInstance.event.id) {
    return <span>{tc("sameAsFirstInstance")}</span>;
  }

  const event = summary.event;
  const origin =
    kind === "effective" && event?.type === "APPEAL"
      ? tc("afterAppeal", { outcome: tOutcome(event.appealOutcome ?? "UNKNOWN") })
      : kind === "effective" && event?.type === "ACQUITTAL"
        ? tc("afterAcquittal")
        : null;
  const fine = summary.fine ? await moneyText(summary.fine.amount, summary.fine.currency) : null;
  const pronouncedOn = event ? await partialDateText(event.date, event.datePrecision) : null;
  const provenance = [
    origin,
    event && event.type !== "ACQUITTAL" ? (pronouncedOn ? t("pronounced", { date: pronouncedOn }) : t("pronouncedUnknown")) : null,
  ].filter((x): x is string => x !== null);

  return (
    <div className="space-y-0.5">
      <p>{summary.prison ? <PrisonTermWithTotal term={summary.prison} /> : <span className="text-ink-muted">{t("noPrisonStated")}</span>}</p>
      <p>{summary.lashes !== null ? tu("lashes", { count: summary.lashes }) : <span className="text-ink-muted">{t("lashesNotStated")}</span>}</p>
      {fine ? <p>{t("fine", { amount: fine })}</p> : null}
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-ink-muted">
        {provenance.length ? <span>{provenance.join(tCommon("separator"))}</span> : null}
        {event?.suspended ? <Badge tone="info">{t("suspended")}</Badge> : null}
      </p>
    </div>
  );
}
