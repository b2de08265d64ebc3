// Pure generation of synthetic records (no I/O): people with Latin names and Perso-Arabic
// or variant-spelling aliases, incidents, courts, facilities, and cases whose timelines
// follow the patterns of the real ones (arrest → detention → bail or charge → trial →
// sentence → appeal → release). The cached case columns come from lib/domain's
// deriveCaseColumns, exactly as for real cases. Deterministic for a given seed.
import { deriveCaseColumns, type CaseColumns } from "@/lib/domain/case-derivation";
import { normalizeName } from "@/lib/domain/normalize-name";
import type { AppealOutcome, ArrestCircumstance, Confidence, DatePrecision, EventType, ReleaseType, TimelineEvent } from "@/lib/domain/types";
import { Random } from "./random";
import {
  AUTHORITIES,
  CHARGES,
  CITIES,
  CONDITIONS,
  FEMALE_NAMES,
  INCIDENT_KINDS,
  INJURIES,
  MALE_NAMES,
  PENALTIES,
  SURNAMES,
  TREATMENT_KINDS,
  type NamePart,
} from "./vocabulary";

const DAY = 86_400_000;
/**
 * The synthetic records end here: a timeline whose next event would fall later stops
 * before it (the case is then still "detained", "sentenced", ... as of its last news), so
 * no record reports news from the future. A fixed date keeps the output deterministic.
 */
export const SYNTHETIC_CUTOFF = new Date(Date.UTC(2026, 5, 30));

export interface SyntheticIncident {
  id: string;
  key: string;
  title: string;
  date: Date;
  precision: DatePrecision;
  city: string;
  province: string;
  reportedDetained: number | null;
}

export interface SyntheticPlace {
  id: string;
  name: string;
  city: string | null;
}

export interface ReferenceData {
  incidents: SyntheticIncident[];
  courts: SyntheticPlace[];
  facilities: SyntheticPlace[];
}

export interface SyntheticPerson {
  id: string;
  key: string;
  name: string;
  nameNormalized: string;
  gender: "FEMALE" | "MALE" | "OTHER" | "UNKNOWN";
  ageYears: number | null;
  ageAsOf: Date | null;
  birthYear: number | null;
  homeCity: string;
  province: string;
  vulnerabilities: string[];
  description: string;
  restrictedNotes: string | null;
  updatedAt: Date;
  aliases: { id: string; name: string; nameNormalized: string; script: "LATIN" | "PERSO_ARABIC" }[];
}

export interface SyntheticEvent extends TimelineEvent {
  id: string;
  description: string | null;
  place: string | null;
  authority: string | null;
  circumstance: ArrestCircumstance | null;
  conditions: string[] | null;
  amount: string | null;
  currency: string | null;
  amountRials: string | null;
  courtId: string | null;
  branch: string | null;
  otherPenalties: string[] | null;
  suspended: boolean | null;
  treatmentKinds: string[] | null;
  injuries: string[] | null;
  charges: { id: string; text: string; article: string | null }[];
}

export interface SyntheticCase {
  id: string;
  key: string;
  personId: string;
  incidentId: string | null;
  summary: string;
  columns: CaseColumns;
  updatedAt: Date;
  events: SyntheticEvent[];
}

