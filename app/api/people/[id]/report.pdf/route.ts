// GET /api/people/{id}/report.pdf?profile=internal|public → the person's case report as a
// PDF download (README, "Case reports"). Default profile: internal for EDITOR/ADMIN,
// public for a VIEWER; a VIEWER asking for internal gets 403, no session 401, an unknown
// person 404, an unknown parameter or profile 400. Every report generated is audited.
import { route } from "@/lib/http";
import { generatePersonReport } from "@/lib/report/generate";
import { badRequest, pdfResponse } from "@/lib/report/http";
import { parsePersonReportQuery } from "@/lib/validation/report";

export const dynamic = "force-dynamic";

const answer = route<{ params: Promise<{ id: string }> }>("GET /api/people/[id]/report.pdf", async ({ actor, req, ctx }) => {
  const query = parsePersonReportQuery(new URL(req.url).searchParams);
  if (!query.ok) return badRequest(query.problem);
  const { pdf, filename } = await generatePersonReport(actor, (await ctx.params).id, query.value.profile);
  return pdfResponse(pdf, filename);
});

export function GET(req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  return answer(req, ctx);
}
