-- Sign-in throttling per (account, client network) pair with an account-wide ceiling, an
-- hourly budget of audit entries for failed sign-ins, and the failed-attempt notice shown
-- to the owner at the next sign-in (lib/domain/sign-in-throttle.ts).

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "failed_codes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "failed_sign_ins" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "user_sessions" ADD COLUMN     "sign_in_notice" JSONB;

-- AlterTable
ALTER TABLE "sign_in_throttles" ADD COLUMN     "account" TEXT,
ADD COLUMN     "address" TEXT;

-- CreateTable
CREATE TABLE "sign_in_audit_windows" (
    "key" TEXT NOT NULL,
    "user_id" TEXT,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "unaudited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "sign_in_audit_windows_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "sign_in_audit_windows_window_started_at_idx" ON "sign_in_audit_windows"("window_started_at");

-- CreateIndex
CREATE INDEX "sign_in_throttles_account_idx" ON "sign_in_throttles"("account");

-- The old counters meant something else ("account:<email>" was the 5-failure lock, now the
-- 100-failure ceiling; IPv6 addresses are now counted per /64): they start again. At most a
-- day of failures is forgotten, once.
DELETE FROM "sign_in_throttles";
