import { caseExportResponse } from "@/lib/export/case-export-response";

export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return caseExportResponse(req, "csv");
}
