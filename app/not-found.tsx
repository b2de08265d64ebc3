import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotFoundPanel } from "@/components/layout/not-found-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notFound");
  return { title: t("metaTitle") };
}

export default function NotFound() {
  return (
    <main id="main-content" className="mx-auto max-w-6xl px-4 py-12">
      <NotFoundPanel />
    </main>
  );
}
