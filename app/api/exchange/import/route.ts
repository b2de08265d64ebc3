import { exchangeImportResponse } from "@/lib/exchange/http";

export const dynamic = "force-dynamic";

// POST /api/exchange/import[?dryRun=1] with an exchange file as the JSON body → imports it
// into this EMPTY installation in one transaction (docs/exchange-format.md). ADMIN only;
// audited as exchange.import. 400 lists every problem with its record and field, 409 when
// the database already holds records, 413 over the size limit.
export function POST(req: Request): Promise<Response> {
  return exchangeImportResponse(req);
}
