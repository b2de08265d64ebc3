"use server";
// The settings form's server action. It goes through the one action wrapper (session,
// strict schema, typed result); setPublicAggregates authorizes the ADMIN role again and
// writes the setting with its audit entry in one transaction. Callable without the page,
// so it trusts nothing the page showed.
import { redirect } from "next/navigation";
import { action } from "@/lib/actions/action";
import { setPublicAggregates, setRequireTwoFactor } from "@/lib/data/settings";
import { publicAggregatesInput, requireTwoFactorInput } from "@/lib/validation/settings";

export async function savePublicAggregatesSetting(formData: FormData): Promise<void> {
  // React's own fields ($ACTION_...) are not the form's.
  const input = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
  const result = await action(publicAggregatesInput, input, (actor, data) => setPublicAggregates(actor, data.publicAggregates === "on"));
  const outcome = result.ok ? (result.data.changed ? "saved" : "unchanged") : result.error.kind === "validation" ? "invalid" : result.error.kind === "forbidden" ? "forbidden" : "failed";
  redirect(`/admin/settings?result=${outcome}`);
}

export async function saveRequireTwoFactorSetting(formData: FormData): Promise<void> {
  const input = Object.fromEntries([...formData.entries()].filter(([key]) => !key.startsWith("$ACTION")));
  const result = await action(requireTwoFactorInput, input, (actor, data) => setRequireTwoFactor(actor, data.requireTwoFactor === "on"));
  const outcome = result.ok ? (result.data.changed ? "saved" : "unchanged") : result.error.kind === "validation" ? "invalid" : result.error.kind === "forbidden" ? "forbidden" : "failed";
  redirect(`/admin/settings?result=${outcome}`);
}
