import "server-only";
// Route handlers answer through one wrapper, route(): it resolves the acting user (401, or
// 403 while a temporary password must be changed first), runs the handler, answers its value
// as JSON (a Response, for files and streams, as it is), and turns errors into answers by one
// table, errorResponse(): the authorization errors, then any error that states its own answer
// (httpAnswer(): the dossier's limits, a refused exchange file), and anything else is logged
// on the server and answered generically (details never leave the server). No answer is cached.
import { NextResponse } from "next/server";
import { AuthRequiredError, ForbiddenError, NotFoundError, type Actor } from "@/lib/authz";
import { getActor, passwordChangePending } from "@/lib/auth/session";

export const NO_STORE = { "Cache-Control": "no-store" } as const;
const GENERIC = "Something went wrong. Try again later.";
const PASSWORD_CHANGE_FIRST = "Change your temporary password first";

/** A JSON answer that is never cached. */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): NextResponse {
  return NextResponse.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function jsonError(status: number, error: string): NextResponse {
  return json({ error }, { status });
}

/** An expected failure that says how it is answered (kept free of HTTP types, so lib/data can throw it). */
export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}
const answerOf = (error: unknown): HttpAnswer | null =>
  typeof (error as { httpAnswer?: unknown } | null)?.httpAnswer === "function" ? (error as { httpAnswer(): HttpAnswer }).httpAnswer() : null;

/** The one table from an error to its answer. `where` names the route in the server log. */
export function errorResponse(error: unknown, where: string, messages: { forbidden?: string; generic?: string } = {}): NextResponse {
  if (error instanceof AuthRequiredError) return jsonError(401, "Sign-in required");
  if (error instanceof ForbiddenError) return jsonError(403, messages.forbidden ?? "Not allowed for your role");
  if (error instanceof NotFoundError) return jsonError(404, error.message);
  const answer = answerOf(error);
  if (answer) return json(answer.body, { status: answer.status, headers: answer.headers });
  console.error(`Unhandled error in ${where}`, error);
  return jsonError(500, messages.generic ?? GENERIC);
}

/**
 * The answer to a request that has no actor (getActor is null): 403 while the account's
 * temporary password must be changed first, else 401. route() answers through here, so every
 * handler says the same.
 */
export async function noActorResponse(): Promise<NextResponse> {
  return (await passwordChangePending()) ? jsonError(403, PASSWORD_CHANGE_FIRST) : jsonError(401, "Sign-in required");
}

export interface RouteOptions {
  /** Checked before the session is read (a cross-site request is refused whoever sends it). */
  before?: (req: Request) => Response | null;
  /** The 403 message, when the route says more than "Not allowed for your role". */
  forbidden?: string;
  /** The 500 message, when the route says more (for instance that nothing was imported). */
  generic?: string;
}

/**
 * A route handler for signed-in users: `handler` gets the actor and returns a value (answered
 * as JSON) or a Response. Route files export `GET`/`POST` as functions calling it (the
 * authorization matrix test finds every handler by its `export function`). A handler that
 * reads neither the request nor the route's parameters may be called without them.
 */
export function route<C = undefined>(where: string, handler: (input: { actor: Actor; req: Request; ctx: C }) => unknown, options: RouteOptions = {}) {
  return async (req?: Request, ctx?: C): Promise<Response> => {
    try {
      const early = req && options.before?.(req);
      if (early) return early;
      const actor = await getActor();
      if (!actor) return await noActorResponse();
      const out = await handler({ actor, req: req as Request, ctx: ctx as C });
      return out instanceof Response ? out : json(out);
    } catch (error) {
      return errorResponse(error, where, options);
    }
  };
}

/** 400 for parameters that fail their schema: the first problem in words, and all of them. */
export function invalidParams(problems: readonly { field: string; reason: string }[]): NextResponse {
  const [first] = problems;
  return json(
    { error: first ? `Invalid parameter "${first.field}": ${first.reason}` : "Invalid parameters", field: first?.field, reason: first?.reason, problems },
    { status: 400 },
  );
}
