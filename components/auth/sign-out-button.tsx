"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function SignOutButton() {
  const t = useTranslations("nav");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      data-testid="sign-out"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl: "/login" });
        } catch {
          setPending(false);
        }
      }}
      className="rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-surface-muted disabled:opacity-70"
    >
      {pending ? t("signingOut") : t("signOut")}
    </button>
  );
}
