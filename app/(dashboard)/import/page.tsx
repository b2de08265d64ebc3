import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { requireEditorPage } from "../_lib/editor-loaders";
import { ImportForm } from "./import-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("csvImport"))("metaTitle") };
}

// CSV import for EDITOR and ADMIN (a VIEWER is sent to the case table; POST /api/import
// refuses them on its own anyway). The file stays in the browser between the check and the
// import: it is sent twice and never stored on the server.
export default async function ImportPage() {
  await requireEditorPage("/cases");
  const t = await getTranslations("csvImport");
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <ImportForm />
    </>
  );
}
