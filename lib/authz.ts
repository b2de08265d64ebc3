// Named permission checks, called inside every data-layer function (never only in a page,
// layout or proxy.ts: a server action or route handler is callable without its page).
import type { Role } from "@/lib/generated/prisma/enums";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export class AuthRequiredError extends Error {
  readonly status = 401;
  constructor() {
    super("Sign-in required");
  }
}

export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(message = "Not allowed for your role") {
    super(message);
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(what = "Record") {
    super(`${what} not found`);
  }
}

const RANK: Record<Role, number> = { VIEWER: 1, EDITOR: 2, ADMIN: 3 };

export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AuthRequiredError();
  return actor;
}

export function requireRole(actor: Actor | null | undefined, minimum: Role): Actor {
  const a = requireActor(actor);
  if (RANK[a.role] < RANK[minimum]) throw new ForbiddenError();
  return a;
}

/** Restricted notes and confidential sources: EDITOR and ADMIN only. */
export function canSeeRestricted(actor: Actor): boolean {
  return RANK[actor.role] >= RANK.EDITOR;
}

export function canEdit(actor: Actor): boolean {
  return RANK[actor.role] >= RANK.EDITOR;
}
