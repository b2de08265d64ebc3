import "server-only";
// Dossier generation as a small two-step job, so the browser can show honest progress:
// POST /api/dossier starts it and answers at once with the number of people; the browser
// polls GET /api/dossier/{id} (people read, then people drawn, out of the total) and
// downloads GET /api/dossier/{id}/file when it is done.
//
// Jobs live in this server process's memory (one `npm start` process serves the app):
// a job and its PDF belong to the user who started it, are never listed, and are dropped
// KEEP_MS after they finish (or when the process restarts: the user generates again).
// The ids are 128-bit random, and every read checks the session's user against the job's.
import { randomBytes } from "node:crypto";
import { NotFoundError, type Actor } from "@/lib/authz";
import type { DossierSelection } from "@/lib/data/report";
import { generateDossier, type DossierPhase } from "@/lib/report/generate";
import type { ReportProfile } from "@/lib/report/types";
import type { CaseFilters } from "@/lib/validation/case-filters";

/** How long a finished dossier can be downloaded. */
const KEEP_MS = 15 * 60_000;
/** Dossiers generated at once in this process, and per user. */
const MAX_RUNNING = 2;
const MAX_RUNNING_PER_USER = 1;
/** Finished dossiers kept in memory at most (the oldest go first). */
const MAX_KEPT = 8;

export type DossierJobState = DossierPhase | "done" | "failed";

interface Job {
  id: string;
  actorId: string;
  profile: ReportProfile;
  state: DossierJobState;
  done: number;
  total: number;
  cases: number;
  startedAt: number;
  finishedAt: number | null;
  pdf: Buffer | null;
  filename: string | null;
}

export interface DossierJobStatus {
  id: string;
  state: DossierJobState;
  /** People read (state "loading") or drawn ("rendering"); equal to total when done. */
  done: number;
  total: number;
  profile: ReportProfile;
  /** Matching cases in the summary table (known when done). */
  cases: number;
  /** Where to download the PDF, once done. */
  file: string | null;
}

export class DossierBusyError extends Error {
  readonly status = 429;
  constructor(message: string) {
    super(message);
    this.name = "DossierBusyError";
  }

  /** How route handlers answer it (lib/http.ts). */
  httpAnswer() {
    return { status: this.status, body: { error: this.message, reason: "busy" }, headers: { "Retry-After": "30" } };
  }
}

const globalStore = globalThis as unknown as { __trackerDossierJobs?: Map<string, Job> };
function jobs(): Map<string, Job> {
  globalStore.__trackerDossierJobs ??= new Map();
  return globalStore.__trackerDossierJobs;
}

function sweep(now = Date.now()): void {
  const store = jobs();
  for (const [id, job] of store) if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) store.delete(id);
  const finished = [...store.values()].filter((j) => j.finishedAt !== null).sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  while (finished.length > MAX_KEPT) store.delete(finished.shift()!.id);
}

function statusOf(job: Job): DossierJobStatus {
  return {
    id: job.id,
    state: job.state,
    done: job.done,
    total: job.total,
    profile: job.profile,
    cases: job.cases,
    file: job.state === "done" ? `/api/dossier/${job.id}/file` : null,
  };
}

/**
 * Starts generating the dossier of `selection` for `actor` (the profile already checked by
 * the caller, checked again by generateDossier) and returns its first status.
 */
export function startDossierJob(actor: Actor, input: { filters: CaseFilters; selection: DossierSelection; profile: ReportProfile }): DossierJobStatus {
  sweep();
  const running = [...jobs().values()].filter((j) => j.finishedAt === null);
  if (running.filter((j) => j.actorId === actor.id).length >= MAX_RUNNING_PER_USER) {
    throw new DossierBusyError("A dossier of yours is still being generated. Wait for it to finish.");
  }
  if (running.length >= MAX_RUNNING) throw new DossierBusyError("The server is generating other dossiers. Try again in a minute.");

  const job: Job = {
    id: randomBytes(16).toString("hex"),
    actorId: actor.id,
    profile: input.profile,
    state: "loading",
    done: 0,
    total: input.selection.personIds.length,
    cases: input.selection.caseIds.length,
    startedAt: Date.now(),
    finishedAt: null,
    pdf: null,
    filename: null,
  };
  jobs().set(job.id, job);
  void generateDossier(actor, input, (phase, done, total) => {
    job.state = phase;
    job.done = done;
    job.total = total;
  })
    .then((result) => {
      job.pdf = result.pdf;
      job.filename = result.filename;
      job.cases = result.cases;
      job.done = job.total;
      job.state = "done";
    })
    .catch((error: unknown) => {
      console.error("Dossier generation failed", error);
      job.state = "failed";
    })
    .finally(() => {
      job.finishedAt = Date.now();
    });
  return statusOf(job);
}

function ownJob(actor: Actor, id: string): Job {
  sweep();
  const job = jobs().get(id);
  // Someone else's job is answered exactly like a job that does not exist.
  if (!job || job.actorId !== actor.id) throw new NotFoundError("Dossier");
  return job;
}

export function dossierJobStatus(actor: Actor, id: string): DossierJobStatus {
  return statusOf(ownJob(actor, id));
}

export function dossierJobFile(actor: Actor, id: string): { pdf: Buffer; filename: string; profile: ReportProfile } {
  const job = ownJob(actor, id);
  if (job.state !== "done" || !job.pdf || !job.filename) throw new NotFoundError("Dossier file");
  return { pdf: job.pdf, filename: job.filename, profile: job.profile };
}
