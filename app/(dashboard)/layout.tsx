import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SignInNoticeBanner } from "@/components/auth/sign-in-notice";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/layout/nav-links";
import { Badge } from "@/components/ui/badge";
import { getSessionState } from "@/lib/auth/session";
import { canEdit } from "@/lib/authz";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // A comfort redirect only: every data read authorizes the actor again. An account that
  // must first change a temporary password goes to /change-password; one that must set up
  // two-factor sign-in gets no navigation: its pages send it to /account/security. Nothing
  // else answers either (getActor is null for both).
  const session = await getSessionState();
  if (!session) redirect("/login");
  if (session.mustChangePassword) redirect("/change-password");
  const { actor, needsTwoFactorEnrolment } = session;
  const [t, tc, tr] = await Promise.all([getTranslations("nav"), getTranslations("common"), getTranslations("role")]);

  return (
    <>
      <a
        href="#main-content"
        className="sr-only rounded-md bg-accent px-4 py-2 font-medium text-accent-ink focus:not-sr-only focus:absolute focus:start-3 focus:top-3 focus:z-50"
      >
        {tc("skipToContent")}
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/people" className="text-base font-semibold text-ink no-underline">
            {tc("appName")}
          </Link>
          {needsTwoFactorEnrolment ? null : <NavLinks admin={actor.role === "ADMIN"} canImport={canEdit(actor)} />}
          {canEdit(actor) && !needsTwoFactorEnrolment ? (
            <Link href="/people/new" className="rounded-md px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted" data-testid="new-person-link">
              {(await getTranslations("recording"))("newPerson")}
            </Link>
          ) : null}
          <div className="ms-auto flex flex-wrap items-center gap-3">
            <p data-testid="current-user" className="flex flex-wrap items-center gap-2 text-sm">
              <span className="sr-only">{t("signedInAs")} </span>
              <span dir="auto" className="font-medium">
                {actor.name}
              </span>
              <Badge tone={actor.role === "VIEWER" ? "neutral" : "restricted"}>{tr(actor.role)}</Badge>
            </p>
            <Link href="/account/security" className="rounded-md px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted" data-testid="security-link">
              {t("security")}
            </Link>
            <Link href="/account/password" className="rounded-md px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted" data-testid="password-link">
              {(await getTranslations("userAdmin"))("accountPasswordLink")}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none sm:py-8">
        {/* Failed sign-ins on the account since the owner's previous sign-in, until dismissed. */}
        {session.signInNotice ? <SignInNoticeBanner notice={session.signInNotice} /> : null}
        {children}
      </main>
    </>
  );
}
