import { exchangeImportResponse } from "@/lib/exchange/http";
import { withSecurityHeaders } from "@/lib/upload/headers";

export const dynamic = "force-dynamic";

export async function POST(req: Request): Promise<Response> {
  return withSecurityHeaders(await exchangeImportResponse(req), req);
}
