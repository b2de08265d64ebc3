// Sign-in throttling rules (the counters live in PostgreSQL, lib/data/auth-throttle.ts).
// Failures are counted per account and per client address; from `threshold` failures on,
// each further attempt waits `baseLockMs`, doubling per failure, capped at `maxLockMs`.
// A counter starts again after `forgetAfterMs` without failures.
import { isIP } from "node:net";

export interface ThrottlePolicy {
  threshold: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Per account: the 5th failure locks for 1 min, then 2, 4, 8 ... up to 1 h. */
export const ACCOUNT_POLICY: ThrottlePolicy = { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: 24 * HOUR };
/** Per client address (many people may share one office address): 50 failures. */
export const IP_POLICY: ThrottlePolicy = { threshold: 50, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: 24 * HOUR };

/** How long the key stays locked after its `failures`-th failure (0: not locked). */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (!Number.isFinite(failures) || failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 40);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

export const accountKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
export const ipKey = (ip: string) => `ip:${ip}`;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The client's address from X-Forwarded-For. Next.js itself records the connection's
 * address there when the request has no such header, so with no proxy (trustedProxies 0)
 * the last entry is the socket address unless the client forged the header. Behind
 * `trustedProxies` reverse proxies, each appending the address it saw, the entry that the
 * outermost trusted proxy appended is the client; entries left of it are the client's own
 * claims and are ignored. Null when there is no usable address.
 */
export function clientAddress(xForwardedFor: string | null | undefined, trustedProxies: number): string | null {
  if (!xForwardedFor) return null;
  const hops = xForwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  const candidate = hops[hops.length - Math.max(trustedProxies, 1)];
  return candidate ? normalizeAddress(candidate) : null;
}

function normalizeAddress(raw: string): string | null {
  let value = raw.toLowerCase();
  // "[::1]:1234" and "1.2.3.4:1234" carry a port; plain IPv6 has several colons.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value : null;
}
