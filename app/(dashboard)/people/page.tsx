import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { CaseStatusLine } from "@/components/case/status-badge";
import { NotStated } from "@/components/ui/not-stated";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { TableScroll, captionClass, numClass, tableClass, tdClass, thClass, HeaderCells } from "@/components/ui/table";
import { listPeople, PEOPLE_PAGE_SIZES } from "@/lib/data/people";
import { requirePageActor } from "../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("people");
  return { title: t("metaTitle") };
}

const DEFAULT_PAGE_SIZE = 25;
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

// Anything invalid in the URL falls back to the default instead of failing the page.
const querySchema = z.object({
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  pageSize: z
    .preprocess(first, z.coerce.number().int())
    .refine((n) => (PEOPLE_PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_PAGE_SIZE),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const query = querySchema.parse(await searchParams);
  const [result, t, tu, tc] = await Promise.all([
    listPeople(actor, { page: query.page, pageSize: query.pageSize }),
    getTranslations("people"),
    getTranslations("units"),
    getTranslations("common"),
  ]);
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (page > 1) params.set("page", String(page));
    if (result.pageSize !== DEFAULT_PAGE_SIZE) params.set("pageSize", String(result.pageSize));
    const qs = params.toString();
    return qs ? `/people?${qs}` : "/people";
  };

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <p className="mb-3 text-sm font-medium">{t("total", { count: result.total })}</p>

      {result.total === 0 ? (
        <p className="rounded-lg border border-dashed border-line bg-surface p-8 text-center text-ink-muted">{t("empty")}</p>
      ) : (
        <>
          <TableScroll label={t("caption")}>
            <table data-testid="people-table" className={tableClass}>
              <caption className={captionClass}>{t("caption")}</caption>
              <thead>
                <tr>
                  <HeaderCells labels={[t("colName"), t("colHomeCity"), t("colStatus"), t("colCases")]} numeric={[3]} />
                  <th scope="col" className={`${thClass} ${numClass}`} title={t("prisonHint")}>
                    {t("colPrison")}
                  </th>
                  <th scope="col" className={`${thClass} ${numClass}`}>
                    {t("colLashes")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((p) => (
                  <tr key={p.id} data-testid="people-row" className="hover:bg-surface-muted/60">
                    <th scope="row" className={`${tdClass} text-start font-normal`}>
                      <Link href={`/people/${p.id}`} dir="auto" className="font-medium">
                        {p.name}
                      </Link>
                      {p.aliases.length ? (
                        <div className="mt-0.5 text-xs text-ink-muted">
                          <span className="sr-only">{t("aliasesPrefix")} </span>
                          {p.aliases.map((a, i) => (
                            <span key={a}>
                              {i > 0 ? tc("listSeparator") : null}
                              <span dir="auto">{a}</span>
                            </span>
                          ))}
                        </div>
                      ) : null}
                    </th>
                    <td className={tdClass}>{p.homeCity ? <span dir="auto">{p.homeCity}</span> : <NotStated />}</td>
                    <td className={tdClass}>
                      {p.latestStatus ? (
                        <CaseStatusLine status={p.latestStatus.status} date={p.latestStatus.date} precision={p.latestStatus.precision} />
                      ) : (
                        <span className="text-ink-muted">{t("noCase")}</span>
                      )}
                    </td>
                    <td className={`${tdClass} ${numClass}`}>{p.caseCount}</td>
                    <td className={`${tdClass} ${numClass} whitespace-nowrap`}>
                      {p.effectivePrisonDays !== null ? tu("days", { count: p.effectivePrisonDays }) : <NotStated />}
                    </td>
                    <td className={`${tdClass} ${numClass}`}>{p.effectiveLashes !== null ? p.effectiveLashes : <NotStated />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="mt-2 text-xs text-ink-muted">{t("prisonHint")}</p>
          <Pagination page={result.page} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
