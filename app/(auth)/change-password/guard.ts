import "server-only";
// The "change your temporary password first" gate for pages: the dashboard layout and the
// page loaders call it (a layout and its page render in parallel, so both do). Server
// actions and JSON handlers apply the same check through their wrappers.
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/authz";
import { passwordChangeRequired } from "@/lib/data/user-admin";

export const PASSWORD_CHANGE_PATH = "/change-password";

const required = cache((actor: Actor) => passwordChangeRequired(actor));

/** Sends a user who must change their password to the page where they do. */
export async function redirectIfPasswordChangeRequired(actor: Actor): Promise<void> {
  if (await required(actor)) redirect(PASSWORD_CHANGE_PATH);
}
