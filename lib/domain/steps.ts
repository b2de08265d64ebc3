// Long pure work written as steps: a generator whose every `yield` is a point where the work
// may be suspended. Run in one go here; lib/import/cooperative.ts runs the same steps with
// turns of the event loop in between, so both give exactly the same result.

/** Steps of long pure work: each `yield` is a point where the work may be suspended. */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps in one go. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
