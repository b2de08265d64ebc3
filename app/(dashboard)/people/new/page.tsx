import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PersonForm } from "@/components/recording/person-form";
import { PageHeader } from "@/components/ui/page-header";
import { recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../_lib/editor-loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("newPerson") };
}

export default async function NewPersonPage() {
  const actor = await requireEditorPage("/people");
  const [choices, t] = await Promise.all([orEditorPage(recordingChoices(actor), "/people"), getTranslations("recording")]);
  return (
    <>
      <PageHeader title={t("newPerson")} />
      <PersonForm people={choices.people} />
    </>
  );
}
