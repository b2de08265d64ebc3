import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { ForbiddenError } from "@/lib/authz";
import { getSettings, type Settings } from "@/lib/data/settings";
import { requirePageActor } from "../../_lib/loaders";
import { savePublicAggregatesSetting, saveRequireTwoFactorSetting } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.settings");
  return { title: t("metaTitle") };
}

const RESULTS = ["saved", "unchanged", "invalid", "forbidden", "failed"] as const;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SettingsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const t = await getTranslations("dashboard.settings");
  let settings: Settings;
  try {
    settings = await getSettings(actor);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    return (
      <>
        <PageHeader title={t("title")} />
        <p data-testid="settings-forbidden" className="rounded-lg border border-line bg-surface p-6">
          {t("forbidden")}
        </p>
      </>
    );
  }
  const given = (await searchParams).result;
  const result = RESULTS.find((r) => r === given);

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {result ? (
        <p role="status" data-testid="settings-result" className="mb-4 rounded-md border border-line bg-surface-muted px-3 py-2 text-sm font-medium">
          {t(result)}
        </p>
      ) : null}
      <form action={savePublicAggregatesSetting} className="rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-6">
        <fieldset>
          <legend className="text-lg font-semibold">{t("publicTitle")}</legend>
          <p className="mt-1 max-w-3xl text-sm text-ink-muted">{t("publicHint", { path: "/stats", jsonPath: "/api/public/stats" })}</p>
          <p className="mt-2 text-sm font-medium" data-testid="public-status">
            {settings.publicAggregates ? t("statusOn") : t("statusOff")}
          </p>
          <div className="mt-3 space-y-2">
            {(["on", "off"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="publicAggregates" value={value} defaultChecked={settings.publicAggregates === (value === "on")} className="size-4" />
                {t(value)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink shadow-sm hover:opacity-90" data-testid="public-save">
            {t("save")}
          </button>
          {settings.publicAggregates ? <Link href="/stats">{t("view")}</Link> : null}
        </div>
      </form>
      <form action={saveRequireTwoFactorSetting} className="mt-6 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-6">
        <fieldset>
          <legend className="text-lg font-semibold">{t("twoFactorTitle")}</legend>
          <p className="mt-1 max-w-3xl text-sm text-ink-muted">{t("twoFactorHint")}</p>
          <p className="mt-2 text-sm font-medium" data-testid="two-factor-status">
            {settings.requireTwoFactor ? t("twoFactorStatusOn") : t("twoFactorStatusOff")}
          </p>
          <div className="mt-3 space-y-2">
            {(["on", "off"] as const).map((value) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="requireTwoFactor" value={value} defaultChecked={settings.requireTwoFactor === (value === "on")} className="size-4" />
                {value === "on" ? t("twoFactorOn") : t("twoFactorOff")}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4">
          <button type="submit" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink shadow-sm hover:opacity-90" data-testid="two-factor-save">
            {t("save")}
          </button>
        </div>
      </form>
    </>
  );
}
