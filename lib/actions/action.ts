import "server-only";
// The one wrapper every server action goes through (architecture.md, convention 3):
//   1. resolves the acting user from the session (getActor checks the database each time);
//   2. validates the input with the entity's strict zod schema (unknown keys rejected);
//   3. calls the data-layer mutation, which authorizes again (requireRole) and runs in one
//      transaction with its audit entry;
//   4. maps expected errors to a typed result, and anything else to a generic message,
//      logging the details on the server only.
// A server action can be called without its page (its id is discoverable), so nothing here
// trusts what the page showed.
import { ZodError, type z } from "zod";
import { getActor, passwordChangePending } from "@/lib/auth/session";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { ConflictError } from "@/lib/data/conflict";
import { ValidationError } from "@/lib/data/validation-error";
import type { ActionResult } from "@/lib/actions/result";
import { fieldErrors } from "@/lib/validation/field-errors";

const MESSAGES = {
  auth: "Your session has ended. Sign in again; your input is kept in this form.",
  forbidden: "Your role cannot make this change.",
  validation: "Some fields need attention.",
  unexpected: "Something went wrong and nothing was saved. Try again in a moment.",
  passwordChange: "Change your temporary password first.",
} as const;

/** Maps a thrown error to the action's answer. Exported for the tests. */
export function toFailure(error: unknown): ActionResult<never> {
  if (error instanceof AuthRequiredError) return { ok: false, error: { kind: "auth", message: MESSAGES.auth } };
  if (error instanceof ForbiddenError) return { ok: false, error: { kind: "forbidden", message: MESSAGES.forbidden } };
  if (error instanceof NotFoundError) return { ok: false, error: { kind: "notFound", message: `${error.message}: it may have been deleted.` } };
  if (error instanceof ZodError) return { ok: false, error: { kind: "validation", message: MESSAGES.validation, fieldErrors: fieldErrors(error) } };
  if (error instanceof ValidationError) return { ok: false, error: { kind: "validation", message: MESSAGES.validation, fieldErrors: error.fields } };
  if (error instanceof ConflictError) return { ok: false, error: { kind: "conflict", message: error.message, conflict: error.info } };
  console.error("Unhandled error in server action", error);
  return { ok: false, error: { kind: "unexpected", message: MESSAGES.unexpected } };
}

/**
 * Runs `handler` for `actor` with `input` validated by `schema`. The actor is a parameter
 * so that tests can drive the exact path a request takes; `action` below supplies the
 * session's actor.
 */
export async function runAction<S extends z.ZodType, T>(
  actor: Actor | null,
  schema: S,
  input: unknown,
  handler: (actor: Actor, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    if (!actor) throw new AuthRequiredError();
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw parsed.error;
    return { ok: true, data: await handler(actor, parsed.data) };
  } catch (error) {
    return toFailure(error);
  }
}

export async function action<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  handler: (actor: Actor, data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  let actor: Actor | null;
  try {
    actor = await getActor();
    // A temporary password must be changed before anything else (the password actions in
    // lib/actions/users.ts do not come through here).
    if (!actor && (await passwordChangePending())) return { ok: false, error: { kind: "forbidden", message: MESSAGES.passwordChange } };
  } catch (error) {
    return toFailure(error);
  }
  return runAction(actor, schema, input, handler);
}
