"use client";
// The one-time link or temporary password an ADMIN passes on, shown once. The text sits in a
// read-only field (select and copy by hand) with a Copy button as a convenience.
import { useTranslations } from "next-intl";
import { useId, useState, useSyncExternalStore } from "react";
import type { IssuedCredential } from "@/lib/data/user-admin";
import { formatUtc } from "@/lib/format";

const noSubscription = () => () => {};

export function CredentialPanel({ name, credential }: { name: string; credential: IssuedCredential }) {
  const t = useTranslations("userAdmin.credential");
  const id = useId();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  // The link is absolute on the ADMIN's own origin (the tracker has no configured public URL
  // it could trust here); empty during the server render, filled in on the client.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  const value = credential.method === "link" ? `${origin}/invite/${credential.token}` : credential.temporaryPassword;

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }

  return (
    <div className="rounded-md border border-warning-ink/30 bg-warning-bg p-4 text-sm text-ink" data-testid="issued-credential" data-method={credential.method}>
      <p className="font-semibold" dir="auto">
        {credential.method === "link" ? t("linkTitle", { name }) : t("temporaryTitle", { name })}
      </p>
      <p className="mt-1">{credential.method === "link" ? t("linkBody", { date: formatUtc(new Date(credential.expiresAt)) }) : t("temporaryBody")}</p>
      <label htmlFor={id} className="mt-3 block font-medium">
        {credential.method === "link" ? t("linkLabel") : t("temporaryLabel")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          data-testid="issued-credential-value"
          className="min-w-0 flex-1 rounded-md border border-line bg-surface px-3 py-2 font-mono text-sm text-ink"
        />
        <button
          type="button"
          onClick={onCopy}
          className="rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium text-ink hover:bg-surface-muted"
        >
          {copy === "copied" ? t("copied") : t("copy")}
        </button>
      </div>
      <p role="status" className="mt-1 text-ink-muted">
        {copy === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
