import "server-only";
// The figures of the public aggregate page (/stats, /api/public/stats), for NGOs' audiences:
// the same aggregates as the dashboard over all cases (no filters, so nobody can narrow a
// figure down to one person), with every group of fewer than 3 people shown as "< 3"
// (lib/domain/small-groups.ts) and nothing that names anyone: no person's name, no incident
// title, no judge, no restricted data. Only published while an ADMIN has it switched on.
import {
  getAggregates,
  type ChargeRow,
  type LashGroup,
  type PerBasis,
  type PrisonChange,
  type SentenceBasis,
} from "@/lib/data/aggregates";
import { publicAggregateAccess, type PublicAggregateAccess } from "@/lib/data/settings";
import { FEWER_THAN_MIN_PUBLIC_GROUP, MIN_PUBLIC_GROUP, groupsToSuppress } from "@/lib/domain/small-groups";
import type { PrisonTermBucketId } from "@/lib/domain/prison-term-buckets";
import type { CaseStatus, Gender, Vulnerability } from "@/lib/generated/prisma/enums";

export type PublicCount = number | typeof FEWER_THAN_MIN_PUBLIC_GROUP;

/** One published group: its figures, or null (and people "< 3") when it is too small to show. */
export interface PublicRow<K, F> {
  key: K;
  people: PublicCount;
  figures: F | null;
}

interface Candidate<K, F> {
  key: K;
  /** Counted by the aggregates when asked for ({ people: true }); null would be a bug here. */
  people: number | null;
  figures: F;
}

/** Drops empty groups and hides small ones (complementary: the breakdown is a partition of a published total). */
function publish<K, F>(rows: readonly Candidate<K, F>[], complementary: boolean): PublicRow<K, F>[] {
  const counted = rows.map((r) => {
    if (r.people === null) throw new Error("Public figures need the people of every group");
    return { ...r, people: r.people };
  });
  const live = counted.filter((r) => r.people > 0);
  const hidden = groupsToSuppress(
    live.map((r) => r.people),
    { complementary },
  );
  return live.map((r, i) => (hidden.has(i) ? { key: r.key, people: FEWER_THAN_MIN_PUBLIC_GROUP, figures: null } : r));
}

function publishOne<F>(people: number | null, figures: F): PublicRow<null, F> {
  if (people === null) throw new Error("Public figures need the people of every group");
  return people >= MIN_PUBLIC_GROUP ? { key: null, people, figures } : { key: null, people: FEWER_THAN_MIN_PUBLIC_GROUP, figures: null };
}

const count = (n: number): PublicCount => (n >= MIN_PUBLIC_GROUP || n === 0 ? n : FEWER_THAN_MIN_PUBLIC_GROUP);

type LashFigures = { lashes: number; cases: number };
const lashFigures = (g: LashGroup): LashFigures => ({ lashes: g.lashes, cases: g.cases });

export interface PublicLashes {
  total: PublicRow<null, LashFigures>;
  byCourt: PublicRow<{ court: string | null; branch: string | null }, LashFigures>[];
  byCity: PublicRow<{ city: string | null }, LashFigures>[];
  byMonth: PublicRow<{ month: string | null }, LashFigures>[];
}

export interface PublicPrison {
  total: PublicRow<null, { days: number; cases: number }>;
  histogram: PublicRow<{ bucket: PrisonTermBucketId }, { cases: number }>[];
}

export interface PublicAggregates {
  generatedAt: string;
  /** Named people and their cases. */
  people: PublicCount;
  cases: PublicCount;
  lashes: PerBasis<PublicLashes>;
  prisonDays: PerBasis<PublicPrison> & {
    change: PublicRow<{ change: PrisonChange }, { cases: number; firstInstanceDays: number; effectiveDays: number }>[];
  };
  arrestsByMonth: {
    /** month null: arrested, month not known. */
    named: PublicRow<{ month: string | null }, { cases: number }>[];
    /** Numbers sources report for incidents: never added to each other or to the named ones. */
    reported: { month: string | null; city: string | null; country: string | null; reported: PublicCount }[];
  };
  casesByStatus: PublicRow<{ status: CaseStatus }, { cases: number }>[];
  demographics: {
    people: PublicCount;
    gender: PublicRow<{ gender: Gender }, Record<string, never>>[];
    vulnerabilities: PublicRow<{ vulnerability: Vulnerability }, Record<string, never>>[];
  };
  topCharges: PublicRow<{ charge: string }, { cases: number }>[];
  topArticles: PublicRow<{ article: string }, { cases: number }>[];
}

