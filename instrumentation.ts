// Runs once when a server process starts (Next.js convention). Starts the audit trail's
// signed checkpoints (lib/audit/checkpoint-timer.ts) in the Node.js server only: not in the
// Edge runtime, and not in the processes `next build` starts to prerender pages.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAuditCheckpoints } = await import("@/lib/audit/checkpoint-timer");
  startAuditCheckpoints();
}
