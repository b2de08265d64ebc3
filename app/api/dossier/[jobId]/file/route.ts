// GET /api/dossier/{id}/file → the finished dossier as a PDF download, for the user who
// started it (and whose role still allows its profile); 404 otherwise or before it is done.
import { route } from "@/lib/http";
import { reportProfileFor } from "@/lib/data/report";
import { dossierJobFile } from "@/lib/report/dossier-jobs";
import { pdfResponse } from "@/lib/report/http";

export const dynamic = "force-dynamic";

const answer = route<{ params: Promise<{ jobId: string }> }>("GET /api/dossier/[jobId]/file", async ({ actor, ctx }) => {
  const file = dossierJobFile(actor, (await ctx.params).jobId);
  reportProfileFor(actor, file.profile);
  return pdfResponse(file.pdf, file.filename);
});

export function GET(req: Request, ctx: { params: Promise<{ jobId: string }> }): Promise<Response> {
  return answer(req, ctx);
}
