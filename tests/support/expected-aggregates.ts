// The dashboard's figures computed independently from prisma/demo/seed-cases.json: the file
// is walked case by case with lib/domain's pure rules (unit-tested against hand-computed
// values), never with the SQL under test, and added up here in plain TypeScript.
// Shared by tests/integration/aggregates.test.ts and e2e/dashboard.spec.ts (relative
// imports only, so Playwright's loader needs no path aliases).
import { readFileSync } from "node:fs";
import path from "node:path";
import { prisonTermBucket } from "../../lib/domain/prison-term-buckets";
import { timelineEventFromSeed } from "../../lib/domain/seed-event";
import { effectiveSentence, firstInstanceSentence, type SentenceSummary } from "../../lib/domain/sentence";
import { deriveCaseState } from "../../lib/domain/status";
import type { TimelineEvent } from "../../lib/domain/types";

/* eslint-disable @typescript-eslint/no-explicit-any -- the seed file is raw JSON */
type Json = any;

export const seedFile: Json = JSON.parse(readFileSync(path.join(process.cwd(), "prisma", "demo", "seed-cases.json"), "utf8"));

export type Basis = "firstInstance" | "effective";

export interface SentenceFacts {
  lashes: number | null;
  days: number | null;
  court: string | null;
  branch: string | null;
  /** "2021-10" when the sentence's date is known to the month. */
  month: string | null;
}

export interface CaseFacts {
  id: string;
  personId: string;
  incidentId: string | null;
  gender: string;
  vulnerabilities: string[];
  status: string;
  /** The case's arrest (first ARREST, else first DETENTION), or null when it has none. */
  arrest: { city: string | null; firstDay: string | null; month: string | null } | null;
  sentence: Record<Basis, SentenceFacts | null>;
  /** Courts of its TRIAL, SENTENCE and APPEAL events. */
  courts: string[];
  /** Charges (texts and articles) per event index, trimmed. */
  chargesByEvent: Map<number, { texts: string[]; articles: string[] }>;
}

/** "2021-10" for a date string known to the day or month. */
function monthOf(date: string | null, precision: string): string | null {
  return date && (precision === "day" || precision === "month") ? date.slice(0, 7) : null;
}

