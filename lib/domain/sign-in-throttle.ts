// Sign-in throttling rules (the counters live in PostgreSQL, lib/data/auth-throttle.ts).
//
// A counter locks from `threshold` failures on: each further counted failure waits
// `baseLockMs`, doubling per failure, capped at `maxLockMs`; it starts again after
// `forgetAfterMs` without failures. Counters are kept for:
//   - each (account, client network) pair: the progressive delay. Guessing from one network
//     slows that network down on that account and nobody else, so the owner signing in
//     from their own address is not locked out by someone else's guesses;
//   - each client network, over every account (an office shares one address);
//   - each account over all networks: a ceiling far higher than the pair's, against guesses
//     spread over many networks. Reached, it locks the account for every network the
//     account has not signed in from lately (KNOWN_ADDRESS_DAYS); the owner's usual
//     networks still get in, with their own pair's delay;
//   - each account's second factor (wrong codes after the right password) and password
//     re-confirmation in a signed-in session. Only someone who has the password or a session
//     can move them, so they lock the account's sign-in for every network.
//
// A "network" is an IPv4 address or an IPv6 /64: one IPv6 client holds a whole /64, and
// would otherwise get a fresh counter for every one of its 2^64 addresses.
import { isIP } from "node:net";

export interface ThrottlePolicy {
  threshold: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Per (account, network) pair: the 5th failure locks for 1 min, then 2, 4, 8 ... up to 1 h. */
export const PAIR_POLICY: ThrottlePolicy = { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: DAY };
/** Per client network, over every account (many people may share one office address): 50 failures. */
export const IP_POLICY: ThrottlePolicy = { threshold: 50, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: DAY };
/**
 * Per account over every network: from the 100th failure (until a day passes without one)
 * each further failure locks the account for an hour for networks it has not signed in
 * from. Guesses spread over any number of networks thus get about 100 + 24 a day, under
 * 9,000 a year: fewer than the 49,000 common passwords the password policy refuses, so
 * even the weakest password allowed outlasts years of distributed guessing. A single
 * network gets about 10 guesses in its first hour on an account and one an hour after
 * that (PAIR_POLICY), so reaching the ceiling takes about ten networks.
 */
export const ACCOUNT_CEILING_POLICY: ThrottlePolicy = { threshold: 100, baseLockMs: HOUR, maxLockMs: HOUR, forgetAfterMs: DAY };
/** Per account, wrong second-factor codes after the right password: 5, then 1 min doubling up to 1 h. */
export const SECOND_FACTOR_POLICY: ThrottlePolicy = { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: DAY };
/** A signed-in user re-typing their password (disable two-factor, new recovery codes, password change): like a pair. */
export const CONFIRM_POLICY: ThrottlePolicy = PAIR_POLICY;

/** A network the account signed in from within this many days is exempt from the account ceiling. */
export const KNOWN_ADDRESS_DAYS = 90;

/** How long the key stays locked after its `failures`-th failure (0: not locked). */
export function lockDurationMs(failures: number, policy: ThrottlePolicy): number {
  if (!Number.isFinite(failures) || failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 40);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/** The account-wide counter (the ceiling). */
export const accountKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
/** The per-network counter over every account. */
export const ipKey = (network: string) => `ip:${network}`;
/** One account from one network ("-": the address is unknown, e.g. a script without a request). */
export const pairKey = (normalizedEmail: string, network: string | null) => `pair:${network ?? "-"}|${normalizedEmail}`;
export const secondFactorKey = (normalizedEmail: string) => `code:${normalizedEmail}`;
export const confirmKey = (normalizedEmail: string) => `confirm:${normalizedEmail}`;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The network an address belongs to for counting: an IPv4 address itself, an IPv6 address's
 * /64 ("2001:db8:0:1::/64"). Expects an address as clientAddress returns it.
 */
export function addressNetwork(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::", 2);
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail ("::ffff:1.2.3.4", "64:ff9b::1.2.3.4") is two groups; only the first four matter here.
  const groups = address.includes("::") ? [...left, ...Array(Math.max(8 - left.length - right.length, 0)).fill("0"), ...right] : left;
  const prefix = groups.slice(0, 4).map((g) => (g.includes(".") ? "0" : g.replace(/^0+(?=.)/, "")));
  return `${prefix.join(":")}::/64`;
}

/**
 * The client's address from X-Forwarded-For. With no trusted proxy (trustedProxies 0) the
 * app's own server (scripts/serve.mjs) replaces the header with the connection's address,
 * whatever the client sent, so the last (only) entry is the socket address. Behind
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

// ---------------------------------------------------------------------------------------
// Failed sign-ins in the audit trail
// ---------------------------------------------------------------------------------------

/**
 * Failed sign-ins are audited one entry each up to a budget per hour, so that nobody can
 * grow the audit trail without signing in: at most AUDITED_PER_ACCOUNT entries per account
 * and AUDITED_PER_NETWORK per client network each hour. Failures past either budget are
 * only counted, and one summary entry per window says how many (when the window is over,
 * or at the account's next successful sign-in).
 */
export const AUDIT_WINDOW_MS = HOUR;
export const AUDITED_PER_ACCOUNT = 10;
export const AUDITED_PER_NETWORK = 20;

/**
 * Where one failure goes, given the attempt counts of its windows *including* it (account:
 * null for an unknown email, which has no window of its own): its own entry, or the count
 * of the account's or the network's summary. A failure over both budgets is counted once,
 * in the account's summary (the one its owner is shown).
 */
export function auditPlacement(accountAttempts: number | null, networkAttempts: number): "entry" | "account" | "network" {
  if (accountAttempts !== null && accountAttempts > AUDITED_PER_ACCOUNT) return "account";
  if (networkAttempts > AUDITED_PER_NETWORK) return "network";
  return "entry";
}
