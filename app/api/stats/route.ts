// GET /api/stats: every dashboard figure for the case table's filters (README "JSON endpoints").
import { getAggregates } from "@/lib/data/aggregates";
import { json, route } from "@/lib/http";
import { parseStatsQuery } from "@/lib/validation/stats-query";

export const dynamic = "force-dynamic";

const answer = route("GET /api/stats", ({ actor, req }) => {
  const query = parseStatsQuery(new URL(req.url).searchParams);
  if (!query.ok) return json({ error: `Invalid filter "${query.field}": ${query.message}`, field: query.field }, { status: 400 });
  return getAggregates(actor, query.filters);
});

// (Next.js passes a context with no parameters here.)
export function GET(req: Request, ctx?: unknown): Promise<Response> {
  return answer(req, ctx as undefined);
}
