import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Field, FieldList } from "@/components/ui/field-list";
import { CaseStatusLine } from "@/components/case/status-badge";
import { PartialDate, partialDateText } from "@/components/case/partial-date";
import { SentenceSummaryView } from "@/components/case/sentence-summary";
import type { CaseView } from "@/lib/data/case-view";

const IN_CUSTODY = new Set(["DETAINED", "IMPRISONED", "DISAPPEARED"]);

/** Status (last known, with its date), facility, incident, arrest, and both sentences of a case. */
export async function CaseOverview({ c, showSummary = false }: { c: CaseView; showSummary?: boolean }) {
  const [t, tc] = await Promise.all([getTranslations("case"), getTranslations("common")]);
  const incidentDate = c.incident ? await partialDateText(c.incident.date, c.incident.datePrecision) : null;

  return (
    <div className="space-y-4">
      <p>
        <span className="sr-only">{t("statusPrefix")} </span>
        <CaseStatusLine status={c.status} date={c.statusDate} precision={c.statusDatePrecision} data-testid="case-status" />
      </p>
      {showSummary && c.summary ? (
        <p dir="auto" className="max-w-prose">
          {c.summary}
        </p>
      ) : null}
      <FieldList>
        {c.currentFacility || IN_CUSTODY.has(c.status) ? (
          <Field label={t("currentFacility")}>
            {c.currentFacility ? <span dir="auto">{c.currentFacility.name}</span> : <span className="text-ink-muted">{t("noFacility")}</span>}
          </Field>
        ) : null}
        {c.incident ? (
          <Field label={t("incident")}>
            <Link href={`/incidents/${c.incident.id}`} dir="auto">
              {c.incident.title}
            </Link>
            {incidentDate ? <span className="text-sm text-ink-muted"> {t("incidentDate", { date: incidentDate })}</span> : null}
          </Field>
        ) : null}
        <Field label={t("arrest")}>
          <PartialDate date={c.arrestDate} precision={c.arrestDatePrecision} unknownText={t("arrestDateUnknown")} />
          {c.arrestCity ? (
            <>
              {tc("listSeparator")}
              <span dir="auto">{c.arrestCity}</span>
            </>
          ) : null}
        </Field>
        <Field label={t("firstInstance")}>
          <SentenceSummaryView summary={c.firstInstance} kind="firstInstance" />
        </Field>
        <Field label={t("effective")}>
          <SentenceSummaryView summary={c.effective} kind="effective" firstInstance={c.firstInstance} />
        </Field>
      </FieldList>
    </div>
  );
}
