import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteButton } from "@/components/recording/delete-button";
import { IncidentForm } from "@/components/recording/incident-form";
import { PageHeader } from "@/components/ui/page-header";
import { incidentForEdit } from "@/lib/data/incident-source-forms";
import { recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ incidentId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidentForm"))("editIncident") };
}

export default async function EditIncidentPage({ params }: { params: Params }) {
  const { incidentId } = await params;
  const back = `/incidents/${incidentId}`;
  const actor = await requireEditorPage(back);
  const [incident, choices, t] = await Promise.all([
    orEditorPage(incidentForEdit(actor, incidentId), back),
    orEditorPage(recordingChoices(actor), back),
    getTranslations("incidentForm"),
  ]);
  return (
    <>
      <PageHeader title={t("editIncident")} meta={<span dir="auto">{incident.title}</span>} />
      <IncidentForm incident={incident} sources={choices.sources} />
      <div className="mt-8 border-t border-line pt-4">
        <DeleteButton
          kind="incident"
          id={incident.id}
          version={incident.version}
          label={t("deleteIncident")}
          title={t("deleteTitle")}
          redirectTo="/incidents"
        />
      </div>
    </>
  );
}
