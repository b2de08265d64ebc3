// A small bounded queue between one producer (a database transaction reading rows) and one
// consumer (the response being written). The producer waits while the queue is full, so the
// rows in memory never exceed the capacity plus the batch each side is working on; the
// consumer stopping early (the client went away) makes the producer's next push throw,
// which ends the transaction.

export class ExportCancelledError extends Error {
  constructor() {
    super("The export was cancelled");
    this.name = "ExportCancelledError";
  }
}

export class BatchQueue<T> {
  private readonly items: T[] = [];
  private ended = false;
  private failure: { error: unknown } | null = null;
  private cancelled = false;
  private wakeConsumer: (() => void) | null = null;
  private wakeProducer: (() => void) | null = null;

  constructor(private readonly capacity = 1) {}

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Adds a batch, waiting while the queue is full; throws ExportCancelledError once the consumer has stopped. */
  async push(item: T): Promise<void> {
    while (!this.cancelled && this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => (this.wakeProducer = resolve));
    }
    if (this.cancelled) throw new ExportCancelledError();
    this.items.push(item);
    this.wake("consumer");
  }

  /** No more batches. */
  end(): void {
    this.ended = true;
    this.wake("consumer");
  }

  /** The producer failed: the consumer's next read throws this error. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.wake("consumer");
  }

  /** The consumer stopped: the producer's next push throws. */
  cancel(): void {
    this.cancelled = true;
    this.items.length = 0;
    this.wake("producer");
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    try {
      for (;;) {
        if (this.items.length) {
          const item = this.items.shift() as T;
          this.wake("producer");
          yield item;
          continue;
        }
        if (this.failure) throw this.failure.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      }
    } finally {
      if (!this.ended || this.failure) this.cancel();
    }
  }

  private wake(side: "consumer" | "producer"): void {
    const wake = side === "consumer" ? this.wakeConsumer : this.wakeProducer;
    if (side === "consumer") this.wakeConsumer = null;
    else this.wakeProducer = null;
    wake?.();
  }
}
