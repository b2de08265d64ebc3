// Redaction of minors' names in public reports (pure, no I/O).
//
// WHO IS A MINOR. A person counts as a minor "at the time" when any of these holds:
//   - the record carries the MINOR vulnerability;
//   - the recorded age is under 18 (the age refers to `ageAsOf`, the date of the episode in
//     which it was given, so it is the age at the time);
//   - at the date of one of the person's episodes (an arrest, or the first dated event of a
//     case) the person may have been under 18: from an age given for another date (the age
//     then plus the whole years between, rounded down), or from a birth year (an episode at
//     most 18 years after it: someone who may have been 17 counts as a minor, since a
//     redaction too many is safer than one too few).
//
// WHAT IS REDACTED. In the public profile every word of a minor's name or alias is reduced
// to its initial ("Kovsar Nemati" → "K. N.", "کوثر نعمتی" → "ک. ن.") everywhere in the
// document: the heading, aliases, relations, the summary table, and free text
// (descriptions, summaries, notes, source titles). Words are compared in their normalised
// form (lib/domain/normalize-name.ts), so "Kövsər" and "KOVSAR" are caught too. A word that
// also belongs to the name of a non-minor person named in the same document (a parent
// sharing the surname) is reduced only where it is part of the minor's full name, so the
// parent's name stays readable while the child's never appears whole.
import { normalizeName } from "@/lib/domain/normalize-name";
import type { AgeFacts } from "@/lib/report/types";

export const ADULT_AGE = 18;

/** Whether the person was (or may have been) under 18 at the time of one of their episodes. */
export function isMinor(p: AgeFacts): boolean {
  if (p.vulnerabilities.includes("MINOR")) return true;
  if (p.ageYears !== null && p.ageYears < ADULT_AGE) return true;
  const episodes = p.episodeDates.filter((d) => !Number.isNaN(d.getTime()));
  if (p.ageYears !== null && p.ageAsOf) {
    // Exact at ageAsOf; at another date the youngest possible age is the age then plus the
    // whole years between (rounded down: a year earlier may already be a year younger).
    const asOf = p.ageAsOf.getTime();
    const age = p.ageYears;
    return episodes.some((d) => age + Math.floor((d.getTime() - asOf) / YEAR_MS) < ADULT_AGE);
  }
  if (p.birthYear !== null) {
    // Born some day of that year: at most 18 years later they may still have been 17.
    const born = p.birthYear;
    return episodes.some((d) => d.getUTCFullYear() - born <= ADULT_AGE);
  }
  return false;
}

const YEAR_MS = 365.2425 * 24 * 60 * 60 * 1000;

