-- AlterTable
ALTER TABLE "case_events" ADD COLUMN     "lashes_carried_out" BOOLEAN,
ADD COLUMN     "lashes_carried_out_date" DATE,
ADD COLUMN     "lashes_carried_out_date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN';

