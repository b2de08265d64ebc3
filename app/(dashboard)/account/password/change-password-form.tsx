"use client";
// Changing one's own password: the current (or temporary) password, the new one twice.
// The server checks the policy and the current password; afterwards every session of the
// user is signed out, this one too, so the form ends with "sign in again".
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";
import { changeOwnPasswordAction } from "@/lib/actions/users";
import { FormFailure } from "../../admin/users/_components/form-failure";
import { PasswordField } from "./password-field";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

export function ChangePasswordForm({ email, temporary, min, max }: { email: string; temporary: boolean; min: number; max: number }) {
  const t = useTranslations("userAdmin.password");
  const id = useId();
  const { pending, failure, errors, save, ready } = useSave<null>();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [confirmPassword, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [changed, setChanged] = useState(false);
  const [leaving, setLeaving] = useState(false);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    save(
      () => changeOwnPasswordAction({ currentPassword, newPassword, confirmPassword }),
      () => {
        setChanged(true);
        setCurrent("");
        setNew("");
        setConfirm("");
      },
    );
  }

  if (changed) {
    return (
      <div className="space-y-4" data-testid="password-changed">
        <p role="status" className="rounded-md border border-success-ink/30 bg-success-bg px-4 py-3 text-sm font-medium text-success-ink">
          {t("done")}
        </p>
        <Button
          variant="primary"
          disabled={leaving}
          onClick={async () => {
            setLeaving(true);
            // The session is already revoked on the server; this clears its cookie.
            await signOut({ callbackUrl: "/login" }).catch(() => setLeaving(false));
          }}
          data-testid="sign-in-again"
        >
          {t("signInAgain")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4" data-testid="change-password-form">
      <FormFailure failure={failure} fieldsShown={FIELDS} />
      {/* Tells password managers which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <PasswordField
        id={`${id}-current`}
        label={temporary ? t("currentTemporary") : t("current")}
        value={currentPassword}
        onChange={setCurrent}
        error={errors.currentPassword}
        autoComplete="current-password"
        visible={visible}
        maxLength={1024}
        testId="current-password"
      />
      <p id={`${id}-rules`} className="text-sm text-ink-muted">
        {t("rules", { min, max })}
      </p>
      <PasswordField
        id={`${id}-new`}
        label={t("new")}
        value={newPassword}
        onChange={setNew}
        error={errors.newPassword}
        hintId={`${id}-rules`}
        autoComplete="new-password"
        visible={visible}
        maxLength={max}
        testId="new-password"
      />
      <PasswordField
        id={`${id}-confirm`}
        label={t("confirm")}
        value={confirmPassword}
        onChange={setConfirm}
        error={errors.confirmPassword}
        autoComplete="new-password"
        visible={visible}
        maxLength={max}
        testId="confirm-password"
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} className="size-4" />
        {t("show")}
      </label>
      <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="change-password-submit">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
