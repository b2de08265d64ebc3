import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IncidentForm } from "@/components/recording/incident-form";
import { PageHeader } from "@/components/ui/page-header";
import { recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../_lib/editor-loaders";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidentForm"))("newIncident") };
}

export default async function NewIncidentPage() {
  const actor = await requireEditorPage("/incidents");
  const [choices, t] = await Promise.all([orEditorPage(recordingChoices(actor), "/incidents"), getTranslations("incidentForm")]);
  return (
    <>
      <PageHeader title={t("newIncident")} />
      <IncidentForm sources={choices.sources} />
    </>
  );
}
