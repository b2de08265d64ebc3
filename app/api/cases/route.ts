// GET /api/cases: the case table as JSON (README "JSON endpoints"), with the table's
// parameters read strictly (400 names the first problem and lists all).
import { listCaseTable } from "@/lib/data/case-table";
import { invalidParams, route } from "@/lib/http";
import { parseCaseTableApiParams } from "@/lib/validation/case-table";

export const dynamic = "force-dynamic";

const answer = route("GET /api/cases", ({ actor, req }) => {
  const parsed = parseCaseTableApiParams(new URL(req.url).searchParams);
  if (!parsed.ok) return invalidParams(parsed.problems);
  const { filters, sort, page, pageSize } = parsed.value;
  return listCaseTable(actor, { filters, sort, page, pageSize });
});

// (Next.js passes a context with no parameters here.)
export function GET(req: Request, ctx?: unknown): Promise<Response> {
  return answer(req, ctx as undefined);
}
