-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "people" ADD COLUMN     "name_normalized" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "person_aliases" ADD COLUMN     "name_normalized" TEXT NOT NULL DEFAULT '';

-- Name search (lib/domain/normalize-name.ts). The app writes name_normalized with
-- normalizeName() in TypeScript; this SQL twin fills the rows that exist before this
-- migration and serves bulk SQL. tests/integration/normalize-name-sql.test.ts checks that
-- both give the same result; change them together, in a new migration.
CREATE FUNCTION tracker_normalize_name(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$SELECT btrim(regexp_replace(
  translate(
    regexp_replace(
      lower(normalize(
        translate(
          replace(replace(replace(replace(replace(replace(normalize(input, NFC),
            'Ş', 'sh'), 'ş', 'sh'), 'Ç', 'ch'), 'ç', 'ch'), 'Ğ', 'gh'), 'ğ', 'gh'),
          'Əəı', 'aai'),
        NFKD)),
      '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u00ad\u0640\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]',
      '', 'g'),
    U&'\064A\0649\0643\0629\06D5\0671\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9',
    U&'\06CC\06CC\06A9\0647\0647\0627' || '01234567890123456789'),
  '[\t\n\v\f\r \u0085\u1680\u2028\u2029]+', ' ', 'g'))$$;

-- Backfill
UPDATE "people" SET "name_normalized" = tracker_normalize_name("name");
UPDATE "person_aliases" SET "name_normalized" = tracker_normalize_name("name");

-- CreateIndex
CREATE INDEX "people_name_normalized_trgm_idx" ON "people" USING GIN ("name_normalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "person_aliases_name_normalized_trgm_idx" ON "person_aliases" USING GIN ("name_normalized" gin_trgm_ops);


-- CreateIndex
CREATE INDEX "cases_deleted_at_person_id_idx" ON "cases"("deleted_at", "person_id");

-- CreateIndex
CREATE INDEX "cases_arrest_date_id_deleted_at_person_id_idx" ON "cases"("arrest_date", "id", "deleted_at", "person_id");

-- CreateIndex
CREATE INDEX "cases_person_id_deleted_at_arrest_date_id_idx" ON "cases"("person_id", "deleted_at", "arrest_date", "id");

-- Case table indexes that schema.prisma cannot express (the drift test names them as
-- known exceptions). The default order is newest arrest first with unknown dates LAST;
-- a Prisma DESC index puts NULLs first, so it cannot serve that order.
CREATE INDEX "cases_arrest_date_desc_idx" ON "cases"("arrest_date" DESC NULLS LAST, "id" DESC) INCLUDE ("deleted_at", "person_id");

-- The shared city filter compares lower(arrest_city) (case-insensitive), which a plain
-- index on arrest_city cannot serve. Ordered like the default order, and covering what
-- the status filter and the counts read, so "status + city" is an index-only scan.
CREATE INDEX "cases_city_arrest_date_idx" ON "cases"(lower("arrest_city"), "arrest_date" DESC NULLS LAST, "id" DESC) INCLUDE ("arrest_city", "status", "deleted_at", "person_id");
