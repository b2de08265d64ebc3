import Link from "next/link";
import { getTranslations } from "next-intl/server";

const linkClass =
  "inline-flex items-center rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink no-underline hover:bg-surface-muted";

/** "Edit person" and "New case" on a person page; rendered only for EDITOR/ADMIN. */
export async function PersonEditLinks({ personId }: { personId: string }) {
  const t = await getTranslations("recording");
  return (
    <div className="mb-6 flex flex-wrap gap-2" data-testid="edit-controls">
      <Link href={`/people/${personId}/edit`} className={linkClass}>
        {t("editPerson")}
      </Link>
      <Link href={`/cases/new?personId=${personId}`} className={linkClass}>
        {t("newCase")}
      </Link>
    </div>
  );
}
