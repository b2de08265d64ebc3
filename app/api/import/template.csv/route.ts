import { getActor } from "@/lib/auth/session";
import { jsonError, noActorResponse } from "@/lib/http";
import { templateCsv } from "@/lib/import/columns";

export const dynamic = "force-dynamic";

// GET /api/import/template.csv: the import template's header row (UTF-8 with a BOM, so
// spreadsheet programs keep Persian and Azerbaijani text intact). Columns: docs/csv-import.md.
export async function GET(): Promise<Response> {
  try {
    if (!(await getActor())) return await noActorResponse();
  } catch (error) {
    console.error("Unhandled error in GET /api/import/template.csv", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
  return new Response(templateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="case-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}
