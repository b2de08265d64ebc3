// What the case table, its exports and the charts read of a case's live events, cached so
// that a list or a chart over 100,000 cases does not visit every event. On the case row
// (which the charts scan, so only what they read):
//
// - charge_texts, charge_articles: the texts and law articles quoted on its live events,
//   one entry per text compared trimmed and case-insensitively, spelled as its smallest
//   variant, sorted bytewise (the dashboard's most frequent charges and articles). Computed
//   in SQL so that "the same text" means what lower() and btrim() mean to PostgreSQL,
//   exactly as the charge filter and the dashboard's grouping compare them.
// - has_arrest: whether an ARREST or DETENTION event is live (arrests by month count the
//   cases arrested on a date nobody knows).
//
// In case_list_details, one row per case with charges or a court (what the table shows):
// - charge_list: the distinct charges (text and article compared case-insensitively) in
//   timeline order, as [{"text", "article"}] (the table's Charges column);
// - court_id, court_branch: the court the table shows, the effective sentence's
//   (cases.effective_court_id, set by the case's derived columns before this runs), else
//   that of the last live TRIAL, SENTENCE or APPEAL naming a court.
//
// Constant SQL (no input): written after every change to a case's events by
// lib/data/case-derived.ts (after the derived columns), after loading by the demo, CSV,
// exchange and synthetic importers, and by the migrations that added them
// (20261124020656_case_charge_sets, 20261124054051_case_list_details), which backfill with
// the same expressions (tests/integration/case-event-summaries.test.ts compares them).

function chargeSet(column: "text" | "article"): string {
  const value = `btrim(ch.${column})`;
  return `coalesce((SELECT array_agg(t.label ORDER BY t.label COLLATE "C") FROM (
      SELECT min(${value} COLLATE "C") AS label FROM charges ch JOIN case_events e ON e.id = ch.event_id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND ${value} <> ''
       GROUP BY lower(${value})) t), ARRAY[]::text[])`;
}

const HAS_ARREST = `EXISTS (SELECT 1 FROM case_events e
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.type IN ('ARREST', 'DETENTION'))`;

const CHARGE_LIST = `coalesce((SELECT jsonb_agg(jsonb_build_object('text', d.text, 'article', d.article) ORDER BY d.pos, d.sub) FROM (
      SELECT DISTINCT ON (lower(coalesce(chg.text, '')), lower(coalesce(chg.article, '')))
             chg.text, chg.article, e.position AS pos, chg.position AS sub
        FROM case_events e JOIN charges chg ON chg.event_id = e.id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL
       ORDER BY lower(coalesce(chg.text, '')), lower(coalesce(chg.article, '')), e.position, chg.position) d), '[]'::jsonb)`;

const LIST_COURT = `(SELECT x.court_id, x.branch FROM (
      SELECT c.effective_court_id AS court_id, c.effective_branch AS branch, 0 AS rank, 0 AS pos WHERE c.effective_court_id IS NOT NULL
      UNION ALL
      SELECT e.court_id, e.branch, 1, -e.position FROM case_events e
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.type IN ('TRIAL', 'SENTENCE', 'APPEAL') AND e.court_id IS NOT NULL
    ) x ORDER BY x.rank, x.pos LIMIT 1)`;

/** `SET` list of `UPDATE cases c SET ... WHERE ...`: the summaries kept on case `c`'s row. */
export const CASE_EVENT_SUMMARIES_ASSIGNMENT = `charge_texts = ${chargeSet("text")}, charge_articles = ${chargeSet("article")}, has_arrest = ${HAS_ARREST}`;

/**
 * Rewrites the case_list_details rows of the cases `c` for which `where` holds (constant SQL
 * from this repository; `$1` may be bound): two statements, run in this order in one
 * transaction. A case with neither charges nor a court gets no row.
 */
export function caseListDetailsRewrite(where: string): [remove: string, insert: string] {
  return [
    `DELETE FROM case_list_details d USING cases c WHERE d.case_id = c.id AND (${where})`,
    `INSERT INTO case_list_details (case_id, charge_list, court_id, court_branch)
     SELECT s.id, s.charge_list, s.court_id, s.court_branch FROM (
       SELECT c.id, ${CHARGE_LIST} AS charge_list, lc.court_id, lc.branch AS court_branch
         FROM cases c LEFT JOIN LATERAL ${LIST_COURT} lc ON true
        WHERE ${where}) s
      WHERE s.charge_list <> '[]'::jsonb OR s.court_id IS NOT NULL`,
  ];
}
