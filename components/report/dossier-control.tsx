"use client";

// "Dossier (PDF)" on the case table: one PDF with a summary of the cases in the current view
// (its filters and search) and each person's report. The server generates it as a job
// (POST /api/dossier), the control polls its progress (people read, then people written,
// out of the total) into a progress bar and a live status line, and starts the download
// when it is done, with a link to download it again.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { caseFiltersToSearchParams, type CaseFilters } from "@/lib/validation/case-filters";

type Profile = "internal" | "public";

interface JobStatus {
  id: string;
  state: "loading" | "rendering" | "done" | "failed";
  done: number;
  total: number;
  cases: number;
  file: string | null;
}

type View =
  { kind: "idle" } | { kind: "starting" } | { kind: "running"; job: JobStatus } | { kind: "done"; job: JobStatus } | { kind: "error"; message: string };

const POLL_MS = 400;

const buttonClass =
  "inline-flex items-center rounded-md border border-accent bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-60";

export function DossierControl({ filters, canInternal, max }: { filters: CaseFilters; canInternal: boolean; max: number }) {
  const t = useTranslations("report.ui");
  const tp = useTranslations("report.profiles");
  const id = useId();
  const [profile, setProfile] = useState<Profile>(canInternal ? "internal" : "public");
  const [view, setView] = useState<View>({ kind: "idle" });
  const alive = useRef(true);
  const downloadRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    // Start the download once, when the job is done (the link stays for another try).
    if (view.kind === "done") downloadRef.current?.click();
  }, [view]);

  const busy = view.kind === "starting" || view.kind === "running";

  async function errorMessage(res: Response): Promise<string> {
    const body = (await res.json().catch(() => null)) as { error?: string; reason?: string; count?: number; max?: number } | null;
    if (body?.reason === "tooMany" && body.count !== undefined) return t("tooMany", { count: body.count, max: body.max ?? max });
    if (body?.reason === "empty") return t("empty");
    if (res.status === 404) return t("cancelled");
    return t("failed", { reason: body?.error ?? res.statusText });
  }

  async function poll(statusUrl: string): Promise<void> {
    while (alive.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!alive.current) return;
      const res = await fetch(statusUrl, { cache: "no-store" });
      if (!res.ok) {
        setView({ kind: "error", message: await errorMessage(res) });
        return;
      }
      const job = (await res.json()) as JobStatus;
      if (job.state === "failed") {
        setView({ kind: "error", message: t("failedServer") });
        return;
      }
      if (job.state === "done") {
        setView({ kind: "done", job });
        return;
      }
      setView({ kind: "running", job });
    }
  }

  async function generate(): Promise<void> {
    setView({ kind: "starting" });
    try {
      const query = caseFiltersToSearchParams(filters);
      query.set("profile", profile);
      const res = await fetch(`/api/dossier?${query.toString()}`, { method: "POST", cache: "no-store" });
      if (!res.ok) {
        setView({ kind: "error", message: await errorMessage(res) });
        return;
      }
      const job = (await res.json()) as JobStatus;
      setView({ kind: "running", job });
      await poll(`/api/dossier/${encodeURIComponent(job.id)}`);
    } catch {
      if (alive.current) setView({ kind: "error", message: t("networkError") });
    }
  }

  const job = view.kind === "running" || view.kind === "done" ? view.job : null;
  // Reading then writing each person: two steps per person, so the bar moves steadily.
  const steps = job ? Math.max(1, job.total * 2) : 1;
  const progress = !job ? 0 : view.kind === "done" ? steps : job.state === "loading" ? job.done : job.total + job.done;
  const statusText =
    view.kind === "starting"
      ? t("starting")
      : view.kind === "running"
        ? view.job.state === "loading"
          ? t("loading", { done: view.job.done, total: view.job.total })
          : t("rendering", { done: view.job.done, total: view.job.total })
        : view.kind === "done"
          ? t("ready", { people: view.job.total })
          : view.kind === "error"
            ? view.message
            : "";

  return (
    <details className="relative" data-testid="dossier-control">
      <summary className="cursor-pointer list-none rounded-md border border-line bg-surface px-3 py-1.5 text-sm font-medium hover:bg-surface-muted">
        {t("dossier")} <span aria-hidden="true">▾</span>
      </summary>
      <div className="absolute end-0 z-20 mt-1 w-80 rounded-md border border-line bg-surface p-3 shadow-lg">
        <fieldset disabled={busy}>
          <legend className="mb-1 text-sm font-semibold">{t("dossierLegend")}</legend>
          <p id={`${id}-hint`} className="mb-2 text-xs text-ink-muted">
            {t("dossierHint", { max })}
          </p>
          {canInternal ? (
            <div role="radiogroup" aria-labelledby={`${id}-profile`} className="mb-2 text-sm">
              <span id={`${id}-profile`} className="mb-1 block font-medium">
                {t("profileLabel")}
              </span>
              {(["internal", "public"] as const).map((p) => (
                <label key={p} className="flex items-start gap-2 py-0.5">
                  <input type="radio" name={`${id}-profile`} value={p} checked={profile === p} onChange={() => setProfile(p)} className="mt-1" />
                  <span>
                    {tp(p)}
                    <span className="block text-xs text-ink-muted">{t(`${p}Hint`)}</span>
                  </span>
                </label>
              ))}
            </div>
          ) : (
            <p className="mb-2 text-sm">
              {t("profileLabel")}: {tp("public")}
            </p>
          )}
          <button type="button" onClick={() => void generate()} className={buttonClass} aria-describedby={`${id}-hint`} data-testid="dossier-generate">
            {busy ? t("generating") : t("generate")}
          </button>
        </fieldset>

        <div className="mt-3 space-y-2">
          {view.kind !== "idle" && view.kind !== "error" ? (
            <div
              role="progressbar"
              aria-label={t("progressLabel")}
              aria-valuemin={0}
              aria-valuemax={steps}
              aria-valuenow={progress}
              aria-valuetext={statusText}
              data-testid="dossier-progress"
              className="h-2 w-full overflow-hidden rounded bg-surface-muted"
            >
              <div className="h-full bg-accent transition-[width]" style={{ width: `${Math.round((progress / steps) * 100)}%` }} />
            </div>
          ) : null}
          {/* Always in the page, so screen readers announce each change of its text. */}
          <p role="status" aria-live="polite" className={`text-sm ${view.kind === "error" ? "text-restricted-ink" : ""}`} data-testid="dossier-status">
            {statusText}
          </p>
          {view.kind === "done" && view.job.file ? (
            <a ref={downloadRef} href={view.job.file} download className="text-sm" data-testid="dossier-download">
              {t("downloadAgain")}
            </a>
          ) : null}
        </div>
      </div>
    </details>
  );
}
