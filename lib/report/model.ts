// The case report model: every string the PDF prints, built from what the data layer read
// (lib/data/report.ts) for one profile. Pure: no I/O, the clock and the translator come
// in as arguments, so unit tests check the exact text.
//
// What each profile contains (domain.md, "What case report means"):
// - internal: everything the generating user may see (an EDITOR or ADMIN): restricted notes,
//   confidential sources (marked as such), full names;
// - public: no restricted notes, no confidential sources (both already left out by the
//   query; checked again here), minors' names reduced to initials everywhere
//   (lib/report/redaction.ts).
import type { createTranslator, Messages } from "use-intl/core";
import { formatDecimal, humaniseTag, safeExternalUrl } from "@/lib/format";
import { formatPartialDate } from "@/lib/domain/dates";
import { effectiveSentence, firstInstanceSentence, prisonTermDays, type SentenceSummary } from "@/lib/domain/sentence";
import type { DatePrecision, PrisonTerm } from "@/lib/domain/types";
import { eventDetailRows, type DetailValue } from "@/lib/events/details";
import { createRedactor, isMinor, NO_REDACTION, type MinorNames, type Redactor } from "@/lib/report/redaction";
import type {
  AgeFacts,
  DossierModel,
  FieldRow,
  NamedMinor,
  PersonReportInput,
  PersonReportModel,
  ReportCaseInput,
  ReportCaseModel,
  ReportEventInput,
  ReportEventModel,
  ReportMeta,
  ReportProfile,
  ReportSourceInput,
  ReportSourceModel,
} from "@/lib/report/types";
import type { CaseFilters } from "@/lib/validation/case-filters";

export type Translator = ReturnType<typeof createTranslator<Messages>>;
/** For keys built at run time (enum labels, catalog tags); `has` tells whether one exists. */
type LooseTranslator = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };

const LOCALE = "en";

/** "24 Nov 2026, 10:15 UTC": the generation time, in UTC like every date in the tracker. */
export function formatTimestamp(at: Date): string {
  const day = formatPartialDate(at, "DAY", LOCALE) ?? at.toISOString().slice(0, 10);
  return `${day}, ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")} UTC`;
}

/** The redactor for a person's report: the person and their relations, plus other named minors. */
export function personRedactor(person: PersonReportInput, profile: ReportProfile, namedMinors: readonly NamedMinor[] = []): Redactor {
  if (profile !== "public") return NO_REDACTION;
  return dossierRedactor([person], namedMinors);
}

/**
 * One redactor for the reports of `people`: each person and relation who was a minor at the
 * time (every word of their names), and other recorded minors named in the text (whole
 * names only).
 */
export function dossierRedactor(people: readonly PersonReportInput[], namedMinors: readonly NamedMinor[]): Redactor {
  const minors: MinorNames[] = [];
  const others: string[] = [];
  for (const p of people) {
    const linked = [
      { facts: p as AgeFacts, names: [p.name, ...p.aliases.map((a) => a.name)] },
      ...p.relations.map((rel) => ({ facts: rel.person as AgeFacts, names: [rel.person.name, ...rel.person.aliases] })),
    ];
    for (const who of linked) {
      if (isMinor(who.facts)) minors.push({ names: who.names, wordsAlone: true });
      else others.push(...who.names);
    }
  }
  for (const m of namedMinors) minors.push({ names: [m.name, ...m.aliases], wordsAlone: false });
  return createRedactor(minors, others);
}

class Builder {
  private readonly tl: LooseTranslator;
  private readonly refs = new Map<string, ReportSourceModel & { source: ReportSourceInput }>();

  constructor(
    private readonly t: Translator,
    private readonly r: Redactor,
    private readonly profile: ReportProfile,
  ) {
    this.tl = t as unknown as LooseTranslator;
  }

  date(date: Date | null, precision: DatePrecision): string | null {
    return formatPartialDate(date, precision, LOCALE);
  }

  dateOr(date: Date | null, precision: DatePrecision): string {
    return this.date(date, precision) ?? this.t("report.pdf.dateUnknown");
  }

