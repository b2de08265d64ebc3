import { getTranslations } from "next-intl/server";
import type { HistoryEntry } from "@/lib/data/history";
import { fieldDef, fieldsOfKind } from "@/lib/events/registry";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { formatUtc } from "@/lib/format";

/** The catalog namespace of each enum field of the event registry. */
const EVENT_ENUM_CATALOGS: Record<string, string> = Object.fromEntries(
  fieldsOfKind("enum").map((name) => [name, (fieldDef(name) as { catalog: string }).catalog]),
);
/** The precision of the event's date and of each partial-date field. */
const PRECISION_FIELDS = new Set(["datePrecision", ...fieldsOfKind("partialDate").map((name) => `${name}Precision`)]);

/** The History of a person or case: who did what and when, with each changed field before → after. */
export async function HistoryList({
  entries,
  labels,
}: {
  entries: HistoryEntry[];
  labels?: { actions?: Record<string, string>; fields?: Record<string, string> };
}) {
  const [t, tf, tType, tRec, tAll] = await Promise.all([
    getTranslations("history"),
    getTranslations("historyField"),
    getTranslations("eventType"),
    getTranslations("recording"),
    getTranslations(),
  ]);
  // Enum values are stored as codes (ELECTRONIC_MONITORING); the History shows their labels,
  // from the catalog namespace of each enum field (the event registry's for typed fields).
  type Tr = { has: (k: never) => boolean; (k: never): string };
  const all = tAll as unknown as Tr;
  const ENUM_CATALOGS: Record<string, string> = { type: "eventType", confidence: "confidence", gender: "gender", status: "status", ...EVENT_ENUM_CATALOGS };
  const show = (field: string, value: string | null) => {
    if (value === null) return "—";
    if (PRECISION_FIELDS.has(field)) return tRec.has(`precision.${value}` as never) ? tRec(`precision.${value}` as never) : value;
    const catalog = ENUM_CATALOGS[field];
    const key = `${catalog}.${value}` as never;
    return catalog && all.has(key) ? all(key) : value;
  };
  if (entries.length === 0) return <p className="text-ink-muted">{t("empty")}</p>;
  const subject = (e: HistoryEntry) => (e.entityType === "event" && e.subject && tType.has(e.subject as never) ? tType(e.subject as never) : e.subject);
  return (
    <ol className="space-y-4" data-testid="history">
      {entries.map((e) => (
        <li key={e.id} data-testid="history-entry" className="border-s-2 border-line ps-4">
          <p className="text-sm">
            <time dateTime={e.at.toISOString()} className="text-ink-muted">
              {formatUtc(e.at)}
            </time>
            {" · "}
            <span dir="auto" className="font-medium">
              {e.actor ?? t("system")}
            </span>
            {" · "}
            <span>{labels?.actions?.[e.action] ?? (t.has(`action.${e.action}` as never) ? t(`action.${e.action}` as never) : e.action)}</span>
            {subject(e) ? (
              <>
                {": "}
                <span dir="auto">{subject(e)}</span>
              </>
            ) : null}
          </p>
          {e.changes.length ? (
            <table className="mt-1 w-full text-sm">
              <caption className="sr-only">{t("changesCaption")}</caption>
              <thead>
                <tr className="text-start text-ink-muted">
                  <ColumnHeaders labels={[t("field"), t("before"), t("after")]} className="font-medium" />
                </tr>
              </thead>
              <tbody>
                {e.changes.map((c) => (
                  <tr key={c.field} className="align-top">
                    <th scope="row" className="pe-3 text-start font-normal">
                      {labels?.fields?.[c.field] ?? (tf.has(c.field as never) ? tf(c.field as never) : c.field)}
                    </th>
                    <td dir="auto" className="pe-3 break-words text-ink-muted">
                      {show(c.field, c.before)}
                    </td>
                    <td dir="auto" className="break-words">
                      {show(c.field, c.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
