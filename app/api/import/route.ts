import type { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { jsonError, noActorResponse } from "@/lib/http";
import { handleImportRequest } from "@/lib/import/route-handler";
import { withSecurityHeaders } from "@/lib/upload/headers";

export const dynamic = "force-dynamic";

// POST /api/import (multipart/form-data: `file`; `dryRun=1` as query or field)
// → { dryRun, committed, rows, errors: [{ row, column, reason }], created, updated, unchanged, ... }
// README "CSV import" and docs/csv-import.md. EDITOR and ADMIN; VIEWER 403; no session 401;
// over 20 MB 413. Not run through proxy.ts (its matcher says why): the security headers are
// set here.
export async function POST(req: Request): Promise<NextResponse> {
  return withSecurityHeaders(await answer(req), req);
}

async function answer(req: Request): Promise<NextResponse> {
  let actor;
  try {
    actor = await getActor();
    if (!actor) return await noActorResponse();
  } catch (error) {
    console.error("Unhandled error in POST /api/import", error);
    return jsonError(500, "Something went wrong. Nothing was imported. Try again later.");
  }
  return handleImportRequest(actor, req);
}
