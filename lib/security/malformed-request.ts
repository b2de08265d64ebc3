// Requests Next.js cannot decode, refused before it tries. Next.js 16 answers 500, with an
// error in the server log, to three kinds of malformed request that it should refuse as the
// client's mistake:
//
//  1. A path segment that is not valid percent-encoded UTF-8 (/people/%ED%A0%80, /cases/%ff):
//     its route matcher throws a DecodeError and, in an App Router build, the 400 page it
//     then renders does not exist (vercel/next.js PR 92557 is the upstream fix).
//  2. A server-action request whose body is not what React's client sends: not JSON, empty,
//     over the 1 MB limit, nested deeply enough to overflow React's decoder, multipart that
//     does not parse, or references to parts that do not exist. React's decodeReply throws
//     and Next.js renders the throw as a 500.
//  3. A client-navigation request whose Next-Router-State-Tree header does not parse.
//     Next.js removes that header from the request its proxy sees, so the app's server
//     checks it (scripts/lib/router-state.mjs), removes a bad one and marks the request;
//     malformedRouterState reads the mark.
//
// proxy.ts calls these first, so such requests get a 400 (413 past the size limit) and
// nothing reaches Next.js's decoder or the server log. The accepted body forms are those
// React's encodeReply produces for what this app's actions take (plain JSON values and the
// settings forms' FormData); anything else is refused, not guessed at. Valid-looking requests
// pass unchanged: an unknown action id, a foreign Origin and the rest stay Next.js's to judge.
//
// Pure apart from reading the body, which proxy.ts receives as a copy (Next.js replays the
// original to the page). Tested in lib/security/malformed-request.test.ts.
import { MALFORMED_ROUTER_STATE } from "@/lib/security/router-state-marker.mjs";

/** Next.js's default `serverActions.bodySizeLimit` (next.config.js does not change it). */
export const SERVER_ACTION_BODY_LIMIT = 1024 * 1024;
/** Far deeper than any form's value (an event with its charges and new sources is about 5). */
export const MAX_ACTION_DEPTH = 64;
/** An action takes one argument; React adds the bound ones first. */
const MAX_ARGUMENTS = 16;
/** Next.js's server reference ids: 42 hex digits (next/dist/shared/lib/server-reference-info). */
const ACTION_ID = /^[0-9a-f]{42}$/;

export interface RequestProblem {
  status: 400 | 413;
  reason: string;
}

/**
 * True when the app's server found the request's router state header unparseable
 * (scripts/lib/router-state.mjs; behind `next dev`, which does not check it, never).
 */
export function malformedRouterState(request: Request): boolean {
  return request.headers.has(MALFORMED_ROUTER_STATE);
}

/** True when some segment of the (still percent-encoded) path does not decode as UTF-8. */
export function undecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return false;
  } catch {
    return true;
  }
}

/** Whether Next.js will treat this request as a server action (its own test, in next/dist/server/lib/server-action-request-meta). */
export function isPossibleServerAction(request: Request): boolean {
  if (request.method !== "POST") return false;
  if (request.headers.has("next-action")) return true;
  return (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
}

/**
 * Why Next.js could not decode this server-action request, or null when it can. Reads the
 * body: call it with a request whose body may be consumed.
 */
export async function serverActionProblem(request: Request): Promise<RequestProblem | null> {
  const actionId = request.headers.get("next-action");
  if (actionId !== null && !ACTION_ID.test(actionId)) return bad("the Next-Action header is not a server action id");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > SERVER_ACTION_BODY_LIMIT) return tooLarge();
  const body = await readLimited(request);
  if (body === null) return tooLarge();
  const contentType = request.headers.get("content-type") ?? "";

  if (contentType.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Request("http://body.invalid/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
    } catch {
      return bad("the multipart body does not parse");
    }
    return actionId !== null ? replyProblem(form.get("0"), (id) => form.get(id), true) : formActionProblem(form);
  }
  // A fetch action with a text body (React sends a string when no part needs FormData).
  // Another POST without the header is not an action: the page answers it.
  if (actionId === null) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return bad("the body is not valid UTF-8");
  }
  return replyProblem(text, () => null, false);
}

