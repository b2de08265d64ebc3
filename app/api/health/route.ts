import { NextResponse } from "next/server";
import { databaseReachable } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await databaseReachable();
  return NextResponse.json(ok ? { status: "ok", database: "ok" } : { status: "error", database: "unreachable" }, {
    status: ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
