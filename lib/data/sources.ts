import "server-only";
// The sources list. Confidential sources are filtered in the query itself
// (visibleSourceWhere), so a VIEWER's page never receives them.
import { db } from "@/lib/db";
import { requireActor, type Actor } from "@/lib/authz";
import { sourceSelect, visibleSourceWhere, type SourceView } from "@/lib/data/visibility";

/** Every live source this reader may see, by title. */
export async function listSources(actor: Actor | null): Promise<SourceView[]> {
  const a = requireActor(actor);
  return db().source.findMany({ where: visibleSourceWhere(a), orderBy: [{ title: "asc" }, { id: "asc" }], select: sourceSelect });
}