const charges = <K extends string>(rows: ChargeRow[], name: K) =>
  publish(
    rows.map((r) => ({ key: { [name]: r.label } as Record<K, string>, people: r.people, figures: { cases: r.cases } })),
    false,
  );

// The page is open to anyone and its figures change only when records do: they are computed
// at most once a minute per server process (generatedAt says when). The switch is checked on
// every request, so turning the page off takes effect at once.
const CACHE_MS = 60_000;
let cache: { at: number; figures: Promise<PublicAggregates> } | null = null;

/** The public figures, or NotFoundError while the page is switched off. */
export async function getPublicAggregates(): Promise<PublicAggregates> {
  const access = await publicAggregateAccess();
  const now = Date.now();
  if (cache === null || now - cache.at > CACHE_MS) {
    const figures = computePublicAggregates(access, new Date(now));
    cache = { at: now, figures };
    figures.catch(() => {
      if (cache?.figures === figures) cache = null;
    });
  }
  return cache.figures;
}

async function computePublicAggregates(access: PublicAggregateAccess, now: Date): Promise<PublicAggregates> {
  // People are counted per group: groups of fewer than 3 people are hidden by them.
  const a = await getAggregates(access, {}, { people: true });

  const lashes = (basis: SentenceBasis): PublicLashes => ({
    total: publishOne(a.lashes.sentenced[basis].people, { lashes: a.lashes[basis], cases: a.lashes.sentenced[basis].cases }),
    byCourt: publish(
      a.lashes.byCourt.map((r) => ({ key: { court: r.court, branch: r.branch }, people: r[basis].people, figures: lashFigures(r[basis]) })),
      true,
    ),
    byCity: publish(
      a.lashes.byCity.map((r) => ({ key: { city: r.city }, people: r[basis].people, figures: lashFigures(r[basis]) })),
      true,
    ),
    byMonth: publish(
      a.lashes.byMonth.map((r) => ({ key: { month: r.month }, people: r[basis].people, figures: lashFigures(r[basis]) })),
      true,
    ),
  });
  const prison = (basis: SentenceBasis): PublicPrison => ({
    total: publishOne(a.prisonDays.sentenced[basis].people, { days: a.prisonDays[basis], cases: a.prisonDays.sentenced[basis].cases }),
    histogram: publish(
      a.prisonDays.histogram.map((r) => ({ key: { bucket: r.bucket }, people: r[basis].people, figures: { cases: r[basis].cases } })),
      true,
    ),
  });

  return {
    generatedAt: now.toISOString(),
    people: count(a.people),
    cases: count(a.cases),
    lashes: { firstInstance: lashes("firstInstance"), effective: lashes("effective") },
    prisonDays: {
      firstInstance: prison("firstInstance"),
      effective: prison("effective"),
      change: publish(
        a.prisonDays.change.map((r) => ({
          key: { change: r.change },
          people: r.people,
          figures: { cases: r.cases, firstInstanceDays: r.firstInstanceDays, effectiveDays: r.effectiveDays },
        })),
        true,
      ),
    },
    arrestsByMonth: {
      named: publish(
        [
          ...a.arrestsByMonth.named.map((r) => ({ key: { month: r.month as string | null }, people: r.people, figures: { cases: r.cases } })),
          { key: { month: null }, people: a.arrestsByMonth.namedMonthUnknown.people, figures: { cases: a.arrestsByMonth.namedMonthUnknown.cases } },
        ],
        true,
      ),
      // Incident titles are left out: they are free text and may name someone.
      reported: (a.arrestsByMonth.reported ?? []).map((r) => ({ month: r.month, city: r.city, country: r.country, reported: count(r.reported) })),
    },
    casesByStatus: publish(
      a.casesByStatus.map((r) => ({ key: { status: r.status }, people: r.people, figures: { cases: r.cases } })),
      true,
    ),
    demographics: {
      people: count(a.demographics.people),
      gender: publish(
        a.demographics.gender.map((r) => ({ key: { gender: r.gender }, people: r.people, figures: {} })),
        true,
      ),
      vulnerabilities: publish(
        a.demographics.vulnerabilities.map((r) => ({ key: { vulnerability: r.vulnerability }, people: r.people, figures: {} })),
        false,
      ),
    },
    topCharges: charges(a.topCharges, "charge"),
    topArticles: charges(a.topArticles, "article"),
  };
}
