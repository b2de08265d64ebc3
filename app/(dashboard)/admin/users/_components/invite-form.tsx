"use client";
// Inviting a user: name, email, role, and how they get a password (a one-time link or a
// temporary password). The result is shown once, here, for the ADMIN to pass on.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, SelectField, TextField } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";
import { inviteUserAction } from "@/lib/actions/users";
import type { InvitedUser } from "@/lib/data/user-admin";
import { CredentialPanel } from "./credential-panel";
import { FormFailure } from "./form-failure";

const ROLES = ["VIEWER", "EDITOR", "ADMIN"] as const;
const FIELDS = ["name", "email", "role", "method"] as const;
type Method = "link" | "temporaryPassword";

export function InviteForm() {
  const t = useTranslations("userAdmin.invite");
  const tr = useTranslations("role");
  const router = useRouter();
  const id = useId();
  const { pending, failure, errors, save, ready } = useSave<InvitedUser>();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<(typeof ROLES)[number]>("VIEWER");
  const [method, setMethod] = useState<Method>("link");
  const [invited, setInvited] = useState<{ name: string; result: InvitedUser } | null>(null);

  function submit(event: React.FormEvent) {
    event.preventDefault();
    save(
      () => inviteUserAction({ name, email, role, method }),
      (result) => {
        setInvited({ name: name.trim(), result });
        setName("");
        setEmail("");
        router.refresh();
      },
    );
  }

  if (invited) {
    return (
      <div className="space-y-3">
        <p role="status" className="font-medium" dir="auto">
          {t("done", { name: invited.name })}
        </p>
        <CredentialPanel name={invited.name} credential={invited.result.credential} />
        <Button onClick={() => setInvited(null)} data-testid="invite-another">
          {t("another")}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-describedby={`${id}-hint`} data-testid="invite-form">
      <p id={`${id}-hint`} className="mb-4 max-w-3xl text-sm text-ink-muted">
        {t("hint")}
      </p>
      <FormFailure failure={failure} fieldsShown={FIELDS} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField id={`${id}-name`} label={t("name")} value={name} onChange={setName} error={errors.name} required />
        <TextField id={`${id}-email`} label={t("email")} value={email} onChange={setEmail} error={errors.email} required />
        <SelectField
          id={`${id}-role`}
          label={t("role")}
          value={role}
          onChange={(v) => setRole(v as (typeof ROLES)[number])}
          error={errors.role}
          options={ROLES.map((r) => ({ value: r, label: tr(r) }))}
        />
      </div>
      <fieldset className="mt-4" aria-describedby={errors.method ? `${id}-method-error` : undefined}>
        <legend className="text-sm font-medium">{t("method")}</legend>
        <div className="mt-1 space-y-2">
          {(
            [
              ["link", t("methodLink"), t("methodLinkHint")],
              ["temporaryPassword", t("methodTemporary"), t("methodTemporaryHint")],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input type="radio" name={`${id}-method`} value={value} checked={method === value} onChange={() => setMethod(value)} className="mt-1 size-4" />
              <span>
                <span className="font-medium">{label}</span>
                <span className="block text-ink-muted">{hint}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.method ? (
          <p id={`${id}-method-error`} className="mt-1 text-sm font-medium text-danger-ink">
            {errors.method}
          </p>
        ) : null}
      </fieldset>
      <div className="mt-4">
        <Button type="submit" variant="primary" disabled={pending || !ready} data-testid="invite-submit">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
