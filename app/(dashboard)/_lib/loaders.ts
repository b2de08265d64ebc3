import "server-only";
// Page-side access to the data layer. The data layer authorizes every read itself; this
// only turns its expected errors into navigation (sign-in page, 404) and dedupes the reads
// that generateMetadata and the page both make in one request.
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getActor, pathWithoutActor } from "@/lib/auth/session";
import { AuthRequiredError, NotFoundError, type Actor } from "@/lib/authz";
import { getCase } from "@/lib/data/cases";
import { getIncident } from "@/lib/data/incidents";
import { getPerson } from "@/lib/data/people";

/**
 * The signed-in actor, or a redirect to /login (or to /change-password or /account/security
 * for an account that must first change a temporary password or set up two-factor sign-in).
 * Pages call it too, not only the layout: a layout and its page render in parallel, so the
 * layout's redirect does not stop the page's queries from running.
 */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(await pathWithoutActor());
  return actor;
}

/** Maps the data layer's NotFoundError to the 404 page and AuthRequiredError to sign-in. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof AuthRequiredError) redirect(await pathWithoutActor());
    throw error;
  }
}

export const loadPerson = cache(async (id: string) => orNotFound(getPerson(await requirePageActor(), id)));
export const loadCase = cache(async (id: string) => orNotFound(getCase(await requirePageActor(), id)));
export const loadIncident = cache(async (id: string) => orNotFound(getIncident(await requirePageActor(), id)));
