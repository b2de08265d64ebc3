import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EventForm } from "@/components/recording/event-form";
import { PageHeader } from "@/components/ui/page-header";
import { recordingChoices } from "@/lib/data/recording-forms";
import { EVENT_TYPES, type EventTypeName } from "@/lib/validation/event";
import { loadCase } from "../../../../_lib/loaders";
import { orEditorPage, requireEditorPage } from "../../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ caseId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recording"))("addEvent") };
}

export default async function NewEventPage({ params, searchParams }: { params: Params; searchParams: Promise<{ type?: string | string[] }> }) {
  const [{ caseId }, { type }] = await Promise.all([params, searchParams]);
  const back = `/cases/${caseId}`;
  const actor = await requireEditorPage(back);
  const [kase, choices, t, tType] = await Promise.all([
    loadCase(caseId),
    orEditorPage(recordingChoices(actor), back),
    getTranslations("recording"),
    getTranslations("eventType"),
  ]);
  const initialType = (EVENT_TYPES as readonly string[]).includes(String(type)) ? (type as EventTypeName) : undefined;
  return (
    <>
      <PageHeader title={initialType ? `${t("addEvent")}: ${tType(initialType)}` : t("addEvent")} meta={<span dir="auto">{kase.person.name}</span>} />
      <EventForm caseId={caseId} initialType={initialType} choices={choices} />
    </>
  );
}
