import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CaseForm } from "@/components/recording/case-form";
import { DeleteButton } from "@/components/recording/delete-button";
import { PageHeader } from "@/components/ui/page-header";
import { caseForEdit, recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ caseId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("editCase") };
}

export default async function EditCasePage({ params }: { params: Params }) {
  const { caseId } = await params;
  const back = `/cases/${caseId}`;
  const actor = await requireEditorPage(back);
  const [kase, choices, t] = await Promise.all([
    orEditorPage(caseForEdit(actor, caseId), back),
    orEditorPage(recordingChoices(actor), back),
    getTranslations("recording"),
  ]);
  return (
    <>
      <PageHeader title={t("editCase")} meta={<span dir="auto">{kase.person.name}</span>} />
      <CaseForm kase={kase} choices={choices} />
      <div className="mt-8 border-t border-line pt-4">
        <DeleteButton kind="case" id={kase.id} version={kase.version} label={t("deleteCase")} redirectTo={`/people/${kase.personId}`} />
      </div>
    </>
  );
}
