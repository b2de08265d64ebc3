-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "charge_articles" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "charge_texts" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Backfill from the live events' charges, with the same expressions as
-- lib/sql/case-charge-sets.ts: per case, one entry per text compared trimmed and
-- case-insensitively, spelled as its smallest variant.
UPDATE "cases" c SET
  "charge_texts" = coalesce((SELECT array_agg(t.label ORDER BY t.label COLLATE "C") FROM (
      SELECT min(btrim(ch.text) COLLATE "C") AS label FROM "charges" ch JOIN "case_events" e ON e.id = ch.event_id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND btrim(ch.text) <> ''
       GROUP BY lower(btrim(ch.text))) t), ARRAY[]::TEXT[]),
  "charge_articles" = coalesce((SELECT array_agg(t.label ORDER BY t.label COLLATE "C") FROM (
      SELECT min(btrim(ch.article) COLLATE "C") AS label FROM "charges" ch JOIN "case_events" e ON e.id = ch.event_id
       WHERE e.case_id = c.id AND e.deleted_at IS NULL AND btrim(ch.article) <> ''
       GROUP BY lower(btrim(ch.article))) t), ARRAY[]::TEXT[])
WHERE EXISTS (SELECT 1 FROM "case_events" e JOIN "charges" ch ON ch.event_id = e.id WHERE e.case_id = c.id);

-- The lash charts read only the live cases with lashes (a small share of all cases). SQL
-- only: Prisma cannot express a partial index (the drift test knows).
CREATE INDEX "cases_with_lashes_idx" ON "cases"("id") WHERE "deleted_at" IS NULL AND ("first_instance_lashes" > 0 OR "effective_lashes" > 0);
