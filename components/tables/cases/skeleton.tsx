// Placeholder rows while the first view of the case table loads (app/(dashboard)/cases/loading.tsx).
import { getTranslations } from "next-intl/server";

export async function CasesTableSkeleton({ rows = 8 }: { rows?: number }) {
  const t = await getTranslations("cases");
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="cases-skeleton">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden="true" className="mb-4 h-28 animate-pulse rounded-lg border border-line bg-surface" />
      <div aria-hidden="true" className="overflow-hidden rounded-lg border border-line bg-surface">
        <div className="h-10 border-b border-line bg-surface-muted" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex gap-4 border-b border-line px-3 py-3">
            <div className="h-4 w-1/4 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/6 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/5 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/6 animate-pulse rounded bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
