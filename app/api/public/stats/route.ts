// GET /api/public/stats: the public page's figures as JSON, no sign-in, while an ADMIN has
// the public page switched on; 404 otherwise (see lib/data/public-aggregates.ts).
import { NextResponse } from "next/server";
import { NotFoundError } from "@/lib/authz";
import { getPublicAggregates } from "@/lib/data/public-aggregates";
import { errorResponse, json, jsonError } from "@/lib/http";

export const dynamic = "force-dynamic";

// No session: the public page's figures while an administrator has switched it on.
export async function GET(): Promise<NextResponse> {
  try {
    return json(await getPublicAggregates());
  } catch (error) {
    // A plain "Not found" whatever is off: the answer says nothing about the setting.
    return error instanceof NotFoundError ? jsonError(404, "Not found") : errorResponse(error, "GET /api/public/stats");
  }
}
