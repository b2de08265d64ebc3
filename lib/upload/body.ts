// Reading an upload's body (POST /api/import, POST /api/exchange/import) within a limit.
//
// These two routes are not run through proxy.ts (see its matcher): Next.js buffers in memory
// the body of every request its proxy runs on and cuts it at 10 MB
// (experimental.proxyClientMaxBodySize), which made a 13 MB file arrive truncated and be
// refused as unreadable. Here the body streams from the socket to the route, and the limit
// is the route's own, checked twice: the declared Content-Length before a byte is read, and
// the bytes actually received (a client may send chunked, or lie).

/** The body, or why it was not read. */
export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true };

/**
 * After refusing an over-long body, how much more of it is read (and thrown away) so that the
 * client, still sending, receives the 413 instead of a reset connection; past this the
 * connection is dropped.
 */
const DRAIN_MAX_BYTES = 64 * 1024 * 1024;

/** The declared Content-Length, or null when absent or not a number. */
export function declaredLength(req: Request): number | null {
  const raw = req.headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

/** Reads and discards the rest of a refused body in the background (memory: one chunk at a time). */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  void (async () => {
    let drained = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        drained += value.byteLength;
        if (drained > DRAIN_MAX_BYTES) {
          await reader.cancel();
          return;
        }
      }
    } catch {
      // The client went away: nothing left to read.
    }
  })();
}

/**
 * The whole body in one buffer, refusing it as soon as it is known to exceed `limit` bytes.
 * With a Content-Length the buffer is allocated once at that size (a 255 MB exchange file
 * is held once, not once in pieces and again joined).
 */
export async function readLimited(req: Request, limit: number): Promise<LimitedBody> {
  const declared = declaredLength(req);
  // Refused unread: Node reads and discards the body once the answer is sent.
  if (declared !== null && declared > limit) return { ok: false, tooLarge: true };
  if (!req.body) return { ok: true, bytes: new Uint8Array() };

  const reader = req.body.getReader();
  let sized = declared !== null ? new Uint8Array(declared) : null;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      drain(reader);
      return { ok: false, tooLarge: true };
    }
    if (sized && size + value.byteLength > sized.byteLength) {
      // More than declared (Node's parser never lets that through; a Request built in code
      // may): the declaration is not trusted further.
      parts.push(sized.subarray(0, size));
      sized = null;
    }
    if (sized) sized.set(value, size);
    else parts.push(value);
    size += value.byteLength;
  }
  if (sized) return { ok: true, bytes: size === sized.byteLength ? sized : sized.subarray(0, size) };
  if (parts.length === 1) return { ok: true, bytes: parts[0]! };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return { ok: true, bytes };
}
