// Runs once when a server process starts (Next.js convention). Starts the audit trail's
// signed checkpoints (lib/audit/checkpoint-timer.ts) in the Node.js server only: not in the
// Edge runtime, and not in the processes `next build` starts to prerender pages.
import { isNodeServerAtRunTime } from "@/lib/env";

export async function register(): Promise<void> {
  if (!isNodeServerAtRunTime()) return;
  const { startAuditCheckpoints } = await import("@/lib/audit/checkpoint-timer");
  startAuditCheckpoints();
}
