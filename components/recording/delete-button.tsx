"use client";
// Soft delete with a confirmation dialog first (a native <dialog>: focus is trapped and
// Escape cancels). Deleting hides the record from lists and charts; an ADMIN can restore it.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef } from "react";
import { deleteCaseAction, deleteEventAction, deleteIncidentAction, deletePersonAction, deleteSourceAction } from "@/lib/actions/recording";
import { Button } from "@/components/forms/fields";
import { SaveFailure } from "@/components/forms/save-failure";
import { useSave } from "@/components/forms/use-save";

const ACTIONS = { person: deletePersonAction, case: deleteCaseAction, event: deleteEventAction, incident: deleteIncidentAction, source: deleteSourceAction };

/** `title` is the dialog's question; person, case and event have their own in the catalog. */
export function DeleteButton({
  kind,
  id,
  version,
  label,
  redirectTo,
  title,
}: {
  kind: keyof typeof ACTIONS;
  id: string;
  version: number;
  label: string;
  redirectTo: string;
  title?: string;
}) {
  const t = useTranslations("recording");
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { pending, failure, save } = useSave<{ id: string; version: number }>();

  function confirm() {
    save(
      () => ACTIONS[kind]({ id, version }),
      () => {
        dialog.current?.close();
        router.push(redirectTo);
        router.refresh();
      },
    );
  }

  return (
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()} data-testid={`delete-${kind}`}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-w-md rounded-lg border border-line bg-surface p-5 text-ink shadow-lg backdrop:bg-black/40"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title ?? (kind === "person" || kind === "case" || kind === "event" ? t(`delete.title.${kind}`) : label)}
        </h2>
        <p className="mt-2 text-sm">{t("delete.body")}</p>
        <div className="mt-3">
          <SaveFailure failure={failure} />
        </div>
        <div className="mt-4 flex justify-end gap-3">
          <Button onClick={() => dialog.current?.close()}>{t("cancel")}</Button>
          <Button variant="danger" onClick={confirm} disabled={pending} data-testid="confirm-delete">
            {pending ? t("deleting") : t("delete.confirm")}
          </Button>
        </div>
      </dialog>
    </>
  );
}
