-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'EDITOR', 'VIEWER');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AliasScript" AS ENUM ('LATIN', 'PERSO_ARABIC', 'OTHER');

-- CreateEnum
CREATE TYPE "Vulnerability" AS ENUM ('MINOR', 'ELDERLY', 'DISABILITY', 'CHRONIC_ILLNESS', 'PREGNANT', 'DETAINED_WITH_CHILD');

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "EventType" AS ENUM ('ARREST', 'SUMMONS', 'DETENTION', 'TRANSFER', 'INCOMMUNICADO', 'BAIL', 'TEMPORARY_RELEASE', 'CHARGE', 'TRIAL', 'SENTENCE', 'APPEAL', 'ACQUITTAL', 'RELEASE', 'ILL_TREATMENT', 'HUNGER_STRIKE', 'RESTRICTION', 'DISAPPEARANCE', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('SUMMONED', 'DETAINED', 'DISAPPEARED', 'RELEASED_ON_BAIL', 'SENTENCED', 'IMPRISONED', 'CONDITIONALLY_RELEASED', 'RELEASED', 'ACQUITTED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ArrestCircumstance" AS ENUM ('AT_PROTEST', 'BEFORE_PROTEST', 'HOME_RAID', 'SUMMONED', 'WORKPLACE', 'OTHER');

-- CreateEnum
CREATE TYPE "ReleaseType" AS ENUM ('FULL', 'CONDITIONAL', 'ELECTRONIC_MONITORING', 'END_OF_SENTENCE', 'UNCONDITIONAL', 'AFTER_INTERROGATION', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "AppealOutcome" AS ENUM ('UPHELD', 'REDUCED', 'INCREASED', 'OVERTURNED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('NGO_STATEMENT', 'NEWS', 'HUMAN_RIGHTS_DEFENDER', 'JOURNALIST', 'OFFICIAL', 'ENCYCLOPEDIA', 'TESTIMONY', 'SOCIAL_MEDIA', 'COURT_DOCUMENT', 'OTHER');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "password_hash" TEXT NOT NULL,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "disabled_at" TIMESTAMPTZ(3),
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "totp_secret_enc" TEXT,
    "totp_enabled_at" TIMESTAMPTZ(3),
    "totp_last_step" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "people" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender" NOT NULL DEFAULT 'UNKNOWN',
    "age_years" INTEGER,
    "age_as_of" DATE,
    "birth_year" INTEGER,
    "home_city" TEXT,
    "province" TEXT,
    "province_code" TEXT,
    "vulnerabilities" "Vulnerability"[],
    "description" TEXT,
    "restricted_notes" TEXT,
    "is_synthetic" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_aliases" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "script" "AliasScript" NOT NULL DEFAULT 'LATIN',

    CONSTRAINT "person_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person_relations" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "related_person_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "person_relations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "date" DATE,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "date_text" TEXT,
    "country" TEXT,
    "province" TEXT,
    "province_code" TEXT,
    "city" TEXT,
    "place" TEXT,
    "description" TEXT,
    "reported_detained" INTEGER,
    "reported_detained_note" TEXT,
    "confidence" "Confidence" NOT NULL DEFAULT 'HIGH',
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "courts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "courts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "facilities" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "facilities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "incident_id" TEXT,
    "summary" TEXT,
    "status" "CaseStatus" NOT NULL DEFAULT 'UNKNOWN',
    "status_date" DATE,
    "status_date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "current_facility_id" TEXT,
    "arrest_date" DATE,
    "arrest_date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "arrest_city" TEXT,
    "first_instance_prison_days" INTEGER,
    "first_instance_lashes" INTEGER,
    "effective_prison_days" INTEGER,
    "effective_lashes" INTEGER,
    "is_synthetic" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" "EventType" NOT NULL,
    "date" DATE,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "date_text" TEXT,
    "description" TEXT,
    "confidence" "Confidence" NOT NULL DEFAULT 'HIGH',
    "note" TEXT,
    "city" TEXT,
    "place" TEXT,
    "authority" TEXT,
    "circumstance" "ArrestCircumstance",
    "facility_id" TEXT,
    "conditions" TEXT[],
    "amount" DECIMAL(24,2),
    "currency" TEXT,
    "amount_rials" DECIMAL(26,0),
    "court_id" TEXT,
    "branch" TEXT,
    "judge" TEXT,
    "prison_years" INTEGER,
    "prison_months" INTEGER,
    "prison_days" INTEGER,
    "lashes" INTEGER,
    "fine_amount" DECIMAL(24,2),
    "fine_currency" TEXT,
    "other_penalties" TEXT[],
    "suspended" BOOLEAN,
    "appeal_outcome" "AppealOutcome",
    "release_type" "ReleaseType",
    "treatment_kinds" TEXT[],
    "injuries" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "charges" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "text" TEXT,
    "article" TEXT,

    CONSTRAINT "charges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sources" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "kind" "SourceKind" NOT NULL DEFAULT 'OTHER',
    "url" TEXT,
    "date" DATE,
    "date_precision" "DatePrecision" NOT NULL DEFAULT 'UNKNOWN',
    "language" TEXT,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "via" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_sources" (
    "event_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "event_sources_pkey" PRIMARY KEY ("event_id","source_id")
);

-- CreateTable
CREATE TABLE "person_sources" (
    "person_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "person_sources_pkey" PRIMARY KEY ("person_id","source_id")
);

-- CreateTable
CREATE TABLE "incident_sources" (
    "incident_id" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,

    CONSTRAINT "incident_sources_pkey" PRIMARY KEY ("incident_id","source_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "audit_entries_entity_type_entity_id_at_idx" ON "audit_entries"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_entries_actor_id_at_idx" ON "audit_entries"("actor_id", "at");

-- CreateIndex
CREATE INDEX "audit_entries_action_at_idx" ON "audit_entries"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "people_key_key" ON "people"("key");

-- CreateIndex
CREATE INDEX "people_name_idx" ON "people"("name");

-- CreateIndex
CREATE INDEX "people_home_city_idx" ON "people"("home_city");

-- CreateIndex
CREATE INDEX "people_deleted_at_idx" ON "people"("deleted_at");

-- CreateIndex
CREATE UNIQUE INDEX "person_aliases_person_id_name_key" ON "person_aliases"("person_id", "name");

-- CreateIndex
CREATE INDEX "person_relations_related_person_id_idx" ON "person_relations"("related_person_id");

-- CreateIndex
CREATE UNIQUE INDEX "person_relations_person_id_related_person_id_kind_key" ON "person_relations"("person_id", "related_person_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_key_key" ON "incidents"("key");

-- CreateIndex
CREATE INDEX "incidents_date_idx" ON "incidents"("date");

-- CreateIndex
CREATE INDEX "incidents_city_idx" ON "incidents"("city");

-- CreateIndex
CREATE UNIQUE INDEX "courts_name_key" ON "courts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "facilities_name_key" ON "facilities"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cases_key_key" ON "cases"("key");

-- CreateIndex
CREATE INDEX "cases_person_id_idx" ON "cases"("person_id");

-- CreateIndex
CREATE INDEX "cases_incident_id_idx" ON "cases"("incident_id");

-- CreateIndex
CREATE INDEX "cases_status_idx" ON "cases"("status");

-- CreateIndex
CREATE INDEX "cases_arrest_date_idx" ON "cases"("arrest_date");

-- CreateIndex
CREATE INDEX "cases_arrest_city_idx" ON "cases"("arrest_city");

-- CreateIndex
CREATE INDEX "cases_updated_at_idx" ON "cases"("updated_at");

-- CreateIndex
CREATE INDEX "case_events_case_id_position_idx" ON "case_events"("case_id", "position");

-- CreateIndex
CREATE INDEX "case_events_type_date_idx" ON "case_events"("type", "date");

-- CreateIndex
CREATE INDEX "case_events_court_id_idx" ON "case_events"("court_id");

-- CreateIndex
CREATE INDEX "case_events_facility_id_idx" ON "case_events"("facility_id");

-- CreateIndex
CREATE INDEX "charges_event_id_idx" ON "charges"("event_id");

-- CreateIndex
CREATE INDEX "charges_article_idx" ON "charges"("article");

-- CreateIndex
CREATE UNIQUE INDEX "sources_key_key" ON "sources"("key");

-- CreateIndex
CREATE INDEX "sources_confidential_idx" ON "sources"("confidential");

-- CreateIndex
CREATE INDEX "event_sources_source_id_idx" ON "event_sources"("source_id");

-- CreateIndex
CREATE INDEX "person_sources_source_id_idx" ON "person_sources"("source_id");

-- CreateIndex
CREATE INDEX "incident_sources_source_id_idx" ON "incident_sources"("source_id");

-- AddForeignKey
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_aliases" ADD CONSTRAINT "person_aliases_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_related_person_id_fkey" FOREIGN KEY ("related_person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_current_facility_id_fkey" FOREIGN KEY ("current_facility_id") REFERENCES "facilities"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_facility_id_fkey" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "courts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "charges" ADD CONSTRAINT "charges_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "case_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "case_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_sources" ADD CONSTRAINT "event_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_sources" ADD CONSTRAINT "person_sources_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "person_sources" ADD CONSTRAINT "person_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_sources" ADD CONSTRAINT "incident_sources_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_sources" ADD CONSTRAINT "incident_sources_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

