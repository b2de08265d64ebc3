"use client";
// One save flow for every recording form: pending state, the action's typed result, field
// errors kept next to their fields, and the user's input left untouched on any failure
// (a conflict included), so nothing typed is lost.
import { useState, useSyncExternalStore, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/actions/result";

const noSubscription = () => () => {};

export function useSave<T>() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  // Until React has hydrated the form, a click on Save would submit the bare HTML form and
  // lose what was typed; the forms keep Save disabled until then.
  // (false in the server render and during hydration, true once the client has taken over)
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  function save(run: () => Promise<ActionResult<T>>, onSaved: (data: T) => void) {
    startTransition(async () => {
      try {
        const result = await run();
        if (result.ok) {
          setFailure(null);
          onSaved(result.data);
        } else {
          setFailure(result.error);
        }
      } catch {
        setFailure({ kind: "unexpected", message: "" });
      }
    });
  }

  const errors = failure?.kind === "validation" ? failure.fieldErrors : {};
  return { pending, failure, errors, save, ready };
}
