import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PartialDate } from "@/components/case/partial-date";
import { NewRecordLink } from "@/components/recording/incident-edit-links";
import { Badge } from "@/components/ui/badge";
import { safeExternalUrl } from "@/lib/format";
import { NotStated } from "@/components/ui/not-stated";
import { PageHeader } from "@/components/ui/page-header";
import { TableScroll, captionClass, tableClass, tdClass, HeaderCells } from "@/components/ui/table";
import { canEdit } from "@/lib/authz";
import { listSources } from "@/lib/data/sources";
import { requirePageActor } from "../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sourceForm"))("listTitle") };
}

export default async function SourcesPage() {
  const actor = await requirePageActor();
  // Confidential sources are filtered in the query for a VIEWER: they never reach this page.
  const [sources, t, tk, ts] = await Promise.all([listSources(actor), getTranslations("sourceForm"), getTranslations("sourceKind"), getTranslations("source")]);
  const editor = canEdit(actor);

  return (
    <>
      <PageHeader title={t("listTitle")} intro={t("listIntro")} />
      {editor ? <NewRecordLink href="/sources/new" label={t("newSource")} testId="new-source-link" /> : null}
      <p className="mb-3 text-sm font-medium">{t("total", { count: sources.length })}</p>
      {sources.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line bg-surface p-8 text-center text-ink-muted">{t("empty")}</p>
      ) : (
        <TableScroll label={t("caption")}>
          <table data-testid="sources-table" className={tableClass}>
            <caption className={captionClass}>{t("caption")}</caption>
            <thead>
              <tr>
                <HeaderCells labels={[t("colTitle"), t("colPublisher"), t("colKind"), t("colDate"), t("colLanguage")]} />
                {editor ? (
                  <>
                    <HeaderCells labels={[t("colVisibility"), '<span className="sr-only">{t("colActions")}</span>']} />
                  </>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => {
                const url = safeExternalUrl(s.url);
                return (
                  <tr key={s.id} data-testid="sources-row" className="hover:bg-surface-muted/60">
                    <th scope="row" className={`${tdClass} text-start font-normal`}>
                      {url ? (
                        <a href={url} target="_blank" rel="noopener noreferrer" dir="auto" className="font-medium">
                          {s.title}
                          <span className="sr-only"> {ts("newTab")}</span>
                        </a>
                      ) : (
                        <span dir="auto" className="font-medium">
                          {s.title}
                        </span>
                      )}
                    </th>
                    <td className={tdClass}>{s.publisher ? <span dir="auto">{s.publisher}</span> : <NotStated />}</td>
                    <td className={tdClass}>{tk(s.kind)}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      <PartialDate date={s.date} precision={s.datePrecision} />
                    </td>
                    <td className={tdClass}>{s.language ? <span dir="auto">{s.language}</span> : <NotStated />}</td>
                    {editor ? (
                      <>
                        <td className={tdClass}>{s.confidential ? <Badge tone="restricted">{t("confidential")}</Badge> : t("public")}</td>
                        <td className={tdClass}>
                          <Link href={`/sources/${s.id}/edit`} aria-label={t("editOf", { title: s.title })} data-testid="edit-source">
                            {t("editSource")}
                          </Link>
                        </td>
                      </>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
