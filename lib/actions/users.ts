"use server";
// Server actions for account management. ADMIN operations go through `action` (session,
// strict schema, typed result); the data layer authorizes the ADMIN role again, under its
// lock. The password pages' actions skip the "change your password first" gate that
// `action` applies, since they are how a user gets past it. Nothing here touches Prisma.
import { action, runAction, toFailure } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { getSessionState } from "@/lib/auth/session";
import {
  acceptLink,
  changeOwnPassword,
  changeUserRole,
  clearSignInThrottle,
  disableUser,
  enableUser,
  InvalidLinkError,
  inviteUser,
  resetUserPassword,
  resetUserTwoFactor,
  revokeUserSessions,
  type InvitedUser,
  type IssuedCredential,
} from "@/lib/data/user-admin";
import { acceptInviteInput, changeOwnPasswordInput, changeRoleInput, inviteUserInput, resetPasswordInput, userIdInput } from "@/lib/validation/users";

export async function inviteUserAction(input: unknown): Promise<ActionResult<InvitedUser>> {
  return action(inviteUserInput, input, (actor, d) => inviteUser(actor, d));
}

export async function changeUserRoleAction(input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  return action(changeRoleInput, input, (actor, d) => changeUserRole(actor, d));
}

export async function disableUserAction(input: unknown): Promise<ActionResult<null>> {
  return action(userIdInput, input, async (actor, d) => (await disableUser(actor, d), null));
}

export async function enableUserAction(input: unknown): Promise<ActionResult<null>> {
  return action(userIdInput, input, async (actor, d) => (await enableUser(actor, d), null));
}

export async function resetUserPasswordAction(input: unknown): Promise<ActionResult<IssuedCredential>> {
  return action(resetPasswordInput, input, (actor, d) => resetUserPassword(actor, d));
}

export async function resetUserTwoFactorAction(input: unknown): Promise<ActionResult<null>> {
  return action(userIdInput, input, async (actor, d) => (await resetUserTwoFactor(actor, d), null));
}

export async function revokeUserSessionsAction(input: unknown): Promise<ActionResult<null>> {
  return action(userIdInput, input, async (actor, d) => (await revokeUserSessions(actor, d), null));
}

export async function clearSignInThrottleAction(input: unknown): Promise<ActionResult<{ cleared: number }>> {
  return action(userIdInput, input, (actor, d) => clearSignInThrottle(actor, d));
}

/** A signed-in user's own password change (also the forced change of a temporary password). */
export async function changeOwnPasswordAction(input: unknown): Promise<ActionResult<null>> {
  let actor;
  try {
    // An account that must change a temporary password may do so even while it still has
    // to set up two-factor sign-in (getActor is null then); it does the password first.
    const session = await getSessionState();
    actor = session && (!session.needsTwoFactorEnrolment || session.mustChangePassword) ? session.actor : null;
  } catch (error) {
    return toFailure(error);
  }
  return runAction(actor, changeOwnPasswordInput, input, async (a, d) => (await changeOwnPassword(a, d), null));
}

/** Setting a password through a one-time link: no session, the link's token is the credential. */
export async function acceptLinkAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  try {
    const parsed = acceptInviteInput.safeParse(input);
    if (!parsed.success) throw parsed.error;
    return { ok: true, data: await acceptLink(parsed.data) };
  } catch (error) {
    if (error instanceof InvalidLinkError) return { ok: false, error: { kind: "notFound", message: error.message } };
    return toFailure(error);
  }
}
