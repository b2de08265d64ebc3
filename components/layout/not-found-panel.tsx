import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function NotFoundPanel() {
  const t = await getTranslations("notFound");
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-line bg-surface p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-ink-muted">{t("body")}</p>
      <p className="mt-4">
        <Link href="/people">{t("home")}</Link>
      </p>
    </div>
  );
}
