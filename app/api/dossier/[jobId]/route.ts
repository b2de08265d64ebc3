import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { noActorResponse } from "@/lib/http";
import { dossierJobStatus } from "@/lib/report/dossier-jobs";
import { reportErrorResponse } from "@/lib/report/http";

export const dynamic = "force-dynamic";

// GET /api/dossier/{id} → {id, state: "loading"|"rendering"|"done"|"failed", done, total,
// profile, cases, file}: the progress of a dossier this user started; 404 for any other.
export async function GET(_req: Request, ctx: { params: Promise<{ jobId: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    const { jobId } = await ctx.params;
    return NextResponse.json(dossierJobStatus(actor, jobId), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return reportErrorResponse(error, "GET /api/dossier/[jobId]");
  }
}
