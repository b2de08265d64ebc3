// Sentence arithmetic: prison days, first-instance and effective sentences of a case.
// The charts (lashes, prison terms) add these numbers up, so every rule is written down here.

import { activeTimeline } from "./timeline";
import type { DecimalLike, Fine, PrisonTerm, TimelineEvent } from "./types";

/*
 * PRISON DAYS of a term = years × 365 + months × 30 + days (domain.md).
 * A fixed-length year and month, not calendar arithmetic: courts pronounce terms in these
 * units, and the total must not depend on the start date, which is usually unknown.
 * So "7 months and 16 days" = 226, "1 year" = 365, "2 years 7 months" = 940.
 * A missing part counts as 0 ({months: 7} = 210); a term with no part at all is "no term"
 * and gives null, never 0 (0 would claim a known zero-day sentence).
 */
export function prisonTermDays(term: { years?: number | null; months?: number | null; days?: number | null } | null | undefined): number | null {
  if (term == null) return null;
  const { years, months, days } = term;
  if (years == null && months == null && days == null) return null;
  for (const part of [years, months, days]) {
    if (part != null && (!Number.isInteger(part) || part < 0)) {
      throw new RangeError(`Prison term parts must be non-negative integers, got ${JSON.stringify(term)}`);
    }
  }
  return (years ?? 0) * 365 + (months ?? 0) * 30 + (days ?? 0);
}

/** The terms of a case's sentence, with the event they come from. */
export interface SentenceSummary<T extends TimelineEvent = TimelineEvent> {
  /** The SENTENCE or APPEAL stating the terms, or the APPEAL/ACQUITTAL that cancelled them. */
  event: T | null;
  /** As pronounced; a stated term with missing parts has them as 0. Null = no prison term stated. */
  prison: PrisonTerm | null;
  prisonDays: number | null;
  /** Null = not stated (the demo data records 0 when a sentence mentions no lashes). */
  lashes: number | null;
  fine: Fine | null;
}

function prisonOf(e: TimelineEvent): PrisonTerm | null {
  if (e.prisonYears == null && e.prisonMonths == null && e.prisonDays == null) return null;
  return { years: e.prisonYears ?? 0, months: e.prisonMonths ?? 0, days: e.prisonDays ?? 0 };
}

function fineOf(e: TimelineEvent): Fine | null {
  if (e.fineAmount == null) return null;
  return { amount: decimalText(e.fineAmount), currency: e.fineCurrency ?? null };
}

function decimalText(value: DecimalLike): string {
  return typeof value === "string" ? value : value.toString();
}

/** A SENTENCE or APPEAL "states terms" when it gives a prison term, lashes or a fine. */
function statesTerms(e: TimelineEvent): boolean {
  return prisonOf(e) !== null || e.lashes != null || e.fineAmount != null;
}

/**
 * The terms an event pronounces. `revised` is the sentence an APPEAL revises: each term the
 * appeal leaves null (not mentioned) carries over from it. A SENTENCE passes null: it stands
 * on its own, since a second SENTENCE is a separate (often conflicting) report.
 */
function termsOf<T extends TimelineEvent>(e: T, revised: SentenceSummary<T> | null): SentenceSummary<T> {
  const prison = prisonOf(e) ?? revised?.prison ?? null;
  return {
    event: e,
    prison,
    prisonDays: prisonTermDays(prison),
    lashes: e.lashes ?? revised?.lashes ?? null,
    fine: fineOf(e) ?? revised?.fine ?? null,
  };
}

function cancelled<T extends TimelineEvent>(e: T): SentenceSummary<T> {
  return { event: e, prison: { years: 0, months: 0, days: 0 }, prisonDays: 0, lashes: 0, fine: null };
}

/*
 * LOW-CONFIDENCE SENTENCES. A SENTENCE recorded with confidence LOW is ignored by both the
 * first-instance and the effective sentence when the case has a SENTENCE of higher
 * confidence (MEDIUM or HIGH). It stays in the timeline, visible with its note, but a
 * contradicting report must not drive the numbers. When every SENTENCE is LOW, none is
 * ignored: a weak report is still the best information there is.
 */
function countingSentences<T extends TimelineEvent>(events: readonly T[]): T[] {
  const active = activeTimeline(events);
  const hasConfidentSentence = active.some((e) => e.type === "SENTENCE" && e.confidence !== "LOW");
  return active.filter((e) => !(hasConfidentSentence && e.type === "SENTENCE" && e.confidence === "LOW"));
}

/*
 * FIRST-INSTANCE SENTENCE: the first SENTENCE in timeline order (soft-deleted events and
 * ignored low-confidence sentences skipped), with the terms it states (possibly none).
 * Null when the case has no SENTENCE.
 */
export function firstInstanceSentence<T extends TimelineEvent>(events: readonly T[]): SentenceSummary<T> | null {
  const first = countingSentences(events).find((e) => e.type === "SENTENCE");
  return first === undefined ? null : termsOf(first, null);
}

/*
 * EFFECTIVE SENTENCE, walking the timeline in position order (soft-deleted events and
 * ignored low-confidence sentences skipped):
 * - a SENTENCE that states terms becomes the effective sentence, as it stands;
 * - an APPEAL that states terms becomes the effective sentence; each term it leaves null
 *   carries over from the sentence it revises (the effective one at that point). Example:
 *   4 years and 0 lashes, then an appeal "reduced to 1 year" silent on lashes = 1 year,
 *   0 lashes. An appeal stating no terms (e.g. "upheld") leaves the sentence as it was;
 * - an APPEAL with outcome OVERTURNED makes it zero (0 prison days, 0 lashes, no fine),
 *   whatever terms it states;
 * - an ACQUITTAL after a SENTENCE or APPEAL makes it zero; an ACQUITTAL with no sentence
 *   before it (acquitted at trial) leaves "no sentence";
 * - a later SENTENCE or APPEAL stating terms (a retrial) replaces a zero again.
 * Null when nothing ever stated terms or cancelled them.
 */
export function effectiveSentence<T extends TimelineEvent>(events: readonly T[]): SentenceSummary<T> | null {
  let effective: SentenceSummary<T> | null = null;
  let sentenced = false;
  for (const e of countingSentences(events)) {
    if (e.type === "SENTENCE") {
      sentenced = true;
      if (statesTerms(e)) effective = termsOf(e, null);
    } else if (e.type === "APPEAL") {
      sentenced = true;
      if (e.appealOutcome === "OVERTURNED") effective = cancelled(e);
      else if (statesTerms(e)) effective = termsOf(e, effective);
    } else if (e.type === "ACQUITTAL" && sentenced) {
      effective = cancelled(e);
    }
  }
  return effective;
}
