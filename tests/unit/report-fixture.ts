// A hand-made person for the report tests: every kind of field, a restricted note, a
// confidential source, a minor daughter named in free text, Perso-Arabic aliases, dates at
// every precision, and a sentence reduced on appeal (1,460 → 365 days).
import { emptyEventTypedValues } from "@/lib/events/select";
import type { PersonReportInput, ReportEventInput, ReportSourceInput } from "@/lib/report/types";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const RESTRICTED = "RESTRICTED-NOTE: family contact +98 000 000 0000";
export const CONFIDENTIAL = "CONFIDENTIAL-SOURCE: testimony of a cellmate";
export const PUBLIC_SOURCE = "Statement on the Tabriz arrests";
export const ALIAS_FA = "فاطمه ابراهیمی";
export const DAUGHTER = "Kovsar Nemati";
export const DAUGHTER_FA = "کوثر نعمتی";

const source = (over: Partial<ReportSourceInput> & Pick<ReportSourceInput, "id" | "title">): ReportSourceInput => ({
  publisher: null,
  kind: "NGO_STATEMENT",
  url: null,
  date: null,
  datePrecision: "UNKNOWN",
  language: null,
  confidential: false,
  via: null,
  ...over,
});

export const publicSource = source({
  id: "s1",
  title: PUBLIC_SOURCE,
  publisher: "Human Rights Watch",
  url: "https://example.org/statement",
  date: d("2020-10-01"),
  datePrecision: "MONTH",
  language: "en",
});
export const secretSource = source({ id: "s2", title: CONFIDENTIAL, kind: "TESTIMONY", confidential: true });
export const daughterSource = source({ id: "s3", title: `Interview about ${DAUGHTER}`, kind: "NEWS", url: "https://example.org/news/kovsar-nemati" });

let position = 0;
const event = (over: Partial<ReportEventInput> & Pick<ReportEventInput, "type">): ReportEventInput => ({
  id: `e${position}`,
  position: position++,
  date: null,
  datePrecision: "UNKNOWN",
  dateText: null,
  description: null,
  confidence: "HIGH",
  note: null,
  ...emptyEventTypedValues(),
  sources: [],
  ...over,
});

export function fixturePerson(): PersonReportInput {
  position = 0;
  return {
    id: "p1",
    name: "Fatma Ibrahimzade",
    gender: "FEMALE",
    ageYears: 41,
    ageAsOf: d("2020-10-18"),
    birthYear: null,
    homeCity: "Tabriz",
    province: "East Azerbaijan",
    provinceCode: null,
    vulnerabilities: ["DETAINED_WITH_CHILD"],
    description: `Arrested in Tabriz with her 13-year-old daughter ${DAUGHTER}.`,
    restrictedNotes: RESTRICTED,
    aliases: [
      { name: "Fatima Ibrahimzadeh", script: "LATIN" },
      { name: ALIAS_FA, script: "PERSO_ARABIC" },
    ],
    relations: [
      {
        kind: "daughter",
        person: {
          id: "p2",
          name: DAUGHTER,
          aliases: [DAUGHTER_FA],
          ageYears: 13,
          ageAsOf: d("2020-10-18"),
          birthYear: null,
          vulnerabilities: ["MINOR"],
          episodeDates: [d("2020-10-18")],
        },
      },
    ],
    sources: [publicSource, daughterSource],
    episodeDates: [d("2020-10-18")],
    cases: [
      {
        id: "c1",
        summary: `Arrested with ${DAUGHTER} (${DAUGHTER_FA}); sentenced to 4 years and 74 lashes, reduced to 1 year on appeal.`,
        status: "IMPRISONED",
        statusDate: d("2021-01-01"),
        statusDatePrecision: "YEAR",
        arrestDate: d("2020-10-18"),
        arrestDatePrecision: "DAY",
        arrestCity: "Tabriz",
        incident: { title: "'Support for Karabakh' rally in Tabriz", date: d("2020-10-18"), datePrecision: "DAY", city: "Tabriz" },
        currentFacility: { name: "Tabriz Central Prison" },
        events: [
          event({
            type: "ARREST",
            date: d("2020-10-18"),
            datePrecision: "DAY",
            city: "Tabriz",
            authority: "Ministry of Intelligence",
            circumstance: "HOME_RAID",
            description: `Arrested at home together with ${DAUGHTER}.`,
            sources: [publicSource, secretSource],
          }),
          event({
            type: "DETENTION",
            date: d("2020-10-01"),
            datePrecision: "MONTH",
            facility: { name: "Tabriz Central Prison" },
            conditions: ["solitary_confinement", "no_visits"],
            sources: [secretSource],
          }),
          event({
            type: "ILL_TREATMENT",
            date: d("2020-10-01"),
            datePrecision: "MONTH",
            treatmentKinds: ["beating"],
            injuries: ["broken nose"],
            sources: [publicSource],
          }),
          event({
            type: "CHARGE",
            charges: [{ text: "propaganda against the system", article: "Article 500" }],
            confidence: "MEDIUM",
            note: "Date not stated.",
          }),
          event({
            type: "SENTENCE",
            date: d("2021-01-01"),
            datePrecision: "YEAR",
            court: { name: "Revolutionary Court of Tabriz" },
            branch: "Branch 1",
            prisonYears: 4,
            lashes: 74,
            charges: [{ text: "propaganda against the system", article: "Article 500" }],
            sources: [publicSource],
          }),
          event({
            type: "APPEAL",
            court: { name: "East Azerbaijan Court of Appeals" },
            appealOutcome: "REDUCED",
            prisonYears: 1,
            dateText: "۱۴۰۰/۰۲/۱۰",
            sources: [daughterSource],
          }),
        ],
      },
    ],
  };
}
