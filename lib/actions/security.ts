"use server";
// Server actions of the account security page. Each acts on the signed-in user's own
// account only (the actor comes from the session, never from the form), validates its input
// with a strict schema, and calls a data-layer function that writes its own audit entry.
// Callable without the page, so nothing here trusts what the page showed.
import { ownSecurityAction } from "@/lib/auth/session-action";
import { dismissSignInNotice, revokeOwnSession, signOutEverywhere } from "@/lib/data/auth-sessions";
import { confirmTotpEnrolment, disableTotp, regenerateRecoveryCodes, startTotpEnrolment } from "@/lib/data/auth-totp";
import { noInput, passwordConfirmInput, sessionIdInput, totpCodeInput } from "@/lib/validation/two-factor";

export async function startTotpEnrolmentAction(input: unknown) {
  return ownSecurityAction(noInput, input, (actor) => startTotpEnrolment(actor));
}

export async function confirmTotpEnrolmentAction(input: unknown) {
  // The session confirming goes on; every other session of the account ends.
  return ownSecurityAction(totpCodeInput, input, (actor, data, session) => confirmTotpEnrolment(actor, data.code, session.sessionId));
}

export async function disableTotpAction(input: unknown) {
  return ownSecurityAction(passwordConfirmInput, input, (actor, data) => disableTotp(actor, data.password));
}

export async function regenerateRecoveryCodesAction(input: unknown) {
  return ownSecurityAction(passwordConfirmInput, input, (actor, data, session) => regenerateRecoveryCodes(actor, data.password, session.sessionId));
}

export async function revokeSessionAction(input: unknown) {
  return ownSecurityAction(sessionIdInput, input, (actor, data) => revokeOwnSession(actor, data.sessionId));
}

export async function signOutEverywhereAction(input: unknown) {
  return ownSecurityAction(noInput, input, (actor) => signOutEverywhere(actor));
}

/** Hides the "failed sign-in attempts since your last sign-in" notice of this session. */
export async function dismissSignInNoticeAction(input: unknown) {
  return ownSecurityAction(noInput, input, (actor, _data, session) => dismissSignInNotice(actor, session.sessionId));
}
