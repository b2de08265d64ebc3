"use client";

// The cells of the case table (client components: the table sorts and hides columns in the
// browser's hands). Names render with dir="auto" (Perso-Arabic aliases read right to left);
// an empty cell says "Not stated" to screen readers instead of looking like a bug.
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { STATUS_TONE } from "@/components/case/status-tone";
import { NotStated } from "@/components/ui/not-stated";
import type { CaseTableRow, PartialDateValue } from "@/lib/data/case-table";
import { formatPartialDate, toIsoPartial } from "@/lib/domain/dates";

function asDate(value: PartialDateValue): Date | null {
  return value.date === null ? null : new Date(`${value.date}T00:00:00Z`);
}

/** A date only as precise as it is known ("16 Jul 2020", "Oct 2020", "2020"). */
export function PartialDateCell({ value }: { value: PartialDateValue }) {
  const locale = useLocale();
  const t = useTranslations("common");
  const date = asDate(value);
  const text = formatPartialDate(date, value.precision, locale);
  const iso = toIsoPartial(date, value.precision);
  if (text === null || iso === null) return <span className="text-ink-muted">{t("dateUnknown")}</span>;
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {text}
    </time>
  );
}

export function PersonCell({ row }: { row: CaseTableRow }) {
  const t = useTranslations("cases");
  const tc = useTranslations("common");
  const { person } = row;
  return (
    <>
      <Link href={`/people/${person.id}`} dir="auto" className="font-medium" data-testid="case-person-link">
        {person.name}
      </Link>
      {person.aliases.length ? (
        <div className="mt-0.5 text-xs text-ink-muted" data-testid="case-aliases">
          <span className="sr-only">{t("aliasesPrefix")} </span>
          {person.aliases.map((alias, i) => (
            <span key={alias}>
              {i > 0 ? tc("listSeparator") : null}
              <span dir="auto">{alias}</span>
            </span>
          ))}
        </div>
      ) : null}
      <div className="mt-1 flex flex-wrap items-center gap-x-2 text-xs">
        <Link href={`/cases/${row.id}`} className="text-ink-muted">
          {t("openCase")}
          <span className="sr-only" dir="auto">
            {" "}
            {t("openCaseOf", { name: person.name })}
          </span>
        </Link>
        {row.score !== null ? <span className="text-ink-muted">{t("matchScore", { percent: Math.round(row.score * 100) })}</span> : null}
      </div>
    </>
  );
}

/** "Detained — last known Oct 2020": a status never appears without the date of its news. */
export function StatusCell({ status }: { status: CaseTableRow["status"] }) {
  const t = useTranslations("cases");
  const ts = useTranslations("status");
  const locale = useLocale();
  const date = formatPartialDate(asDate(status), status.precision, locale);
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1.5 gap-y-1" data-testid="case-status">
      <Badge tone={STATUS_TONE[status.value]}>{ts(status.value)}</Badge>
      <span className="text-xs whitespace-nowrap text-ink-muted">
        <span aria-hidden="true">— </span>
        {date ? t("lastKnown", { date }) : t("dateUnknown")}
      </span>
    </span>
  );
}

/** Text, optionally a link; `clamp` shows two lines (long incident titles), the rest stays in the DOM for screen readers. */
export function TextCell({ value, href, testId, clamp = false }: { value: string | null; href?: string; testId?: string; clamp?: boolean }) {
  if (value === null) return <NotStated />;
  const className = clamp ? "line-clamp-2" : undefined;
  return href ? (
    <Link href={href} dir="auto" data-testid={testId} className={className} title={clamp ? value : undefined}>
      {value}
    </Link>
  ) : (
    <span dir="auto" data-testid={testId} className={className}>
      {value}
    </span>
  );
}

export function CourtCell({ court }: { court: CaseTableRow["court"] }) {
  const t = useTranslations("cases");
  if (court === null) return <NotStated />;
  return <span dir="auto">{court.branch ? t("courtWithBranch", { court: court.name, branch: court.branch }) : court.name}</span>;
}

export function ChargesCell({ charges }: { charges: CaseTableRow["charges"] }) {
  const t = useTranslations("cases");
  if (charges.length === 0) return <NotStated />;
  return (
    <ul className={`space-y-0.5 ${charges.length > 1 ? "list-disc ps-4" : ""}`} data-testid="case-charges">
      {charges.map((c, i) => (
        <li key={i} dir="auto">
          {c.text && c.article ? t("chargeWithArticle", { charge: c.text, article: c.article }) : (c.text ?? t("articleOnly", { article: c.article ?? "" }))}
        </li>
      ))}
    </ul>
  );
}

export function DaysCell({ value }: { value: number | null }) {
  const t = useTranslations("cases");
  return value === null ? <NotStated /> : <span className="whitespace-nowrap">{t("days", { count: value })}</span>;
}

export function CountCell({ value }: { value: number | null }) {
  return value === null ? <NotStated /> : <>{value}</>;
}

export function TimestampCell({ iso }: { iso: string }) {
  const locale = useLocale();
  const date = new Date(iso);
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {formatPartialDate(day, "DAY", locale)}
    </time>
  );
}
