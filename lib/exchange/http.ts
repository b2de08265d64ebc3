import "server-only";
// The HTTP side of the exchange: GET /api/exchange/export and POST /api/exchange/import
// (app/api/exchange/*). Expected failures answer with their status and, for a refused file,
// every problem (record, field, message); anything else is logged and answered generically.
import { requireRole, type Actor } from "@/lib/authz";
import { openExchangeExport } from "@/lib/data/exchange-export";
import { importExchange } from "@/lib/data/exchange-import";
import { pullStream } from "@/lib/export/pull-stream";
import { EXCHANGE_MAX_BYTES } from "./limits";
import { json, jsonError, NO_STORE, route } from "@/lib/http";
import { readLimited } from "@/lib/upload/body";

/** The whole database as an exchange file, streamed as the client reads it (the transaction waits for a slow client). */
async function exportFile(actor: Actor): Promise<Response> {
  const exported = await openExchangeExport(actor);
  const encoder = new TextEncoder();
  const body = pullStream(exported.chunks, { write: (text, sink) => sink.push(encoder.encode(text)) });
  return new Response(body, {
    status: 200,
    headers: {
      ...NO_STORE,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tracker-exchange-${exported.scope}-${exported.exportedAt.slice(0, 10)}.json"`,
    },
  });
}

type ReadJson = { ok: true; json: unknown } | { ok: false; answer: Response };

const fileProblem = (error: string, message: string) => json({ error, problems: [{ record: "document", field: "(the file)", message }] }, { status: 400 });

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

/** Imports the request's exchange file into this empty installation (ADMIN only), or says why not. */
async function importFile(signedIn: Actor, req: Request): Promise<Response> {
  // Refuse before reading a large body from someone who may not import anyway.
  const actor = requireRole(signedIn, "ADMIN");
  // A cross-site HTML form can post text/plain but never application/json (that needs a
  // CORS preflight, which this server never grants): requiring it shuts out forged requests.
  if (!/^application\/json\b/i.test(req.headers.get("content-type") ?? "")) {
    return jsonError(415, "Send the exchange file as application/json");
  }
  const dryRun = new URL(req.url).searchParams.get("dryRun") === "1";
  const read = await readJson(req, EXCHANGE_MAX_BYTES);
  if (!read.ok) return read.answer;
  return json(await importExchange(actor, read.json, { dryRun }));
}

/** GET /api/exchange/export: the database as an exchange file (an ADMIN's complete, an EDITOR's live records). */
export const exchangeExportResponse = route("GET /api/exchange/export", ({ actor }) => exportFile(actor));

/** POST /api/exchange/import[?dryRun=1]: the request's exchange file into this empty installation. */
export const exchangeImportResponse = route("POST /api/exchange/import", ({ actor, req }) => importFile(actor, req));
