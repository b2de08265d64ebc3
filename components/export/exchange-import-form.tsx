"use client";

// Importing an exchange file on /admin/exchange (ADMIN only; the server checks again).
// "Check the file" sends it with dryRun=1: the server validates it, derives every case's
// values again and checks that this installation is empty, and writes nothing. "Import"
// asks for confirmation first, then imports everything in one transaction. Every problem
// the server finds is listed with its record and field.
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { ColumnHeaders } from "@/components/ui/column-headers";

interface Problem {
  record: string;
  field: string;
  message: string;
}
interface Counts {
  courts: number;
  facilities: number;
  sources: number;
  incidents: number;
  people: number;
  cases: number;
  events: number;
}

type View =
  | { kind: "idle" }
  | { kind: "busy"; dryRun: boolean }
  | { kind: "done"; dryRun: boolean; counts: Counts }
  | { kind: "error"; message: string; problems: Problem[] };

const buttonClass = "rounded-md px-4 py-2 font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60";

export function ExchangeImportForm({ maxMegabytes }: { maxMegabytes: number }) {
  const t = useTranslations("export.exchange");
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<View>({ kind: "idle" });
  const [confirmed, setConfirmed] = useState(false);
  const busy = view.kind === "busy";

  async function send(dryRun: boolean) {
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setView({ kind: "error", message: t("noFile"), problems: [] });
      return;
    }
    if (file.size > maxMegabytes * 1024 * 1024) {
      setView({ kind: "error", message: t("tooLarge", { max: maxMegabytes }), problems: [] });
      return;
    }
    setView({ kind: "busy", dryRun });
    try {
      const res = await fetch(`/api/exchange/import${dryRun ? "?dryRun=1" : ""}`, {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/json" },
      });
      const body = (await res.json().catch(() => null)) as { counts?: Counts; error?: string; reason?: string; problems?: Problem[] } | null;
      if (res.ok && body?.counts) {
        setView({ kind: "done", dryRun, counts: body.counts });
        return;
      }
      const message =
        res.status === 409
          ? t("notEmpty")
          : res.status === 413
            ? t("tooLarge", { max: maxMegabytes })
            : res.status === 403 || res.status === 401
              ? t("forbidden")
              : body?.reason === "derived"
                ? t("derived")
                : t("invalid");
      setView({ kind: "error", message, problems: body?.problems ?? [] });
    } catch {
      setView({ kind: "error", message: t("network"), problems: [] });
    }
  }

  function onImport(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(false);
  }

  return (
    <form onSubmit={onImport} aria-busy={busy} data-testid="exchange-import-form">
      <p className="max-w-3xl text-sm">{t("importIntro")}</p>
      <div className="mt-4">
        <label htmlFor={`${id}-file`} className="mb-1 block text-sm font-medium">
          {t("fileLabel")}
        </label>
        <input
          ref={fileRef}
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          aria-describedby={`${id}-file-hint`}
          className="block text-sm"
          onChange={() => {
            setView({ kind: "idle" });
            setConfirmed(false);
          }}
          data-testid="exchange-file"
        />
        <p id={`${id}-file-hint`} className="mt-1 text-xs text-ink-muted">
          {t("fileHint", { max: maxMegabytes })}
        </p>
      </div>
      <label className="mt-4 flex max-w-3xl items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
          data-testid="exchange-confirm"
        />
        {t("confirm")}
      </label>
      <div className="mt-4 flex flex-wrap gap-3">
        <button
          type="button"
          className={`${buttonClass} border border-line bg-surface text-ink hover:bg-surface-muted`}
          disabled={busy}
          onClick={() => void send(true)}
          data-testid="exchange-check"
        >
          {t("check")}
        </button>
        <button
          type="submit"
          className={`${buttonClass} bg-accent text-accent-ink hover:opacity-90`}
          disabled={busy || !confirmed}
          data-testid="exchange-submit"
        >
          {t("import")}
        </button>
      </div>

      <div className="mt-4" role="status" aria-live="polite" data-testid="exchange-result">
        {view.kind === "busy" ? <p className="text-sm">{view.dryRun ? t("checking") : t("importing")}</p> : null}
        {view.kind === "done" ? (
          <p className="rounded-md border border-line bg-surface-muted px-3 py-2 text-sm font-medium">
            {t(view.dryRun ? "checked" : "imported", { ...view.counts })}
          </p>
        ) : null}
      </div>
      {view.kind === "error" ? (
        <div role="alert" className="mt-2 rounded-md border border-line bg-danger-bg px-3 py-2 text-sm" data-testid="exchange-error">
          <p className="font-medium">{view.message}</p>
          {view.problems.length ? (
            <table className="mt-2 w-full text-start text-xs">
              <caption className="sr-only">{t("problemsCaption", { count: view.problems.length })}</caption>
              <thead>
                <tr>
                  <ColumnHeaders labels={[t("problemRecord"), t("problemField"), t("problemMessage")]} className="py-1" />
                </tr>
              </thead>
              <tbody>
                {view.problems.map((p, i) => (
                  <tr key={i} className="border-t border-line align-top">
                    <td className="py-1 pe-3 break-all" dir="auto">
                      {p.record}
                    </td>
                    <td className="py-1 pe-3 break-all">{p.field}</td>
                    <td className="py-1" dir="auto">
                      {p.message}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
