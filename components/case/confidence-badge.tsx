import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import type { Confidence } from "@/lib/domain/types";

// Most events are HIGH: keep them quiet, draw the eye to the doubtful ones.
const TONE: Record<Confidence, Tone> = { HIGH: "neutral", MEDIUM: "warning", LOW: "danger" };

export async function ConfidenceBadge({ confidence }: { confidence: Confidence }) {
  const t = await getTranslations("confidence");
  return <Badge tone={TONE[confidence]}>{t(confidence)}</Badge>;
}
