// Shown on every page of a session until dismissed: the failed sign-in attempts on the
// account between the owner's previous sign-in and this one (lib/data/sign-in-failures.ts),
// so that someone guessing their password does not go unnoticed.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInNotice } from "@/lib/data/auth-sessions";
import { DismissSignInNoticeButton } from "./sign-in-notice-dismiss";

export async function SignInNoticeBanner({ notice }: { notice: SignInNotice }) {
  const [t, format] = await Promise.all([getTranslations("signInNotice"), getFormatter()]);
  const since = notice.previousSignInAt
    ? t("sincePrevious", { count: notice.failures, date: format.dateTime(notice.previousSignInAt, { dateStyle: "medium", timeStyle: "short" }) })
    : t("sinceNever", { count: notice.failures });
  return (
    <section
      role="status"
      aria-labelledby="sign-in-notice-title"
      data-testid="sign-in-notice"
      className="mb-6 rounded-lg border border-warning-ink/30 bg-warning-bg px-4 py-3 text-sm text-warning-ink"
    >
      <h2 id="sign-in-notice-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1" data-testid="sign-in-notice-count">
        {since}
      </p>
      {notice.wrongCodes > 0 ? (
        <p className="mt-1 font-medium" data-testid="sign-in-notice-codes">
          {t("wrongCodes", { count: notice.wrongCodes })}
        </p>
      ) : null}
      <p className="mt-1">{t("advice")}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Link href="/account/security#sessions" className="font-medium underline">
          {t("review")}
        </Link>
        <DismissSignInNoticeButton label={t("dismiss")} failed={t("dismissFailed")} />
      </div>
    </section>
  );
}
