import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeleteButton } from "@/components/recording/delete-button";
import { EventForm } from "@/components/recording/event-form";
import { PageHeader } from "@/components/ui/page-header";
import { eventForEdit, recordingChoices } from "@/lib/data/recording-forms";
import { orEditorPage, requireEditorPage } from "../../../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ caseId: string; eventId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("editEvent") };
}

export default async function EditEventPage({ params }: { params: Params }) {
  const { caseId, eventId } = await params;
  const back = `/cases/${caseId}`;
  const actor = await requireEditorPage(back);
  const [event, choices, t, tType] = await Promise.all([
    orEditorPage(eventForEdit(actor, eventId), back),
    orEditorPage(recordingChoices(actor), back),
    getTranslations("recording"),
    getTranslations("eventType"),
  ]);
  // The URL names the case too: an event of another case is not found here.
  if (event.caseId !== caseId) notFound();
  return (
    <>
      <PageHeader title={`${t("editEvent")}: ${tType(event.type)}`} />
      <EventForm caseId={caseId} event={event} choices={choices} />
      <div className="mt-8 border-t border-line pt-4">
        <DeleteButton kind="event" id={event.id} version={event.version} label={t("deleteEvent")} redirectTo={back} />
      </div>
    </>
  );
}
