import "server-only";
// Answers of the report endpoints: the PDF as a download that is never cached, and errors
// as the JSON the other endpoints use (lib/http.ts), with the dossier's own cases.
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/http";
import { attachment } from "@/lib/report/filename";
import type { ParamProblem } from "@/lib/validation/case-table";

export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(filename),
      "Content-Length": String(pdf.length),
      ...NO_STORE,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function badRequest(problem: ParamProblem): NextResponse {
  return NextResponse.json(
    { error: `Invalid parameter "${problem.field}": ${problem.reason}`, field: problem.field, reason: problem.reason },
    { status: 400, headers: NO_STORE },
  );
}

/**
 * A state-changing request must come from this site: when the browser names an Origin, it
 * has to be the request's own host (the session cookie is SameSite=Lax as well).
 */
export function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}
