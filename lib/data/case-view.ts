import "server-only";
// The shape in which a case and its timeline leave the data layer: Decimals as strings,
// sources filtered by the reader's role, first-instance and effective sentence derived
// by the domain module from the timeline.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/authz";
import { sourceSelect, visibleSourceWhere, type SourceView } from "@/lib/data/visibility";
import { effectiveSentence, firstInstanceSentence, type SentenceSummary } from "@/lib/domain";

export function caseDetailSelect(actor: Actor) {
  return {
    id: true,
    key: true,
    summary: true,
    status: true,
    statusDate: true,
    statusDatePrecision: true,
    arrestDate: true,
    arrestDatePrecision: true,
    arrestCity: true,
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
        facility: { select: { id: true, name: true } },
        court: { select: { id: true, name: true } },
        charges: { orderBy: { position: "asc" }, select: { id: true, text: true, article: true } },
        sources: { where: { source: visibleSourceWhere(actor) }, select: { source: { select: sourceSelect } } },
      },
    },
  } satisfies Prisma.CaseSelect;
}

type CaseRow = Prisma.CaseGetPayload<{ select: ReturnType<typeof caseDetailSelect> }>;
type EventRow = CaseRow["events"][number];

export type EventView = Omit<EventRow, "amount" | "amountRials" | "fineAmount" | "sources"> & {
  amount: string | null;
  amountRials: string | null;
  fineAmount: string | null;
  sources: SourceView[];
};

export type CaseView = Omit<CaseRow, "events"> & {
  events: EventView[];
  firstInstance: SentenceSummary<EventView> | null;
  effective: SentenceSummary<EventView> | null;
};

const decimal = (d: Prisma.Decimal | null): string | null => (d === null ? null : d.toString());

export function toEventView(e: EventRow): EventView {
  return {
    ...e,
    amount: decimal(e.amount),
    amountRials: decimal(e.amountRials),
    fineAmount: decimal(e.fineAmount),
    sources: e.sources.map((s) => s.source),
  };
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
