"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/** The generic error message: never the error's text, stack or digest (they can leak data). */
export function ErrorPanel({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations("error");
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-line bg-surface p-6 shadow-sm">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-ink-muted">{t("body")}</p>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <button type="button" onClick={onRetry} className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink hover:opacity-90">
          {t("retry")}
        </button>
        <Link href="/people">{t("home")}</Link>
      </div>
    </div>
  );
}
