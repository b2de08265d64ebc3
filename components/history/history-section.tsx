import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HistoryList } from "@/components/history/history-list";
import { Section } from "@/components/ui/section";
import type { Actor } from "@/lib/authz";
import { caseHistory, personHistory } from "@/lib/data/history";

/** The History card of a person or case page (restricted fields redacted for readers who may not see them). */
export async function HistorySection({ actor, kind, id }: { actor: Actor; kind: "person" | "case"; id: string }) {
  const [entries, t] = await Promise.all([kind === "person" ? personHistory(actor, id) : caseHistory(actor, id), getTranslations("history")]);
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
      <HistoryList entries={entries} />
    </Section>
  );
}
