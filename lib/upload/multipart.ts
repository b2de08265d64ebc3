// multipart/form-data (RFC 7578) read from a body already in memory, with busboy: the parts'
// names, file names and bytes. The body is handed to busboy 256 KB at a time, with a turn of
// the event loop whenever a time slice is used up (lib/import/cooperative.ts), so reading the
// envelope of a 20 MB upload never holds up other requests; undici's Response.formData() read it in one go, 100–150 ms during which the
// server answered no one else, and copied the file twice.
import busboy from "busboy";
import { TimeSlice } from "@/lib/import/cooperative";

export interface Part {
  name: string;
  /** The file name the client gave (possibly ""), or null for a plain field. */
  fileName: string | null;
  bytes: Uint8Array;
}

/** More parts than a form of the tracker ever sends: refused rather than walked through. */
const MAX_PARTS = 100;
/** A plain field (dryRun) is a few bytes; a longer one is refused. */
const MAX_FIELD_BYTES = 64 * 1024;
const PIECE_BYTES = 256 * 1024;

/** True for a multipart/form-data Content-Type that names a boundary. */
export function isMultipart(contentType: string): boolean {
  return /^multipart\/form-data\s*;/i.test(contentType) && /;\s*boundary=/i.test(contentType);
}

/**
 * The parts of the body, or null when it is not a well-formed multipart/form-data body for
 * `contentType` (no closing delimiter, a part without a name, more than MAX_PARTS parts, a
 * field over MAX_FIELD_BYTES).
 */
export async function readMultipart(body: Uint8Array, contentType: string): Promise<Part[] | null> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { parts: MAX_PARTS, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 200 },
    });
  } catch {
    return null; // not multipart, or no boundary
  }
  const parts: Part[] = [];
  let refused = false;
  const refuse = () => {
    refused = true;
  };
  const finished = new Promise<void>((resolve) => {
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      const part: Part = { name, fileName: info.filename ?? "", bytes: new Uint8Array() };
      parts.push(part);
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      // A body that ends inside the file fails its stream too: without a listener, that
      // error would be thrown out of the process.
      stream.on("error", refuse);
      stream.on("end", () => (part.bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) refuse();
      parts.push({ name, fileName: null, bytes: Buffer.from(value, "utf8") });
    });
    parser.on("partsLimit", refuse);
    parser.on("error", () => {
      refuse();
      resolve();
    });
    parser.on("close", () => resolve());
  });
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const slice = new TimeSlice();
  for (let at = 0; at < data.byteLength && !refused; at += PIECE_BYTES) {
    parser.write(data.subarray(at, at + PIECE_BYTES));
    await slice.pause();
  }
  parser.end();
  // busboy closes only after every file stream has ended, so each part's bytes are in.
  await finished;
  return refused ? null : parts;
}
