// A behavioural check that long work leaves the event loop free, without timing anything.

/**
 * How many turns the event loop took while `work` ran: a callback that re-queues itself with
 * setImmediate runs once per turn, and only when the work lets go of the thread. Work that
 * never yields lets it run 0 times, however long it takes.
 */
export async function turnsDuring<T>(work: () => Promise<T> | T): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  try {
    return { value: await work(), turns };
  } finally {
    running = false;
  }
}
