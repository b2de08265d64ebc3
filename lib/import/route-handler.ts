import "server-only";
// POST /api/import (app/api/import/route.ts): multipart/form-data with the CSV in the field
// `file`; `dryRun=1` as a query parameter or a form field checks without writing.
//
// The role is checked before a byte of the body is read (a VIEWER's 20 MB are not even
// received), then the size twice: the declared Content-Length, and the bytes actually
// streamed (a client can lie about the first or send chunked); past 20 MB the answer is 413
// naming the limit. The route is not run through proxy.ts, whose body buffer stops at 10 MB
// (lib/upload/body.ts). The upload is held in memory only for the request: it is never
// written to disk.
import { NextResponse } from "next/server";
import { AuthRequiredError, ForbiddenError, requireRole, type Actor } from "@/lib/authz";
import { importCsv, type CsvImportResult } from "@/lib/data/csv-import";
import { MAX_FILE_BYTES } from "@/lib/import/columns";
import { jsonInSlices } from "@/lib/import/cooperative";
import type { ImportError } from "@/lib/import/csv";
import { readLimited } from "@/lib/upload/body";
import { isMultipart, readMultipart, type Part } from "@/lib/upload/multipart";

import { NO_STORE } from "@/lib/http";
/** Room for the multipart envelope (boundaries, part headers, a dryRun field) around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;
export const MAX_BODY_BYTES = MAX_FILE_BYTES + MULTIPART_OVERHEAD;
const LIMIT_TEXT = `${MAX_FILE_BYTES / (1024 * 1024)} MB`;

function problem(status: number, reason: string): NextResponse {
  const errors: ImportError[] = [{ row: null, column: null, reason }];
  return NextResponse.json({ error: reason, errors }, { status, headers: NO_STORE });
}

const tooLarge = () =>
  problem(413, `The file is larger than ${LIMIT_TEXT}: split it into smaller files (each keeps the header row) and import them one after the other.`);

function isTrue(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && ["1", "true", "yes"].includes(value.trim().toLowerCase());
}

/** True without an Origin header (scripts, curl) or when it names the host the request was sent to. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || req.headers.get("host") || new URL(req.url).host;
  return originHost === host;
}

export async function handleImportRequest(actor: Actor | null, req: Request): Promise<NextResponse> {
  try {
    requireRole(actor, "EDITOR");
  } catch (error) {
    if (error instanceof AuthRequiredError) return problem(401, "Sign-in required");
    if (error instanceof ForbiddenError) return problem(403, "Not allowed for your role: importing is for editors and administrators.");
    throw error;
  }

  // A browser always sends Origin with a POST: one from another site is refused, as Next.js
  // refuses it for server actions (the session cookie is SameSite=Lax already).
  if (!sameOrigin(req)) return problem(403, "Cross-site upload refused: import from the tracker's own Import page.");

  const contentType = req.headers.get("content-type") ?? "";
  if (!isMultipart(contentType)) {
    return problem(400, 'Send the file as multipart/form-data, in the field "file".');
  }
  let parts: Part[] | null;
  try {
    const body = await readLimited(req, MAX_BODY_BYTES);
    if (!body.ok) return tooLarge();
    parts = await readMultipart(body.bytes, contentType);
  } catch {
    parts = null; // the client went away mid-upload
  }
  if (parts === null) return problem(400, 'The upload could not be read as multipart/form-data with a field "file".');
  const file = parts.find((p) => p.name === "file");
  if (!file || file.fileName === null) return problem(400, 'Choose a CSV file: the field "file" is missing or is not a file.');
  if (file.bytes.byteLength > MAX_FILE_BYTES) return tooLarge();

  const url = new URL(req.url);
  const dryRunField = parts.find((p) => p.name === "dryRun" && p.fileName === null);
  const dryRun = isTrue(url.searchParams.get("dryRun")) || isTrue(dryRunField ? new TextDecoder().decode(dryRunField.bytes) : null);

  try {
    const result: CsvImportResult = await importCsv(actor, { bytes: file.bytes, fileName: file.fileName, dryRun });
    const status = dryRun || result.committed ? 200 : 422;
    // The answer to 50,000 rows is about 10 MB of JSON: written a slice at a time.
    const body = jsonInSlices(result as unknown as Record<string, unknown>, ["rows", "errors"]);
    return new NextResponse(body, { status, headers: { ...NO_STORE, "Content-Type": "application/json" } });
  } catch (error) {
    if (error instanceof AuthRequiredError) return problem(401, "Sign-in required");
    if (error instanceof ForbiddenError) return problem(403, "Not allowed for your role: importing is for editors and administrators.");
    console.error("Unhandled error in POST /api/import", error);
    return problem(500, "Something went wrong. Nothing was imported. Try again later.");
  }
}
