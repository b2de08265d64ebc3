"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { safeCallbackUrl } from "@/components/auth/callback-url";

type Failure = "wrongCredentials" | "failed";

export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: Failure | null }) {
  const t = useTranslations("login");
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Failure | null>(initialError ?? null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error || !result.ok) {
        // Same message for an unknown email and a wrong password: accounts are not enumerable.
        setError(result?.error && result.error !== "CredentialsSignin" ? "failed" : "wrongCredentials");
        setPending(false);
        if (passwordRef.current) {
          passwordRef.current.value = "";
          passwordRef.current.focus();
        }
        return;
      }
      router.replace(safeCallbackUrl(callbackUrl));
      router.refresh();
    } catch {
      setError("failed");
      setPending(false);
    }
  }

  const inputClass =
    "mt-1 block w-full rounded-md border border-line bg-surface px-3 py-2 text-base text-ink shadow-sm placeholder:text-ink-muted disabled:opacity-70";

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div role="alert">
        {error ? (
          <p data-testid="login-error" className="rounded-md border border-danger-ink/30 bg-danger-bg px-3 py-2 text-sm font-medium text-danger-ink">{t(error)}</p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={320}
          spellCheck={false}
          autoCapitalize="none"
          className={inputClass}
          aria-invalid={error === "wrongCredentials" ? true : undefined}
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          className={inputClass}
          aria-invalid={error === "wrongCredentials" ? true : undefined}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="inline-flex w-full items-center justify-center gap-2 rounded-md bg-accent px-4 py-2.5 font-medium text-accent-ink shadow-sm hover:opacity-90 disabled:cursor-wait disabled:opacity-80"
      >
        {pending ? (
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 animate-spin motion-reduce:animate-none" fill="none">
            <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.35" strokeWidth="3" />
            <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
        ) : null}
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
