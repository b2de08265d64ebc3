import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RestoreButton } from "@/components/recording/restore-button";
import { PageHeader } from "@/components/ui/page-header";
import { listDeletedRecords } from "@/lib/data/deleted-records";
import { requirePageActor } from "../../_lib/loaders";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { formatUtc } from "@/lib/format";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("deleted.title") };
}

export default async function DeletedRecordsPage() {
  const actor = await requirePageActor();
  // Comfort redirect; listDeletedRecords refuses anyone but an ADMIN on its own.
  if (actor.role !== "ADMIN") redirect("/people");
  const [records, t, tType] = await Promise.all([listDeletedRecords(actor), getTranslations("recording"), getTranslations("eventType")]);
  const label = (r: (typeof records)[number]) =>
    r.kind === "case"
      ? t("deleted.caseOf", { name: r.label })
      : r.kind === "event"
        ? t("deleted.eventOf", { type: tType.has(r.label as never) ? tType(r.label as never) : r.label, name: r.context ?? "" })
        : r.label;
  return (
    <>
      <PageHeader title={t("deleted.title")} intro={t("deleted.intro")} />
      {records.length === 0 ? (
        <p className="text-ink-muted">{t("deleted.empty")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="deleted-table">
          <thead>
            <tr className="border-b border-line text-start">
              <ColumnHeaders
                labels={[t("deleted.kind"), t("deleted.record"), t("deleted.deletedAt"), t("deleted.deletedBy"), t("deleted.actions")]}
                className="py-2"
              />
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={`${r.kind}-${r.id}`} className="border-b border-line align-top">
                <td className="py-2 pe-3">{t(`deleted.kinds.${r.kind}`)}</td>
                <td dir="auto" className="py-2 pe-3">
                  {label(r)}
                </td>
                <td className="py-2 pe-3">{formatUtc(r.deletedAt)}</td>
                <td dir="auto" className="py-2 pe-3">
                  {r.deletedBy ?? "—"}
                </td>
                <td className="py-2">
                  <RestoreButton kind={r.kind} id={r.id} label={t("deleted.restoreLabel", { kind: t(`deleted.kinds.${r.kind}`), label: label(r) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
