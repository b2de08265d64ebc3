// GET /api/dossier/{id} → {id, state: "loading"|"rendering"|"done"|"failed", done, total,
// profile, cases, file}: the progress of a dossier this user started; 404 for any other.
import { route } from "@/lib/http";
import { dossierJobStatus } from "@/lib/report/dossier-jobs";

export const dynamic = "force-dynamic";

const answer = route<{ params: Promise<{ jobId: string }> }>("GET /api/dossier/[jobId]", async ({ actor, ctx }) =>
  dossierJobStatus(actor, (await ctx.params).jobId),
);

export function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return answer(req, ctx);
}
