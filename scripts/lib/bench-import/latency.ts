// GET /api/health every 20 ms while something else runs: how long each answer took.
export interface Latencies {
  samples: number[];
  failures: number;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Polls `url` every `everyMs` (a new request each time, even while earlier ones are still
 * waiting: a blocked server shows as many slow answers, as users would see it) until
 * `until` settles, then waits for the requests still open.
 */
export async function pollDuring(url: string, until: Promise<unknown>, everyMs = 20): Promise<Latencies> {
  const samples: number[] = [];
  let failures = 0;
  const open = new Set<Promise<void>>();
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    const request: Promise<void> = fetch(url, { signal: AbortSignal.timeout(60_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) samples.push(performance.now() - started);
        else failures++;
      })
      .catch(() => void failures++)
      .finally(() => open.delete(request));
    open.add(request);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  await Promise.all(open);
  return { samples, failures };
}
