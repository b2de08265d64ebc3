import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SourceForm } from "@/components/recording/source-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireEditorPage } from "../../_lib/editor-loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sourceForm"))("newSource") };
}

export default async function NewSourcePage() {
  await requireEditorPage("/sources");
  const t = await getTranslations("sourceForm");
  return (
    <>
      <PageHeader title={t("newSource")} />
      <SourceForm />
    </>
  );
}
