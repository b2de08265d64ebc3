import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { getAggregates } from "@/lib/data/aggregates";
import { jsonError, withActor, noActorResponse } from "@/lib/http";
import { parseStatsQuery } from "@/lib/validation/stats-query";

export const dynamic = "force-dynamic";

// Every chart's figures for the filters in the query string (the case table's parameters,
// lib/data/aggregates.ts says what each counts); the first problem with a filter is a 400
// naming it. Without a session the answer is 401 either way.
const answer = withActor((actor, req: Request) => {
  const query = parseStatsQuery(new URL(req.url).searchParams);
  return getAggregates(actor, query.ok ? query.filters : {});
});

export async function GET(req: Request, ctx: unknown): Promise<NextResponse> {
  const query = parseStatsQuery(new URL(req.url).searchParams);
  if (query.ok) return answer(req, ctx);
  try {
    if (!(await getActor())) return await noActorResponse();
  } catch (error) {
    console.error("Unhandled error in /api/stats", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
  return NextResponse.json(
    { error: `Invalid filter "${query.field}": ${query.message}`, field: query.field },
    { status: 400, headers: { "Cache-Control": "no-store" } },
  );
}
