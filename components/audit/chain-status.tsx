// The hash chain's state at the top of the audit page: intact up to entry N (and how it was
// checked), or the first entry that does not verify and why; then how the trail compares with
// the newest signed checkpoint kept outside the database. A broken chain, or a trail that lost
// or changed entries a checkpoint covers, is an alert.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { AuditChainStatus, AuditCheckpointStatus } from "@/lib/data/audit-trail";
import { formatUtc } from "@/lib/format";

const boxClass = "mb-6 rounded-lg border p-4 shadow-sm sm:p-5";

export async function ChainStatusPending() {
  const t = await getTranslations("audit.chain");
  return (
    <section aria-labelledby="chain-heading" aria-busy="true" className={`${boxClass} border-line bg-surface`} data-testid="chain-status" data-state="checking">
      <h2 id="chain-heading" className="text-base font-semibold">
        {t("heading")}
      </h2>
      <p role="status" className="mt-1 flex items-center gap-2 text-sm text-ink-muted">
        <span aria-hidden="true" className="inline-block size-3 animate-pulse rounded-full bg-ink-muted" />
        {t("checking")}
      </p>
    </section>
  );
}

const REASON_KEY = { altered: "reasonAltered", "broken-link": "reasonBrokenLink", unkeyed: "reasonUnkeyed", "no-key": "reasonNoKey" } as const;

/** The comparison with the newest signed checkpoint: a line when it agrees, an alert when not. */
async function CheckpointState({ checkpoint: c, entryHref }: { checkpoint: AuditCheckpointStatus; entryHref: (id: string) => string }) {
  const t = await getTranslations("audit.chain.checkpoint");
  const p = c.problem;
  const at = c.newest ? formatUtc(c.newest.at, "second") : "";
  const firstInvalid = c.invalid[0];
  return (
    <div className="space-y-2" data-testid="chain-checkpoint" data-state={c.state} data-entry={p?.id} data-reason={p?.reason} data-invalid={c.invalid.length}>
      {c.state === "none" ? <p className="text-ink-muted">{t("none", { dir: c.dir })}</p> : null}
      {c.state === "ok" && c.newest ? <p>{t("ok", { at, count: c.newest.count, id: c.newest.headId, newer: c.newer })}</p> : null}
      {p ? (
        <>
          <p className="font-medium">
            {p.reason === "head-missing"
              ? t("headMissing", { id: p.id, at, missing: p.expectedCount - p.foundCount, count: p.expectedCount })
              : p.reason === "head-altered"
                ? t("headAltered", { id: p.id, at })
                : t("countDiffers", { id: p.id, at, expected: p.expectedCount, found: p.foundCount })}
          </p>
          {p.reason === "head-missing" && p.lastPresentId ? <p>{t("lastPresent", { id: p.lastPresentId })}</p> : null}
          <p>{t("mismatchHelp", { dir: c.dir })}</p>
          {p.reason !== "head-missing" ? (
            <p>
              <Link href={entryHref(p.id)} className="font-medium">
                {t("showEntry", { id: p.id })}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
      {firstInvalid ? <p className="font-medium">{t("invalid", { count: c.invalid.length, file: firstInvalid.file, line: firstInvalid.line })}</p> : null}
    </div>
  );
}

export async function ChainStatusView({
  status,
  verifyAllHref,
  entryHref,
}: {
  status: AuditChainStatus;
  verifyAllHref: string;
  entryHref: (id: string) => string;
}) {
  const t = await getTranslations("audit.chain");
  const seconds = (status.durationMs / 1000).toFixed(1);
  if (!status.ok) {
    const p = status.problem;
    return (
      <section aria-labelledby="chain-heading" className={`${boxClass} border-danger-ink/40 bg-danger-bg`} data-testid="chain-status" data-state="broken">
        <h2 id="chain-heading" className="flex flex-wrap items-center gap-2 text-base font-semibold">
          {t("heading")} <Badge tone="danger">{t("broken")}</Badge>
        </h2>
        <div role="alert" className="mt-2 space-y-2 text-sm">
          {p ? (
            <>
              <p className="font-medium" data-testid="chain-problem" data-entry={p.id} data-reason={p.reason}>
                {t("brokenSummary", { id: p.id, at: p.at ? formatUtc(p.at, "second") : t("brokenAtUnknown"), reason: t(REASON_KEY[p.reason]) })}
              </p>
              <p>{t("brokenBefore", { checked: status.checked, lastId: status.lastVerified?.id ?? "" })}</p>
              <p>{t("brokenHelp")}</p>
              <p>
                <Link href={entryHref(p.id)} className="font-medium">
                  {t("showEntry", { id: p.id })}
                </Link>
              </p>
            </>
          ) : status.lastVerified ? (
            <p>{t("okSummary", { checked: status.checked, id: status.lastVerified.id, at: formatUtc(status.lastVerified.at, "second") })}</p>
          ) : null}
          <CheckpointState checkpoint={status.checkpoint} entryHref={entryHref} />
        </div>
      </section>
    );
  }
  return (
    <section aria-labelledby="chain-heading" className={`${boxClass} border-line bg-surface`} data-testid="chain-status" data-state="ok">
      <h2 id="chain-heading" className="flex flex-wrap items-center gap-2 text-base font-semibold">
        {t("heading")} <Badge tone="success">{t("ok")}</Badge>
      </h2>
      <div role="status" className="mt-2 space-y-2 text-sm">
        {status.lastVerified ? (
          <p className="font-medium" data-testid="chain-summary">
            {t("okSummary", { checked: status.checked, id: status.lastVerified.id, at: formatUtc(status.lastVerified.at, "second") })}
          </p>
        ) : (
          <p className="font-medium" data-testid="chain-summary">
            {t("empty")}
          </p>
        )}
        {status.lastVerified ? (
          <p className="text-ink-muted">
            {status.mode === "full"
              ? t("modeFull", { seconds })
              : t("modeIncremental", { hashed: status.hashed, fullAt: formatUtc(status.lastFullCheckAt, "second"), seconds })}{" "}
            {status.mode === "incremental" ? (
              <Link href={verifyAllHref} className="font-medium">
                {t("verifyAll")}
              </Link>
            ) : null}
          </p>
        ) : null}
        {status.headHash ? (
          <>
            <p>
              {t("head")}{" "}
              <code className="break-all rounded bg-surface-muted px-1 py-0.5 text-xs" data-testid="chain-head">
                {status.headHash}
              </code>
            </p>
            <p className="text-ink-muted">{t("headHelp")}</p>
          </>
        ) : null}
        <CheckpointState checkpoint={status.checkpoint} entryHref={entryHref} />
      </div>
    </section>
  );
}
