import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Heading } from "@/components/ui/section";
import { humaniseTag } from "@/components/ui/format";
import { ConfidenceBadge } from "@/components/case/confidence-badge";
import { Money, Rials } from "@/components/case/money";
import { PartialDate } from "@/components/case/partial-date";
import { PrisonTermWithTotal, termOfEvent } from "@/components/case/prison-term";
import { SourceList } from "@/components/case/source-list";
import type { EventView } from "@/lib/data/case-view";

type Translator = (key: string) => string;
type Has = (key: string) => boolean;

/** A catalog label for a snake_case tag, or the tag humanised when the catalog lacks it. */
function tagLabel(t: Translator, has: Has, tag: string): string {
  return !tag.includes(".") && has(tag) ? t(tag) : humaniseTag(tag);
}

function TagList({ items }: { items: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5">
      {items.map((item, i) => (
        <li key={`${item}-${i}`} dir="auto" className="rounded border border-line bg-surface-muted px-1.5 py-0.5 text-sm">
          {item}
        </li>
      ))}
    </ul>
  );
}

/**
 * A case's timeline, in the explicit position order the data layer returns (never re-sorted
 * by date here: undated events sit where the advocate put them). Shows every typed field
 * that is set, so nothing recorded is hidden from the reader.
 */
export async function CaseTimeline({ events, headingLevel = 3 }: { events: EventView[]; headingLevel?: 3 | 4 | 5 }) {
  const [t, tType, tCirc, tRelease, tOutcome, tCond, tTreat, tPen] = await Promise.all([
    getTranslations("timeline"),
    getTranslations("eventType"),
    getTranslations("circumstance"),
    getTranslations("releaseType"),
    getTranslations("appealOutcome"),
    getTranslations("condition"),
    getTranslations("treatment"),
    getTranslations("penalty"),
  ]);
  if (events.length === 0) return <p className="text-ink-muted">{t("empty")}</p>;

  const condition = (tag: string) => tagLabel(tCond as unknown as Translator, tCond.has as unknown as Has, tag);
  const treatment = (tag: string) => tagLabel(tTreat as unknown as Translator, tTreat.has as unknown as Has, tag);
  const penalty = (tag: string) => tagLabel(tPen as unknown as Translator, tPen.has as unknown as Has, tag);

  const ordered = [...events].sort((a, b) => a.position - b.position);

  return (
    <ol data-testid="timeline" aria-label={t("label")} className="space-y-0">
      {ordered.map((e) => {
        const fields: { key: string; label: string; value: ReactNode }[] = [];
        const add = (key: string, label: string, value: ReactNode) => fields.push({ key, label, value });
        const text = (v: string) => <span dir="auto">{v}</span>;

        if (e.city) add("city", t("city"), text(e.city));
        if (e.place) add("place", t("place"), text(e.place));
        if (e.authority) add("authority", t("authority"), text(e.authority));
        if (e.circumstance) add("circumstance", t("circumstance"), tCirc(e.circumstance));
        if (e.facility) add("facility", t("facility"), text(e.facility.name));
        if (e.conditions.length) add("conditions", t("conditions"), <TagList items={e.conditions.map(condition)} />);
        if (e.amount !== null) add("amount", t("amount"), <Money amount={e.amount} currency={e.currency} />);
        if (e.amountRials !== null && e.currency?.toUpperCase() !== "IRR") add("amountRials", t("amountRials"), <Rials amount={e.amountRials} />);
        if (e.charges.length) {
          add(
            "charges",
            t("charges"),
            <ul className="list-disc space-y-0.5 ps-5">
              {e.charges.map((c) => (
                <li key={c.id} dir="auto">
                  {c.text && c.article
                    ? t("chargeWithArticle", { charge: c.text, article: c.article })
                    : c.text
                      ? t("quoted", { text: c.text })
                      : c.article}
                </li>
              ))}
            </ul>,
          );
        }
        if (e.court) add("court", t("court"), text(e.court.name));
        if (e.branch) add("branch", t("branch"), text(e.branch));
        if (e.judge) add("judge", t("judge"), text(e.judge));
        const term = termOfEvent(e);
        if (term) add("prison", t("prisonTerm"), <PrisonTermWithTotal term={term} />);
        if (e.lashes !== null) add("lashes", t("lashes"), <span className="tabular-nums">{e.lashes}</span>);
        if (e.fineAmount !== null) add("fine", t("fine"), <Money amount={e.fineAmount} currency={e.fineCurrency} />);
        if (e.otherPenalties.length) add("otherPenalties", t("otherPenalties"), <TagList items={e.otherPenalties.map(penalty)} />);
        if (e.suspended !== null) add("suspended", t("suspended"), e.suspended ? t("yes") : t("no"));
        if (e.appealOutcome) add("appealOutcome", t("appealOutcome"), tOutcome(e.appealOutcome));
        if (e.releaseType) add("releaseType", t("releaseType"), tRelease(e.releaseType));
        if (e.treatmentKinds.length) add("treatment", t("treatment"), <TagList items={e.treatmentKinds.map(treatment)} />);
        if (e.injuries.length) add("injuries", t("injuries"), <TagList items={e.injuries} />);

        return (
          <li key={e.id} data-testid="timeline-event" className="relative border-s-2 border-line pb-6 ps-5 last:pb-1">
            <span aria-hidden="true" className="absolute -start-[7px] top-1.5 size-3 rounded-full border-2 border-surface bg-accent" />
            <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
              <Heading level={headingLevel} className="min-w-0">
                <span className="block text-sm font-normal text-ink-muted">
                  <PartialDate date={e.date} precision={e.datePrecision} unknownText={t("dateUnknown")} />
                  {e.dateText ? (
                    <span dir="auto" className="ms-2 italic">
                      {t("asWritten", { text: e.dateText })}
                    </span>
                  ) : null}
                </span>
                <span className="block text-base font-semibold">{tType(e.type)}</span>
              </Heading>
              <ConfidenceBadge confidence={e.confidence} />
            </div>
            {e.description ? (
              <p dir="auto" className="mt-1 max-w-prose">
                {e.description}
              </p>
            ) : null}
            {fields.length ? (
              <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[minmax(7rem,max-content)_1fr]">
                {fields.map((f) => (
                  <div key={f.key} className="contents">
                    <dt className="font-medium text-ink-muted">{f.label}</dt>
                    <dd className="mb-1 min-w-0 break-words sm:mb-0">{f.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {e.note ? (
              <p className="mt-2 max-w-prose rounded-md border-s-4 border-warning-ink/40 bg-warning-bg/60 px-3 py-2 text-sm">
                <span className="font-medium">{t("notePrefix")}</span>{" "}
                <span dir="auto">{e.note}</span>
              </p>
            ) : null}
            {e.sources.length ? (
              <div className="mt-2">
                <p className="text-xs font-medium tracking-wide text-ink-muted uppercase">{t("sources")}</p>
                <SourceList sources={e.sources} compact />
              </div>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
