"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { safeCallbackUrl } from "@/components/auth/callback-url";
import { inputClass as fieldInputClass } from "@/components/forms/fields";

type Failure = "wrongCredentials" | "failed" | "codeInvalid";

// next-auth passes the error thrown by authorize() as `error` (lib/auth/options.ts).
const CODE_REQUIRED = "CodeRequired";
const CODE_INVALID = "CodeInvalid";

/**
 * Email and password, then (only for an account with two-factor sign-in, and only once the
 * password was right) a second step asking for the authenticator or recovery code. Each
 * try posts all three to the server: nothing is "half signed in" in between.
 */
export function LoginForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: Failure | null }) {
  const t = useTranslations("login");
  const router = useRouter();
  const id = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Failure | null>(initialError ?? null);
  const [step, setStep] = useState<"password" | "code">("password");
  const credentials = useRef<{ email: string; password: string }>({ email: "", password: "" });
  // Shown again when going back from the code step (the password is not).
  const [rememberedEmail, setRememberedEmail] = useState("");
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === "code") codeRef.current?.focus();
  }, [step]);

  function startOver(failure: Failure | null) {
    setRememberedEmail(credentials.current.email);
    credentials.current = { email: "", password: "" };
    setStep("password");
    setError(failure);
    setPending(false);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    if (step === "password") {
      credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    }
    const code = step === "code" ? String(form.get("code") ?? "") : "";
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { ...credentials.current, code, redirect: false });
      if (result?.ok && !result.error) {
        credentials.current = { email: "", password: "" };
        router.replace(safeCallbackUrl(callbackUrl));
        router.refresh();
        return;
      }
      if (result?.error === CODE_REQUIRED) {
        setStep("code");
        setPending(false);
        return;
      }
      if (result?.error === CODE_INVALID) {
        setError("codeInvalid");
        setPending(false);
        if (codeRef.current) {
          codeRef.current.value = "";
          codeRef.current.focus();
        }
        return;
      }
      // Same message for an unknown email, a wrong password and a paused account: accounts are not enumerable.
      const failure: Failure = !result?.error || result.error === "CredentialsSignin" ? "wrongCredentials" : "failed";
      if (step === "code") {
        startOver(failure);
        return;
      }
      setError(failure);
      setPending(false);
      if (passwordRef.current) {
        passwordRef.current.value = "";
        passwordRef.current.focus();
      }
    } catch {
      setError("failed");
      setPending(false);
    }
  }

  const inputClass = `${fieldInputClass} placeholder:text-ink-muted`;

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div role="alert">
        {error ? (
          <p data-testid="login-error" className="rounded-md border border-danger-ink/30 bg-danger-bg px-3 py-2 text-sm font-medium text-danger-ink">
            {t(error)}
          </p>
        ) : null}
      </div>
      {step === "password" ? (
        <>
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
              defaultValue={rememberedEmail}
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
        </>
      ) : (
        <div data-testid="login-code-step">
          <p className="mb-3 text-sm">{t("codeIntro")}</p>
          <label htmlFor={`${id}-code`} className="block text-sm font-medium">
            {t("code")}
          </label>
          <input
            ref={codeRef}
            id={`${id}-code`}
            name="code"
            type="text"
            autoComplete="one-time-code"
            required
            maxLength={64}
            spellCheck={false}
            autoCapitalize="none"
            aria-describedby={`${id}-code-hint`}
            aria-invalid={error === "codeInvalid" ? true : undefined}
            className={`${inputClass} font-mono tracking-widest`}
          />
          <p id={`${id}-code-hint`} className="mt-1 text-sm text-ink-muted">
            {t("codeHint")}
          </p>
        </div>
      )}
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
        {pending ? t("submitting") : step === "code" ? t("verify") : t("submit")}
      </button>
      {step === "code" ? (
        <button type="button" onClick={() => startOver(null)} className="w-full text-center text-sm text-accent underline">
          {t("startOver")}
        </button>
      ) : null}
    </form>
  );
}
