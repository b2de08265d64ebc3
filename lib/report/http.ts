import "server-only";
// Answers of the report endpoints: the PDF as a download that is never cached, and errors
// as the JSON the other endpoints use (lib/http.ts), with the dossier's own cases.
import { NextResponse } from "next/server";
import { AuthRequiredError, ForbiddenError, NotFoundError } from "@/lib/authz";
import { jsonError } from "@/lib/http";
import { DossierTooLargeError } from "@/lib/data/report";
import { DossierBusyError } from "@/lib/report/dossier-jobs";
import { attachment } from "@/lib/report/filename";
import type { ParamProblem } from "@/lib/validation/case-table";

const NO_STORE = { "Cache-Control": "no-store" };

export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachment(filename),
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
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

export function reportErrorResponse(error: unknown, where: string): NextResponse {
  if (error instanceof AuthRequiredError) return jsonError(401, "Sign-in required");
  if (error instanceof ForbiddenError) return jsonError(403, "Not allowed for your role");
  if (error instanceof NotFoundError) return jsonError(404, error.message);
  if (error instanceof DossierTooLargeError) {
    return NextResponse.json({ error: error.message, reason: "tooMany", count: error.count, max: error.max }, { status: 422, headers: NO_STORE });
  }
  if (error instanceof DossierBusyError)
    return NextResponse.json({ error: error.message, reason: "busy" }, { status: 429, headers: { ...NO_STORE, "Retry-After": "30" } });
  console.error(`Unhandled error in ${where}`, error);
  return jsonError(500, "Something went wrong. Try again later.");
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
