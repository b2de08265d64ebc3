// The audit actions a record's History shows: the changes of that record, never the reads
// of it. A PDF report or an export is audited too (entity type "person" or "case"), but
// counting those would let anyone who can download a report push the record's real changes
// out of sight; ADMINs find reads on the audit page (/admin/audit), which lists every entry.
//
// An allow-list rather than a list of reads: an action nobody classified (a new kind of
// read, a future "report.case") stays out of every History instead of flooding it. A new
// change action missing here is caught by tests/unit/history-actions.test.ts, which reads
// every action named after these records in lib/data/ and fails on one not listed.

export const HISTORY_CHANGE_ACTIONS = {
  person: ["person.create", "person.update", "person.delete", "person.restore"],
  case: ["case.create", "case.update", "case.delete", "case.restore"],
  event: ["event.create", "event.update", "event.delete", "event.move", "event.restore"],
  incident: ["incident.create", "incident.update", "incident.delete", "incident.restore"],
} as const satisfies Record<string, readonly string[]>;

export type HistoryEntityType = keyof typeof HISTORY_CHANGE_ACTIONS;

/** Audited reads (reports, dossiers, exports): on the ADMIN audit page only, never in a History. */
export const HISTORY_READ_ACTIONS = ["report.person", "report.dossier", "export.cases_csv", "export.cases_xlsx", "exchange.export"] as const;
