"use client";

// What the table shows instead of rows: nothing matches, or the page is past the end.
import Link from "next/link";
import { useTranslations } from "next-intl";

export function CasesEmptyState({ query, clearHref }: { query: string | undefined; clearHref: string }) {
  const t = useTranslations("cases");
  return (
    <div role="status" data-testid="cases-empty" className="rounded-lg border border-dashed border-line bg-surface p-8 text-center">
      <p className="font-medium">{query ? t("emptySearch", { q: query }) : t("empty")}</p>
      <p className="mt-1 text-sm text-ink-muted">{t("emptyHint")}</p>
      <p className="mt-3">
        <Link href={clearHref}>{t("emptyClear")}</Link>
      </p>
    </div>
  );
}

export function PastEndState({ lastPage, href }: { lastPage: number; href: string }) {
  const t = useTranslations("cases");
  return (
    <div role="status" className="rounded-lg border border-dashed border-line bg-surface p-8 text-center">
      <p className="font-medium">{t("pastEnd")}</p>
      <p className="mt-3">
        <Link href={href}>{t("pastEndLink", { page: lastPage })}</Link>
      </p>
    </div>
  );
}