export interface SyntheticChunk {
  people: SyntheticPerson[];
  cases: SyntheticCase[];
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** A date cut to a precision: the first day of its month or year, or null when unknown. */
function cut(date: Date, precision: DatePrecision): Date | null {
  if (precision === "UNKNOWN") return null;
  if (precision === "YEAR") return utc(date.getUTCFullYear(), 0, 1);
  if (precision === "MONTH") return utc(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return date;
}

const pad = (n: number, width = 6) => String(n).padStart(width, "0");

export function generateReferenceData(seed: number, peopleCount: number): ReferenceData {
  const r = new Random(seed * 7919 + 1);
  const incidentCount = Math.max(20, Math.round(peopleCount / 250));
  const incidents: SyntheticIncident[] = [];
  for (let i = 0; i < incidentCount; i++) {
    const { city, province } = r.weighted(CITIES);
    const date = utc(r.int(2012, 2024), r.int(0, 11), r.int(1, 28));
    const precision: DatePrecision = r.weighted([
      ["DAY", 8],
      ["MONTH", 2],
    ] as const);
    incidents.push({
      id: `syn-i-${pad(i, 5)}`,
      key: `syn-i-${pad(i, 5)}`,
      title: `${r.pick(INCIDENT_KINDS)(city)} (synthetic)`,
      date: cut(date, precision) ?? date,
      precision,
      city,
      province,
      reportedDetained: r.chance(0.6) ? r.int(5, 400) : null,
    });
  }
  const cities = CITIES.map(([c]) => c);
  const provinces = [...new Set(cities.map((c) => c.province))];
  const courts: SyntheticPlace[] = [
    ...cities.flatMap((c) => [
      { name: `Revolutionary Court of ${c.city}`, city: c.city },
      { name: `Criminal Court of ${c.city}`, city: c.city },
    ]),
    ...provinces.map((p) => ({ name: `Court of Appeal of ${p} Province`, city: null })),
    { name: "Supreme Court", city: "Tehran" },
  ].map((c, i) => ({ id: `syn-court-${pad(i, 3)}`, ...c }));
  const facilities: SyntheticPlace[] = [
    ...cities.flatMap((c) => [
      { name: `${c.city} Central Prison`, city: c.city },
      { name: `Ministry of Intelligence detention centre, ${c.city}`, city: c.city },
      { name: `IRGC detention centre, ${c.city}`, city: c.city },
    ]),
    { name: "Evin Prison", city: "Tehran" },
    { name: "Qezel Hesar Prison", city: "Karaj" },
  ].map((f, i) => ({ id: `syn-fac-${pad(i, 3)}`, ...f }));
  return { incidents, courts, facilities };
}

/** Perso-Arabic spelling as typed on an Arabic keyboard or pasted with invisible marks. */
function persianAsTyped(r: Random, text: string): string {
  let out = text;
  if (r.chance(0.25)) out = out.replace(/ی/g, "ي").replace(/ک/g, "ك");
  if (r.chance(0.1)) out = out.replace(/\u200c/g, "");
  if (r.chance(0.05)) out = `\u200f${out}`;
  return out;
}

function variantOf(r: Random, part: NamePart): string {
  return part.variants?.length && r.chance(0.7) ? r.pick(part.variants) : part.latin;
}

class CaseBuilder {
  readonly events: SyntheticEvent[] = [];
  private ended = false;
  constructor(
    private readonly r: Random,
    private readonly caseId: string,
  ) {}

  /** Adds the next event, unless the timeline has reached SYNTHETIC_CUTOFF (then it and all later ones are dropped). */
  add(type: EventType, date: Date, precision: DatePrecision, fields: Partial<SyntheticEvent> = {}): void {
    if (this.ended || date > SYNTHETIC_CUTOFF) {
      this.ended = true;
      return;
    }
    const position = this.events.length;
    const event: SyntheticEvent = {
      id: `${this.caseId}-e${position}`,
      type,
      position,
      date: cut(date, precision),
      datePrecision: precision === "UNKNOWN" ? "UNKNOWN" : precision,
      confidence: this.r.weighted([
        ["HIGH", 80],
        ["MEDIUM", 15],
        ["LOW", 5],
      ] as const) as Confidence,
      description: null,
      place: null,
      authority: null,
      circumstance: null,
      conditions: null,
      amount: null,
      currency: null,
      amountRials: null,
      courtId: null,
      branch: null,
      otherPenalties: null,
      suspended: null,
      treatmentKinds: null,
      injuries: null,
      charges: [],
      ...fields,
    };
    this.events.push(event);
  }
}

interface CaseContext {
  r: Random;
  ref: ReferenceData;
  caseId: string;
  homeCity: string;
  /** Earliest arrest year for this case (a person's second case comes later). */
  fromYear: number;
  toYear: number;
}

function laterDate(r: Random, from: Date, minDays: number, maxDays: number): Date {
  return new Date(from.getTime() + r.int(minDays, maxDays) * DAY);
}

function eventPrecision(r: Random): DatePrecision {
  return r.weighted([
    ["DAY", 60],
    ["MONTH", 30],
    ["YEAR", 5],
    ["UNKNOWN", 5],
  ] as const);
}

function courtsIn(ref: ReferenceData, city: string): SyntheticPlace[] {
  const local = ref.courts.filter((c) => c.city === city);
  return local.length ? local : ref.courts;
}

function facilitiesIn(ref: ReferenceData, city: string): SyntheticPlace[] {
  const local = ref.facilities.filter((f) => f.city === city);
  return local.length ? local : ref.facilities;
}

function sentenceTerms(r: Random): Partial<SyntheticEvent> {
  const years = r.weighted([
    [0, 25],
    [1, 25],
    [2, 15],
    [3, 10],
    [5, 10],
    [8, 5],
    [10, 5],
  ] as const);
  const months = years === 0 ? r.int(1, 11) : r.chance(0.3) ? r.int(1, 11) : 0;
  return {
    prisonYears: years,
    prisonMonths: months,
    prisonDays: r.chance(0.1) ? r.int(1, 29) : 0,
    lashes: r.chance(0.3) ? r.pick([30, 40, 50, 74]) : null,
    suspended: r.chance(0.1),
    otherPenalties: r.chance(0.2) ? r.sample(PENALTIES, r.int(1, 2)) : [],
  };
}

/** One case's events in timeline order; the branch taken decides the derived status. */
function buildTimeline(ctx: CaseContext, incident: SyntheticIncident | null): { events: SyntheticEvent[]; arrestCity: string } {
  const { r, ref } = ctx;
  const b = new CaseBuilder(r, ctx.caseId);
  const city = incident?.city ?? ctx.homeCity;
  let date = incident ? laterDate(r, incident.date, 0, 20) : utc(r.int(ctx.fromYear, ctx.toYear), r.int(0, 11), r.int(1, 28));

  if (r.chance(0.05)) {
    b.add("SUMMONS", date, eventPrecision(r), { description: "Summoned for questioning (synthetic)" });
    return { events: b.events, arrestCity: city };
  }

  b.add(
    "ARREST",
    date,
    r.weighted([
      ["DAY", 70],
      ["MONTH", 22],
      ["YEAR", 5],
      ["UNKNOWN", 3],
    ] as const),
    {
      city,
      authority: r.pick(AUTHORITIES),
      circumstance: r.weighted([
        ["AT_PROTEST", 40],
        ["HOME_RAID", 30],
        ["SUMMONED", 10],
        ["WORKPLACE", 10],
        ["BEFORE_PROTEST", 10],
      ] as const),
      description: "Arrested (synthetic)",
    },
  );
  let facility = r.pick(facilitiesIn(ref, city));
  if (r.chance(0.8)) {
    date = laterDate(r, date, 0, 3);
    b.add("DETENTION", date, eventPrecision(r), {
      facilityId: facility.id,
      conditions: r.chance(0.4) ? r.sample(CONDITIONS, r.int(1, 3)) : [],
    });
  }
  if (r.chance(0.04)) {
    b.add("DISAPPEARANCE", laterDate(r, date, 1, 30), eventPrecision(r));
    return { events: b.events, arrestCity: city };
  }
  if (r.chance(0.1)) {
    b.add("ILL_TREATMENT", laterDate(r, date, 0, 10), eventPrecision(r), {
      treatmentKinds: r.sample(TREATMENT_KINDS, r.int(1, 3)),
      injuries: r.chance(0.4) ? r.sample(INJURIES, 1) : [],
    });
  }
  if (r.chance(0.2)) {
    facility = r.chance(0.3) ? r.pick(ref.facilities) : r.pick(facilitiesIn(ref, city));
    date = laterDate(r, date, 3, 60);
    b.add("TRANSFER", date, eventPrecision(r), { facilityId: facility.id });
  }

  const path = r.weighted([
    ["released", 25],
    ["bail", 35],
    ["tried", 27],
    ["held", 10],
    ["acquitted", 3],
  ] as const);
  if (path === "held") return { events: b.events, arrestCity: city };
  if (path === "released") {
    b.add("RELEASE", laterDate(r, date, 1, 40), eventPrecision(r), { releaseType: r.pick(["AFTER_INTERROGATION", "UNCONDITIONAL", "FULL"] as const) });
    return { events: b.events, arrestCity: city };
  }
  if (path === "bail") {
    const tomans = r.chance(0.5);
    const amount = r.pick([50, 100, 200, 300, 500]) * (tomans ? 1_000_000 : 10_000_000);
    date = laterDate(r, date, 2, 60);
    b.add("BAIL", date, eventPrecision(r), {
      amount: String(amount),
      currency: tomans ? "IRT" : "IRR",
      amountRials: String(tomans ? amount * 10 : amount),
    });
    if (r.chance(0.5)) return { events: b.events, arrestCity: city };
  }

  const charges = r.sample(CHARGES, r.int(1, 3));
  date = laterDate(r, date, 10, 120);
  b.add("CHARGE", date, eventPrecision(r), { charges: charges.map((c, i) => ({ id: `${ctx.caseId}-c${b.events.length}-${i}`, ...c })) });
  const court = r.pick(courtsIn(ref, city));
  const branch = `Branch ${r.int(1, 30)}`;
  date = laterDate(r, date, 20, 200);
  b.add("TRIAL", date, eventPrecision(r), { courtId: court.id, branch });
  if (path === "acquitted") {
    b.add("ACQUITTAL", laterDate(r, date, 5, 60), eventPrecision(r), { courtId: court.id, branch });
    return { events: b.events, arrestCity: city };
  }
  date = laterDate(r, date, 1, 40);
  b.add("SENTENCE", date, eventPrecision(r), {
    courtId: court.id,
    branch,
    ...sentenceTerms(r),
    charges: charges.map((c, i) => ({ id: `${ctx.caseId}-c${b.events.length}-${i}`, ...c })),
  });
  if (r.chance(0.4)) {
    const outcome: AppealOutcome = r.weighted([
      ["UPHELD", 50],
      ["REDUCED", 35],
      ["INCREASED", 5],
      ["OVERTURNED", 5],
      ["UNKNOWN", 5],
    ] as const);
    const appealCourt = ref.courts.find((c) => c.name.startsWith("Court of Appeal")) ?? court;
    date = laterDate(r, date, 30, 180);
    b.add("APPEAL", date, eventPrecision(r), {
      courtId: appealCourt.id,
      branch: `Branch ${r.int(1, 40)}`,
      appealOutcome: outcome,
      ...(outcome === "REDUCED" || outcome === "INCREASED" ? sentenceTerms(r) : {}),
    });
  }
  if (r.chance(0.45)) {
    const releaseType: ReleaseType = r.weighted([
      ["END_OF_SENTENCE", 40],
      ["ELECTRONIC_MONITORING", 20],
      ["CONDITIONAL", 20],
      ["FULL", 20],
    ] as const);
    b.add("RELEASE", laterDate(r, date, 60, 900), eventPrecision(r), { releaseType });
  } else if (r.chance(0.2)) {
    b.add("HUNGER_STRIKE", laterDate(r, date, 10, 300), eventPrecision(r));
  }
  return { events: b.events, arrestCity: city };
}

function personName(r: Random, female: boolean): { first: NamePart; last: NamePart; second: NamePart | null } {
  const first = r.pick(female ? FEMALE_NAMES : MALE_NAMES);
  const last = r.pick(SURNAMES);
  // Some people are known by two surnames or a compound name ("Hamid Manafi Nadarli").
  const second = r.chance(0.08) ? r.pick(SURNAMES) : null;
  return { first, last, second };
}

function aliasesFor(r: Random, personId: string, name: string, parts: ReturnType<typeof personName>): SyntheticPerson["aliases"] {
  const out: SyntheticPerson["aliases"] = [];
  const add = (alias: string, script: "LATIN" | "PERSO_ARABIC") => {
    if (alias !== name && !out.some((a) => a.name === alias)) {
      out.push({ id: `${personId}-a${out.length}`, name: alias, nameNormalized: normalizeName(alias), script });
    }
  };
  if (r.chance(0.65)) {
    const persian = [parts.first.persian, parts.second?.persian, parts.last.persian].filter(Boolean).join(" ");
    add(persianAsTyped(r, persian), "PERSO_ARABIC");
  }
  if (r.chance(0.35)) {
    add([variantOf(r, parts.first), parts.second?.latin, variantOf(r, parts.last)].filter(Boolean).join(" "), "LATIN");
  }
  return out;
}

function vulnerabilities(r: Random, female: boolean, age: number | null): string[] {
  const out: string[] = [];
  if (age !== null && age < 18) out.push("MINOR");
  if (age !== null && age >= 65) out.push("ELDERLY");
  if (r.chance(0.02)) out.push("DISABILITY");
  if (r.chance(0.03)) out.push("CHRONIC_ILLNESS");
  if (female && r.chance(0.01)) out.push("PREGNANT");
  if (female && r.chance(0.02)) out.push("DETAINED_WITH_CHILD");
  return out;
}

const incidentRanges = new WeakMap<ReferenceData, Map<string, SyntheticIncident[]>>();

/** Incidents dated fromYear..toYear (memoised: every case asks for one of a few ranges). */
function incidentsBetween(ref: ReferenceData, fromYear: number, toYear: number): SyntheticIncident[] {
  let byRange = incidentRanges.get(ref);
  if (!byRange) incidentRanges.set(ref, (byRange = new Map()));
  const key = `${fromYear}-${toYear}`;
  let list = byRange.get(key);
  if (!list) {
    list = ref.incidents.filter((i) => i.date.getUTCFullYear() >= fromYear && i.date.getUTCFullYear() <= toYear);
    byRange.set(key, list);
  }
  return list;
}

/**
 * People `from` (inclusive) to `to` (exclusive) with their cases. Each person draws from a
 * generator seeded by (seed, index), so any chunk can be generated on its own and the
 * result does not depend on the chunk size.
 */
export function generateChunk(seed: number, from: number, to: number, ref: ReferenceData): SyntheticChunk {
  const people: SyntheticPerson[] = [];
  const cases: SyntheticCase[] = [];
  for (let n = from; n < to; n++) {
    const r = new Random(seed * 1_000_003 + n);
    const id = `syn-p-${pad(n)}`;
    const female = r.chance(0.3);
    const gender = r.chance(0.08) ? "UNKNOWN" : female ? "FEMALE" : "MALE";
    const parts = personName(r, female);
    const name = [parts.first.latin, parts.second?.latin, parts.last.latin].filter(Boolean).join(" ");
    const { city: homeCity, province } = r.weighted(CITIES);
    const caseCount = r.chance(0.15) ? 2 : 1;

    let lastUpdate = utc(2024, 0, 1);
    let ageAtArrest: number | null = null;
    let arrestYear = 2020;
    for (let k = 0; k < caseCount; k++) {
      const caseId = `syn-c-${pad(n)}-${k}`;
      const useIncident = r.chance(0.7);
      const fromYear = k === 0 ? 2008 : 2019;
      const toYear = k === 0 && caseCount > 1 ? 2017 : 2025;
      const candidates = incidentsBetween(ref, fromYear, toYear);
      const incident = useIncident && candidates.length ? r.pick(candidates) : null;
      const { events } = buildTimeline({ r, ref, caseId, homeCity, fromYear, toYear }, incident);
      const columns = deriveCaseColumns(events);
      const lastDated = [...events].reverse().find((e) => e.date !== null)?.date ?? utc(2020, 0, 1);
      const updatedAt = new Date(lastDated.getTime() + r.int(1, 60) * DAY + 12 * 3_600_000);
      if (updatedAt > lastUpdate) lastUpdate = updatedAt;
      if (k === 0) {
        arrestYear = columns.arrestDate?.getUTCFullYear() ?? 2020;
        ageAtArrest = r.chance(0.6)
          ? r.weighted([
              [r.int(15, 17), 4],
              [r.int(18, 35), 60],
              [r.int(36, 64), 30],
              [r.int(65, 80), 6],
            ] as const)
          : null;
      }
      cases.push({
        id: caseId,
        key: caseId,
        personId: id,
        incidentId: incident?.id ?? null,
        summary: `Synthetic case ${k + 1} of ${name}.`,
        columns,
        updatedAt,
        events,
      });
    }

    people.push({
      id,
      key: id,
      name,
      nameNormalized: normalizeName(name),
      gender,
      ageYears: ageAtArrest,
      ageAsOf: ageAtArrest === null ? null : utc(arrestYear, 0, 1),
      birthYear: ageAtArrest === null && r.chance(0.2) ? r.int(1950, 2005) : null,
      homeCity,
      province,
      vulnerabilities: vulnerabilities(r, female, ageAtArrest),
      description: `Synthetic record for load testing: a person from ${homeCity}.`,
      restrictedNotes: r.chance(0.2) ? "Synthetic restricted note: family contact withheld." : null,
      updatedAt: lastUpdate,
      aliases: aliasesFor(r, id, name, parts),
    });
  }
  return { people, cases };
}
