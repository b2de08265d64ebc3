import { getActor } from "@/lib/auth/session";
import { noActorResponse } from "@/lib/http";
import { generatePersonReport } from "@/lib/report/generate";
import { badRequest, pdfResponse, reportErrorResponse } from "@/lib/report/http";
import { parsePersonReportQuery } from "@/lib/validation/report";

export const dynamic = "force-dynamic";

// GET /api/people/{id}/report.pdf?profile=internal|public → the person's case report as a
// PDF download (README, "Case reports"). Default profile: internal for EDITOR/ADMIN,
// public for a VIEWER; a VIEWER asking for internal gets 403, no session 401, an unknown
// person 404, an unknown parameter or profile 400. Every report generated is audited.
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    const query = parsePersonReportQuery(new URL(req.url).searchParams);
    if (!query.ok) return badRequest(query.problem);
    const { id } = await ctx.params;
    const { pdf, filename } = await generatePersonReport(actor, id, query.value.profile);
    return pdfResponse(pdf, filename);
  } catch (error) {
    return reportErrorResponse(error, "GET /api/people/[id]/report.pdf");
  }
}
