import "server-only";
// The shape in which a case and its timeline leave the data layer: Decimals as strings,
// sources filtered by the reader's role, first-instance and effective sentence derived
// by the domain module from the timeline.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz";
import { sourceSelect, visibleSourceWhere, type SourceView } from "@/lib/data/visibility";
import { effectiveSentence, firstInstanceSentence, type SentenceSummary } from "@/lib/domain";
import { eventTypedInclude } from "@/lib/data/event-select";
import { decimalsAsText, type EventDecimalColumn } from "@/lib/events/select";
import { CASE_STATUS_ARREST_SELECT } from "@/lib/data/case-derived";

export function caseDetailSelect(actor: Actor) {
  return {
    id: true,
    key: true,
    summary: true,
    ...CASE_STATUS_ARREST_SELECT,
    firstInstancePrisonDays: true,
    firstInstanceLashes: true,
    effectivePrisonDays: true,
    effectiveLashes: true,
    version: true,
    updatedAt: true,
    person: { select: { id: true, name: true } },
    incident: { select: { id: true, title: true, date: true, datePrecision: true } },
    currentFacility: { select: { id: true, name: true } },
    events: {
      where: { deletedAt: null },
      orderBy: { position: "asc" },
      include: {
        // Every scalar column comes with `include`; the typed fields' relations from the registry.
        ...eventTypedInclude({ id: true }),
        sources: { where: { source: visibleSourceWhere(actor) }, select: { source: { select: sourceSelect } } },
      },
    },
  } satisfies Prisma.CaseSelect;
}

type CaseRow = Prisma.CaseGetPayload<{ select: ReturnType<typeof caseDetailSelect> }>;
type EventRow = CaseRow["events"][number];

/** An event row with its decimal columns (the registry's amounts) as text and its visible sources. */
export type EventView = Omit<EventRow, EventDecimalColumn | "sources"> & { [C in EventDecimalColumn]: string | null } & {
  sources: SourceView[];
};

export type CaseView = Omit<CaseRow, "events"> & {
  events: EventView[];
  firstInstance: SentenceSummary<EventView> | null;
  effective: SentenceSummary<EventView> | null;
};

export function toEventView(e: EventRow): EventView {
  return { ...decimalsAsText(e), sources: e.sources.map((s) => s.source) };
}

export function toCaseView(c: CaseRow): CaseView {
  const events = c.events.map(toEventView);
  return {
    ...c,
    events,
    firstInstance: firstInstanceSentence(events),
    effective: effectiveSentence(events),
  };
}
