import { getActor } from "@/lib/auth/session";
import { noActorResponse } from "@/lib/http";
import { reportProfileFor } from "@/lib/data/report";
import { dossierJobFile } from "@/lib/report/dossier-jobs";
import { pdfResponse, reportErrorResponse } from "@/lib/report/http";

export const dynamic = "force-dynamic";

// GET /api/dossier/{id}/file → the finished dossier as a PDF download, for the user who
// started it (and whose role still allows its profile); 404 otherwise or before it is done.
export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    const { jobId } = await ctx.params;
    const file = dossierJobFile(actor, jobId);
    reportProfileFor(actor, file.profile);
    return pdfResponse(file.pdf, file.filename);
  } catch (error) {
    return reportErrorResponse(error, "GET /api/dossier/[jobId]/file");
  }
}
