import { caseExportResponse } from "@/lib/export/case-export-response";

export const dynamic = "force-dynamic";

// GET /api/export/cases.xlsx?<the case table's parameters> → every case of that view (all
// pages, the visible columns) as an Excel workbook (README, "Exports"). EDITOR and ADMIN; audited.
export function GET(req: Request): Promise<Response> {
  return caseExportResponse(req, "xlsx");
}
