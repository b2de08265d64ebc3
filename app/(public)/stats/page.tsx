// The public aggregate page: no sign-in (proxy.ts lets /stats through), aggregates only,
// published while an ADMIN has it switched on (admin/settings) and a 404 otherwise.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { Basis } from "@/components/dashboard/chart-text";
import { publicChartSpecs } from "@/components/dashboard/public-chart-specs";
import { PublicStatsView } from "@/components/dashboard/public-stats-view";
import { NotFoundError } from "@/lib/authz";
import { getPublicAggregates } from "@/lib/data/public-aggregates";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard.public");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PublicStatsPage({ searchParams }: { searchParams: SearchParams }) {
  let data;
  try {
    data = await getPublicAggregates();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const basis: Basis = (await searchParams).sentence === "firstInstance" ? "firstInstance" : "effective";
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return <PublicStatsView data={data} specs={publicChartSpecs(data, t, locale, basis)} t={t} locale={locale} basis={basis} />;
}
