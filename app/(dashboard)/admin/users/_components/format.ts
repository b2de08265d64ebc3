// Dates on the account pages, in UTC like the rest of the tracker ("2026-11-24 14:05 UTC").
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
