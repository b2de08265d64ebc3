// The audit page's filters: a plain GET form, so every filter lives in the URL and works
// without JavaScript. Filters the form has no field for (a record id, an entry number,
// arriving from a link) are kept as hidden fields and listed with a link that removes each.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditTrailFilterOptions } from "@/lib/data/audit-trail";
import { auditTrailQuery, SYSTEM_ACTOR, type AuditTrailParams } from "@/lib/validation/audit-trail";

const fieldClass = "mt-1 block w-full min-w-0 rounded-md border border-line bg-surface px-3 py-2 text-base text-ink shadow-sm";
const labelClass = "block text-sm font-medium";
const PATH = "/admin/audit";

export async function AuditFilterForm({ params, options }: { params: AuditTrailParams; options: AuditTrailFilterOptions }) {
  const [t, tAction, tType] = await Promise.all([getTranslations("audit.filters"), getTranslations("audit.actions"), getTranslations("audit.types")]);
  const actionLabel = (a: string) => (tAction.has(a as never) ? `${tAction(a as never)} (${a})` : a);
  const typeLabel = (type: string) => (tType.has(type as never) ? tType(type as never) : type);
  const hidden = (["id", "entry"] as const).filter((k) => params[k]);
  // A value from the URL that is not among the choices (an action no longer written) stays selectable.
  const actions = params.action && !options.actions.includes(params.action) ? [params.action, ...options.actions] : options.actions;
  const types = params.type && !options.types.includes(params.type) ? [params.type, ...options.types] : options.types;
  const users =
    params.user && params.user !== SYSTEM_ACTOR && !options.users.some((u) => u.id === params.user)
      ? [{ id: params.user, name: params.user, email: "" }, ...options.users]
      : options.users;
  return (
    <form
      method="get"
      action={PATH}
      aria-labelledby="audit-filters-heading"
      className="mb-6 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5"
      data-testid="audit-filters"
    >
      <h2 id="audit-filters-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      {hidden.map((k) => (
        <input key={k} type="hidden" name={k} value={params[k]} />
      ))}
      {hidden.length ? (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="audit-active-filters">
          <span>{t("active")}</span>
          {hidden.map((k) => {
            const what = k === "id" ? t("activeId", { id: params.id ?? "" }) : t("activeEntry", { entry: params.entry ?? "" });
            return (
              <Link
                key={k}
                href={`${PATH}${auditTrailQuery({ ...params, [k]: undefined })}`}
                aria-label={t("remove", { what })}
                className="rounded-full border border-line px-2 py-0.5 no-underline hover:bg-surface-muted"
              >
                {what} <span aria-hidden="true">×</span>
              </Link>
            );
          })}
        </p>
      ) : null}
      {params.ignored.length ? (
        <ul className="mt-2 text-sm text-warning-ink" data-testid="audit-ignored">
          {params.ignored.map((i) => (
            <li key={i.field}>{t("ignored", { field: i.field, reason: i.reason })}</li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div>
          <label htmlFor="audit-user" className={labelClass}>
            {t("user")}
          </label>
          <select id="audit-user" name="user" defaultValue={params.user ?? ""} className={fieldClass}>
            <option value="">{t("anyUser")}</option>
            <option value={SYSTEM_ACTOR}>{t("system")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email ? `${u.name} (${u.email})` : u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-action" className={labelClass}>
            {t("action")}
          </label>
          <select id="audit-action" name="action" defaultValue={params.action ?? ""} className={fieldClass}>
            <option value="">{t("anyAction")}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-type" className={labelClass}>
            {t("type")}
          </label>
          <select id="audit-type" name="type" defaultValue={params.type ?? ""} className={fieldClass}>
            <option value="">{t("anyType")}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {typeLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-record" className={labelClass}>
            {t("record")}
          </label>
          <input
            id="audit-record"
            name="record"
            type="search"
            defaultValue={params.record ?? ""}
            aria-describedby="audit-record-help"
            className={fieldClass}
            autoComplete="off"
          />
          <p id="audit-record-help" className="mt-1 text-xs text-ink-muted">
            {t("recordHelp")}
          </p>
        </div>
        <div>
          <label htmlFor="audit-from" className={labelClass}>
            {t("from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={params.from ?? ""} className={fieldClass} />
        </div>
        <div>
          <label htmlFor="audit-to" className={labelClass}>
            {t("to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={params.to ?? ""} className={fieldClass} />
        </div>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-ink hover:opacity-90">
          {t("apply")}
        </button>
        <Link href={PATH} className="text-sm font-medium">
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
