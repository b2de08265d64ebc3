-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "has_arrest" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "case_list_details" (
    "case_id" TEXT NOT NULL,
    "charge_list" JSONB NOT NULL DEFAULT '[]',
    "court_id" TEXT,
    "court_branch" TEXT,

    CONSTRAINT "case_list_details_pkey" PRIMARY KEY ("case_id")
);

-- AddForeignKey
ALTER TABLE "case_list_details" ADD CONSTRAINT "case_list_details_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill from the live events, with the same expressions as lib/sql/case-event-summaries.ts:
-- whether an ARREST or DETENTION is live; the distinct charges in timeline order and the
-- court and branch the case table shows (the effective sentence's, else the last live trial,
-- sentence or appeal naming a court), for the cases with either.
UPDATE "cases" c SET "has_arrest" = EXISTS (SELECT 1 FROM "case_events" e
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.type IN ('ARREST', 'DETENTION'))
WHERE EXISTS (SELECT 1 FROM "case_events" e WHERE e.case_id = c.id);

INSERT INTO "case_list_details" ("case_id", "charge_list", "court_id", "court_branch")
SELECT s.id, s.charge_list, s.court_id, s.court_branch FROM (
  SELECT c.id,
    coalesce((SELECT jsonb_agg(jsonb_build_object('text', d.text, 'article', d.article) ORDER BY d.pos, d.sub) FROM (
      SELECT DISTINCT ON (lower(coalesce(chg.text, '')), lower(coalesce(chg.article, '')))
             chg.text, chg.article, e.position AS pos, chg.position AS sub
        FROM "case_events" e JOIN "charges" chg ON chg.event_id = e.id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL
       ORDER BY lower(coalesce(chg.text, '')), lower(coalesce(chg.article, '')), e.position, chg.position) d), '[]'::jsonb) AS charge_list,
    lc.court_id, lc.branch AS court_branch
  FROM "cases" c LEFT JOIN LATERAL (SELECT x.court_id, x.branch FROM (
      SELECT c.effective_court_id AS court_id, c.effective_branch AS branch, 0 AS rank, 0 AS pos WHERE c.effective_court_id IS NOT NULL
      UNION ALL
      SELECT e.court_id, e.branch, 1, -e.position FROM "case_events" e
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND e.type IN ('TRIAL', 'SENTENCE', 'APPEAL') AND e.court_id IS NOT NULL
    ) x ORDER BY x.rank, x.pos LIMIT 1) lc ON true) s
WHERE s.charge_list <> '[]'::jsonb OR s.court_id IS NOT NULL;
