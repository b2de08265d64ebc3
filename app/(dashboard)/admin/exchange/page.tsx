import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExchangeImportForm } from "@/components/export/exchange-import-form";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { canEdit } from "@/lib/authz";
import { EXCHANGE_MAX_BYTES } from "@/lib/exchange/limits";
import { requirePageActor } from "../../_lib/loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("export.exchange");
  return { title: t("metaTitle") };
}

// Moving every record to another installation (docs/exchange-format.md). EDITORs export the
// live records; ADMINs export everything (the trash included) and import into an empty
// installation. The route handlers authorize again; this page only shows what the role may do.
export default async function ExchangePage() {
  const actor = await requirePageActor();
  const t = await getTranslations("export.exchange");
  if (!canEdit(actor)) {
    return (
      <>
        <PageHeader title={t("title")} />
        <p data-testid="exchange-forbidden" className="rounded-lg border border-line bg-surface p-6">
          {t("forbidden")}
        </p>
      </>
    );
  }
  const admin = actor.role === "ADMIN";
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <div className="space-y-6">
        <Section id="exchange-export" title={t("exportTitle")} data-testid="exchange-export">
          <p className="max-w-3xl text-sm">{admin ? t("exportScopeComplete") : t("exportScopeLive")}</p>
          <p className="mt-2 max-w-3xl rounded-md border border-line bg-surface-muted px-3 py-2 text-sm" role="note">
            {t("exportWarning")}
          </p>
          <a
            href="/api/exchange/export"
            download
            className="mt-4 inline-flex items-center rounded-md bg-accent px-4 py-2 font-medium text-accent-ink no-underline shadow-sm hover:opacity-90"
            data-testid="exchange-download"
          >
            {t("exportButton")}
          </a>
        </Section>
        <Section id="exchange-import" title={t("importTitle")} data-testid="exchange-import">
          {admin ? <ExchangeImportForm maxMegabytes={EXCHANGE_MAX_BYTES / 1024 / 1024} /> : <p className="text-sm">{t("importAdminOnly")}</p>}
        </Section>
      </div>
    </>
  );
}
