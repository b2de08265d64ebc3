// The audit key and checkpoint directory for the scripts, which run beside the app: the same
// variables as the app (lib/env.ts), and, for the embedded demo (no DATABASE_URL), the key
// `npm start` generated into its data directory.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { deriveAuditKeys, type AuditKeys } from "../../lib/audit/chain";
import { decodeKey } from "../../lib/env";

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.TRACKER_DATA_DIR || ".data");
}

/** The file in which `npm start` keeps the demo's AUDIT_KEY. */
export const auditKeyFile = (dir: string) => path.join(dir, "audit-key");

/**
 * AUDIT_KEY, else (embedded database only) the data directory's audit-key file; null when
 * neither exists. A malformed key is an error naming where it came from.
 */
export function resolveAuditKeys(env: NodeJS.ProcessEnv = process.env): AuditKeys | null {
  const fromEnv = env.AUDIT_KEY?.trim();
  let value = fromEnv;
  let origin = "AUDIT_KEY";
  if (!value && !env.DATABASE_URL) {
    const file = auditKeyFile(dataDir(env));
    if (existsSync(file)) {
      value = readFileSync(file, "utf8").trim();
      origin = file;
    }
  }
  if (!value) return null;
  const raw = decodeKey(value);
  if (!raw) throw new Error(`${origin} must be 32 random bytes, as 64 hex characters or base64 (openssl rand -base64 32)`);
  return deriveAuditKeys(raw);
}

/** AUDIT_CHECKPOINT_DIR, else audit-checkpoints in the data directory (as the app). */
export function checkpointDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(dataDir(env), "audit-checkpoints"));
}

export const NO_KEY_MESSAGE =
  "AUDIT_KEY is not set: keyed audit entries and checkpoints cannot be checked without it. Set it to the key the app runs with (npm start keeps the demo's in .data/audit-key).";

/**
 * For scripts that write audit entries through the app's own code (exchange import and
 * export): with the embedded database and no AUDIT_KEY, the key `npm start` generated for it.
 * Call before setting DATABASE_URL.
 */
export function applyDemoAuditKey(env: NodeJS.ProcessEnv = process.env): void {
  if (env.AUDIT_KEY || env.DATABASE_URL) return;
  const file = auditKeyFile(dataDir(env));
  if (existsSync(file)) env.AUDIT_KEY = readFileSync(file, "utf8").trim();
}
