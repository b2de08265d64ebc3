-- AlterTable
ALTER TABLE "cases" ADD COLUMN     "effective_branch" TEXT,
ADD COLUMN     "effective_court_id" TEXT,
ADD COLUMN     "effective_sentence_date" DATE,
ADD COLUMN     "effective_sentence_date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
ADD COLUMN     "first_instance_branch" TEXT,
ADD COLUMN     "first_instance_court_id" TEXT,
ADD COLUMN     "first_instance_sentence_date" DATE,
ADD COLUMN     "first_instance_sentence_date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN';

-- CreateIndex
CREATE INDEX "cases_first_instance_court_id_idx" ON "cases"("first_instance_court_id");

-- CreateIndex
CREATE INDEX "cases_effective_court_id_idx" ON "cases"("effective_court_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_first_instance_court_id_fkey" FOREIGN KEY ("first_instance_court_id") REFERENCES "courts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_effective_court_id_fkey" FOREIGN KEY ("effective_court_id") REFERENCES "courts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill of the cases that exist before this migration. From then on the app writes these
-- columns from lib/domain/case-derivation.ts (firstInstanceSentence / effectiveSentence in
-- lib/domain/sentence.ts); this is the same choice of event, in SQL, once:
-- * first instance: the first SENTENCE by position, a LOW-confidence one only when the case
--   has no SENTENCE of higher confidence;
-- * effective: the last of the events that set the effective sentence (a SENTENCE stating a
--   term, lashes or a fine; an APPEAL stating one or OVERTURNED; an ACQUITTAL after a
--   SENTENCE or APPEAL), ignored LOW-confidence SENTENCEs left out.
-- Soft-deleted events never count. tests/integration/sentence-courts-backfill.test.ts checks
-- it against the TypeScript derivation on the demo data.
-- BEGIN BACKFILL
WITH counting AS (
  SELECT e.*
    FROM "case_events" e
   WHERE e."deleted_at" IS NULL
     AND NOT (e."type" = 'SENTENCE' AND e."confidence" = 'LOW' AND EXISTS (
           SELECT 1 FROM "case_events" s
            WHERE s."case_id" = e."case_id" AND s."deleted_at" IS NULL AND s."type" = 'SENTENCE' AND s."confidence" <> 'LOW'))
),
first_instance AS (
  SELECT DISTINCT ON (e."case_id") e."case_id", e."court_id", e."branch", e."date", e."date_precision"
    FROM counting e
   WHERE e."type" = 'SENTENCE'
   ORDER BY e."case_id", e."position"
),
effective AS (
  SELECT DISTINCT ON (e."case_id") e."case_id", e."court_id", e."branch", e."date", e."date_precision"
    FROM counting e
   WHERE (e."type" IN ('SENTENCE', 'APPEAL')
          AND (e."prison_years" IS NOT NULL OR e."prison_months" IS NOT NULL OR e."prison_days" IS NOT NULL
               OR e."lashes" IS NOT NULL OR e."fine_amount" IS NOT NULL))
      OR (e."type" = 'APPEAL' AND e."appeal_outcome" = 'OVERTURNED')
      OR (e."type" = 'ACQUITTAL' AND EXISTS (
            SELECT 1 FROM counting s
             WHERE s."case_id" = e."case_id" AND s."type" IN ('SENTENCE', 'APPEAL') AND s."position" < e."position"))
   ORDER BY e."case_id", e."position" DESC
)
UPDATE "cases" c
   SET "first_instance_court_id" = f."court_id",
       "first_instance_branch" = f."branch",
       "first_instance_sentence_date" = CASE WHEN f."date_precision" = 'UNKNOWN' THEN NULL ELSE f."date" END,
       "first_instance_sentence_date_precision" = CASE WHEN f."date" IS NULL THEN 'UNKNOWN' ELSE coalesce(f."date_precision", 'UNKNOWN') END,
       "effective_court_id" = x."court_id",
       "effective_branch" = x."branch",
       "effective_sentence_date" = CASE WHEN x."date_precision" = 'UNKNOWN' THEN NULL ELSE x."date" END,
       "effective_sentence_date_precision" = CASE WHEN x."date" IS NULL THEN 'UNKNOWN' ELSE coalesce(x."date_precision", 'UNKNOWN') END
  FROM "cases" c2
  LEFT JOIN first_instance f ON f."case_id" = c2."id"
  LEFT JOIN effective x ON x."case_id" = c2."id"
 WHERE c2."id" = c."id" AND (f."case_id" IS NOT NULL OR x."case_id" IS NOT NULL);
-- END BACKFILL
