"use client";
// What a failed account action says: the field errors next to their fields are the form's
// job; this names the problem above the form (a rule such as "last active administrator",
// an ended session, a refusal) and takes the focus so a screen reader announces it.
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ActionFailure } from "@/lib/actions/result";

/** Field errors the form shows next to a field are left out here; everything else is listed. */
export function FormFailure({ failure, fieldsShown = [] }: { failure: ActionFailure | null; fieldsShown?: readonly string[] }) {
  const t = useTranslations("userAdmin");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  if (!failure) return <div role="alert" aria-live="assertive" />;
  let messages: string[];
  if (failure.kind === "validation") {
    const rest = Object.entries(failure.fieldErrors).filter(([field]) => !fieldsShown.includes(field));
    messages = rest.length ? rest.map(([, m]) => m) : [t("failure.validation")];
  } else if (failure.kind === "notFound") {
    messages = [failure.message || t("failure.notFound")];
  } else {
    messages = [t(`failure.${failure.kind}`)];
  }
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      data-testid="form-failure"
      className="mb-4 rounded-md border border-danger-ink/30 bg-danger-bg px-4 py-3 text-sm font-medium text-danger-ink focus:outline-none"
    >
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul className="list-disc ps-5">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
