// One benchmarked query: the data-layer call, and the same query as plain SQL in the same
// process as a baseline (so the figure shows what the data layer adds).
export interface Bench {
  /** e.g. "cases: first page", "aggregates: lashes by court" */
  name: string;
  run: () => Promise<unknown>;
  baseline?: () => Promise<unknown>;
  /** Target p95 in milliseconds, printed next to the figure. */
  targetP95Ms?: number;
}

/**
 * A bench module (scripts/bench/<topic>.ts) gets the database URL, an actor to pass to the
 * data layer, and `recordTarget` for a target it measures itself (not as a Bench's p95), so
 * that a miss there also counts in the final verdict.
 */
export type BenchModule = (context: {
  databaseUrl: string;
  actor: { id: string; email: string; name: string; role: "ADMIN" | "EDITOR" | "VIEWER" };
  recordTarget: (met: boolean) => void;
}) => Promise<Bench[]>;
