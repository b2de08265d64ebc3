"use client";
// The CSV import flow: choose a file → check it (POST /api/import?dryRun=1) → review every
// row's plan and every problem → import (POST /api/import, the same file again: the server
// checks it again inside the import's transaction). The File object is kept in the browser
// between the two requests; nothing is stored on the server. XMLHttpRequest rather than
// fetch, for the upload's progress events on large files.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState, useSyncExternalStore, type ChangeEvent, type FormEvent } from "react";
import { Button } from "@/components/forms/fields";
import { Section } from "@/components/ui/section";
import { TableScroll, captionClass, numClass, tableClass, tdClass, HeaderCells } from "@/components/ui/table";
import type { CsvImportResult } from "@/lib/data/csv-import";
import { COLUMNS, MAX_FILE_BYTES, REQUIRED_COLUMNS, type ColumnGroup } from "@/lib/import/columns";
import type { Action, RowPlan } from "@/lib/import/plan";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number; commit: boolean } | { kind: "processing"; commit: boolean };
type Failure = { kind: "message"; text: string } | null;

const PAGE = 200;
const GROUPS: ColumnGroup[] = ["keys", "person", "case", "event", "sources"];
const noSubscription = () => () => {};

function formatSize(bytes: number): string {
  const unit = (n: number, name: string) => `${Number.isInteger(n) ? n : n.toFixed(1)} ${name}`;
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return unit(bytes / 1024, "KB");
  return unit(bytes / (1024 * 1024), "MB");
}

const LIMIT = formatSize(MAX_FILE_BYTES);

/** POSTs the file; resolves with the status and the JSON body (or null when it is not JSON). */
function send(file: File, dryRun: boolean, onProgress: (percent: number) => void, onUploaded: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", dryRun ? "/api/import?dryRun=1" : "/api/import");
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = onUploaded;
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    const form = new FormData();
    form.set("file", file, file.name);
    xhr.send(form);
  });
}

function isResult(body: unknown): body is CsvImportResult {
  return typeof body === "object" && body !== null && "rows" in body && "errors" in body && "dryRun" in body;
}

