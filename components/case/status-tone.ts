// The tone of each case status, shared by the case pages' badge and the case table's cells.
import type { Tone } from "@/components/ui/badge";
import type { CaseStatus } from "@/lib/domain/types";

export const STATUS_TONE: Record<CaseStatus, Tone> = {
  SUMMONED: "warning",
  DETAINED: "danger",
  DISAPPEARED: "danger",
  IMPRISONED: "danger",
  RELEASED_ON_BAIL: "warning",
  SENTENCED: "warning",
  CONDITIONALLY_RELEASED: "info",
  RELEASED: "success",
  ACQUITTED: "success",
  UNKNOWN: "neutral",
};
