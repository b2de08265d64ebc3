import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, requireActor, type Actor } from "@/lib/authz";
import { knownIdShape } from "@/lib/data/record-id";
import { caseDetailSelect, toCaseView, type CaseView } from "@/lib/data/case-view";

export async function getCase(actor: Actor | null, id: string): Promise<CaseView> {
  const a = requireActor(actor);
  const row = await db().case.findFirst({
    where: { id: knownIdShape(id, "Case"), deletedAt: null, person: { deletedAt: null } },
    select: caseDetailSelect(a),
  });
  if (!row) throw new NotFoundError("Case");
  return toCaseView(row);
}
