// The columns of a person's own public fields (restricted notes apart: each reader decides
// whether to select them), shared by the person page, the audit snapshot and the reports.
export const PERSON_FIELDS_SELECT = {
  name: true,
  gender: true,
  ageYears: true,
  ageAsOf: true,
  birthYear: true,
  homeCity: true,
  province: true,
  provinceCode: true,
  vulnerabilities: true,
  description: true,
} as const;
