import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseOverview } from "@/components/case/case-overview";
import { CaseTimeline } from "@/components/case/case-timeline";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { HistorySection } from "@/app/(dashboard)/_components/history-section";
import { CaseEditPanel } from "@/components/recording/case-edit-panel";
import { canEdit } from "@/lib/authz";
import { historyParam } from "@/lib/validation/history";
import { loadCase, requirePageActor } from "../../_lib/loaders";

export const dynamic = "force-dynamic";

type Params = Promise<{ caseId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { caseId } = await params;
  const [c, t] = await Promise.all([loadCase(caseId), getTranslations("case")]);
  return { title: t("metaTitle", { name: c.person.name }) };
}

export default async function CasePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { caseId } = await params;
  const historyCursor = (await searchParams)[historyParam("case")];
  const c = await loadCase(caseId);
  const actor = await requirePageActor();
  const t = await getTranslations("case");

  return (
    <>
      <PageHeader
        title={t.rich("title", { name: () => <span dir="auto">{c.person.name}</span> })}
        meta={<Link href={`/people/${c.person.id}`}>{t.rich("otherCasesOfPerson", { name: () => <span dir="auto">{c.person.name}</span> })}</Link>}
      />
      <div className="space-y-6">
        <Section id="case-overview" title={t("overview")} data-testid="case-section">
          <CaseOverview c={c} showSummary />
        </Section>
        {canEdit(actor) ? <CaseEditPanel c={c} /> : null}
        <Section id="case-timeline" title={t("timeline")}>
          <CaseTimeline events={c.events} headingLevel={3} />
        </Section>
        <HistorySection actor={actor} kind="case" id={c.id} cursor={historyCursor} />
      </div>
    </>
  );
}