// A word: letters, combining marks, digits, apostrophes and the zero-width non-joiner that
// Persian spelling puts inside words (ابراهیم‌زاده). Hyphens and spaces separate words.
const WORD = /[\p{L}\p{M}\p{N}'’\u200c]+/gu;

/** "Kovsar Nemati" → "K. N."; "کوثر نعمتی" → "ک. ن.". */
export function initials(name: string): string {
  const words = name.match(WORD) ?? [];
  return words.map(initialOf).join(" ");
}

function initialOf(word: string): string {
  const first = Array.from(word.replace(/^['’\u200c]+/, ""))[0] ?? "";
  return first ? `${first.toLocaleUpperCase("en")}.` : "";
}

function wordsOf(name: string): string[] {
  return (name.match(WORD) ?? []).map((w) => normalizeName(w)).filter((w) => w.length > 0);
}

export interface Redactor {
  /** Whether any minor's name is being redacted. */
  readonly active: boolean;
  /** The text with every minor's name reduced to initials. */
  text(value: string): string;
  /** The same for a value that may be absent. */
  maybe(value: string | null | undefined): string | null;
  /** Whether this exact name belongs to a minor being redacted. */
  isMinorName(name: string): boolean;
}

export const NO_REDACTION: Redactor = {
  active: false,
  text: (value) => value,
  maybe: (value) => value ?? null,
  isMinorName: () => false,
};

/** A minor whose names are redacted: every word of them alone too, or only whole names. */
export interface MinorNames {
  names: readonly string[];
  /**
   * Reduce a word of the name also where it stands alone ("Kovsar was released"): for the
   * people the document is about and their relations. A minor found only because their
   * name occurs in free text has just their whole names redacted, so that a common first
   * name does not blank out everyone else's.
   */
  wordsAlone: boolean;
}

/**
 * A redactor for the names (name and aliases) of `minors`; `others` are the names of the
 * non-minors the document names (the person, relations), whose words are kept when they
 * stand alone.
 */
export function createRedactor(minors: readonly MinorNames[], others: readonly string[]): Redactor {
  const sequences = minors
    .flatMap((m) => m.names)
    .map(wordsOf)
    .filter((words) => words.length > 0)
    // Longest names first, so "Kovsar Nemati Tabrizi" wins over "Kovsar Nemati".
    .sort((a, b) => b.length - a.length);
  if (sequences.length === 0) return NO_REDACTION;
  const kept = new Set(others.flatMap(wordsOf));
  const single = new Set(
    minors
      .filter((m) => m.wordsAlone)
      .flatMap((m) => m.names.flatMap(wordsOf))
      .filter((w) => !kept.has(w)),
  );
  const minorNames = new Set(minors.flatMap((m) => m.names).map((n) => normalizeName(n)));
  const normalized = new Map<string, string>();
  const norm = (word: string) => {
    let n = normalized.get(word);
    if (n === undefined) {
      n = normalizeName(word);
      normalized.set(word, n);
    }
    return n;
  };

  // The names by their first word, so each word of a text is checked against a few names.
  const byFirstWord = new Map<string, string[][]>();
  for (const seq of sequences) {
    const list = byFirstWord.get(seq[0]!) ?? [];
    list.push(seq);
    byFirstWord.set(seq[0]!, list);
  }

  const text = (value: string): string => {
    const matches = [...value.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0], norm: norm(m[0]) }));
    if (!matches.some((m) => single.has(m.norm) || byFirstWord.has(m.norm))) return value;
    let out = "";
    let cursor = 0;
    for (let i = 0; i < matches.length;) {
      const m = matches[i]!;
      // Longest first (byFirstWord keeps the order of `sequences`).
      const seq = byFirstWord
        .get(m.norm)
        ?.find((s) => s.every((w, k) => matches[i + k]?.norm === w && onlySeparators(value, matches[i + k - 1], matches[i + k], k)));
      if (seq) {
        const last = matches[i + seq.length - 1]!;
        const words = matches.slice(i, i + seq.length);
        // Initials keep the separators of the original ("Kovsar Nemati" → "K. N.", "kovsar-nemati" → "K.-N.").
        const joined = words.map((x, k) => (k === 0 ? "" : value.slice(words[k - 1]!.end, x.start)) + initialOf(x.word)).join("");
        out += value.slice(cursor, m.start) + endInitials(joined, value, last.end);
        cursor = last.end;
        i += seq.length;
        continue;
      }
      if (single.has(m.norm)) {
        out += value.slice(cursor, m.start) + endInitials(initialOf(m.word), value, m.end);
        cursor = m.end;
      }
      i++;
    }
    return out + value.slice(cursor);
  };

  return {
    active: true,
    text,
    maybe: (value) => (value == null ? null : text(value)),
    isMinorName: (name) => minorNames.has(normalizeName(name)),
  };
}

/** "K. N." before a full stop in the text loses its own last dot ("with K. N." not "K. N.."). */
function endInitials(initialsText: string, value: string, end: number): string {
  return value[end] === "." && initialsText.endsWith(".") ? initialsText.slice(0, -1) : initialsText;
}

/** Words of one name follow each other with only spaces or hyphens between them. */
function onlySeparators(value: string, previous: { end: number } | undefined, current: { start: number } | undefined, k: number): boolean {
  if (k === 0 || !previous || !current) return true;
  return /^[\s\-‐‑–]+$/u.test(value.slice(previous.end, current.start));
}