export function ImportForm() {
  const t = useTranslations("csvImport");
  const tType = useTranslations("eventType");
  const id = useId();
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [failure, setFailure] = useState<Failure>(null);
  const [check, setCheck] = useState<CsvImportResult | null>(null);
  const [done, setDone] = useState<CsvImportResult | null>(null);
  const [onlyNotable, setOnlyNotable] = useState(true);
  const [shown, setShown] = useState(PAGE);
  const busy = phase.kind !== "idle";

  function reset() {
    setCheck(null);
    setDone(null);
    setFailure(null);
    setShown(PAGE);
  }

  function onFile(e: ChangeEvent<HTMLInputElement>) {
    reset();
    const chosen = e.target.files?.[0] ?? null;
    setFile(chosen);
    if (chosen && chosen.size > MAX_FILE_BYTES) setFailure({ kind: "message", text: t("tooLarge", { limit: LIMIT }) });
  }

  async function run(dryRun: boolean) {
    if (!file) {
      setFailure({ kind: "message", text: t("chooseFirst") });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setFailure({ kind: "message", text: t("tooLarge", { limit: LIMIT }) });
      return;
    }
    setFailure(null);
    setPhase({ kind: "uploading", percent: 0, commit: !dryRun });
    try {
      const { status, body } = await send(
        file,
        dryRun,
        (percent) => setPhase({ kind: "uploading", percent, commit: !dryRun }),
        () => setPhase({ kind: "processing", commit: !dryRun }),
      );
      if (isResult(body) && (status === 200 || status === 422)) {
        if (dryRun) {
          setCheck(body);
          setShown(PAGE);
        } else if (body.committed) {
          setDone(body);
          setCheck(null);
        } else {
          // Checked again at import time and refused: show the new problems in place of the old check.
          setCheck(body);
          setFailure({ kind: "message", text: t("refused") });
        }
      } else if (status === 401) setFailure({ kind: "message", text: t("signedOut") });
      else if (status === 403) setFailure({ kind: "message", text: t("forbidden") });
      else if (status === 413) setFailure({ kind: "message", text: t("tooLarge", { limit: LIMIT }) });
      else {
        const message = typeof body === "object" && body !== null && "error" in body && typeof body.error === "string" ? body.error : null;
        setFailure({ kind: "message", text: message && status === 400 ? message : t("requestFailed", { status }) });
      }
    } catch {
      setFailure({ kind: "message", text: t("networkFailed") });
    } finally {
      setPhase({ kind: "idle" });
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void run(true);
  }

  function another() {
    reset();
    setFile(null);
    if (inputRef.current) inputRef.current.value = "";
  }

  const rows = useMemo(() => {
    if (!check) return [];
    return onlyNotable
      ? check.rows.filter((r) => r.errors.length > 0 || r.changes.length > 0 || [r.person.action, r.case.action, r.event.action].includes("create"))
      : check.rows;
  }, [check, onlyNotable]);

  const actionText = (a: Action | null) => t(`action.${a ?? "none"}`);
  const canCommit = !!check && check.errorCount === 0 && check.created + check.updated > 0 && !busy;

  return (
    <div className="space-y-6" data-testid="csv-import" data-ready={ready ? "true" : undefined}>
      <Section id={`${id}-template`} title={t("templateTitle")}>
        <p className="max-w-3xl text-ink-muted">{t("templateBody", { columns: REQUIRED_COLUMNS.join(", ") })}</p>
        <p className="mt-3">
          <a href="/api/import/template.csv" download className="font-medium" data-testid="template-link">
            {t("templateLink")}
          </a>
        </p>
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">{t("columnsSummary", { count: COLUMNS.length })}</summary>
          <div className="mt-2 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {GROUPS.map((g) => (
              <div key={g}>
                <p className="font-semibold">{t(`groups.${g}`)}</p>
                <ul className="mt-1 space-y-0.5">
                  {COLUMNS.filter((c) => c.group === g).map((c) => (
                    <li key={c.name}>
                      <code>{c.name}</code>
                      {c.required ? <span className="text-ink-muted"> ({t("columnsRequired")})</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
          <p className="mt-2 text-sm text-ink-muted">{t("columnsDoc")}</p>
        </details>
      </Section>

      <Section id={`${id}-file`} title={t("fileTitle")}>
        {done ? (
          <div role="status" className="space-y-3" data-testid="import-done">
            <p className="font-medium">
              {done.created + done.updated > 0
                ? t("done", { fileName: done.fileName, created: done.created, updated: done.updated, unchanged: done.unchanged })
                : t("doneNothing")}
            </p>
            <CountsTable result={done} caption={t("countsDone")} />
            <p className="flex flex-wrap gap-4">
              <Link href="/cases?sort=-updatedAt">{t("openCases")}</Link>
              <button type="button" className="font-medium text-accent underline" onClick={another}>
                {t("another")}
              </button>
            </p>
          </div>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4" aria-busy={busy}>
            <div>
              <label htmlFor={`${id}-input`} className="block text-sm font-medium">
                {t("fileLabel")}
              </label>
              <input
                ref={inputRef}
                id={`${id}-input`}
                type="file"
                accept=".csv,text/csv"
                onChange={onFile}
                disabled={busy}
                aria-describedby={`${id}-hint`}
                className="mt-1 block text-sm"
                data-testid="import-file"
              />
              <p id={`${id}-hint`} className="mt-1 text-sm text-ink-muted">
                {t("fileHint", { limit: LIMIT })}
              </p>
              {file ? (
                <p className="mt-1 text-sm" dir="auto">
                  {t("fileChosen", { name: file.name, size: formatSize(file.size) })}
                </p>
              ) : null}
            </div>
            <Button type="submit" variant={check ? "secondary" : "primary"} disabled={!ready || busy || !file} data-testid="import-check">
              {busy && !("commit" in phase && phase.commit) ? t("checking") : t("check")}
            </Button>
          </form>
        )}
        <Progress phase={phase} />
        {failure ? (
          <p role="alert" className="mt-3 font-medium text-danger-ink" data-testid="import-failure">
            {failure.text}
          </p>
        ) : null}
      </Section>

      {check && !done ? (
        <Section id={`${id}-result`} title={t("resultTitle")} data-testid="import-result">
          <p className="text-sm text-ink-muted" dir="auto">
            {t("fileSummary", { name: check.fileName, rows: check.rowCount })}
          </p>
          {check.errorCount > 0 ? (
            <p role="alert" className="mt-2 font-medium text-danger-ink" data-testid="import-errors-alert">
              {t("errorsAlert", { count: check.errorCount })}
            </p>
          ) : (
            <p role="status" className="mt-2 font-medium" data-testid="import-ready">
              {check.created + check.updated > 0
                ? t("ready", { created: check.created, updated: check.updated, unchanged: check.unchanged })
                : t("nothingToDo")}
            </p>
          )}

          <div className="mt-4">
            <CountsTable result={check} caption={t("countsCaption")} />
          </div>

          {check.newCourts.length + check.newFacilities.length + check.newSources.length > 0 ? (
            <div className="mt-4 text-sm">
              <p className="font-semibold">{t("newShared")}</p>
              <ul className="mt-1 list-disc ps-5" dir="auto">
                {check.newCourts.length ? <li>{t("newCourts", { names: check.newCourts.join(", ") })}</li> : null}
                {check.newFacilities.length ? <li>{t("newFacilities", { names: check.newFacilities.join(", ") })}</li> : null}
                {check.newSources.length ? <li className="break-all">{t("newSources", { names: check.newSources.join(", ") })}</li> : null}
              </ul>
            </div>
          ) : null}

          {check.errorCount > 0 ? (
            <div className="mt-6">
              <h3 className="mb-2 text-base font-semibold">{t("errorsTitle")}</h3>
              {check.errorCount > check.errors.length ? (
                <p className="mb-2 text-sm">{t("errorsTruncated", { shown: check.errors.length, count: check.errorCount })}</p>
              ) : null}
              <TableScroll label={t("errorsCaption")}>
                <table className={tableClass} data-testid="import-errors">
                  <caption className={captionClass}>{t("errorsCaption")}</caption>
                  <thead>
                    <tr>
                      <HeaderCells labels={[t("row"), t("column"), t("reason")]} numeric={[0]} />
                    </tr>
                  </thead>
                  <tbody>
                    {check.errors.map((e, i) => (
                      <tr key={i}>
                        <td className={`${tdClass} ${numClass}`}>{e.row ?? t("wholeFile")}</td>
                        <td className={tdClass}>{e.column ? <code>{e.column}</code> : "—"}</td>
                        <td className={tdClass} dir="auto">
                          {e.reason}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          ) : null}

          {check.rows.length > 0 ? (
            <div className="mt-6">
              <h3 className="mb-2 text-base font-semibold">{t("rowsTitle")}</h3>
              <label className="mb-2 flex items-center gap-2 text-sm">
                <input type="checkbox" checked={onlyNotable} onChange={(e) => setOnlyNotable(e.target.checked)} />
                {t("onlyNotable")}
              </label>
              {rows.length === 0 ? (
                <p className="text-sm text-ink-muted">{t("noRowsShown")}</p>
              ) : (
                <TableScroll label={t("rowsCaption")}>
                  <table className={tableClass} data-testid="import-rows">
                    <caption className={captionClass}>{t("rowsCaption")}</caption>
                    <thead>
                      <tr>
                        <HeaderCells labels={[t("row"), t("person"), t("case"), t("event"), t("changes")]} numeric={[0]} />
                      </tr>
                    </thead>
                    <tbody>
                      {rows.slice(0, shown).map((r) => (
                        <RowLine key={r.row} r={r} actionText={actionText} typeText={(type) => (type ? tType(type as "ARREST") : "")} />
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              {rows.length > shown ? (
                <p className="mt-2">
                  <Button onClick={() => setShown((n) => n + PAGE)}>{t("showMore", { count: Math.min(PAGE, rows.length - shown) })}</Button>
                </p>
              ) : null}
            </div>
          ) : null}

          {check.errorCount === 0 && check.created + check.updated > 0 ? (
            <div className="mt-6 space-y-2">
              <p className="text-sm text-ink-muted">{t("commitHint")}</p>
              <Button variant="primary" disabled={!canCommit || !ready} onClick={() => void run(false)} data-testid="import-commit">
                {busy && "commit" in phase && phase.commit ? t("committing") : t("commit", { rows: check.rowCount })}
              </Button>
            </div>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}

function Progress({ phase }: { phase: Phase }) {
  const t = useTranslations("csvImport");
  if (phase.kind === "idle") return null;
  const text = phase.kind === "uploading" ? t("uploading", { percent: phase.percent }) : phase.commit ? t("processingCommit") : t("processingCheck");
  return (
    <div className="mt-4 space-y-1" role="status" data-testid="import-progress">
      <p className="text-sm">{text}</p>
      {phase.kind === "uploading" ? (
        <progress className="w-full max-w-md" max={100} value={phase.percent} aria-label={t("progressLabel")} />
      ) : (
        <progress className="w-full max-w-md" aria-label={t("progressLabel")} />
      )}
    </div>
  );
}

function CountsTable({ result, caption }: { result: CsvImportResult; caption: string }) {
  const t = useTranslations("csvImport");
  const kinds = ["people", "cases", "events"] as const;
  return (
    <div className="max-w-xl">
      <TableScroll label={caption}>
        <table className={`${tableClass} min-w-0`} data-testid="import-counts">
          <caption className={captionClass}>{caption}</caption>
          <thead>
            <tr>
              <HeaderCells labels={[t("kind"), t("created"), t("updated"), t("unchanged")]} numeric={[1, 2, 3]} />
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k}>
                <th scope="row" className={`${tdClass} text-start font-medium`}>
                  {t(k)}
                </th>
                <td className={`${tdClass} ${numClass}`}>{result.counts[k].created}</td>
                <td className={`${tdClass} ${numClass}`}>{result.counts[k].updated}</td>
                <td className={`${tdClass} ${numClass}`}>{result.counts[k].unchanged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

function RowLine({ r, actionText, typeText }: { r: RowPlan; actionText: (a: Action | null) => string; typeText: (type: string | null) => string }) {
  const cell = (key: string, action: Action | null, extra?: string) => (
    <span className="flex flex-col">
      <code className="break-all">{key}</code>
      <span className={action === "create" ? "font-medium text-accent" : action === "update" ? "font-medium" : "text-ink-muted"}>
        {actionText(action)}
        {extra ? ` · ${extra}` : ""}
      </span>
    </span>
  );
  return (
    <tr data-testid="import-row" data-row={r.row}>
      <td className={`${tdClass} ${numClass}`}>{r.row}</td>
      <td className={tdClass}>{cell(r.person.key, r.person.action)}</td>
      <td className={tdClass}>{cell(r.case.key, r.case.action)}</td>
      <td className={tdClass}>{cell(r.event.key, r.event.action, typeText(r.event.type))}</td>
      <td className={`${tdClass} text-sm`}>
        {r.errors.length ? (
          <ul className="text-danger-ink">
            {r.errors.map((e, i) => (
              <li key={i} dir="auto">
                {e.column ? <code>{e.column}</code> : null} {e.reason}
              </li>
            ))}
          </ul>
        ) : (
          r.changes.join(", ")
        )}
      </td>
    </tr>
  );
}