  /** A tag's label in the catalog namespace `namespace`, or the tag humanised when the catalog lacks it. */
  tag(namespace: string, tag: string): string {
    const key = `${namespace}.${tag}`;
    // A text that is not a known tag (a penalty as the source words it) is free text: redacted like any other.
    return !tag.includes(".") && this.tl.has(key) ? this.tl(key) : this.r.text(humaniseTag(tag));
  }

  relationLabel(kind: string): string {
    const key = kind.trim().toLowerCase();
    return !key.includes(".") && this.tl.has(`relation.${key}`) ? this.tl(`relation.${key}`) : humaniseTag(kind);
  }

  money(amount: string, currency: string | null): string {
    const formatted = formatDecimal(amount, LOCALE);
    const code = currency?.trim().toUpperCase() || null;
    if (code === "IRR") return this.t("money.IRR", { amount: formatted });
    if (code === "IRT") return this.t("money.IRT", { amount: formatted });
    if (!code) return this.t("money.noCurrency", { amount: formatted });
    return this.t("money.other", { amount: formatted, currency: code });
  }

  /** "4 years (1,460 days in total)", "7 months 16 days (226 days in total)", "No prison term". */
  prison(term: PrisonTerm): string {
    const parts: string[] = [];
    if (term.years > 0) parts.push(this.t("sentence.years", { count: term.years }));
    if (term.months > 0) parts.push(this.t("sentence.months", { count: term.months }));
    if (term.days > 0) parts.push(this.t("sentence.days", { count: term.days }));
    if (!parts.length) return this.t("sentence.noPrisonTerm");
    const total = prisonTermDays(term);
    const text = parts.join(" ");
    return total !== null && total > 0 ? `${text} (${this.t("sentence.totalDays", { count: total })})` : text;
  }

  /** Footnote number of a source, numbered in order of first reference. */
  ref(source: ReportSourceInput): number | null {
    // Defence in depth: the query already left confidential sources out of public reports.
    if (source.confidential && this.profile === "public") return null;
    const known = this.refs.get(source.id);
    if (known) return known.n;
    const n = this.refs.size + 1;
    this.refs.set(source.id, { n, text: "", url: null, link: null, confidential: source.confidential, source });
    return n;
  }

