"use client";
// What an ADMIN can do to one account, each behind a confirmation dialog (a native <dialog>:
// focus stays inside, Escape cancels) that says what will happen. The server decides again
// (role, last active ADMIN, own account); its refusal is shown in the dialog.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, SelectField } from "@/components/forms/fields";
import { useSave } from "@/components/forms/use-save";
import type { ActionResult } from "@/lib/actions/result";
import {
  changeUserRoleAction,
  clearSignInThrottleAction,
  disableUserAction,
  enableUserAction,
  resetUserPasswordAction,
  resetUserTwoFactorAction,
  revokeUserSessionsAction,
} from "@/lib/actions/users";
import type { IssuedCredential, SignInThrottleState, UserStatus } from "@/lib/data/user-admin";
import { CredentialPanel } from "./credential-panel";
import { formatUtc } from "@/lib/format";
import { FormFailure } from "./form-failure";
import { ColumnHeaders } from "@/components/ui/column-headers";

const ROLES = ["VIEWER", "EDITOR", "ADMIN"] as const;
type Role = (typeof ROLES)[number];
type Kind = "role" | "disable" | "enable" | "resetPassword" | "resetTwoFactor" | "revokeSessions" | "clearThrottle";

export interface ManagedUser {
  id: string;
  name: string;
  role: Role;
  status: UserStatus;
  twoFactor: boolean;
  signInThrottle: SignInThrottleState | null;
}

export function UserActions({ user, isSelf }: { user: ManagedUser; isSelf: boolean }) {
  const t = useTranslations("userAdmin.actions");
  const router = useRouter();
  const [kind, setKind] = useState<Kind | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const disabled = user.status === "disabled";
  const name = user.name;

  const buttons: [Kind, string, string, boolean][] = [
    ["role", t("changeRole"), t("changeRoleFor", { name }), true],
    ["disable", t("disable"), t("disableFor", { name }), !disabled && !isSelf],
    ["enable", t("enable"), t("enableFor", { name }), disabled],
    ["resetPassword", t("resetPassword"), t("resetPasswordFor", { name }), !disabled && !isSelf],
    ["resetTwoFactor", t("resetTwoFactor"), t("resetTwoFactorFor", { name }), user.twoFactor && !isSelf],
    ["revokeSessions", t("revokeSessions"), t("revokeSessionsFor", { name }), !disabled],
    ["clearThrottle", t("clearThrottle"), t("clearThrottleFor", { name }), user.signInThrottle !== null],
  ];

  function finished(message: string) {
    setDone(message);
    router.refresh();
  }

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {buttons
          .filter(([, , , shown]) => shown)
          .map(([k, label, aria]) => (
            <button
              key={k}
              type="button"
              aria-label={aria}
              data-testid={`user-action-${k}`}
              onClick={() => {
                setDone(null);
                setKind(k);
              }}
              className={`rounded-md border px-2 py-1 text-xs font-medium ${
                k === "disable"
                  ? "border-danger-ink/40 bg-danger-bg text-danger-ink hover:opacity-90"
                  : "border-line bg-surface text-ink hover:bg-surface-muted"
              }`}
            >
              {label}
            </button>
          ))}
      </div>
      <p role="status" className="mt-1 text-xs text-ink-muted" data-testid="user-action-done">
        {done ?? ""}
      </p>
      {kind ? <ActionDialog key={kind} kind={kind} user={user} onClose={() => setKind(null)} onDone={finished} /> : null}
    </div>
  );
}

