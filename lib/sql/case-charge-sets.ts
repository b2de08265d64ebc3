// The charge sets of a case (cases.charge_texts and cases.charge_articles): the texts and law
// articles quoted on its live events, one entry per text compared trimmed and
// case-insensitively, spelled as its smallest variant, sorted bytewise. They are computed in
// SQL so that "the same text" means what lower() and btrim() mean to PostgreSQL, exactly as
// the charge filter and the dashboard's grouping compare them.
//
// Constant SQL (no input): written after every change to a case's events by
// lib/data/case-derived.ts, after loading by the demo and synthetic importers, and by
// migration 20261124020656_case_charge_sets, which backfills with the same expressions.

function chargeSet(column: "text" | "article"): string {
  const value = `btrim(ch.${column})`;
  return `coalesce((SELECT array_agg(t.label ORDER BY t.label COLLATE "C") FROM (
      SELECT min(${value} COLLATE "C") AS label FROM charges ch JOIN case_events e ON e.id = ch.event_id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND ${value} <> ''
       GROUP BY lower(${value})) t), ARRAY[]::text[])`;
}

/** `SET` list of `UPDATE cases c SET ... WHERE ...`: both charge sets of case `c`. */
export const CASE_CHARGE_SETS_ASSIGNMENT = `charge_texts = ${chargeSet("text")}, charge_articles = ${chargeSet("article")}`;