  refsOf(sources: readonly ReportSourceInput[]): number[] {
    return [...new Set(sources.map((s) => this.ref(s)).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  }

  sources(): ReportSourceModel[] {
    const r = this.r;
    return [...this.refs.values()].map(({ n, source: s }) => {
      const parts = [r.text(s.title)];
      if (s.publisher) parts.push(r.text(s.publisher));
      parts.push(this.tl(`sourceKind.${s.kind}`));
      const date = this.date(s.date, s.datePrecision);
      if (date) parts.push(date);
      if (s.language) parts.push(this.t("report.pdf.language", { language: s.language }));
      if (s.via) parts.push(this.t("report.pdf.via", { via: r.text(s.via) }));
      if (s.confidential) parts.push(this.t("report.pdf.confidentialSource"));
      const safe = safeExternalUrl(s.url);
      // A web address that spells a minor's name is printed redacted and not linked.
      const url = safe ? r.text(safe) : null;
      return { n, text: parts.join(this.t("common.separator")), url, link: url !== null && url === safe ? safe : null, confidential: s.confidential };
    });
  }

  sentence(summary: SentenceSummary<ReportEventInput> | null, kind: "firstInstance" | "effective", first: SentenceSummary<ReportEventInput> | null): string {
    if (!summary) return this.t("case.noSentence");
    if (kind === "effective" && first?.event && summary.event?.id === first.event.id) return this.t("case.sameAsFirstInstance");
    const event = summary.event;
    const lines: string[] = [];
    if (kind === "effective" && event?.type === "APPEAL")
      lines.push(this.t("case.afterAppeal", { outcome: this.tl(`appealOutcome.${event.appealOutcome ?? "UNKNOWN"}`) }));
    if (kind === "effective" && event?.type === "ACQUITTAL") lines.push(this.t("case.afterAcquittal"));
    lines.push(summary.prison ? this.prison(summary.prison) : this.t("sentence.noPrisonStated"));
    lines.push(summary.lashes !== null ? this.t("units.lashes", { count: summary.lashes }) : this.t("sentence.lashesNotStated"));
    if (summary.fine) lines.push(this.t("sentence.fine", { amount: this.money(summary.fine.amount, summary.fine.currency) }));
    if (event?.suspended) lines.push(this.t("sentence.suspended"));
    if (event && event.type !== "ACQUITTAL") {
      const on = this.date(event.date, event.datePrecision);
      lines.push(on ? this.t("sentence.pronounced", { date: on }) : this.t("sentence.pronouncedUnknown"));
      if (event.court) lines.push(this.court(event.court.name, event.branch));
    }
    return lines.join("\n");
  }

  court(name: string, branch: string | null): string {
    return branch ? this.t("report.pdf.courtBranch", { court: this.r.text(name), branch: this.r.text(branch) }) : this.r.text(name);
  }

  /** One typed field's value as printed: free texts redacted, catalog values and tags labelled. */
  detail(v: DetailValue): string | null {
    const t = this.t;
    switch (v.kind) {
      case "text":
        return this.r.maybe(v.text);
      case "enum":
        return this.tl(`${v.catalog}.${v.value}`);
      case "list": {
        const catalog = v.catalog;
        return v.values.map((x) => (catalog ? this.tag(catalog, x) : this.r.text(x))).join(t("common.listSeparator"));
      }
      case "count":
        return String(v.value);
      case "money":
        return this.money(v.amount, v.currency);
      case "rials":
        return t("money.inRials", { amount: formatDecimal(v.amount, LOCALE) });
      case "prisonTerm":
        return this.prison(v.term);
      case "boolean":
        return v.value ? t("timeline.yes") : t("timeline.no");
      case "charges":
        return v.charges
          .map((c) => this.charge(c))
          .filter((c): c is string => !!c)
          .join("\n");
      case "partialDate":
        return this.date(new Date(`${v.date}T00:00:00Z`), v.precision);
    }
  }

  charge(c: { text: string | null; article: string | null }): string | null {
    const text = this.r.maybe(c.text);
    const article = this.r.maybe(c.article);
    if (text && article) return this.t("timeline.chargeWithArticle", { charge: text, article });
    if (text) return this.t("timeline.quoted", { text });
    return article;
  }

  event(e: ReportEventInput): ReportEventModel {
    const r = this.r;
    const t = this.t;
    const fields: FieldRow[] = [];
    const add = (label: string, value: string | null | undefined) => {
      if (value) fields.push({ label, value });
    };
    // Every set typed field, as the registry says to show it (lib/events/details.ts).
    for (const row of eventDetailRows(e)) add(this.tl(row.labelKey), this.detail(row.value));

    const meta = [this.tl(`confidence.${e.confidence}`)];
    if (e.dateText) meta.push(t("timeline.asWritten", { text: r.text(e.dateText) }));
    return {
      heading: `${this.dateOr(e.date, e.datePrecision)}${t("common.separator")}${this.tl(`eventType.${e.type}`)}`,
      refs: this.refsOf(e.sources),
      meta,
      description: r.maybe(e.description),
      fields,
      note: r.maybe(e.note),
    };
  }

  caseModel(c: ReportCaseInput, index: number): ReportCaseModel {
    const r = this.r;
    const t = this.t;
    const arrested = this.date(c.arrestDate, c.arrestDatePrecision);
    const heading = arrested ? t("person.caseHeadingArrested", { n: index + 1, date: arrested }) : t("person.caseHeading", { n: index + 1 });
    const first = firstInstanceSentence(c.events);
    const effective = effectiveSentence(c.events);

    const overview: FieldRow[] = [];
    const statusDate = this.date(c.statusDate, c.statusDatePrecision);
    overview.push({
      label: t("case.status"),
      value: `${this.tl(`status.${c.status}`)}${t("common.separator")}${statusDate ? t("case.lastKnown", { date: statusDate }) : t("case.dateUnknown")}`,
    });
    if (c.currentFacility) overview.push({ label: t("case.currentFacility"), value: r.text(c.currentFacility.name) });
    if (c.incident) {
      const on = this.date(c.incident.date, c.incident.datePrecision);
      overview.push({
        label: t("case.incident"),
        value: on ? `${r.text(c.incident.title)} ${t("case.incidentDate", { date: on })}` : r.text(c.incident.title),
      });
    }
    overview.push({
      label: t("case.arrest"),
      value: [arrested ?? t("case.arrestDateUnknown"), r.maybe(c.arrestCity)].filter(Boolean).join(t("common.listSeparator")),
    });

    const charges = new Map<string, string>();
    const courts = new Map<string, string>();
    const conditions = new Map<string, string>();
    const treatment: string[] = [];
    for (const e of c.events) {
      for (const ch of e.charges) {
        const text = this.charge(ch);
        if (text) charges.set(`${(ch.text ?? "").trim().toLowerCase()}|${(ch.article ?? "").trim().toLowerCase()}`, text);
      }
      if (e.court) courts.set(`${e.court.name}|${e.branch ?? ""}`, this.court(e.court.name, e.branch));
      for (const cond of e.conditions) conditions.set(cond, this.tag("condition", cond));
      if (e.type === "INCOMMUNICADO") conditions.set("incommunicado", this.tl("eventType.INCOMMUNICADO"));
      if (e.type === "ILL_TREATMENT") {
        const kinds = e.treatmentKinds.map((k) => this.tag("treatment", k)).join(t("common.listSeparator"));
        const injuries = e.injuries.map((i) => r.text(i)).join(t("common.listSeparator"));
        const what = [kinds || r.maybe(e.description) || this.tl("eventType.ILL_TREATMENT"), injuries ? t("report.pdf.injuries", { injuries }) : null]
          .filter(Boolean)
          .join(t("common.separator"));
        treatment.push(`${this.dateOr(e.date, e.datePrecision)}: ${what}`);
      }
    }
    overview.push({ label: t("timeline.charges"), value: charges.size ? [...charges.values()].join("\n") : t("report.pdf.noneRecorded") });
    overview.push({ label: t("report.pdf.courts"), value: courts.size ? [...courts.values()].join("\n") : t("report.pdf.noneRecorded") });
    overview.push({ label: t("case.firstInstance"), value: this.sentence(first, "firstInstance", null) });
    overview.push({ label: t("case.effective"), value: this.sentence(effective, "effective", first) });
    overview.push({
      label: t("report.pdf.conditions"),
      value: conditions.size ? [...conditions.values()].join(t("common.listSeparator")) : t("report.pdf.noneRecorded"),
    });
    overview.push({ label: t("report.pdf.illTreatment"), value: treatment.length ? treatment.join("\n") : t("report.pdf.noneRecorded") });

    return {
      heading,
      summary: r.maybe(c.summary),
      overview,
      events: [...c.events].sort((a, b) => a.position - b.position).map((e) => this.event(e)),
    };
  }
}

function metaRows(t: Translator, meta: ReportMeta): FieldRow[] {
  return [
    { label: t("report.pdf.generatedAt"), value: formatTimestamp(meta.generatedAt) },
    { label: t("report.pdf.generatedBy"), value: meta.generatedBy },
    { label: t("report.pdf.profile"), value: t(`report.profiles.${meta.profile}`) },
  ];
}

function footerText(t: Translator, title: string, meta: ReportMeta): string {
  return t("report.pdf.footer", { title, date: formatTimestamp(meta.generatedAt), user: meta.generatedBy, profile: t(`report.profiles.${meta.profile}`) });
}

/** The model of one person's report, redacted for `meta.profile`. */
export function buildPersonReport(
  t: Translator,
  person: PersonReportInput,
  meta: ReportMeta,
  options: { namedMinors?: readonly NamedMinor[]; redactor?: Redactor } = {},
): PersonReportModel {
  const profile = meta.profile;
  const r = options.redactor ?? personRedactor(person, profile, options.namedMinors);
  const b = new Builder(t, r, profile);
  const tl = t as unknown as LooseTranslator;
  const name = r.text(person.name);
  const nameRedacted = name !== person.name;

  const identity: FieldRow[] = [{ label: t("report.pdf.name"), value: nameRedacted ? t("report.pdf.nameInitials", { name }) : name }];
  if (person.aliases.length) {
    identity.push({
      label: t("person.aliases"),
      value: person.aliases.map((a) => `${r.text(a.name)} ${t("person.aliasScript", { script: tl(`script.${a.script}`) })}`).join("\n"),
    });
  }
  identity.push({ label: t("person.gender"), value: person.gender === "UNKNOWN" ? t("common.notStated") : tl(`gender.${person.gender}`) });
  const asOf = person.ageAsOf ? b.date(person.ageAsOf, "DAY") : null;
  identity.push({
    label: t("person.age"),
    value:
      person.ageYears !== null
        ? asOf
          ? t("person.ageAsOf", { age: person.ageYears, date: asOf })
          : t("person.ageOnly", { age: person.ageYears })
        : person.birthYear !== null
          ? t("person.birthYear", { year: String(person.birthYear) })
          : t("common.notStated"),
  });
  identity.push({ label: t("person.homeCity"), value: r.maybe(person.homeCity) ?? t("common.notStated") });
  identity.push({
    label: t("person.province"),
    value: person.province
      ? person.provinceCode
        ? t("person.provinceWithCode", { name: person.province, code: person.provinceCode })
        : person.province
      : t("common.notStated"),
  });
  identity.push({
    label: t("person.vulnerabilities"),
    value: person.vulnerabilities.length ? person.vulnerabilities.map((v) => tl(`vulnerability.${v}`)).join(t("common.listSeparator")) : t("person.none"),
  });
  if (person.relations.length) {
    identity.push({
      label: t("person.relations"),
      value: person.relations.map((rel) => `${b.relationLabel(rel.kind)}: ${r.text(rel.person.name)}`).join("\n"),
    });
  }

  const personRefs = b.refsOf(person.sources);
  const cases = person.cases.map((c, i) => b.caseModel(c, i));
  const documentTitle = t("report.pdf.documentTitle", { name });

  return {
    personId: person.id,
    name,
    nameRedacted,
    documentTitle,
    meta: metaRows(t, meta),
    profileNote: t(`report.profileNotes.${profile}`),
    identity,
    description: r.maybe(person.description),
    personRefs,
    restrictedNotes: profile === "internal" ? (person.restrictedNotes ?? null) : null,
    cases,
    sources: b.sources(),
    footer: footerText(t, documentTitle, meta),
    labels: {
      identity: t("report.pdf.identity"),
      description: t("person.description"),
      restrictedNotes: t("person.restrictedNotes"),
      restrictedHint: t("report.pdf.restrictedHint"),
      cases: t("person.cases"),
      noCases: t("person.noCases"),
      timeline: t("case.timeline"),
      noEvents: t("timeline.empty"),
      sources: t("report.pdf.sources"),
      noSources: t("source.none"),
      sourcesOfPerson: t("report.pdf.sourcesOfPerson"),
      summary: t("case.summary"),
      note: t("timeline.notePrefix"),
      page: (page, pages) => t("report.pdf.page", { page, pages }),
    },
  };
}

/** One row of the dossier's summary table: a case matching the filters. */
export interface DossierCaseRow {
  personId: string;
  caseId: string;
}

/** The short form of a sentence for the summary table: "1 year · 50 lashes", or "—". */
export function shortSentence(t: Translator, summary: SentenceSummary<ReportEventInput> | null): string {
  if (!summary) return t("report.pdf.noSentenceShort");
  const parts: string[] = [];
  if (summary.prison) {
    const p = summary.prison;
    const term = [
      p.years ? t("sentence.years", { count: p.years }) : null,
      p.months ? t("sentence.months", { count: p.months }) : null,
      p.days ? t("sentence.days", { count: p.days }) : null,
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(term || t("sentence.noPrisonTerm"));
  }
  if (summary.lashes) parts.push(t("units.lashes", { count: summary.lashes }));
  if (summary.fine) parts.push(t("report.pdf.fineShort"));
  return parts.length ? parts.join(t("common.separator")) : t("sentence.noPrisonTerm");
}

/** "Status: Detained, Imprisoned; Arrest city: Tabriz", with names for ids. */
export function describeFilters(t: Translator, filters: CaseFilters, names: { incident?: string; court?: string; sentenceCourt?: string }): string {
  const tl = t as unknown as LooseTranslator;
  const parts: string[] = [];
  for (const [key, raw] of Object.entries(filters) as [keyof CaseFilters, unknown][]) {
    if (raw === undefined) continue;
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    const label = tl.has(`cases.filters.${key}`) ? tl(`cases.filters.${key}`) : tl.has(`report.filters.${key}`) ? tl(`report.filters.${key}`) : key;
    const shown = values.map((v) => {
      if (key === "status") return tl(`status.${v}`);
      if (key === "gender") return tl(`gender.${v}`);
      if (key === "vulnerability") return tl(`vulnerability.${v}`);
      if (key === "confidence") return tl(`confidence.${v}`);
      if (key === "incident") return names.incident ?? v;
      if (key === "court") return names.court ?? v;
      if (key === "sentenceCourt") return names.sentenceCourt ?? v;
      if (key === "q") return t("report.pdf.quotedSearch", { q: v });
      return v;
    });
    parts.push(`${label}: ${shown.join(t("common.listSeparator"))}`);
  }
  return parts.length ? parts.join("; ") : t("report.pdf.noFilters");
}

/**
 * The dossier: a summary table of the matching cases and each person's report. One
 * redactor for the whole document, so a minor named in any report is reduced to initials
 * in all of them.
 */
export function buildDossier(
  t: Translator,
  people: readonly PersonReportInput[],
  matchingCaseIds: ReadonlySet<string>,
  meta: ReportMeta,
  options: { filters: string; namedMinors?: readonly NamedMinor[] },
): DossierModel {
  const redactor = meta.profile === "public" ? dossierRedactor(people, options.namedMinors ?? []) : NO_REDACTION;
  const reports = people.map((p) => buildPersonReport(t, p, meta, { redactor }));
  const rows: string[][] = [];
  people.forEach((p, i) => {
    for (const c of p.cases) {
      if (!matchingCaseIds.has(c.id)) continue;
      const statusDate = formatPartialDate(c.statusDate, c.statusDatePrecision, LOCALE);
      rows.push([
        reports[i]!.name,
        redactor.maybe(c.arrestCity) ?? t("report.pdf.notStatedShort"),
        `${(t as unknown as LooseTranslator)(`status.${c.status}`)}${statusDate ? ` (${statusDate})` : ""}`,
        shortSentence(t, effectiveSentence(c.events)),
      ]);
    }
  });
  const documentTitle = t("report.pdf.dossierTitle");
  return {
    documentTitle,
    meta: metaRows(t, meta),
    profileNote: t(`report.profileNotes.${meta.profile}`),
    filters: redactor.text(options.filters),
    counts: t("report.pdf.dossierCounts", { people: people.length, cases: rows.length }),
    summaryHeading: t("report.pdf.summary"),
    summaryColumns: [t("report.pdf.colPerson"), t("report.pdf.colCity"), t("report.pdf.colStatus"), t("report.pdf.colSentence")],
    summaryRows: rows,
    reportsNote: t("report.pdf.reportsNote"),
    reports,
    footer: footerText(t, documentTitle, meta),
    page: (page, pages) => t("report.pdf.page", { page, pages }),
  };
}
