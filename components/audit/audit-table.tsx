// One page of the audit trail: entry number, when, who, action, the record (a link while it
// exists) and a readable before → after of each field. The changes of an entry sit in a
// disclosure so the table stays scannable; short ones start open.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { Badge } from "@/components/ui/badge";
import { captionClass, tableClass, TableScroll, tdClass, HeaderCells } from "@/components/ui/table";
import { REDACTED, type AuditChange } from "@/lib/audit/trail-view";
import type { AuditTrailPage, AuditTrailRow } from "@/lib/data/audit-trail";
import { auditTrailQuery, type AuditTrailParams } from "@/lib/validation/audit-trail";
import { formatUtc } from "@/lib/format";
import { ColumnHeaders } from "@/components/ui/column-headers";

const PATH = "/admin/audit";
/** Entries with at most this many changed fields show them without a click. */
const OPEN_UP_TO = 3;

async function Value({ value }: { value: string | null }) {
  const t = await getTranslations("audit.table");
  if (value === null) return <span className="text-ink-muted">{t("empty")}</span>;
  if (value === REDACTED) return <em className="text-ink-muted">{t("redacted")}</em>;
  return (
    <span dir="auto" className="whitespace-pre-wrap break-words">
      {value}
    </span>
  );
}

async function Changes({ row }: { row: AuditTrailRow }) {
  const t = await getTranslations("audit.table");
  if (row.changes.length === 0) return <span className="text-ink-muted">{t("noChanges")}</span>;
  return (
    <details open={row.changes.length <= OPEN_UP_TO} className="group">
      <summary className="cursor-pointer text-sm font-medium">{t("fieldsChanged", { count: row.changes.length })}</summary>
      <table className="mt-1 w-full text-xs">
        <caption className="sr-only">{t("changesCaption", { id: row.id })}</caption>
        <thead>
          <tr className="text-ink-muted">
            <ColumnHeaders labels={[t("field"), t("before"), t("after")]} className="font-medium" gap="pe-2" />
          </tr>
        </thead>
        <tbody>
          {row.changes.map((c: AuditChange) => (
            <tr key={c.field} className="align-top" data-testid="audit-change" data-field={c.field}>
              <th scope="row" className="pe-2 text-start font-normal">
                <code>{c.field}</code>
                {c.restricted ? (
                  <>
                    {" "}
                    <Badge tone="restricted">{t("restricted")}</Badge>
                  </>
                ) : null}
              </th>
              <td className="max-w-[18rem] pe-2 text-ink-muted">
                <Value value={c.before} />
              </td>
              <td className="max-w-[18rem]">
                <Value value={c.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

async function RecordCell({ row, params }: { row: AuditTrailRow; params: AuditTrailParams }) {
  const [t, tType] = await Promise.all([getTranslations("audit.table"), getTranslations("audit.types")]);
  const r = row.record;
  if (!r) return <span className="text-ink-muted">{t("empty")}</span>;
  const type = tType.has(r.type as never) ? tType(r.type as never) : r.type;
  if (!r.id) return <span>{type}</span>;
  const name = r.label ?? r.id;
  const only = `${PATH}${auditTrailQuery({ ...params, record: undefined, type: r.type, id: r.id })}`;
  return (
    <div className="space-y-1">
      <div>
        <span className="text-ink-muted">{type}</span>{" "}
        {r.href ? (
          <Link href={r.href} dir="auto" className="font-medium" data-testid="audit-record-link">
            {name}
          </Link>
        ) : (
          <span dir="auto">{r.label ?? <code className="text-xs">{r.id}</code>}</span>
        )}
        {r.deleted ? (
          <>
            {" "}
            <Badge tone="warning">{t("deleted")}</Badge>
          </>
        ) : null}
      </div>
      {params.type === r.type && params.id === r.id ? null : (
        <Link href={only} className="text-xs" aria-label={t("onlyThisRecordLabel", { record: `${type} ${name}` })}>
          {t("onlyThisRecord")}
        </Link>
      )}
    </div>
  );
}

export async function AuditTable({ result, params, filtered }: { result: AuditTrailPage; params: AuditTrailParams; filtered: boolean }) {
  const [t, tAction] = await Promise.all([getTranslations("audit.table"), getTranslations("audit.actions")]);
  if (result.total === 0) {
    return (
      <div className="rounded-lg border border-line bg-surface p-6 text-center" data-testid="audit-empty">
        <p>{filtered ? t("noMatch") : t("noEntries")}</p>
        {filtered ? (
          <p className="mt-2">
            <Link href={PATH}>{t("showAll")}</Link>
          </p>
        ) : null}
      </div>
    );
  }
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  const caption = t("caption", { first, last, total: result.total });
  return (
    <>
      <p className="mb-2 text-sm text-ink-muted" aria-hidden="true">
        {caption}
      </p>
      <TableScroll label={caption}>
        <table className={tableClass} data-testid="audit-table">
          <caption className={captionClass}>{caption}</caption>
          <thead>
            <tr>
              <HeaderCells labels={[t("id"), t("when"), t("who"), t("action"), t("record"), t("changes")]} />
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id} data-testid="audit-row" data-action={row.action} data-actor={row.actor?.id ?? "system"}>
                <td className={`${tdClass} tabular-nums`}>#{row.id}</td>
                <td className={`${tdClass} whitespace-nowrap`}>
                  <time dateTime={row.at.toISOString()}>{formatUtc(row.at, "second")}</time>
                </td>
                <td className={tdClass}>
                  {row.actor ? (
                    <>
                      <span dir="auto" className="block font-medium" data-testid="audit-actor">
                        {row.actor.name}
                      </span>
                      <span className="block text-xs text-ink-muted">{row.actor.email}</span>
                    </>
                  ) : (
                    <span className="text-ink-muted" data-testid="audit-actor">
                      {t("system")}
                    </span>
                  )}
                </td>
                <td className={tdClass}>
                  {tAction.has(row.action as never) ? <span className="block">{tAction(row.action as never)}</span> : null}
                  <code className="text-xs text-ink-muted">{row.action}</code>
                </td>
                <td className={tdClass}>
                  <RecordCell row={row} params={params} />
                </td>
                <td className={`${tdClass} min-w-[16rem]`}>
                  <Changes row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {result.pageCount > 1 ? <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => `${PATH}${auditTrailQuery(params, p)}`} /> : null}
    </>
  );
}

export async function AuditTableSkeleton({ rows = 8 }: { rows?: number }) {
  const t = await getTranslations("audit.table");
  return (
    <div role="status" aria-live="polite" aria-busy="true" data-testid="audit-skeleton">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden="true" className="overflow-hidden rounded-lg border border-line bg-surface">
        <div className="h-10 border-b border-line bg-surface-muted" />
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex gap-4 border-b border-line px-3 py-3">
            <div className="h-4 w-12 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/6 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/6 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/5 animate-pulse rounded bg-surface-muted" />
            <div className="h-4 w-1/4 animate-pulse rounded bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}
