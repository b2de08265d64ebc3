import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CaseOverview } from "@/components/case/case-overview";
import { CaseTimeline } from "@/components/case/case-timeline";
import { partialDateText } from "@/components/case/partial-date";
import { SourceList } from "@/components/case/source-list";
import { AliasList } from "@/components/person/alias-list";
import { RelationList } from "@/components/person/relation-list";
import { VulnerabilityBadges } from "@/components/person/vulnerability-badges";
import { Badge } from "@/components/ui/badge";
import { Field, FieldList } from "@/components/ui/field-list";
import { NotStated } from "@/components/ui/not-stated";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { HistorySection } from "@/app/(dashboard)/_components/history-section";
import { PersonEditLinks } from "@/components/recording/person-edit-links";
import { ReportLinks } from "@/components/report/report-links";
import { canEdit } from "@/lib/authz";
import type { PersonView } from "@/lib/data/people";
import { historyParam } from "@/lib/validation/history";
import { loadPerson, requirePageActor } from "../../_lib/loaders";

export const dynamic = "force-dynamic";

type Params = Promise<{ personId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { personId } = await params;
  const person = await loadPerson(personId);
  return { title: person.name };
}

async function AgeText({ person }: { person: PersonView }) {
  const t = await getTranslations("person");
  if (person.ageYears !== null) {
    const asOf = person.ageAsOf ? await partialDateText(person.ageAsOf, "DAY") : null;
    return <>{asOf ? t("ageAsOf", { age: person.ageYears, date: asOf }) : t("ageOnly", { age: person.ageYears })}</>;
  }
  if (person.birthYear !== null) return <>{t("birthYear", { year: String(person.birthYear) })}</>;
  return <NotStated />;
}

export default async function PersonPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { personId } = await params;
  const historyCursor = (await searchParams)[historyParam("person")];
  const person = await loadPerson(personId);
  const actor = await requirePageActor();
  const [t, tg, tc, tcase] = await Promise.all([getTranslations("person"), getTranslations("gender"), getTranslations("common"), getTranslations("case")]);

  const caseHeadings = await Promise.all(
    person.cases.map(async (c, i) => {
      const date = await partialDateText(c.arrestDate, c.arrestDatePrecision);
      return date ? t("caseHeadingArrested", { n: i + 1, date }) : t("caseHeading", { n: i + 1 });
    }),
  );

  return (
    <>
      <PageHeader
        title={person.name}
        titleProps={{ dir: "auto", "data-testid": "person-name" }}
        meta={
          <>
            <span>{t("caseCount", { count: person.cases.length })}</span>
            <VulnerabilityBadges vulnerabilities={person.vulnerabilities} />
          </>
        }
      />
      {canEdit(actor) ? <PersonEditLinks personId={person.id} /> : null}
      <ReportLinks personId={person.id} canInternal={canEdit(actor)} />

      <div className="space-y-6">
        <Section id="details" title={t("details")}>
          {person.description ? (
            <p dir="auto" className="mb-4 max-w-prose">
              {person.description}
            </p>
          ) : null}
          <FieldList>
            {person.aliases.length ? (
              <Field label={t("aliases")}>
                <AliasList aliases={person.aliases} />
              </Field>
            ) : null}
            <Field label={t("gender")}>{person.gender === "UNKNOWN" ? <NotStated /> : tg(person.gender)}</Field>
            <Field label={t("age")}>
              <AgeText person={person} />
            </Field>
            <Field label={t("homeCity")}>{person.homeCity ? <span dir="auto">{person.homeCity}</span> : <NotStated />}</Field>
            <Field label={t("province")}>
              {person.province ? (
                <span dir="auto">{person.provinceCode ? t("provinceWithCode", { name: person.province, code: person.provinceCode }) : person.province}</span>
              ) : (
                <NotStated />
              )}
            </Field>
            <Field label={t("vulnerabilities")}>
              {person.vulnerabilities.length ? (
                <VulnerabilityBadges vulnerabilities={person.vulnerabilities} />
              ) : (
                <span className="text-ink-muted">{t("none")}</span>
              )}
            </Field>
            {person.relations.length ? (
              <Field label={t("relations")}>
                <RelationList relations={person.relations} />
              </Field>
            ) : null}
          </FieldList>
        </Section>

        {/* The data layer leaves restrictedNotes out entirely for readers who may not see it. */}
        {person.restrictedNotes !== undefined ? (
          <Section
            id="restricted-notes"
            data-testid="restricted-notes"
            title={t("restrictedNotes")}
            aside={<Badge tone="restricted">{tc("restricted")}</Badge>}
            className="border-restricted-ink/30"
          >
            <p className="mb-2 text-sm text-ink-muted">{t("restrictedHint")}</p>
            {person.restrictedNotes ? (
              <p dir="auto" className="max-w-prose whitespace-pre-line">
                {person.restrictedNotes}
              </p>
            ) : (
              <p className="text-ink-muted">{t("noRestrictedNotes")}</p>
            )}
          </Section>
        ) : null}

        <Section id="person-sources" title={t("sources")}>
          <SourceList sources={person.sources} />
        </Section>

        <section aria-labelledby="cases-heading" className="space-y-4">
          <h2 id="cases-heading" className="text-xl font-semibold">
            {t("cases")}
          </h2>
          {person.cases.length === 0 ? <p className="text-ink-muted">{t("noCases")}</p> : null}
          {person.cases.map((c, i) => (
            <Section
              key={c.id}
              id={`case-${c.id}`}
              level={3}
              data-testid="case-section"
              title={caseHeadings[i]}
              aside={
                <Link href={`/cases/${c.id}`} className="ms-auto text-sm" aria-describedby={`case-${c.id}-heading`}>
                  {tcase("openCase")}
                </Link>
              }
            >
              <CaseOverview c={c} showSummary />
              <h4 className="mt-6 mb-3 border-t border-line pt-4 text-base font-semibold">{tcase("timeline")}</h4>
              <CaseTimeline events={c.events} headingLevel={5} />
            </Section>
          ))}
        </section>
        <HistorySection actor={actor} kind="person" id={person.id} cursor={historyCursor} />
      </div>
    </>
  );
}
