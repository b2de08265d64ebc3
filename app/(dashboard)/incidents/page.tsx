import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PartialDate } from "@/components/case/partial-date";
import { NotStated } from "@/components/ui/not-stated";
import { PageHeader } from "@/components/ui/page-header";
import { TableScroll, captionClass, numClass, tableClass, tdClass, HeaderCells } from "@/components/ui/table";
import { NewRecordLink } from "@/components/recording/incident-edit-links";
import { canEdit } from "@/lib/authz";
import { listIncidents } from "@/lib/data/incidents";
import { requirePageActor } from "../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("incident");
  return { title: t("listMetaTitle") };
}

export default async function IncidentsPage() {
  const actor = await requirePageActor();
  const [incidents, t, locale, tForm] = await Promise.all([listIncidents(actor), getTranslations("incident"), getLocale(), getTranslations("incidentForm")]);
  const number = new Intl.NumberFormat(locale);

  return (
    <>
      <PageHeader title={t("listTitle")} intro={t("listIntro")} />
      {canEdit(actor) ? <NewRecordLink href="/incidents/new" label={tForm("newIncident")} testId="new-incident-link" /> : null}
      <p className="mb-3 text-sm font-medium">{t("total", { count: incidents.length })}</p>
      {incidents.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line bg-surface p-8 text-center text-ink-muted">{t("empty")}</p>
      ) : (
        <TableScroll label={t("caption")}>
          <table data-testid="incidents-table" className={tableClass}>
            <caption className={captionClass}>{t("caption")}</caption>
            <thead>
              <tr>
                <HeaderCells labels={[t("colTitle"), t("colDate"), t("colCity"), t("colNamedCases"), t("colReported")]} numeric={[3, 4]} />
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-testid="incidents-row" className="hover:bg-surface-muted/60">
                  <th scope="row" className={`${tdClass} text-start font-normal`}>
                    <Link href={`/incidents/${i.id}`} dir="auto" className="font-medium">
                      {i.title}
                    </Link>
                  </th>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <PartialDate date={i.date} precision={i.datePrecision} />
                  </td>
                  <td className={tdClass}>{i.city ? <span dir="auto">{i.city}</span> : <NotStated />}</td>
                  <td className={`${tdClass} ${numClass}`}>{number.format(i.namedCases)}</td>
                  <td className={`${tdClass} ${numClass}`}>{i.reportedDetained !== null ? number.format(i.reportedDetained) : <NotStated />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