function firstDayOf(date: string | null): string | null {
  if (!date) return null;
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

function sentenceFacts(seedEvents: Json[], summary: SentenceSummary<TimelineEvent> | null): SentenceFacts | null {
  if (!summary) return null;
  const source = summary.event === null ? null : seedEvents[summary.event.position];
  return {
    lashes: summary.lashes,
    days: summary.prisonDays,
    court: source?.court ?? null,
    branch: source?.branch ?? null,
    month: source ? monthOf(source.date, source.datePrecision) : null,
  };
}

export function caseFacts(file: Json = seedFile): CaseFacts[] {
  const people = new Map<string, Json>(file.people.map((p: Json) => [p.id, p]));
  return file.cases.map((c: Json): CaseFacts => {
    const timeline = c.events.map((e: Json, i: number) => timelineEventFromSeed(e, i));
    const state = deriveCaseState(timeline);
    const person = people.get(c.personId);
    const arrestEvent = state.arrest === null ? null : c.events[state.arrest.position];
    const chargesByEvent = new Map<number, { texts: string[]; articles: string[] }>();
    c.events.forEach((e: Json, i: number) => {
      if (!e.charges?.length) return;
      chargesByEvent.set(i, {
        texts: e.charges.map((ch: Json) => ch.text?.trim()).filter((t: string | undefined) => t),
        articles: e.charges.map((ch: Json) => ch.article?.trim()).filter((t: string | undefined) => t),
      });
    });
    return {
      id: c.id,
      personId: c.personId,
      incidentId: c.incidentId,
      gender: person.gender === null ? "UNKNOWN" : String(person.gender).toUpperCase(),
      vulnerabilities: person.vulnerabilities.map((v: string) => v.toUpperCase()),
      status: state.status,
      arrest:
        arrestEvent === null
          ? null
          : { city: arrestEvent.city ?? null, firstDay: firstDayOf(arrestEvent.date), month: monthOf(arrestEvent.date, arrestEvent.datePrecision) },
      sentence: {
        firstInstance: sentenceFacts(c.events, firstInstanceSentence(timeline)),
        effective: sentenceFacts(c.events, effectiveSentence(timeline)),
      },
      courts: c.events.filter((e: Json) => ["TRIAL", "SENTENCE", "APPEAL"].includes(e.type) && e.court).map((e: Json) => e.court),
      chargesByEvent,
    };
  });
}

export interface GroupFigures {
  cases: number;
  people: number;
}
export interface LashFigures extends GroupFigures {
  lashes: number;
}

function group<T>(items: readonly T[], personOf: (t: T) => string): GroupFigures {
  return { cases: items.length, people: new Set(items.map(personOf)).size };
}

/** Groups cases by a key and sums lashes; keys are JSON strings so null keys work. */
function lashesBy(cases: readonly CaseFacts[], basis: Basis, keyOf: (c: CaseFacts, s: SentenceFacts) => unknown): Map<string, LashFigures> {
  const out = new Map<string, { lashes: number; members: CaseFacts[] }>();
  for (const c of cases) {
    const s = c.sentence[basis];
    if (!s || !s.lashes) continue;
    const key = JSON.stringify(keyOf(c, s));
    const entry = out.get(key) ?? { lashes: 0, members: [] };
    entry.lashes += s.lashes;
    entry.members.push(c);
    out.set(key, entry);
  }
  return new Map([...out].map(([k, v]) => [k, { lashes: v.lashes, ...group(v.members, (m) => m.personId) }]));
}

export function expectedFigures(cases: readonly CaseFacts[]) {
  const basis = (b: Basis) => {
    const sentenced = cases.filter((c) => (c.sentence[b]?.lashes ?? 0) > 0);
    const imprisoned = cases.filter((c) => (c.sentence[b]?.days ?? 0) > 0);
    const histogram = new Map<string, GroupFigures>();
    for (const c of imprisoned) {
      const bucket = prisonTermBucket(c.sentence[b]?.days) as string;
      const members = imprisoned.filter((x) => prisonTermBucket(x.sentence[b]?.days) === bucket);
      histogram.set(
        bucket,
        group(members, (m) => m.personId),
      );
    }
    return {
      lashes: cases.reduce((n, c) => n + (c.sentence[b]?.lashes ?? 0), 0),
      lashesSentenced: group(sentenced, (c) => c.personId),
      prisonDays: cases.reduce((n, c) => n + (c.sentence[b]?.days ?? 0), 0),
      prisonSentenced: group(imprisoned, (c) => c.personId),
      byCourt: lashesBy(cases, b, (_c, s) => [s.court, s.branch]),
      byCity: lashesBy(cases, b, (c) => c.arrest?.city?.toLowerCase() ?? null),
      byMonth: lashesBy(cases, b, (_c, s) => s.month),
      histogram,
    };
  };

  const byStatus = new Map<string, GroupFigures>();
  for (const status of new Set(cases.map((c) => c.status))) {
    byStatus.set(
      status,
      group(
        cases.filter((c) => c.status === status),
        (c) => c.personId,
      ),
    );
  }

  const arrested = cases.filter((c) => c.arrest !== null);
  const arrestsByMonth = new Map<string, GroupFigures>();
  for (const month of new Set(arrested.map((c) => c.arrest?.month ?? null))) {
    arrestsByMonth.set(
      JSON.stringify(month),
      group(
        arrested.filter((c) => (c.arrest?.month ?? null) === month),
        (c) => c.personId,
      ),
    );
  }

  const people = [...new Map(cases.map((c) => [c.personId, c])).values()];
  const gender = new Map<string, number>();
  const vulnerabilities = new Map<string, number>();
  for (const p of people) {
    gender.set(p.gender, (gender.get(p.gender) ?? 0) + 1);
    for (const v of p.vulnerabilities) vulnerabilities.set(v, (vulnerabilities.get(v) ?? 0) + 1);
  }

  const chargeCounts = (field: "texts" | "articles") => {
    const byKey = new Map<string, CaseFacts[]>();
    for (const c of cases) {
      const keys = new Set([...c.chargesByEvent.values()].flatMap((e) => e[field]).map((t) => t.toLowerCase()));
      for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), c]);
    }
    return new Map([...byKey].map(([k, members]) => [k, group(members, (m) => m.personId)]));
  };

  return {
    cases: cases.length,
    people: people.length,
    firstInstance: basis("firstInstance"),
    effective: basis("effective"),
    byStatus,
    arrestsByMonth,
    demographics: { people: people.length, gender, vulnerabilities },
    charges: chargeCounts("texts"),
    articles: chargeCounts("articles"),
  };
}

/** Every demo person's name and alias (for "no name on the public page"). */
export function demoNames(file: Json = seedFile): string[] {
  return file.people.flatMap((p: Json) => [p.name, ...p.aliases]);
}
