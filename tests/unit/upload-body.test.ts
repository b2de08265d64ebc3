// Reading an upload within a limit (lib/upload/body.ts): refused unread by Content-Length,
// refused as soon as the bytes received pass the limit (chunked, or a false Content-Length),
// the rest of a refused body read and thrown away up to a bound, the body whole otherwise.
import { describe, expect, it } from "vitest";
import { readLimited } from "@/lib/upload/body";

const MB = 1024 * 1024;

/** A body of `chunks` chunks of 1 MB, counting what was pulled from it and whether it was cancelled. */
function counted(chunks: number) {
  const chunk = new Uint8Array(MB).fill(0x61);
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

const request = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/upload", { method: "POST", body, headers, duplex: "half" } as RequestInit);

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("readLimited", () => {
  it("gives the whole body within the limit, with or without a Content-Length", async () => {
    expect(await readLimited(request("hello", { "content-length": "5" }), 5)).toEqual({ ok: true, bytes: new TextEncoder().encode("hello") });
    const { body } = counted(3);
    const read = await readLimited(request(body), 3 * MB);
    expect(read.ok && read.bytes.byteLength).toBe(3 * MB);
  });

  it("refuses by the declared Content-Length without reading a byte", async () => {
    const { body, seen } = counted(30);
    expect(await readLimited(request(body, { "content-length": String(20 * MB + 1) }), 20 * MB)).toEqual({ ok: false, tooLarge: true });
    await settle();
    expect(seen.pulled).toBeLessThanOrEqual(1); // (a stream may be asked for its first chunk when it is set up)
  });

  it("refuses as soon as the bytes received pass the limit, then reads the rest away up to a bound", async () => {
    const { body, seen } = counted(1_000);
    const read = await readLimited(request(body), 20 * MB);
    expect(read).toEqual({ ok: false, tooLarge: true });
    const atRefusal = seen.pulled;
    expect(atRefusal).toBeLessThanOrEqual(22);
    // The client still sending gets the answer rather than a reset connection; a client that
    // never stops is cut off after 64 MB more.
    for (let i = 0; i < 100 && !seen.cancelled; i++) await settle();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeGreaterThan(atRefusal);
    expect(seen.pulled).toBeLessThanOrEqual(atRefusal + 66);
  });

  it("does not trust a Content-Length smaller than the body", async () => {
    const { body } = counted(3);
    const read = await readLimited(request(body, { "content-length": "100" }), 20 * MB);
    expect(read.ok && read.bytes.byteLength).toBe(3 * MB);
    const { body: big } = counted(25);
    expect(await readLimited(request(big, { "content-length": "100" }), 20 * MB)).toEqual({ ok: false, tooLarge: true });
  });
});
