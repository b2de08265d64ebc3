"use client";
// What a failed save says above the form: which fields need attention, that the session
// ended, or (for a conflict) who changed the record, when, and which fields, with the
// user's own input still in the form below.
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ActionFailure } from "@/lib/actions/result";
import { formatUtc } from "@/lib/format";

export function SaveFailure({ failure }: { failure: ActionFailure | null }) {
  const t = useTranslations("recording");
  const tf = useTranslations("historyField");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) ref.current?.focus();
  }, [failure]);
  if (!failure) return <div role="alert" aria-live="assertive" />;

  let body: React.ReactNode;
  if (failure.kind === "conflict") {
    const c = failure.conflict;
    // Their values, for the fields a reader knows by name (ids and search keys are left out).
    const theirs = c.theirValues.filter((v) => tf.has(v.field as never));
    const when = c.changedAt ? formatUtc(new Date(c.changedAt)) : t("conflictUnknownTime");
    body = (
      <div data-testid="conflict-message">
        <p className="font-semibold">{t("conflictTitle")}</p>
        <p>{t("conflictWho", { who: c.changedBy ?? t("someone"), when })}</p>
        {c.changedFields.length ? (
          <p>{t("conflictWhat", { fields: c.changedFields.map((f) => (tf.has(f as never) ? tf(f as never) : f)).join(", ") })}</p>
        ) : null}
        {theirs.length ? (
          <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5" aria-label={t("conflictTheirValues")} data-testid="conflict-values">
            {theirs.map((v) => (
              <div key={v.field} className="contents">
                <dt className="font-medium">{tf(v.field as never)}</dt>
                <dd dir="auto" className="min-w-0 break-words">
                  {v.value === "" ? <span className="italic">{t("conflictEmpty")}</span> : v.value}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        <p className="mt-1">{t("conflictAdvice")}</p>
      </div>
    );
  } else if (failure.kind === "validation") {
    body = (
      <>
        <p className="font-semibold">{t("fixFields", { count: Object.keys(failure.fieldErrors).length })}</p>
        <ul className="mt-1 list-disc ps-5">
          {Object.entries(failure.fieldErrors).map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      </>
    );
  } else {
    body = <p>{t(`failure.${failure.kind}`)}</p>;
  }

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      data-testid="save-failure"
      className="mb-4 rounded-md border border-danger-ink/30 bg-danger-bg px-4 py-3 text-sm text-danger-ink focus:outline-none"
    >
      {body}
    </div>
  );
}
