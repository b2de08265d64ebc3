"use server";
// The settings form's server action. It goes through the one action wrapper (session,
// strict schema, typed result); setPublicAggregates authorizes the ADMIN role again and
// writes the setting with its audit entry in one transaction. Callable without the page,
// so it trusts nothing the page showed.
import { redirect } from "next/navigation";
import { action } from "@/lib/actions/action";
import { formInput } from "@/lib/actions/form-input";
import type { ActionResult } from "@/lib/actions/result";
import { setPublicAggregates, setRequireTwoFactor } from "@/lib/data/settings";
import { publicAggregatesInput, requireTwoFactorInput } from "@/lib/validation/settings";

/** Back to the settings page, with what became of the change. */
function redirectWith(result: ActionResult<{ changed: boolean }>): never {
  const outcome = result.ok
    ? result.data.changed
      ? "saved"
      : "unchanged"
    : result.error.kind === "validation"
      ? "invalid"
      : result.error.kind === "forbidden"
        ? "forbidden"
        : "failed";
  redirect(`/admin/settings?result=${outcome}`);
}

// The parameter is typed `unknown`: the page posts FormData, but a caller can send anything.
export async function savePublicAggregatesSetting(formData: unknown): Promise<void> {
  redirectWith(await action(publicAggregatesInput, formInput(formData), (actor, data) => setPublicAggregates(actor, data.publicAggregates === "on")));
}

export async function saveRequireTwoFactorSetting(formData: unknown): Promise<void> {
  redirectWith(await action(requireTwoFactorInput, formInput(formData), (actor, data) => setRequireTwoFactor(actor, data.requireTwoFactor === "on")));
}
