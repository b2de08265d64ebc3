import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ConfidenceBadge } from "@/components/case/confidence-badge";
import { PartialDate } from "@/components/case/partial-date";
import { SourceList } from "@/components/case/source-list";
import { IncidentCasesTable } from "@/components/incident/incident-cases-table";
import { ReportedCount } from "@/components/incident/reported-count";
import { Field, FieldList } from "@/components/ui/field-list";
import { countryName } from "@/lib/format";
import { NotStated } from "@/components/ui/not-stated";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { HistorySection } from "@/app/(dashboard)/_components/history-section";
import { IncidentEditLinks } from "@/components/recording/incident-edit-links";
import { canEdit } from "@/lib/authz";
import { historyParam } from "@/lib/validation/history";
import { loadIncident, requirePageActor } from "../../_lib/loaders";

export const dynamic = "force-dynamic";

type Params = Promise<{ incidentId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { incidentId } = await params;
  const incident = await loadIncident(incidentId);
  return { title: incident.title };
}

export default async function IncidentPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { incidentId } = await params;
  const historyCursor = (await searchParams)[historyParam("incident")];
  const incident = await loadIncident(incidentId);
  const actor = await requirePageActor();
  const [t, tt, locale] = await Promise.all([getTranslations("incident"), getTranslations("timeline"), getLocale()]);
  const text = (v: string | null) => (v ? <span dir="auto">{v}</span> : <NotStated />);

  return (
    <>
      <PageHeader
        title={incident.title}
        titleProps={{ dir: "auto" }}
        meta={
          <>
            <PartialDate date={incident.date} precision={incident.datePrecision} />
            {incident.city ? <span dir="auto">{incident.city}</span> : null}
            <ConfidenceBadge confidence={incident.confidence} />
          </>
        }
      />
      {canEdit(actor) ? <IncidentEditLinks incidentId={incident.id} version={incident.version} /> : null}
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <Section id="incident-details" title={t("details")}>
            {incident.description ? (
              <p dir="auto" className="mb-4 max-w-prose">
                {incident.description}
              </p>
            ) : null}
            <FieldList>
              <Field label={t("date")}>
                <PartialDate date={incident.date} precision={incident.datePrecision} />
                {incident.dateText ? (
                  <span dir="auto" className="ms-2 text-sm text-ink-muted italic">
                    {tt("asWritten", { text: incident.dateText })}
                  </span>
                ) : null}
              </Field>
              <Field label={t("place")}>{text(incident.place)}</Field>
              <Field label={t("city")}>{text(incident.city)}</Field>
              <Field label={t("province")}>{text(incident.province)}</Field>
              <Field label={t("country")}>{incident.country ? countryName(incident.country, locale) : <NotStated />}</Field>
              <Field label={t("confidence")}>
                <ConfidenceBadge confidence={incident.confidence} />
              </Field>
            </FieldList>
            {incident.note ? (
              <p className="mt-4 max-w-prose rounded-md border-s-4 border-warning-ink/40 bg-warning-bg/60 px-3 py-2 text-sm">
                <span className="font-medium">{tt("notePrefix")}</span> <span dir="auto">{incident.note}</span>
              </p>
            ) : null}
          </Section>
          <div>
            <ReportedCount count={incident.reportedDetained} note={incident.reportedDetainedNote} />
          </div>
        </div>

        <Section id="incident-cases" title={t("namedCases")}>
          <IncidentCasesTable cases={incident.cases} />
        </Section>

        <Section id="incident-sources" title={t("sources")}>
          <SourceList sources={incident.sources} />
        </Section>

        <HistorySection actor={actor} kind="incident" id={incident.id} cursor={historyCursor} />
      </div>
    </>
  );
}
