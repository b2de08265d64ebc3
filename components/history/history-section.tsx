import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HistoryList } from "@/components/history/history-list";
import { Section } from "@/components/ui/section";
import type { Actor } from "@/lib/authz";
import { caseHistory, incidentHistory, personHistory } from "@/lib/data/history";
import { incidentHistoryLabels } from "@/components/history/incident-history-labels";

/** The History card of a person, case or incident page (restricted fields redacted for readers who may not see them). */
export async function HistorySection({ actor, kind, id }: { actor: Actor; kind: "person" | "case" | "incident"; id: string }) {
  const read = kind === "person" ? personHistory : kind === "case" ? caseHistory : incidentHistory;
  const [entries, t, labels] = await Promise.all([read(actor, id), getTranslations("history"), kind === "incident" ? incidentHistoryLabels() : undefined]);
  return (
    <Section
      id={`${kind}-history`}
      title={t("title")}
      aside={
        actor.role === "ADMIN" ? (
          <Link href="/admin/deleted" className="ms-auto text-sm">
            {t("deletedRecords")}
          </Link>
        ) : null
      }
    >
      <HistoryList entries={entries} labels={labels} />
    </Section>
  );
}
