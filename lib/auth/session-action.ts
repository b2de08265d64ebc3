import "server-only";
// The action wrapper for the account security page. Like action() in lib/actions/action.ts
// (session, strict schema, typed result, generic unexpected errors), except that it also
// serves an account that must first set up two-factor sign-in: that page is the one place
// such an account may act, and only on its own sign-in security.
import type { z } from "zod";
import { runAction, toFailure } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { getSessionState } from "@/lib/auth/session";
import type { Actor } from "@/lib/authz";
import type { SessionState } from "@/lib/data/users";

export async function ownSecurityAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (actor: Actor, data: z.output<S>, session: SessionState) => Promise<T>,
): Promise<ActionResult<T>> {
  let session: SessionState | null;
  try {
    session = await getSessionState();
  } catch (error) {
    return toFailure(error);
  }
  return runAction(session?.actor ?? null, schema, input, (actor, data) => handler(actor, data, session!));
}
