import "server-only";
// Headline counts of named records. Soft-deleted records never count.
import { db } from "@/lib/db";
import { requireActor, type Actor } from "@/lib/authz";
import type { CaseStatus } from "@/lib/generated/prisma/enums";
import { CaseStatus as CaseStatusValues } from "@/lib/generated/prisma/enums";

export interface Stats {
  people: number;
  cases: number;
  incidents: number;
  byStatus: Record<CaseStatus, number>;
}

export async function getStats(actor: Actor | null): Promise<Stats> {
  requireActor(actor);
  const liveCase = { deletedAt: null, person: { deletedAt: null } };
  const [people, cases, incidents, groups] = await Promise.all([
    db().person.count({ where: { deletedAt: null } }),
    db().case.count({ where: liveCase }),
    db().incident.count({ where: { deletedAt: null } }),
    db().case.groupBy({ by: ["status"], where: liveCase, _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(Object.values(CaseStatusValues).map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const g of groups) byStatus[g.status] = g._count._all;
  return { people, cases, incidents, byStatus };
}
