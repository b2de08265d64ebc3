import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { describeLink } from "@/lib/data/user-admin";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password";
import { formatUtc } from "@/lib/format";
import { AcceptLinkForm } from "./accept-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("userAdmin.link");
  // The token is in the URL: nothing should index or keep it.
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

type Params = Promise<{ token: string }>;

/**
 * An invitation or password-reset link (/invite/<token>). No session is needed: the token
 * is the credential, checked by its SHA-256 against the one stored; it works once, for
 * seven days, and never for a disabled account.
 */
export default async function InviteLinkPage({ params }: { params: Params }) {
  const { token } = await params;
  const [link, t, tc] = await Promise.all([describeLink(token), getTranslations("userAdmin.link"), getTranslations("common")]);
  return (
    <main id="main-content" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="mb-4 text-sm font-semibold tracking-wide text-accent uppercase">{tc("appName")}</p>
        <div className="rounded-xl border border-line bg-surface p-6 shadow-sm sm:p-8">
          {link ? (
            <>
              <h1 className="text-2xl font-semibold tracking-tight">{link.firstPassword ? t("titleFirst") : t("titleReset")}</h1>
              <p className="mt-2 text-sm text-ink-muted">
                {link.firstPassword ? t("introFirst", { email: link.email }) : t("introReset", { email: link.email })}
              </p>
              <p className="mt-1 mb-6 text-sm text-ink-muted">{t("expires", { date: formatUtc(link.expiresAt) })}</p>
              <AcceptLinkForm token={token} email={link.email} min={PASSWORD_MIN_LENGTH} max={PASSWORD_MAX_LENGTH} />
            </>
          ) : (
            <div data-testid="link-invalid">
              <h1 className="text-2xl font-semibold tracking-tight">{t("invalidTitle")}</h1>
              <p className="mt-2 mb-6 text-sm text-ink-muted">{t("invalidBody")}</p>
              <Link href="/login">{t("signIn")}</Link>
            </div>
          )}
        </div>
      </div>
    </main>
  );
}
