import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getSessionState } from "@/lib/auth/session";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password";
import { ChangePasswordForm } from "../../(dashboard)/account/password/change-password-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("userAdmin.forced");
  return { title: t("metaTitle") };
}

/**
 * The first sign-in with a temporary password lands here (the dashboard layout, the page
 * loaders, the action wrapper and the JSON handlers send such a user nowhere else), outside
 * the dashboard so there is no navigation to anything else.
 */
export default async function ForcedPasswordChangePage() {
  // The session state, not getActor: an account that must also set up two-factor sign-in
  // has no actor yet, and changes its password first (then sets up two-factor).
  const session = await getSessionState();
  if (!session) redirect("/login");
  const { actor } = session;
  if (!session.mustChangePassword) redirect("/people");
  const [t, tc] = await Promise.all([getTranslations("userAdmin.forced"), getTranslations("common")]);
  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="mb-4 text-sm font-semibold tracking-wide text-accent uppercase">{tc("appName")}</p>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-2 mb-6 text-sm text-ink-muted">{t("intro")}</p>
          <ChangePasswordForm email={actor.email} temporary min={PASSWORD_MIN_LENGTH} max={PASSWORD_MAX_LENGTH} />
        </div>
        <div className="mt-4 flex justify-end">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
