// Times on the audit page: always UTC, to the second, so entries compare across time zones.
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
