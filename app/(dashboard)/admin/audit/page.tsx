import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AuditFilterForm } from "@/components/audit/audit-filters";
import { AuditTable, AuditTableSkeleton } from "@/components/audit/audit-table";
import { ChainStatusPending, ChainStatusView } from "@/components/audit/chain-status";
import { PageHeader } from "@/components/ui/page-header";
import { AuthRequiredError, ForbiddenError } from "@/lib/authz";
import { getAuditTrailFilterOptions, listAuditTrail, verifyAuditChain } from "@/lib/data/audit-trail";
import { AUDIT_FILTER_KEYS, auditTrailQuery, parseAuditTrailParams, type AuditTrailParams } from "@/lib/validation/audit-trail";
import { requirePageActor } from "../../_lib/loaders";

export const dynamic = "force-dynamic";

const PATH = "/admin/audit";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("metaTitle") };
}

/** The data layer refuses anyone but an ADMIN: they get the 404 page, as if there were no page. */
async function adminOnly<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    if (error instanceof AuthRequiredError) redirect("/login");
    throw error;
  }
}

async function ChainState({ full, params }: { full: boolean; params: AuditTrailParams }) {
  const actor = await requirePageActor();
  const status = await adminOnly(verifyAuditChain(actor, { full }));
  const query = new URLSearchParams(auditTrailQuery(params, params.page));
  query.set("verify", "full");
  return <ChainStatusView status={status} verifyAllHref={`${PATH}?${query}`} entryHref={(id) => `${PATH}${auditTrailQuery({ entry: id })}`} />;
}

async function Trail({ params }: { params: AuditTrailParams }) {
  const actor = await requirePageActor();
  const result = await adminOnly(listAuditTrail(actor, params));
  const filtered = AUDIT_FILTER_KEYS.some((k) => params[k] !== undefined);
  return <AuditTable result={result} params={params} filtered={filtered} />;
}

// The header and filters show at once; the chain check and the page of entries stream in
// behind their own placeholders (verifying a long trail takes a while). No loading.tsx: its
// boundary would send the page's 200 before the role check could answer 404.
export default async function AuditTrailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  // A comfort check; every read below refuses a non-ADMIN on its own as well.
  if (actor.role !== "ADMIN") notFound();
  const raw = await searchParams;
  const params = parseAuditTrailParams(raw);
  const full = raw.verify === "full";
  const [t, options] = await Promise.all([getTranslations("audit"), adminOnly(getAuditTrailFilterOptions(actor))]);
  return (
    <>
      <PageHeader title={t("title")} intro={t("intro")} />
      <Suspense key={full ? "full" : "check"} fallback={<ChainStatusPending />}>
        <ChainState full={full} params={params} />
      </Suspense>
      <AuditFilterForm params={params} options={options} />
      <Suspense key={auditTrailQuery(params, params.page)} fallback={<AuditTableSkeleton />}>
        <Trail params={params} />
      </Suspense>
    </>
  );
}
