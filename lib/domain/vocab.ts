// Every enumeration of the domain, written once, spelled exactly like the Prisma enums in
// prisma/schema.prisma (lib/domain/vocab.test.ts checks each list against Prisma's and against
// the English catalog). Plain string-literal unions derived from `const` lists, so this module
// never imports the generated client: tests, scripts, importers and client components all use
// it, and a Prisma value is assignable to these types and back.

export const EVENT_TYPES = [
  "ARREST",
  "SUMMONS",
  "DETENTION",
  "TRANSFER",
  "INCOMMUNICADO",
  "BAIL",
  "TEMPORARY_RELEASE",
  "CHARGE",
  "TRIAL",
  "SENTENCE",
  "APPEAL",
  "ACQUITTAL",
  "RELEASE",
  "ILL_TREATMENT",
  "HUNGER_STRIKE",
  "RESTRICTION",
  "DISAPPEARANCE",
  "OTHER",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const CASE_STATUSES = [
  "SUMMONED",
  "DETAINED",
  "DISAPPEARED",
  "RELEASED_ON_BAIL",
  "SENTENCED",
  "IMPRISONED",
  "CONDITIONALLY_RELEASED",
  "RELEASED",
  "ACQUITTED",
  "UNKNOWN",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR", "UNKNOWN"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const CONFIDENCES = ["HIGH", "MEDIUM", "LOW"] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const RELEASE_TYPES = ["FULL", "CONDITIONAL", "ELECTRONIC_MONITORING", "END_OF_SENTENCE", "UNCONDITIONAL", "AFTER_INTERROGATION", "UNKNOWN"] as const;
export type ReleaseType = (typeof RELEASE_TYPES)[number];

export const APPEAL_OUTCOMES = ["UPHELD", "REDUCED", "INCREASED", "OVERTURNED", "UNKNOWN"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const ARREST_CIRCUMSTANCES = ["AT_PROTEST", "BEFORE_PROTEST", "HOME_RAID", "SUMMONED", "WORKPLACE", "OTHER"] as const;
export type ArrestCircumstance = (typeof ARREST_CIRCUMSTANCES)[number];

export const ROLES = ["ADMIN", "EDITOR", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const GENDERS = ["FEMALE", "MALE", "OTHER", "UNKNOWN"] as const;
export type Gender = (typeof GENDERS)[number];

export const ALIAS_SCRIPTS = ["LATIN", "PERSO_ARABIC", "OTHER"] as const;
export type AliasScript = (typeof ALIAS_SCRIPTS)[number];

export const VULNERABILITIES = ["MINOR", "ELDERLY", "DISABILITY", "CHRONIC_ILLNESS", "PREGNANT", "DETAINED_WITH_CHILD"] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const SOURCE_KINDS = [
  "NGO_STATEMENT",
  "NEWS",
  "HUMAN_RIGHTS_DEFENDER",
  "JOURNALIST",
  "OFFICIAL",
  "ENCYCLOPEDIA",
  "TESTIMONY",
  "SOCIAL_MEDIA",
  "COURT_DOCUMENT",
  "OTHER",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

// Suggested snake_case tags (the forms offer them; any other snake_case tag is accepted and
// shown humanised). Their labels are in the catalog under the namespace named beside each.

/** DETENTION / TRANSFER conditions (catalog namespace "condition"). */
export const CONDITION_TAGS = ["solitary_confinement", "undisclosed_location", "family_not_informed", "no_visits", "no_calls", "no_lawyer"] as const;
/** ILL_TREATMENT kinds (catalog namespace "treatment"). */
export const TREATMENT_TAGS = ["beating", "torture", "pepper_spray", "denial_of_medical_care", "denial_of_water", "threats", "insults"] as const;
/** SENTENCE penalties besides prison, lashes and a fine (catalog namespace "penalty"). */
export const PENALTY_TAGS = ["work_ban", "travel_ban", "electronic_monitoring"] as const;
/** Currencies the forms offer first (any ISO 4217 code is accepted). */
export const SUGGESTED_CURRENCIES = ["IRR", "IRT"] as const;

/** The lower-case spelling the demo dataset and CSV files use ("at_protest" for AT_PROTEST). */
export function lowerCased<T extends string>(values: readonly T[]): Lowercase<T>[] {
  return values.map((v) => v.toLowerCase() as Lowercase<T>);
}
