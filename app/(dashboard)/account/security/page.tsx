import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { QrCode } from "@/components/auth/qr-code";
import {
  DisableTwoFactorForm,
  EnrolmentSteps,
  RegenerateCodesForm,
  RevokeSessionButton,
  SignOutEverywhereButton,
  StartEnrolmentButton,
} from "@/components/auth/security-forms";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { TableScroll, captionClass, tableClass, tdClass, HeaderCells } from "@/components/ui/table";
import { getSessionState } from "@/lib/auth/session";
import { listOwnSessions } from "@/lib/data/auth-sessions";
import { getTwoFactorOverview } from "@/lib/data/auth-totp";
import { sessionLifetime } from "@/lib/env";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("accountSecurity");
  return { title: t("metaTitle") };
}

/** "JBSW Y3DP EHPK 3PXP": easier to type by hand. */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export default async function AccountSecurityPage() {
  // The one page an account that must first set up two-factor sign-in may open: it reads
  // the session state itself instead of requirePageActor (which sends such accounts here).
  const state = await getSessionState();
  if (!state) redirect("/login");
  const [t, format, overview, sessions] = await Promise.all([
    getTranslations("accountSecurity"),
    getFormatter(),
    getTwoFactorOverview(state.actor),
    listOwnSessions(state.actor, state.sessionId),
  ]);
  const { idleMs, absoluteMs } = sessionLifetime();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });

  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      {state.needsTwoFactorEnrolment ? (
        <p
          role="status"
          data-testid="enrolment-required"
          className="mb-4 rounded-md border border-danger-ink/30 bg-danger-bg px-3 py-2 text-sm font-medium text-danger-ink"
        >
          {t("enrolmentRequired")}
        </p>
      ) : null}
      <div className="space-y-6">
        <Section id="two-factor" title={t("twoFactor.title")} data-testid="two-factor-section">
          {overview.enabled && overview.enabledAt ? (
            <div className="space-y-6">
              <div>
                <p data-testid="totp-status">{t("twoFactor.on", { date: when(overview.enabledAt) })}</p>
                <p className="mt-1 text-sm text-ink-muted" data-testid="recovery-left">
                  {t("twoFactor.recoveryLeft", { count: overview.recoveryCodesLeft })}
                </p>
              </div>
              <div>
                <h3 className="mb-2 font-semibold">{t("twoFactor.regenerateTitle")}</h3>
                <RegenerateCodesForm />
              </div>
              <div>
                <h3 className="mb-2 font-semibold">{t("twoFactor.disableTitle")}</h3>
                <DisableTwoFactorForm />
              </div>
            </div>
          ) : overview.enrolment ? (
            <div className="space-y-6" data-testid="totp-enrolment">
              <div>
                <h3 className="font-semibold">{t("twoFactor.scanTitle")}</h3>
                <p className="mt-1 max-w-2xl text-sm text-ink-muted">{t("twoFactor.scanHint")}</p>
                <div className="mt-3 flex flex-wrap items-start gap-6">
                  <div className="rounded-md border border-line bg-white p-2">
                    <QrCode value={overview.enrolment.uri} label={t("twoFactor.qrLabel")} />
                  </div>
                  <div>
                    <p className="text-sm font-medium">{t("twoFactor.manualKey")}</p>
                    <p className="mt-1 font-mono text-lg break-all" data-testid="totp-manual-key">
                      {groupKey(overview.enrolment.secret)}
                    </p>
                  </div>
                </div>
              </div>
              <EnrolmentSteps confirmTitle={t("twoFactor.confirmTitle")} />
            </div>
          ) : (
            <div className="space-y-3">
              <p className="max-w-2xl" data-testid="totp-status">
                {t("twoFactor.off")}
              </p>
              <StartEnrolmentButton label={t("twoFactor.start")} />
            </div>
          )}
        </Section>

        <Section id="sessions" title={t("sessions.title")} data-testid="sessions-section">
          <p className="mb-3 max-w-2xl text-sm text-ink-muted">{t("sessions.intro", { idle: idleMs / 60_000, absolute: absoluteMs / 3_600_000 })}</p>
          {sessions.length === 0 ? (
            <p className="mb-4">{t("sessions.empty")}</p>
          ) : (
            <div className="mb-4">
              <TableScroll label={t("sessions.title")}>
                <table className={tableClass} data-testid="sessions-table">
                  <caption className={captionClass}>{t("sessions.title")}</caption>
                  <thead>
                    <tr>
                      <HeaderCells
                        labels={[
                          t("sessions.device"),
                          t("sessions.address"),
                          t("sessions.started"),
                          t("sessions.lastSeen"),
                          '<span className="sr-only">{t("sessions.revoke")}</span>',
                        ]}
                      />
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.map((s) => (
                      <tr key={s.id} data-testid="session-row" data-current={s.current ? "true" : undefined}>
                        <td className={`${tdClass} max-w-[22rem] break-words`}>
                          <span dir="auto">{s.userAgent ?? t("sessions.unknown")}</span>
                          {s.current ? <strong className="ms-2 text-accent">({t("sessions.current")})</strong> : null}
                        </td>
                        <td className={tdClass}>{s.ip ?? t("sessions.unknown")}</td>
                        <td className={tdClass}>{when(s.createdAt)}</td>
                        <td className={tdClass}>{when(s.lastSeenAt)}</td>
                        <td className={tdClass}>
                          {s.current ? null : <RevokeSessionButton sessionId={s.id} label={t("sessions.revokeLabel", { date: when(s.createdAt) })} />}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          )}
          <SignOutEverywhereButton />
        </Section>
      </div>
    </>
  );
}
