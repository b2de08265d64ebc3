// GET /api/import/template.csv: the CSV import template's header row, for any signed-in user.
import { NO_STORE, route } from "@/lib/http";
import { templateCsv } from "@/lib/import/columns";

export const dynamic = "force-dynamic";

const answer = route(
  "GET /api/import/template.csv",
  () =>
    new Response(templateCsv(), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="case-import-template.csv"', ...NO_STORE },
    }),
);

export function GET(): Promise<Response> {
  return answer();
}
