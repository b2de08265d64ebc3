import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { listCaseTable } from "@/lib/data/case-table";
import { jsonError, withActor, noActorResponse } from "@/lib/http";
import { parseCaseTableApiParams } from "@/lib/validation/case-table";

export const dynamic = "force-dynamic";

// GET /api/cases?q=&status=&city=&...&sort=-arrestDate,person&page=1&pageSize=25
// → { total, page, pageSize, sort, rows } (README, "JSON endpoints"). The same filters,
// search, sort and pagination as the /cases page; unknown or invalid parameters → 400
// naming the parameter and the reason. Without a session the answer is 401 either way.
export async function GET(req: Request, ctx: unknown): Promise<NextResponse> {
  const parsed = parseCaseTableApiParams(new URL(req.url).searchParams);
  if (parsed.ok) {
    const { filters, sort, page, pageSize } = parsed.value;
    return withActor((actor) => listCaseTable(actor, { filters, sort, page, pageSize }))(req, ctx);
  }
  try {
    if (!(await getActor())) return await noActorResponse();
  } catch (error) {
    console.error("Unhandled error in /api/cases", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
  const [first] = parsed.problems;
  return NextResponse.json(
    {
      error: first ? `Invalid parameter "${first.field}": ${first.reason}` : "Invalid parameters",
      field: first?.field,
      reason: first?.reason,
      problems: parsed.problems,
    },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}
