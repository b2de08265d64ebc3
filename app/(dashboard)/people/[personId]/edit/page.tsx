import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteButton } from "@/components/recording/delete-button";
import { PersonForm } from "@/components/recording/person-form";
import { PageHeader } from "@/components/ui/page-header";
import { personForEdit, recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ personId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("editPerson") };
}

export default async function EditPersonPage({ params }: { params: Params }) {
  const { personId } = await params;
  const back = `/people/${personId}`;
  const actor = await requireEditorPage(back);
  const [person, choices, t] = await Promise.all([
    orEditorPage(personForEdit(actor, personId), back),
    orEditorPage(recordingChoices(actor), back),
    getTranslations("recording"),
  ]);
  return (
    <>
      <PageHeader title={t("editPerson")} meta={<span dir="auto">{person.name}</span>} />
      <PersonForm person={person} people={choices.people} />
      <div className="mt-8 border-t border-line pt-4">
        <DeleteButton kind="person" id={person.id} version={person.version} label={t("deletePerson")} redirectTo="/people" />
      </div>
    </>
  );
}
