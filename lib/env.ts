// The only place that reads process.env. Parsed once, validated with zod, so a
// misconfigured deployment fails at start with the variable named.
import { z } from "zod";

/** 32 bytes from 64 hex characters or (url-safe) base64, or null. */
export function decodeKey(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, "base64url") : null;
  return bytes?.length === 32 ? bytes : null;
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** Connections in the app's pool. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** How long a query waits for a connection before failing (ms). */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  /** next-auth's signing secret; either name is accepted. */
  AUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Password of the demo accounts created with the demo data. */
  DEMO_PASSWORD: z.string().min(12).default("tracker-demo-2026"),
  /** A signed-in session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /**
   * Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (0 = none).
   * "true" counts as 1, "false" as 0.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(true|false|\d{1,2})?$/, "must be a number of proxies (0-10), true or false")
    .transform((v) => (v === "true" ? 1 : v === "false" || v === "" ? 0 : Number(v)))
    .pipe(z.number().int().min(0).max(10))
    .default(0),
  /** AES-256 key for TOTP secrets at rest: 32 bytes as 64 hex characters or base64/base64url. */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .trim()
    .refine((v) => decodeKey(v) !== null, "must be 32 random bytes, as 64 hex characters or base64 (openssl rand -base64 32)")
    .optional(),
  /**
   * HMAC-SHA256 key of the audit trail's hash chain and of its signed checkpoints, kept apart
   * from the database: 32 bytes as 64 hex characters or base64/base64url.
   */
  AUDIT_KEY: z
    .string()
    .trim()
    .refine((v) => decodeKey(v) !== null, "must be 32 random bytes, as 64 hex characters or base64 (openssl rand -base64 32)")
    .optional(),
  /** Where signed audit checkpoints are appended, one file per UTC day. */
  AUDIT_CHECKPOINT_DIR: z.string().trim().min(1).optional(),
  /** How often the app writes a checkpoint when the trail has grown (seconds; 0: never). */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Where npm start keeps the embedded database and its generated secrets. */
  TRACKER_DATA_DIR: z.string().trim().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * True in the Node.js server at run time: not in the Edge runtime, and not in the processes
 * `next build` starts to prerender pages. Next.js sets both variables itself (and inlines
 * NEXT_RUNTIME per runtime at build time), so they are read directly, not through the schema.
 */
export function isNodeServerAtRunTime(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build";
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

export function authSecret(): string | undefined {
  return env().AUTH_SECRET ?? env().NEXTAUTH_SECRET;
}

/** Idle and absolute session lifetimes, in milliseconds. */
export function sessionLifetime(): { idleMs: number; absoluteMs: number } {
  return { idleMs: env().SESSION_IDLE_MINUTES * 60_000, absoluteMs: env().SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

/** How many reverse proxies' X-Forwarded-For entries to trust (0: none). */
export function trustedProxyCount(): number {
  return env().TRUST_PROXY;
}

/** The key that encrypts TOTP secrets; throws (naming the variable) when it is not set. */
export function totpEncryptionKey(): Buffer {
  const value = env().TOTP_ENCRYPTION_KEY;
  const key = value ? decodeKey(value) : null;
  if (!key) throw new Error("TOTP_ENCRYPTION_KEY is not set: two-factor sign-in needs it (npm start generates one for the embedded demo)");
  return key;
}

/** The audit trail's key (32 bytes); throws (naming the variable) when it is not set. */
export function auditKey(): Buffer {
  const value = env().AUDIT_KEY;
  const key = value ? decodeKey(value) : null;
  if (!key) throw new Error("AUDIT_KEY is not set: audit entries cannot be written or verified without it (npm start generates one for the embedded demo)");
  return key;
}

/**
 * The directory of signed audit checkpoints: AUDIT_CHECKPOINT_DIR, else audit-checkpoints in
 * the data directory (relative paths are relative to the working directory).
 */
export function auditCheckpointDir(): string {
  return env().AUDIT_CHECKPOINT_DIR ?? `${env().TRACKER_DATA_DIR ?? ".data"}/audit-checkpoints`;
}

/** Seconds between the app's checks for a new checkpoint (0: the app writes none). */
export function auditCheckpointSeconds(): number {
  return env().AUDIT_CHECKPOINT_SECONDS;
}
