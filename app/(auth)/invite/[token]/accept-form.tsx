"use client";
// Setting a password through a one-time link (an invitation or a reset). The token comes
// from the URL; the server checks it again, with the policy, and it works once.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";
import { acceptLinkAction } from "@/lib/actions/users";
import { FormFailure } from "../../../(dashboard)/admin/users/_components/form-failure";
import { PasswordField } from "../../../(dashboard)/account/password/password-field";

const FIELDS = ["newPassword", "confirmPassword"] as const;

export function AcceptLinkForm({ token, email, min, max }: { token: string; email: string; min: number; max: number }) {
  const t = useTranslations("userAdmin.link");
  const tp = useTranslations("userAdmin.password");
  const id = useId();
  const { pending, failure, errors, save, ready } = useSave<{ email: string }>();
  const [newPassword, setNew] = useState("");
  const [confirmPassword, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <div className="space-y-4" data-testid="link-password-set">
        <p role="status" className="rounded-md border border-success-ink/30 bg-success-bg px-4 py-3 text-sm font-medium text-success-ink">
          {t("done", { email })}
        </p>
        <Link href="/login" className="inline-block rounded-md bg-accent px-4 py-2 font-medium text-accent-ink no-underline hover:opacity-90">
          {t("signIn")}
        </Link>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      data-testid="accept-link-form"
      onSubmit={(event) => {
        event.preventDefault();
        save(
          () => acceptLinkAction({ token, newPassword, confirmPassword }),
          () => setDone(true),
        );
      }}
    >
      <FormFailure failure={failure} fieldsShown={FIELDS} />
      <div>
        <label htmlFor={`${id}-account`} className="block text-sm font-medium">
          {t("account")}
        </label>
        <input
          id={`${id}-account`}
          type="email"
          name="username"
          autoComplete="username"
          value={email}
          readOnly
          className="mt-1 block w-full rounded-md border border-line bg-surface-muted px-3 py-2 text-base text-ink"
        />
      </div>
      <p id={`${id}-rules`} className="text-sm text-ink-muted">
        {tp("rules", { min, max })}
      </p>
      <PasswordField
        id={`${id}-new`}
        label={t("password")}
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
        {tp("show")}
      </label>
      <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="accept-link-submit">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
