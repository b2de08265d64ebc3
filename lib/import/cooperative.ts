// Long work on the server's one JavaScript thread, done in slices: between two slices the
// event loop gets a turn (setImmediate runs after pending I/O), so every other request,
// /api/health included, is answered while a 20 MB import is read and checked.
//
// Work that must also run in one go (unit tests, small inputs) is written as a generator
// that `yield`s at safe points; `runToEnd` drives it synchronously and `runInSlices` drives
// the same steps with a turn of the event loop whenever a slice has been used up. One
// implementation, so the sliced result is exactly the unsliced one.

import type { Steps } from "@/lib/domain/steps";

/**
 * How long one slice may run before the event loop gets a turn. A request needs several
 * turns (read, route, a database round trip, write), each of which may wait for a slice to
 * end: 4 ms keeps that wait far below the 50 ms a request may be held up.
 */
export const SLICE_MS = 4;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A time budget: `pause()` gives the event loop a turn once SLICE_MS of work went by since the last one. */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly ms = SLICE_MS) {}

  /** True when the slice is used up (cheap: one clock read). */
  get spent(): boolean {
    return performance.now() - this.started >= this.ms;
  }

  /** Yields to the event loop if the slice is used up; otherwise returns at once. */
  async pause(): Promise<void> {
    if (!this.spent) return;
    await nextTurn();
    this.started = performance.now();
  }
}

export { runToEnd, type Steps } from "@/lib/domain/steps";

/** Runs the steps, giving the event loop a turn whenever a slice is used up. */
export async function runInSlices<T>(steps: Steps<T>, slice: TimeSlice = new TimeSlice()): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await slice.pause();
  }
}

/**
 * A JSON body serialized in slices: the arrays named in `long` 500 elements at a time,
 * everything else at once. The same text JSON.stringify gives (key order kept), without the
 * 100 ms that JSON.stringify takes on the answer to a 50,000-row check.
 */
export function jsonInSlices(value: Record<string, unknown>, long: readonly string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // Long arrays go out 500 elements at a time.
  function* pieces(): Generator<string> {
    let first = true;
    yield "{";
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined || typeof field === "function") continue;
      const head = `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      if (!long.includes(key) || !Array.isArray(field)) {
        yield head + JSON.stringify(field);
        continue;
      }
      yield `${head}[`;
      for (let at = 0; at < field.length; at += 500) {
        yield field
          .slice(at, at + 500)
          .map((item: unknown, i) => `${at + i ? "," : ""}${JSON.stringify(item) ?? "null"}`)
          .join("");
      }
      yield "]";
    }
    yield "}";
  }
  const steps = pieces();
  const slice = new TimeSlice();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await slice.pause();
      const next = steps.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
