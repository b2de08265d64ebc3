import "server-only";
// Route handlers answer JSON through one wrapper: expected errors become their status code
// with a short message; anything else is logged on the server and answered generically.
import { NextResponse } from "next/server";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { getActor, passwordChangePending } from "@/lib/auth/session";

const NO_STORE = { "Cache-Control": "no-store" };

export function jsonError(status: number, error: string): NextResponse {
  return NextResponse.json({ error }, { status, headers: NO_STORE });
}

const PASSWORD_CHANGE_FIRST = "Change your temporary password first";

/**
 * The answer to a request that has no actor (getActor is null): 403 while the account's
 * temporary password must be changed first, else 401. Every route handler that reads the
 * session answers through here or through withActor, so they all say the same.
 */
export async function noActorResponse(): Promise<NextResponse> {
  return (await passwordChangePending()) ? jsonError(403, PASSWORD_CHANGE_FIRST) : jsonError(401, "Sign-in required");
}

export function withActor<C>(handler: (actor: Actor | null, req: Request, ctx: C) => Promise<unknown>) {
  return async (req: Request, ctx: C): Promise<NextResponse> => {
    try {
      const actor = await getActor();
      // A temporary password must be changed before anything else (getActor is null then).
      if (!actor && (await passwordChangePending())) return jsonError(403, PASSWORD_CHANGE_FIRST);
      const body = await handler(actor, req, ctx);
      return NextResponse.json(body, { headers: NO_STORE });
    } catch (err) {
      if (err instanceof AuthRequiredError) return jsonError(401, "Sign-in required");
      if (err instanceof ForbiddenError) return jsonError(403, "Not allowed for your role");
      if (err instanceof NotFoundError) return jsonError(404, err.message);
      console.error("Unhandled error in route handler", err);
      return jsonError(500, "Something went wrong. Try again later.");
    }
  };
}
