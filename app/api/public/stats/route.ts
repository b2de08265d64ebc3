// GET /api/public/stats: the public page's figures as JSON, no sign-in, while an ADMIN has
// the public page switched on; 404 otherwise (see lib/data/public-aggregates.ts).
import { NextResponse } from "next/server";
import { NotFoundError } from "@/lib/authz";
import { getPublicAggregates } from "@/lib/data/public-aggregates";

export const dynamic = "force-dynamic";

const HEADERS = { "Cache-Control": "no-store" };

export async function GET(): Promise<NextResponse> {
  try {
    return NextResponse.json(await getPublicAggregates(), { headers: HEADERS });
  } catch (error) {
    if (error instanceof NotFoundError) return NextResponse.json({ error: "Not found" }, { status: 404, headers: HEADERS });
    console.error("Unhandled error in /api/public/stats", error);
    return NextResponse.json({ error: "Something went wrong. Try again later." }, { status: 500, headers: HEADERS });
  }
}
