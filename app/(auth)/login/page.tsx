import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { getSessionState } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await getSessionState();
  if (session) redirect(session.needsTwoFactorEnrolment ? "/account/security" : callbackUrl);

  const [t, tc] = await Promise.all([getTranslations("login"), getTranslations("common")]);
  // next-auth sends failed non-JS sign-ins here with ?error=...; show the same wording.
  const errorParam = Array.isArray(params.error) ? params.error[0] : params.error;
  // (A missing or wrong code needs the password again, so those start over as a failure.)
  const initialError = errorParam ? (errorParam === "CredentialsSignin" ? "wrongCredentials" : "failed") : null;

  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="mb-4 flex items-center gap-2 text-sm font-semibold tracking-wide text-accent uppercase">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6l-8-3Z" strokeLinejoin="round" />
          </svg>
          {tc("appName")}
        </p>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8">
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-2 mb-6 text-sm text-ink-muted">{t("intro")}</p>
          <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
        </div>
      </div>
    </main>
  );
}
