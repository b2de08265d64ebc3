import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/section";
import type { CaseView } from "@/lib/data/case-view";
import { MoveEventButtons } from "./move-event-buttons";

const QUICK = ["ARREST", "DETENTION", "BAIL", "CHARGE", "SENTENCE", "APPEAL", "RELEASE", "OTHER"] as const;

const linkClass =
  "inline-flex items-center rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-ink no-underline hover:bg-surface-muted";

/** Editors' controls on the case page: quick updates, and per event an edit link and buttons to move it. Rendered only for EDITOR/ADMIN. */
export async function CaseEditPanel({ c }: { c: CaseView }) {
  const [t, tType] = await Promise.all([getTranslations("recording"), getTranslations("eventType")]);
  return (
    <Section id="quick-updates" title={t("quickUpdates")} data-testid="edit-controls">
      <p className="mb-3 text-sm text-ink-muted">{t("quickUpdatesHint")}</p>
      <ul className="flex flex-wrap gap-2">
        {QUICK.map((type) => (
          <li key={type}>
            <Link href={`/cases/${c.id}/events/new?type=${type}`} className={linkClass}>
              {t(`quick.${type}`)}
            </Link>
          </li>
        ))}
      </ul>
      {c.events.length ? (
        <ol className="mt-4 space-y-1 border-t border-line pt-3 text-sm" aria-label={t("eventOrder")}>
          {[...c.events]
            .sort((a, b) => a.position - b.position)
            .map((e, i, all) => {
              const type = tType(e.type);
              return (
                <li key={e.id} data-testid="event-order-item" className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={`/cases/${c.id}/events/${e.id}/edit`}>{t("editEventLabel", { n: i + 1, type })}</Link>
                  {all.length > 1 ? <MoveEventButtons id={e.id} version={e.version} n={i + 1} type={type} first={i === 0} last={i === all.length - 1} /> : null}
                </li>
              );
            })}
        </ol>
      ) : null}
      <p className="mt-4">
        <Link href={`/cases/${c.id}/edit`} className={linkClass}>
          {t("editCase")}
        </Link>
      </p>
    </Section>
  );
}
