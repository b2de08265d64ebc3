-- The audit chain becomes keyed (HMAC-SHA256 with AUDIT_KEY, lib/audit/chain.ts). Each entry
-- names the scheme of its hash: every entry written so far is unkeyed SHA-256 ("sha256");
-- the tracker writes "hmac-sha256" from now on, linking the first keyed entry to the last
-- unkeyed one. No default afterwards: a writer must say which scheme it used.

-- AlterTable
ALTER TABLE "audit_entries" ADD COLUMN     "hash_scheme" TEXT NOT NULL DEFAULT 'sha256';
ALTER TABLE "audit_entries" ALTER COLUMN "hash_scheme" DROP DEFAULT;
