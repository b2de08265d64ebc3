import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { noActorResponse } from "@/lib/http";
import { reportProfileFor, selectDossier } from "@/lib/data/report";
import { startDossierJob } from "@/lib/report/dossier-jobs";
import { badRequest, reportErrorResponse, sameOrigin } from "@/lib/report/http";
import { parseDossierQuery } from "@/lib/validation/report";

export const dynamic = "force-dynamic";

// POST /api/dossier?<case table filters>&profile=internal|public → 202 {id, state, done,
// total, profile, cases, file}: starts generating one PDF with a summary table of the
// matching cases and each matching person's report (README, "Case reports"). Then
// GET /api/dossier/{id} for progress and GET /api/dossier/{id}/file for the PDF.
// 422 {reason: "tooMany", count, max} above the cap, {reason: "empty"} when nothing matches;
// 429 while the user's previous dossier is still being generated.
export async function POST(req: Request): Promise<Response> {
  try {
    if (!sameOrigin(req)) return NextResponse.json({ error: "Cross-site request refused" }, { status: 403, headers: { "Cache-Control": "no-store" } });
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    const query = parseDossierQuery(new URL(req.url).searchParams);
    if (!query.ok) return badRequest(query.problem);
    const profile = reportProfileFor(actor, query.value.profile);
    const selection = await selectDossier(actor, query.value.filters);
    if (selection.personIds.length === 0) {
      return NextResponse.json({ error: "No case matches these filters.", reason: "empty" }, { status: 422, headers: { "Cache-Control": "no-store" } });
    }
    const status = startDossierJob(actor, { filters: query.value.filters, selection, profile });
    return NextResponse.json(status, { status: 202, headers: { "Cache-Control": "no-store", Location: `/api/dossier/${status.id}` } });
  } catch (error) {
    return reportErrorResponse(error, "POST /api/dossier");
  }
}
