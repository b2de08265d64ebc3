import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Heading } from "@/components/ui/section";
import { humaniseTag } from "@/lib/format";
import { ConfidenceBadge } from "@/components/case/confidence-badge";
import { Money, Rials } from "@/components/case/money";
import { PartialDate } from "@/components/case/partial-date";
import { PrisonTermWithTotal } from "@/components/case/prison-term";
import { SourceList } from "@/components/case/source-list";
import type { EventView } from "@/lib/data/case-view";
import { eventDetailRows, type DetailValue } from "@/lib/events/details";

/** The root translator, for keys the registry names at run time (labels, catalog values); `has` tells whether one exists. */
type LooseTranslator = ((key: string, values?: Record<string, string>) => string) & { has: (key: string) => boolean };

/** A catalog label for a snake_case tag, or the tag humanised when the catalog lacks it. */
function tagLabel(tr: LooseTranslator, catalog: string, tag: string): string {
  return !tag.includes(".") && tr.has(`${catalog}.${tag}`) ? tr(`${catalog}.${tag}`) : humaniseTag(tag);
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

/** One typed field's value, by how the registry says to show it (lib/events/details.ts). */
function detailValue(v: DetailValue, tr: LooseTranslator): ReactNode {
  switch (v.kind) {
    case "text":
      return <span dir="auto">{v.text}</span>;
    case "enum":
      return tr(`${v.catalog}.${v.value}`);
    case "list": {
      const catalog = v.catalog;
      return <TagList items={catalog ? v.values.map((tag) => tagLabel(tr, catalog, tag)) : v.values} />;
    }
    case "count":
      return <span className="tabular-nums">{v.value}</span>;
    case "money":
      return <Money amount={v.amount} currency={v.currency} />;
    case "rials":
      return <Rials amount={v.amount} />;
    case "prisonTerm":
      return <PrisonTermWithTotal term={v.term} />;
    case "boolean":
      return v.value ? tr("timeline.yes") : tr("timeline.no");
    case "charges":
      return (
        <ul className="list-disc space-y-0.5 ps-5">
          {v.charges.map((c, i) => (
            <li key={i} dir="auto">
              {c.text && c.article
                ? tr("timeline.chargeWithArticle", { charge: c.text, article: c.article })
                : c.text
                  ? tr("timeline.quoted", { text: c.text })
                  : c.article}
            </li>
          ))}
        </ul>
      );
    case "partialDate":
      return <PartialDate date={new Date(`${v.date}T00:00:00Z`)} precision={v.precision} />;
  }
}

/**
 * A case's timeline, in the explicit position order the data layer returns (never re-sorted
 * by date here: undated events sit where the advocate put them). Shows every typed field
 * that is set, so nothing recorded is hidden from the reader: the rows come from the event
 * registry (eventDetailRows), so a field added there shows here with no edit.
 */
export async function CaseTimeline({ events, headingLevel = 3 }: { events: EventView[]; headingLevel?: 3 | 4 | 5 }) {
  const [t, tType, root] = await Promise.all([getTranslations("timeline"), getTranslations("eventType"), getTranslations()]);
  if (events.length === 0) return <p className="text-ink-muted">{t("empty")}</p>;
  const tr = root as unknown as LooseTranslator;

  const ordered = [...events].sort((a, b) => a.position - b.position);

  return (
    <ol data-testid="timeline" aria-label={t("label")} className="space-y-0">
      {ordered.map((e) => {
        const fields = eventDetailRows(e).map((row) => ({ key: row.key, label: tr(row.labelKey), value: detailValue(row.value, tr) }));

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
                <span className="font-medium">{t("notePrefix")}</span> <span dir="auto">{e.note}</span>
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
