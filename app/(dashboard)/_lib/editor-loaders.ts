import "server-only";
// Page-side access for the recording forms. The data layer refuses a VIEWER on its own;
// this only turns that into a friendly redirect (to the record's read-only page) instead of
// an error page, and a missing record into the 404 page.
import { notFound, redirect } from "next/navigation";
import { ForbiddenError, NotFoundError, canEdit, type Actor } from "@/lib/authz";
import { requirePageActor } from "./loaders";

export async function requireEditorPage(fallback: string): Promise<Actor> {
  const actor = await requirePageActor();
  if (!canEdit(actor)) redirect(fallback);
  return actor;
}

export async function orEditorPage<T>(read: Promise<T>, fallback: string): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) redirect(fallback);
    throw error;
  }
}
