// A byte stream driven by its reader: bytes are produced only when the reader asks for more
// and nothing is queued, one batch of rows at a time. A slow client therefore slows the
// database reads down instead of filling the server's memory, and an export of any size
// holds about one batch of rows (and the bytes written from it) at a time.

export interface ChunkSink {
  push(chunk: Uint8Array): void;
}

export interface BatchWriter<B> {
  /** Writes what comes before the rows (a header). */
  start?(sink: ChunkSink): void | Promise<void>;
  /** Writes one batch of rows. Its bytes may reach the sink now or later (a zip compressor). */
  write(batch: B, sink: ChunkSink): void | Promise<void>;
  /** Writes what comes after the rows; resolves when every byte has reached the sink. */
  end?(sink: ChunkSink): void | Promise<void>;
}

export function pullStream<B>(source: AsyncIterable<B>, writer: BatchWriter<B>): ReadableStream<Uint8Array> {
  const queue: Uint8Array[] = [];
  const sink: ChunkSink = { push: (chunk) => void (chunk.length && queue.push(chunk)) };
  const batches = source[Symbol.asyncIterator]();
  let stage: "start" | "rows" | "end" | "done" = "start";

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (queue.length === 0 && stage !== "done") {
          if (stage === "start") {
            await writer.start?.(sink);
            stage = "rows";
          } else if (stage === "rows") {
            const next = await batches.next();
            if (next.done) stage = "end";
            else await writer.write(next.value, sink);
          } else {
            await writer.end?.(sink);
            stage = "done";
          }
        }
        if (queue.length === 0) return controller.close();
        const chunks = queue.splice(0, queue.length);
        controller.enqueue(chunks.length === 1 ? chunks[0]! : concat(chunks));
      },
      // The client went away: stop reading rows (ends the database transaction).
      async cancel() {
        stage = "done";
        await batches.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
