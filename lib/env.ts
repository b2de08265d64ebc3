// The only place that reads process.env. Parsed once, validated with zod, so a
// misconfigured deployment fails at start with the variable named.
import { z } from "zod";

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

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

export function authSecret(): string | undefined {
  return env().AUTH_SECRET ?? env().NEXTAUTH_SECRET;
}
