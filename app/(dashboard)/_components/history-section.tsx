import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HistoryList } from "@/components/history/history-list";
import { HistoryPages } from "@/components/history/history-pages";
import { Section } from "@/components/ui/section";
import type { Actor } from "@/lib/authz";
import { caseHistory, incidentHistory, personHistory } from "@/lib/data/history";
import { incidentHistoryLabels } from "@/components/history/incident-history-labels";
import { historyParam, parseHistoryCursor } from "@/lib/validation/history";

const PATHS = { person: "/people", case: "/cases", incident: "/incidents" } as const;

/**
 * The History card of a person, case or incident page (restricted fields redacted for readers
 * who may not see them), one page at a time: `cursor` is the value of the page's
 * historyParam(kind) search parameter (an invalid one shows the newest changes).
 */
export async function HistorySection({
  actor,
  kind,
  id,
  cursor,
}: {
  actor: Actor;
  kind: "person" | "case" | "incident";
  id: string;
  cursor?: string | string[];
}) {
  const read = kind === "person" ? personHistory : kind === "case" ? caseHistory : incidentHistory;
  const [page, t, labels] = await Promise.all([
    read(actor, id, parseHistoryCursor(cursor)),
    getTranslations("history"),
    kind === "incident" ? incidentHistoryLabels() : undefined,
  ]);
  const sectionId = `${kind}-history`;
  return (
    <Section
      id={sectionId}
      title={t("title")}
      aside={
        actor.role === "ADMIN" ? (
          <Link href="/admin/deleted" className="ms-auto text-sm">
            {t("deletedRecords")}
          </Link>
        ) : null
      }
    >
      <HistoryList entries={page.entries} labels={labels} />
      <HistoryPages page={page} path={`${PATHS[kind]}/${encodeURIComponent(id)}`} param={historyParam(kind)} anchor={`${sectionId}-heading`} />
    </Section>
  );
}
