import "server-only";
// The HTTP answer of GET /api/export/cases.csv and .xlsx: the parameters are read strictly,
// the acting user is checked (401 without a session, 403 for a VIEWER), the export is opened
// (and audited), and the file streams out as the client reads it. A failure after the first
// byte can only cut the download short: it is logged on the server.
import { NextResponse } from "next/server";
import { getLocale, getMessages } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { AuthRequiredError, ForbiddenError, canEdit } from "@/lib/authz";
import { openCaseExport, type CaseExportFormat } from "@/lib/data/export-cases";
import { jsonError, noActorResponse } from "@/lib/http";
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

export async function caseExportResponse(req: Request, format: CaseExportFormat): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    // An early answer for a VIEWER whatever the parameters (openCaseExport checks the role again).
    if (!canEdit(actor)) throw new ForbiddenError();
    const parsed = parseCaseExportParams(new URL(req.url).searchParams);
    if (!parsed.ok) {
      const [first] = parsed.problems;
      return NextResponse.json(
        {
          error: first ? `Invalid parameter "${first.field}": ${first.reason}` : "Invalid parameters",
          field: first?.field,
          reason: first?.reason,
          problems: parsed.problems,
        },
        { status: 400, headers: { "Cache-Control": "no-store" } },
      );
    }
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
        "Cache-Control": "no-store",
        "X-Export-Rows": String(exported.total),
      },
    });
  } catch (error) {
    if (error instanceof AuthRequiredError) return jsonError(401, "Sign-in required");
    if (error instanceof ForbiddenError) return jsonError(403, "Exporting case rows is for editors and administrators");
    console.error("Case export failed", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
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
