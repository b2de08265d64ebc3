import "server-only";
// The HTTP side of the exchange: GET /api/exchange/export and POST /api/exchange/import
// (app/api/exchange/*). Expected failures answer with their status and, for a refused file,
// every problem (record, field, message); anything else is logged and answered generically.
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { AuthRequiredError, ForbiddenError, requireRole } from "@/lib/authz";
import { openExchangeExport } from "@/lib/data/exchange-export";
import { ExchangeImportError, importExchange } from "@/lib/data/exchange-import";
import { pullStream } from "@/lib/export/pull-stream";
import { EXCHANGE_MAX_BYTES } from "./limits";
import { jsonError, noActorResponse } from "@/lib/http";
import { readLimited } from "@/lib/upload/body";

const NO_STORE = { "Cache-Control": "no-store" };

function expected(error: unknown): Response | null {
  if (error instanceof AuthRequiredError) return jsonError(401, "Sign-in required");
  if (error instanceof ForbiddenError) return jsonError(403, "Not allowed for your role");
  return null;
}

export async function exchangeExportResponse(): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return await noActorResponse();
    const exported = await openExchangeExport(actor);
    const encoder = new TextEncoder();
    // Streamed as the client reads it (the transaction waits for a slow client).
    const body = pullStream(exported.chunks, { write: (text, sink) => sink.push(encoder.encode(text)) });
    return new Response(body, {
      status: 200,
      headers: {
        ...NO_STORE,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="tracker-exchange-${exported.scope}-${exported.exportedAt.slice(0, 10)}.json"`,
      },
    });
  } catch (error) {
    const answer = expected(error);
    if (answer) return answer;
    console.error("Exchange export failed", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
}

type ReadJson = { ok: true; json: unknown } | { ok: false; answer: Response };

const fileProblem = (error: string, message: string) =>
  NextResponse.json({ error, problems: [{ record: "document", field: "(the file)", message }] }, { status: 400, headers: NO_STORE });

/**
 * The body parsed as JSON, or the answer refusing it: 413 past `max` bytes (by Content-Length,
 * or by the bytes received: lib/upload/body.ts), 400 for bytes that are not UTF-8 or text that
 * is not JSON. Memory: the bytes and the text are only reachable from this frame, so once it
 * returns only the parsed records remain (a 255 MB file with any Persian text in it is a
 * 510 MB string).
 */
async function readJson(req: Request, max: number): Promise<ReadJson> {
  const body = await readLimited(req, max);
  if (!body.ok) return { ok: false, answer: jsonError(413, `The file is larger than ${max / 1024 / 1024} MB; use npm run exchange:import on the server`) };
  let text: string;
  try {
    // (TextDecoder drops a BOM.)
    text = new TextDecoder("utf-8", { fatal: true }).decode(body.bytes);
  } catch {
    return { ok: false, answer: fileProblem("The file is not UTF-8 text", "is not valid UTF-8") };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    return { ok: false, answer: fileProblem("The file is not valid JSON", error instanceof Error ? error.message : "invalid JSON") };
  }
}

export async function exchangeImportResponse(req: Request): Promise<Response> {
  try {
    // Refuse before reading a large body from someone who may not import anyway.
    const signedIn = await getActor();
    if (!signedIn) return await noActorResponse();
    const actor = requireRole(signedIn, "ADMIN");
    // A cross-site HTML form can post text/plain but never application/json (that needs a
    // CORS preflight, which this server never grants): requiring it shuts out forged requests.
    if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
      return jsonError(415, "Send the exchange file as application/json");
    }
    const dryRun = new URL(req.url).searchParams.get("dryRun") === "1";
    const read = await readJson(req, EXCHANGE_MAX_BYTES);
    if (!read.ok) return read.answer;
    const json = read.json;
    const result = await importExchange(actor, json, { dryRun });
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ExchangeImportError) {
      return NextResponse.json(
        { error: error.message, reason: error.reason, problems: error.problems },
        { status: error.reason === "notEmpty" ? 409 : 400, headers: NO_STORE },
      );
    }
    const answer = expected(error);
    if (answer) return answer;
    console.error("Exchange import failed", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
}
