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

/** The body as text, refusing more than `max` bytes without reading them all. */
async function readLimited(req: Request, max: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(parts));
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
    let text: string | null;
    try {
      text = await readLimited(req, EXCHANGE_MAX_BYTES);
    } catch {
      return NextResponse.json({ error: "The file is not UTF-8 text", problems: [{ record: "document", field: "(the file)", message: "is not valid UTF-8" }] }, { status: 400, headers: NO_STORE });
    }
    if (text === null) return jsonError(413, `The file is larger than ${EXCHANGE_MAX_BYTES / 1024 / 1024} MB; use npm run exchange:import on the server`);
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      const message = error instanceof Error ? error.message : "invalid JSON";
      return NextResponse.json({ error: "The file is not valid JSON", problems: [{ record: "document", field: "(the file)", message }] }, { status: 400, headers: NO_STORE });
    }
    const result = await importExchange(actor, json, { dryRun });
    return NextResponse.json(result, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof ExchangeImportError) {
      return NextResponse.json({ error: error.message, reason: error.reason, problems: error.problems }, { status: error.reason === "notEmpty" ? 409 : 400, headers: NO_STORE });
    }
    const answer = expected(error);
    if (answer) return answer;
    console.error("Exchange import failed", error);
    return jsonError(500, "Something went wrong. Try again later.");
  }
}