function ActionDialog({ kind, user, onClose, onDone }: { kind: Kind; user: ManagedUser; onClose: () => void; onDone: (message: string) => void }) {
  const t = useTranslations("userAdmin.actions");
  const tr = useTranslations("role");
  const ti = useTranslations("userAdmin.invite");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const id = useId();
  const { pending, failure, save, ready } = useSave<unknown>();
  const [role, setRole] = useState<Role>(ROLES.find((r) => r !== user.role) ?? "VIEWER");
  const [method, setMethod] = useState<"link" | "temporaryPassword">("link");
  const [issued, setIssued] = useState<IssuedCredential | null>(null);
  const name = user.name;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  function close() {
    dialog.current?.close();
  }

  function run<T>(call: () => Promise<ActionResult<T>>, after: (data: T) => void) {
    save(call as () => Promise<ActionResult<unknown>>, (data) => after(data as T));
  }

  function confirm() {
    const userId = user.id;
    switch (kind) {
      case "role":
        return run(
          () => changeUserRoleAction({ userId, role }),
          (r) => {
            close();
            onDone(r.changed ? t("done.role", { name }) : t("done.roleUnchanged", { name }));
          },
        );
      case "disable":
        return run(
          () => disableUserAction({ userId }),
          () => (close(), onDone(t("done.disable", { name }))),
        );
      case "enable":
        return run(
          () => enableUserAction({ userId }),
          () => (close(), onDone(t("done.enable", { name }))),
        );
      case "resetTwoFactor":
        return run(
          () => resetUserTwoFactorAction({ userId }),
          () => (close(), onDone(t("done.resetTwoFactor", { name }))),
        );
      case "revokeSessions":
        return run(
          () => revokeUserSessionsAction({ userId }),
          () => (close(), onDone(t("done.revokeSessions", { name }))),
        );
      case "clearThrottle":
        return run(
          () => clearSignInThrottleAction({ userId }),
          () => (close(), onDone(t("done.clearThrottle", { name }))),
        );
      case "resetPassword":
        // The dialog stays open: it shows the new link or temporary password, once.
        return run(
          () => resetUserPasswordAction({ userId, method }),
          (credential) => {
            setIssued(credential);
            onDone(t("done.resetPassword", { name }));
          },
        );
    }
  }

  const text: Record<Kind, { title: string; body: string; submit: string }> = {
    role: { title: t("roleTitle", { name }), body: t("roleBody"), submit: t("roleSubmit") },
    disable: { title: t("disableTitle", { name }), body: t("disableBody"), submit: t("disableSubmit") },
    enable: { title: t("enableTitle", { name }), body: t("enableBody"), submit: t("enableSubmit") },
    resetPassword: { title: t("resetTitle", { name }), body: t("resetBody"), submit: t("resetSubmit") },
    resetTwoFactor: { title: t("resetTwoFactorTitle", { name }), body: t("resetTwoFactorBody"), submit: t("resetTwoFactorSubmit") },
    revokeSessions: { title: t("revokeTitle", { name }), body: t("revokeBody"), submit: t("revokeSubmit") },
    clearThrottle: { title: t("clearThrottleTitle", { name }), body: t("clearThrottleBody"), submit: t("clearThrottleSubmit") },
  };
  const danger = kind === "disable" || kind === "resetPassword" || kind === "resetTwoFactor";

  let extra: ReactNode = null;
  if (kind === "role") {
    extra = (
      <SelectField
        id={`${id}-role`}
        label={t("newRole")}
        value={role}
        onChange={(v) => setRole(v as Role)}
        options={ROLES.map((r) => ({ value: r, label: r === user.role ? `${tr(r)} ✓` : tr(r) }))}
      />
    );
  } else if (kind === "clearThrottle" && user.signInThrottle) {
    extra = <ThrottleTable state={user.signInThrottle} />;
  } else if (kind === "resetPassword" && !issued) {
    extra = (
      <fieldset>
        <legend className="text-sm font-medium">{ti("method")}</legend>
        <div className="mt-1 space-y-2">
          {(
            [
              ["link", ti("methodLink"), ti("methodLinkHint")],
              ["temporaryPassword", ti("methodTemporary"), ti("methodTemporaryHint")],
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
      </fieldset>
    );
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid="user-action-dialog"
      className="m-auto w-full max-w-lg rounded-lg border border-line bg-surface p-5 text-ink shadow-lg backdrop:bg-black/40"
    >
      <h2 id={titleId} className="text-lg font-semibold" dir="auto">
        {text[kind].title}
      </h2>
      {issued ? (
        <div className="mt-3">
          <CredentialPanel name={name} credential={issued} />
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm">{text[kind].body}</p>
          <div className="mt-3">
            <FormFailure failure={failure} />
          </div>
          {extra ? <div className="mt-3">{extra}</div> : null}
        </>
      )}
      <div className="mt-4 flex justify-end gap-3">
        {issued ? (
          <Button onClick={close} variant="primary" data-testid="user-action-close">
            {t("close")}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t("cancel")}</Button>
            <Button variant={danger ? "danger" : "primary"} onClick={confirm} disabled={pending || !ready} data-testid="user-action-confirm">
              {pending ? t("working") : text[kind].submit}
            </Button>
          </>
        )}
      </div>
    </dialog>
  );
}

/** What the clear would remove: the account-wide counts and each network's. */
function ThrottleTable({ state }: { state: SignInThrottleState }) {
  const t = useTranslations("userAdmin.actions");
  type Row = [where: string, isAddress: boolean, failures: number, until: Date | null];
  const rows: Row[] = [
    [t("throttleAllNetworks"), false, state.accountFailures, state.accountLockedUntil],
    ...(state.codeFailures ? [[t("throttleCodes"), false, state.codeFailures, state.codeLockedUntil] as Row] : []),
    ...state.networks.map((n): Row =>
      n.kind === "session"
        ? [t("throttleSession"), false, n.failures, n.lockedUntil]
        : n.address
          ? [n.address, true, n.failures, n.lockedUntil]
          : [t("throttleUnknownNetwork"), false, n.failures, n.lockedUntil],
    ),
  ];
  return (
    <table className="w-full text-sm" data-testid="throttle-table">
      <caption className="mb-1 text-start font-medium">{t("throttleCaption")}</caption>
      <thead>
        <tr className="border-b border-line text-start">
          <ColumnHeaders labels={[t("throttleWhere"), t("throttleCount"), t("throttleUntil")]} className="py-1 font-medium" gap="pe-2" end={[1]} />
        </tr>
      </thead>
      <tbody>
        {rows.map(([where, isAddress, failures, until], i) => (
          <tr key={`${where}-${i}`} className="border-b border-line last:border-b-0" data-testid="throttle-row">
            <td className={`py-1 pe-2 break-all ${isAddress ? "font-mono text-xs" : ""}`}>{where}</td>
            <td className="py-1 pe-2 text-end tabular-nums">{failures}</td>
            <td className="py-1">{until ? formatUtc(until) : t("throttleNotPaused")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
