"use client";
// The interactive parts of /account/security: two-factor set-up, recovery codes, turning
// two-factor off, and ending sessions. Each calls one server action and shows its typed
// answer; destructive steps ask for confirmation in a native <dialog> (focus is trapped,
// Escape cancels).
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import {
  confirmTotpEnrolmentAction,
  disableTotpAction,
  regenerateRecoveryCodesAction,
  revokeSessionAction,
  signOutEverywhereAction,
  startTotpEnrolmentAction,
} from "@/lib/actions/security";
import { Button, inputClass as fieldInputClass } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";
import type { ActionFailure } from "@/lib/actions/result";

/** The form kit's input, narrower (codes and passwords). */
const inputClass = `${fieldInputClass} max-w-xs`;

function FailureMessage({ failure, fallback }: { failure: ActionFailure | null; fallback: string }) {
  if (!failure) return <div role="alert" aria-live="assertive" />;
  const fieldMessages = failure.kind === "validation" ? Object.values(failure.fieldErrors) : [];
  const text = fieldMessages.length ? fieldMessages.join(" ") : failure.kind === "unexpected" || !failure.message ? fallback : failure.message;
  return (
    <div role="alert" aria-live="assertive">
      <p data-testid="security-error" className="rounded-md border border-danger-ink/30 bg-danger-bg px-3 py-2 text-sm font-medium text-danger-ink">
        {text}
      </p>
    </div>
  );
}

function ConfirmDialog({
  dialogRef,
  title,
  children,
  cancel,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  title: string;
  children: ReactNode;
  cancel: string;
}) {
  const titleId = useId();
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      className="m-auto max-w-md rounded-lg border border-line bg-surface p-5 text-ink shadow-lg backdrop:bg-black/40"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-4 flex flex-wrap justify-end gap-3">
        <Button onClick={() => dialogRef.current?.close()}>{cancel}</Button>
        {children}
      </div>
    </dialog>
  );
}

export function StartEnrolmentButton({ label, variant = "primary" }: { label: string; variant?: "primary" | "secondary" }) {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const { pending, failure, save } = useSave<void>();
  return (
    <div className="space-y-2">
      <FailureMessage failure={failure} fallback={t("failed")} />
      <Button
        variant={variant}
        disabled={pending}
        onClick={() =>
          save(
            () => startTotpEnrolmentAction({}),
            () => router.refresh(),
          )
        }
        data-testid="totp-start"
      >
        {pending ? t("twoFactor.starting") : label}
      </Button>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("accountSecurity.twoFactor");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-md border border-line bg-surface-muted p-4" data-testid="recovery-codes">
      <h3 id={headingId} className="font-semibold">
        {t("recoveryTitle")}
      </h3>
      <p className="mt-1 max-w-2xl text-sm">{t("recoveryHint")}</p>
      <ol className="mt-3 grid max-w-md grid-cols-1 gap-1 font-mono text-base sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <div className="mt-3">
        <Button variant="primary" onClick={onDone} data-testid="recovery-done">
          {t("recoveryDone")}
        </Button>
      </div>
    </section>
  );
}

export function ConfirmEnrolmentForm({ onEnabled }: { onEnabled?: () => void }) {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const id = useId();
  const { pending, failure, errors, save } = useSave<{ recoveryCodes: string[] }>();
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} onDone={() => router.refresh()} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    save(
      () => confirmTotpEnrolmentAction({ code }),
      (data) => {
        setCodes(data.recoveryCodes);
        onEnabled?.();
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="totp-confirm-form">
      <FailureMessage failure={failure} fallback={t("failed")} />
      <div>
        <label htmlFor={`${id}-code`} className="block text-sm font-medium">
          {t("twoFactor.code")}
        </label>
        <input
          id={`${id}-code`}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*\d{6}\s*"
          maxLength={12}
          required
          aria-invalid={errors.code ? true : undefined}
          className={`${inputClass} font-mono tracking-widest`}
        />
      </div>
      <Button type="submit" variant="primary" disabled={pending} data-testid="totp-confirm">
        {pending ? t("twoFactor.confirming") : t("twoFactor.confirm")}
      </Button>
    </form>
  );
}