/** A form posted without JavaScript: React's `$ACTION_ID_<id>` field names the action. */
function formActionProblem(form: FormData): RequestProblem | null {
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_")) continue;
    if (key.startsWith("$ACTION_ID_")) {
      if (!ACTION_ID.test(key.slice("$ACTION_ID_".length))) return bad(`the form field ${JSON.stringify(key.slice(0, 60))} does not name a server action`);
    } else if (key.startsWith("$ACTION_REF_") || /^\$ACTION_\d+:/.test(key)) {
      // Bound form actions (useActionState); no form of this app has one.
      return bad("bound form actions are not accepted");
    }
  }
  return null;
}

type Part = FormDataEntryValue | null;

/**
 * Checks a Flight reply: the root part (the action's arguments as a JSON array) and every
 * part it references. `partOf` returns a multipart body's other parts (none in a text body).
 */
function replyProblem(root: Part, partOf: (id: string) => Part, multipart: boolean): RequestProblem | null {
  if (typeof root !== "string") return bad("the body has no arguments part");
  const parsed = parseJson(root);
  if (!parsed.ok) return bad("the body is not JSON");
  if (!Array.isArray(parsed.value)) return bad("the body is not a list of arguments");
  if (parsed.value.length > MAX_ARGUMENTS) return bad(`the body has more than ${MAX_ARGUMENTS} arguments`);

  const chunks = new Map<string, unknown>([["0", parsed.value]]);
  const chunk = (id: string): { ok: true; value: unknown } | { ok: false } => {
    if (chunks.has(id)) return { ok: true, value: chunks.get(id) };
    const part = multipart ? partOf(id) : null;
    if (typeof part !== "string") return { ok: false };
    const value = parseJson(part);
    if (value.ok) chunks.set(id, value.value);
    return value;
  };

  // Iterative walk (a recursive one is what overflows on hostile nesting).
  const pending: { value: unknown; depth: number }[] = [{ value: parsed.value, depth: 1 }];
  const visitedChunks = new Set<string>(["0"]);
  while (pending.length) {
    const { value, depth } = pending.pop()!;
    if (depth > MAX_ACTION_DEPTH) return bad(`the body is nested deeper than ${MAX_ACTION_DEPTH} levels`);
    if (typeof value === "string") {
      const problem = referenceProblem(value, chunk, multipart);
      if (problem) return problem;
      const target = /^\$([0-9a-f]+)(?::|$)/.exec(value)?.[1];
      if (target !== undefined && !visitedChunks.has(target)) {
        visitedChunks.add(target);
        pending.push({ value: chunks.get(target), depth: depth + 1 });
      }
    } else if (value !== null && typeof value === "object") {
      for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * React's reply encodes a string starting with "$" as a reference or a special value. The
 * ones its client produces for plain values are accepted; "$K" (FormData) only where the
 * multipart body can carry its fields; "$<id>:<path>" (a repeated object) when it resolves.
 */
function referenceProblem(value: string, chunk: (id: string) => { ok: true; value: unknown } | { ok: false }, multipart: boolean): RequestProblem | null {
  if (value[0] !== "$") return null;
  const tag = value[1];
  if (tag === "$" || tag === "D") return null; // an escaped "$..." string; a date (any text parses, invalid ones to Invalid Date)
  if (["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"].includes(value)) return null;
  if (tag === "n") return /^\$n-?\d{1,300}$/.test(value) ? null : bad("the body holds a malformed number");
  if (tag === "K") return multipart && /^\$K[0-9a-f]+$/.test(value) ? null : bad("the body references form data it does not carry");
  const path = /^\$([0-9a-f]+)((?::[^:]*)*)$/.exec(value);
  if (path) {
    const target = chunk(path[1]!);
    if (!target.ok) return bad("the body references a part it does not carry");
    let at: unknown = target.value;
    for (const key of path[2]!.split(":").slice(1)) {
      if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return bad("the body references a value it does not carry");
      at = (at as Record<string, unknown>)[key];
    }
    return null;
  }
  return bad(`the body uses a form of value this app's actions do not take (${JSON.stringify(value.slice(0, 12))})`);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The body, or null when it is larger than the limit (read no further than that). */
async function readLimited(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > SERVER_ACTION_BODY_LIMIT) {
      await reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

const bad = (why: string): RequestProblem => ({ status: 400, reason: `Malformed server action request: ${why}.` });
const tooLarge = (): RequestProblem => ({ status: 413, reason: `Server action request too large: the limit is ${SERVER_ACTION_BODY_LIMIT / 1024 / 1024} MB.` });
