import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotStated } from "@/components/ui/not-stated";
import { TableScroll, captionClass, numClass, tableClass, tdClass, HeaderCells } from "@/components/ui/table";
import { CaseStatusLine } from "@/components/case/status-badge";
import { PartialDate } from "@/components/case/partial-date";
import type { IncidentView } from "@/lib/data/incidents";

/** The named people's cases linked to an incident. */
export async function IncidentCasesTable({ cases }: { cases: IncidentView["cases"] }) {
  const [t, tu] = await Promise.all([getTranslations("incident"), getTranslations("units")]);
  if (cases.length === 0) return <p className="text-ink-muted">{t("noNamedCases")}</p>;
  return (
    <TableScroll label={t("namedCasesCaption")}>
      <table className={tableClass}>
        <caption className={captionClass}>{t("namedCasesCaption")}</caption>
        <thead>
          <tr>
            <HeaderCells labels={[t("colPerson"), t("colStatus"), t("colArrest"), t("colEffective")]} numeric={[3]} />
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id}>
              <th scope="row" className={`${tdClass} text-start font-medium`}>
                <Link href={`/people/${c.person.id}`} dir="auto">
                  {c.person.name}
                </Link>
                <div className="text-xs font-normal">
                  <Link href={`/cases/${c.id}`} className="text-ink-muted">
                    {t("openCase")}
                    <span className="sr-only" dir="auto">
                      {" "}
                      {t("openCaseOf", { name: c.person.name })}
                    </span>
                  </Link>
                </div>
              </th>
              <td className={tdClass}>
                <CaseStatusLine status={c.status} date={c.statusDate} precision={c.statusDatePrecision} />
              </td>
              <td className={tdClass}>
                <PartialDate date={c.arrestDate} precision={c.arrestDatePrecision} />
              </td>
              <td className={`${tdClass} ${numClass}`}>
                {c.effectivePrisonDays === null && c.effectiveLashes === null ? (
                  <NotStated />
                ) : (
                  <>
                    {c.effectivePrisonDays !== null ? <div>{tu("days", { count: c.effectivePrisonDays })}</div> : null}
                    {c.effectiveLashes !== null ? <div>{tu("lashes", { count: c.effectiveLashes })}</div> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
