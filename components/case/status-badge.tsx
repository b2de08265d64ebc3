import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { STATUS_TONE } from "@/components/case/status-tone";
import type { CaseStatus, DatePrecision } from "@/lib/domain/types";
import { partialDateText } from "@/components/case/partial-date";

export async function StatusBadge({ status }: { status: CaseStatus }) {
  const t = await getTranslations("status");
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

/**
 * "Detained — last known Oct 2020": a status is always the LAST KNOWN one, so it is never
 * shown without the date of the news it comes from.
 */
export async function CaseStatusLine({
  status,
  date,
  precision,
  className = "",
  ...rest
}: {
  status: CaseStatus;
  date: Date | null;
  precision: DatePrecision;
  className?: string;
  "data-testid"?: string;
}) {
  const t = await getTranslations("case");
  const dateText = await partialDateText(date, precision);
  return (
    <span className={`inline-flex flex-wrap items-center gap-x-1.5 gap-y-1 ${className}`} data-testid={rest["data-testid"]}>
      <StatusBadge status={status} />
      <span className="text-sm whitespace-nowrap text-ink-muted">
        <span aria-hidden="true">— </span>
        {dateText ? t("lastKnown", { date: dateText }) : t("dateUnknown")}
      </span>
    </span>
  );
}
