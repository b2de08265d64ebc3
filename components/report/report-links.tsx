import { getTranslations } from "next-intl/server";

const linkClass =
  "inline-flex items-center gap-1.5 rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink no-underline hover:bg-surface-muted";

/**
 * "Case report (internal)" / "Case report (public)" on a person page: plain download links
 * to GET /api/people/{id}/report.pdf (the server checks the role again; a VIEWER is only
 * offered the public profile).
 */
export async function ReportLinks({ personId, canInternal }: { personId: string; canInternal: boolean }) {
  const t = await getTranslations("report.ui");
  const href = (profile: "internal" | "public") => `/api/people/${encodeURIComponent(personId)}/report.pdf?profile=${profile}`;
  const profiles = canInternal ? (["internal", "public"] as const) : (["public"] as const);
  return (
    <section aria-labelledby="report-links-heading" className="mb-6" data-testid="report-links">
      <h2 id="report-links-heading" className="sr-only">
        {t("menuLabel")}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {profiles.map((profile) => (
          <li key={profile}>
            <a href={href(profile)} download className={linkClass} aria-describedby={`report-hint-${profile}`} data-testid={`report-link-${profile}`}>
              <span aria-hidden="true">⤓</span>
              {t(profile)}
            </a>
          </li>
        ))}
      </ul>
      <ul className="mt-1.5 space-y-0.5 text-xs text-ink-muted">
        {profiles.map((profile) => (
          <li key={profile} id={`report-hint-${profile}`}>
            {t(profile)}: {t(`${profile}Hint`)}
          </li>
        ))}
        <li>{t("audited")}</li>
      </ul>
    </section>
  );
}
