import { exchangeExportResponse } from "@/lib/exchange/http";

export const dynamic = "force-dynamic";

// GET /api/exchange/export → the full JSON exchange file of this installation
// (docs/exchange-format.md), as a download. EDITOR ("live" scope) and ADMIN ("complete"
// scope, soft-deleted records included); audited as exchange.export.
export function GET(): Promise<Response> {
  return exchangeExportResponse();
}