/** Set-up's second step, and a way to start over with a new key (gone once codes are shown). */
export function EnrolmentSteps({ confirmTitle }: { confirmTitle: string }) {
  const t = useTranslations("accountSecurity");
  const [done, setDone] = useState(false);
  return (
    <>
      <div>
        <h3 className="mb-2 font-semibold">{confirmTitle}</h3>
        <ConfirmEnrolmentForm onEnabled={() => setDone(true)} />
      </div>
      {done ? null : <StartEnrolmentButton label={t("twoFactor.restart")} variant="secondary" />}
    </>
  );
}

function PasswordField({ id, label, invalid }: { id: string; label: string; invalid: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        maxLength={1024}
        aria-invalid={invalid ? true : undefined}
        className={inputClass}
      />
    </div>
  );
}

export function RegenerateCodesForm() {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const id = useId();
  const { pending, failure, errors, save } = useSave<{ recoveryCodes: string[] }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    save(
      () => regenerateRecoveryCodesAction({ password }),
      (data) => {
        form.reset();
        setCodes(data.recoveryCodes);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <p className="text-sm text-ink-muted">{t("twoFactor.regenerateHint")}</p>
      <FailureMessage failure={failure} fallback={t("failed")} />
      <PasswordField id={`${id}-password`} label={t("twoFactor.password")} invalid={!!errors.password} />
      <Button type="submit" disabled={pending} data-testid="recovery-regenerate">
        {pending ? t("twoFactor.regenerating") : t("twoFactor.regenerate")}
      </Button>
    </form>
  );
}

export function DisableTwoFactorForm() {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const { pending, failure, errors, save } = useSave<void>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    dialog.current?.showModal();
  }

  function confirm() {
    const password = String(new FormData(form.current ?? undefined).get("password") ?? "");
    dialog.current?.close();
    save(
      () => disableTotpAction({ password }),
      () => {
        form.current?.reset();
        router.refresh();
      },
    );
  }

  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-3">
      <p className="text-sm text-ink-muted">{t("twoFactor.disableHint")}</p>
      <FailureMessage failure={failure} fallback={t("failed")} />
      <PasswordField id={`${id}-password`} label={t("twoFactor.password")} invalid={!!errors.password} />
      <Button type="submit" variant="danger" disabled={pending} data-testid="totp-disable">
        {pending ? t("twoFactor.disabling") : t("twoFactor.disable")}
      </Button>
      <ConfirmDialog dialogRef={dialog} title={t("twoFactor.disableConfirm")} cancel={t("twoFactor.cancel")}>
        <Button variant="danger" onClick={confirm} data-testid="totp-disable-confirm">
          {t("twoFactor.disable")}
        </Button>
      </ConfirmDialog>
    </form>
  );
}

export function RevokeSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const { pending, failure, save } = useSave<{ revoked: boolean }>();
  return (
    <>
      <Button
        disabled={pending}
        aria-label={label}
        onClick={() =>
          save(
            () => revokeSessionAction({ sessionId }),
            () => router.refresh(),
          )
        }
        data-testid="session-revoke"
      >
        {t("sessions.revoke")}
      </Button>
      {failure ? <FailureMessage failure={failure} fallback={t("failed")} /> : null}
    </>
  );
}

export function SignOutEverywhereButton() {
  const t = useTranslations("accountSecurity");
  const dialog = useRef<HTMLDialogElement>(null);
  const { pending, failure, save } = useSave<{ revoked: number }>();

  function confirm() {
    save(
      () => signOutEverywhereAction({}),
      () => {
        dialog.current?.close();
        // This browser's session ended with the others; clear its cookie and go to sign-in.
        void signOut({ callbackUrl: "/login" });
      },
    );
  }

  return (
    <div className="space-y-2">
      <p className="max-w-2xl text-sm text-ink-muted">{t("sessions.everywhereHint")}</p>
      <FailureMessage failure={failure} fallback={t("failed")} />
      <Button variant="danger" onClick={() => dialog.current?.showModal()} data-testid="sign-out-everywhere">
        {t("sessions.everywhere")}
      </Button>
      <ConfirmDialog dialogRef={dialog} title={t("sessions.everywhereConfirm")} cancel={t("sessions.cancel")}>
        <Button variant="danger" onClick={confirm} disabled={pending} data-testid="sign-out-everywhere-confirm">
          {pending ? t("sessions.everywhereDoing") : t("sessions.everywhere")}
        </Button>
      </ConfirmDialog>
    </div>
  );
}
