"use server";
// Server actions of the account security page. Each acts on the signed-in user's own
// account only (the actor comes from the session, never from the form), validates its input
// with a strict schema, and calls a data-layer function that writes its own audit entry.
// Callable without the page, so nothing here trusts what the page showed.
import { ownSecurityAction } from "@/lib/auth/session-action";
import { revokeOwnSession, signOutEverywhere } from "@/lib/data/auth-sessions";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/data/auth-totp";
import { noInput, passwordConfirmInput, sessionIdInput, totpCodeInput } from "@/lib/validation/two-factor";

export async function startTotpEnrolmentAction(input: unknown) {
  return ownSecurityAction(noInput, input, (actor) => startTotpEnrolment(actor));
}

export async function confirmTotpEnrolmentAction(input: unknown) {
  return ownSecurityAction(totpCodeInput, input, (actor, data) => confirmTotpEnrolment(actor, data.code));
}

export async function disableTotpAction(input: unknown) {
  return ownSecurityAction(passwordConfirmInput, input, (actor, data) => disableTotp(actor, data.password));
}

export async function regenerateRecoveryCodesAction(input: unknown) {
  return ownSecurityAction(passwordConfirmInput, input, (actor, data) => regenerateRecoveryCodes(actor, data.password));
}

export async function revokeSessionAction(input: unknown) {
  return ownSecurityAction(sessionIdInput, input, (actor, data) => revokeOwnSession(actor, data.sessionId));
}

export async function signOutEverywhereAction(input: unknown) {
  return ownSecurityAction(noInput, input, (actor) => signOutEverywhere(actor));
}
