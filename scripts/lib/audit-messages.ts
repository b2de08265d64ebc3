// What the audit scripts print about a chain that does not verify (shared by
// `npm run audit:verify` and `npm run db:restore`).
import { chainProblemWhy, type ChainProblem } from "../../lib/audit/chain";

export function chainProblemMessage(problem: ChainProblem, checked: number): string {
  if (problem.reason === "no-key")
    return `Audit trail NOT VERIFIED from entry ${problem.id}: it ${chainProblemWhy(problem)}. ${checked} entries before it verified.`;
  return `Audit trail BROKEN at entry ${problem.id}: it ${chainProblemWhy(problem)}. ${checked} entries before it verified.`;
}
