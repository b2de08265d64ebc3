import "server-only";
// The acting user of the current request, checked against the database each time: the
// signed, encrypted session cookie names a user, a session version and a session row, and
// lib/data/users.ts checks all three (row live, not idle, not expired; user enabled; version
// current). Nothing in the cookie is trusted beyond naming them.
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { SESSION_COOKIE_SECURE } from "@/lib/auth/options";
import type { Actor } from "@/lib/authz";
import { checkSession, type SessionState } from "@/lib/data/users";
import { authSecret } from "@/lib/env";

/** The session with its pending obligations (two-factor set-up), or null without a live session. */
export const getSessionState = cache(async (): Promise<SessionState | null> => {
  const secret = authSecret();
  if (!secret) return null;
  // Only the cookie: headers are left out, so an Authorization header is never a session.
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as never, secret, secureCookie: SESSION_COOKIE_SECURE });
  const userId = token?.sub;
  const sessionVersion = token?.sv;
  const sessionId = token?.sid;
  if (typeof userId !== "string" || typeof sessionVersion !== "number" || typeof sessionId !== "string") return null;
  return checkSession({ userId, sessionVersion, sessionId });
});

/**
 * The actor, or null without a live session, and also while the account must first change a
 * temporary password or set up two-factor sign-in: then every page, server action and API
 * answer that needs an actor refuses, and only /change-password and /account/security (which
 * read getSessionState) work.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const state = await getSessionState();
  return state && !state.needsTwoFactorEnrolment && !state.mustChangePassword ? state.actor : null;
});

/** Whether the request's account has a live session but must first change a temporary password. */
export async function passwordChangePending(): Promise<boolean> {
  return (await getSessionState())?.mustChangePassword ?? false;
}

/** Where to send a request that has no actor: the password change, the two-factor set-up page, or sign-in. */
export async function pathWithoutActor(): Promise<"/change-password" | "/account/security" | "/login"> {
  const state = await getSessionState();
  if (state?.mustChangePassword) return "/change-password";
  return state?.needsTwoFactorEnrolment ? "/account/security" : "/login";
}
