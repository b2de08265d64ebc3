import { exchangeImportResponse } from "@/lib/exchange/http";
import { withSecurityHeaders } from "@/lib/upload/headers";

export const dynamic = "force-dynamic";

// POST /api/exchange/import[?dryRun=1] with an exchange file as the JSON body → imports it
// into this EMPTY installation in one transaction (docs/exchange-format.md). ADMIN only;
// audited as exchange.import. 400 lists every problem with its record and field, 409 when
// the database already holds records, 413 over the size limit (256 MB). Not run through
// proxy.ts (its matcher says why): the security headers are set here.
export async function POST(req: Request): Promise<Response> {
  return withSecurityHeaders(await exchangeImportResponse(req), req);
}
