import { json } from "@/lib/http";
import { databaseReachable } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await databaseReachable();
  return json(ok ? { status: "ok", database: "ok" } : { status: "error", database: "unreachable" }, { status: ok ? 200 : 503 });
}
