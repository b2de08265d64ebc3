-- Partial covering indexes for the dashboard's largest unfiltered aggregates
-- (lib/data/aggregate-sql.ts): each holds just the live cases a chart counts and the columns
-- it reads, so the chart is answered from the index alone (an index-only scan) instead of
-- reading every case row. SQL only: Prisma cannot express a partial index (the drift test
-- knows).

-- Arrests by month: the live cases with an arrest, in date order.
CREATE INDEX "cases_arrests_idx" ON "cases"("arrest_date", "arrest_date_precision", "person_id")
  WHERE "deleted_at" IS NULL AND "has_arrest";

-- Sentence totals and prison-term ranges: the live cases with lashes or a prison term.
CREATE INDEX "cases_sentenced_idx" ON "cases"("person_id") INCLUDE ("id", "first_instance_lashes", "effective_lashes", "first_instance_prison_days", "effective_prison_days")
  WHERE "deleted_at" IS NULL AND ("first_instance_lashes" > 0 OR "effective_lashes" > 0 OR "first_instance_prison_days" > 0 OR "effective_prison_days" > 0);
