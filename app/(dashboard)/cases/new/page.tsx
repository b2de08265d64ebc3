import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CaseForm } from "@/components/recording/case-form";
import { PageHeader } from "@/components/ui/page-header";
import { recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../_lib/editor-loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("newCase") };
}

export default async function NewCasePage({ searchParams }: { searchParams: Promise<{ personId?: string | string[] }> }) {
  const { personId } = await searchParams;
  const actor = await requireEditorPage("/people");
  const [choices, t] = await Promise.all([orEditorPage(recordingChoices(actor), "/people"), getTranslations("recording")]);
  return (
    <>
      <PageHeader title={t("newCase")} />
      <CaseForm choices={choices} personId={typeof personId === "string" ? personId : undefined} />
    </>
  );
}
