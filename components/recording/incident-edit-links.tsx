import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DeleteButton } from "./delete-button";

const linkClass =
  "inline-flex items-center rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-ink no-underline hover:bg-surface-muted";

/** "Edit incident" and "Delete incident" on an incident page; rendered only for EDITOR/ADMIN. */
export async function IncidentEditLinks({ incidentId, version }: { incidentId: string; version: number }) {
  const t = await getTranslations("incidentForm");
  return (
    <div className="mb-6 flex flex-wrap gap-2" data-testid="edit-controls" role="group" aria-label={t("controls")}>
      <Link href={`/incidents/${incidentId}/edit`} className={linkClass} data-testid="edit-incident">
        {t("editIncident")}
      </Link>
      <DeleteButton kind="incident" id={incidentId} version={version} label={t("deleteIncident")} title={t("deleteTitle")} redirectTo="/incidents" />
    </div>
  );
}

/** A "New …" link at the top of a list; rendered only for EDITOR/ADMIN. */
export function NewRecordLink({ href, label, testId }: { href: string; label: string; testId: string }) {
  return (
    <div className="mb-4">
      <Link href={href} className={linkClass} data-testid={testId}>
        {label}
      </Link>
    </div>
  );
}
