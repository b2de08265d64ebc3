import "server-only";
// The HTTP answer of GET /api/export/cases.csv and .xlsx: the parameters are read strictly,
// the acting user is checked (401 without a session, 403 for a VIEWER), the export is opened
// (and audited), and the file streams out as the client reads it. A failure after the first
// byte can only cut the download short: it is logged on the server.
import { getLocale, getMessages } from "next-intl/server";
import { ForbiddenError, canEdit, type Actor } from "@/lib/authz";
import { openCaseExport, type CaseExportFormat } from "@/lib/data/export-cases";
import { NO_STORE, invalidParams, route } from "@/lib/http";
import type messages from "@/messages/en.json";
import { exportColumns } from "./case-columns";
import { csvStream } from "./csv";
import { caseExportLabels, exportSheetName } from "./labels";
import { parseCaseExportParams } from "./params";
import { xlsxStream } from "./xlsx";

const CONTENT_TYPE: Record<CaseExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The case table's rows as a file, for EDITOR and ADMIN (route() answers the errors). */
async function exportFile(actor: Actor, req: Request, format: CaseExportFormat): Promise<Response> {
  // An early answer for a VIEWER whatever the parameters (openCaseExport checks the role again).
  if (!canEdit(actor)) throw new ForbiddenError();
  const parsed = parseCaseExportParams(new URL(req.url).searchParams);
  if (!parsed.ok) return invalidParams(parsed.problems);
  const { filters, sort, columns } = parsed.value;
  const exported = await openCaseExport(actor, { format, filters, sort, columns });

  const [locale, catalog] = await Promise.all([getLocale(), getMessages()]);
  const labels = caseExportLabels(locale, catalog as typeof messages);
  const cols = exportColumns(columns, labels);
  const headers = cols.map((c) => labels.header(c.key));
  const body =
    format === "csv"
      ? csvStream(cols, headers, exported.batches)
      : xlsxStream(cols, headers, exported.batches, { sheetName: exportSheetName(locale, catalog as typeof messages) });

  const day = new Date().toISOString().slice(0, 10);
  return new Response(logFailures(body), {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPE[format],
      "Content-Disposition": `attachment; filename="cases-${day}.${format}"`,
      ...NO_STORE,
      "X-Export-Rows": String(exported.total),
    },
  });
}

const FORBIDDEN = "Exporting case rows is for editors and administrators";
const answers: Record<CaseExportFormat, (req: Request) => Promise<Response>> = {
  csv: route("GET /api/export/cases.csv", ({ actor, req }) => exportFile(actor, req, "csv"), { forbidden: FORBIDDEN }),
  xlsx: route("GET /api/export/cases.xlsx", ({ actor, req }) => exportFile(actor, req, "xlsx"), { forbidden: FORBIDDEN }),
};

/** GET /api/export/cases.csv and .xlsx. */
export function caseExportResponse(req: Request, format: CaseExportFormat): Promise<Response> {
  return answers[format](req);
}

/** Passes the bytes through; a failure mid-stream is logged (the client sees a cut-off download). */
function logFailures(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          console.error("Case export failed while streaming", error);
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}
