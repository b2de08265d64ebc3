import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteButton } from "@/components/recording/delete-button";
import { SourceForm } from "@/components/recording/source-form";
import { PageHeader } from "@/components/ui/page-header";
import { sourceForEdit } from "@/lib/data/incident-source-forms";
import { orEditorPage, requireEditorPage } from "../../../_lib/editor-loaders";

export const dynamic = "force-dynamic";
type Params = Promise<{ sourceId: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sourceForm"))("editSource") };
}

export default async function EditSourcePage({ params }: { params: Params }) {
  const { sourceId } = await params;
  const actor = await requireEditorPage("/sources");
  const [source, t] = await Promise.all([orEditorPage(sourceForEdit(actor, sourceId), "/sources"), getTranslations("sourceForm")]);
  return (
    <>
      <PageHeader title={t("editSource")} meta={<span dir="auto">{source.title}</span>} />
      <SourceForm source={source} />
      <div className="mt-8 border-t border-line pt-4">
        <DeleteButton kind="source" id={source.id} version={source.version} label={t("deleteSource")} title={t("deleteTitle")} redirectTo="/sources" />
      </div>
    </>
  );
}
