import "server-only";
// Sign-in throttle counters in PostgreSQL (sign_in_throttles), so every app process sees
// the same counts; the rules are lib/domain/sign-in-throttle.ts. An attempt is counted
// *before* its password is checked (reserveAttempt, one atomic INSERT ... ON CONFLICT DO
// UPDATE per key): a burst of parallel guesses cannot all slip in before the first failure
// is recorded. A success, or an attempt that turns out not to be a guess (right password,
// second factor still to come), gives its count back (settleAttempt). Runs before there is
// an actor: it authorizes nothing, it only counts. Reading and clearing an account's
// counters for an ADMIN is authorized in lib/data/user-admin.ts.
import type { Tx } from "@/lib/data/audit";
import { db } from "@/lib/db";
import { KNOWN_ADDRESS_DAYS, addressNetwork, lockDurationMs, type ThrottlePolicy } from "@/lib/domain/sign-in-throttle";

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  /** The normalised email the counter is about, so an ADMIN can find and clear it. */
  account?: string;
  /** The client network the counter is about. */
  address?: string | null;
}

/** Thrown inside the reservation's transaction to roll its counts back when a key is locked. */
class LockedMeanwhile extends Error {}

/**
 * Counts one attempt on every `count` key, unless a `gates` key is locked right now: then
 * the attempt must be refused whatever its password, and nothing is counted or extended (a
 * locked network cannot push the account's ceiling, and refused attempts write nothing
 * here). A counted key that is not a gate and is locked keeps its count and lock as they
 * are. Locks a key that reaches its policy's threshold, for the policy's duration.
 */
export async function reserveAttempt(count: ThrottleKey[], gates: ThrottleKey[]): Promise<{ locked: boolean; counted: ThrottleKey[] }> {
  const gateKeys = gates.map((k) => k.key);
  // Always the same order, so two attempts never wait on each other's rows crosswise.
  const sorted = [...count].sort((a, b) => a.key.localeCompare(b.key));
  try {
    return await db().$transaction(async (tx) => {
      const [state] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT COALESCE(bool_or(locked_until > now()), false) AS locked FROM sign_in_throttles WHERE key = ANY(${gateKeys}::text[])`;
      if (state?.locked) return { locked: true, counted: [] };
      const counted: ThrottleKey[] = [];
      for (const throttleKey of sorted) {
        const { key, policy, account, address } = throttleKey;
        const [row] = await tx.$queryRaw<{ failures: number; locked: boolean }[]>`
          INSERT INTO sign_in_throttles AS t (key, failures, last_failure_at, account, address)
          VALUES (${key}, 1, now(), ${account ?? null}, ${address ?? null})
          ON CONFLICT (key) DO UPDATE SET
            failures = CASE
              WHEN t.locked_until > now() THEN t.failures
              WHEN t.last_failure_at < now() - ${policy.forgetAfterMs}::bigint * interval '1 millisecond' THEN 1
              ELSE t.failures + 1 END,
            last_failure_at = CASE WHEN t.locked_until > now() THEN t.last_failure_at ELSE now() END
          RETURNING t.failures, COALESCE(t.locked_until > now(), false) AS locked`;
        if (!row) throw new Error("Throttle counter not written");
        if (row.locked) {
          // A gate locked by a parallel attempt since the check above: refuse, count nothing.
          if (gateKeys.includes(key)) throw new LockedMeanwhile();
          continue;
        }
        counted.push(throttleKey);
        const lockMs = lockDurationMs(row.failures, policy);
        if (lockMs > 0) {
          await tx.$executeRaw`UPDATE sign_in_throttles SET locked_until = now() + ${lockMs}::bigint * interval '1 millisecond' WHERE key = ${key}`;
        }
      }
      return { locked: false, counted };
    });
  } catch (error) {
    if (error instanceof LockedMeanwhile) return { locked: true, counted: [] };
    throw error;
  }
}

/**
 * Gives back the counts reserveAttempt took (its `counted`, never a count it did not add),
 * for an attempt that was not a failed guess. `reset` keys (the pair and the second factor,
 * after a full success) are cleared altogether.
 */
export async function settleAttempt(giveBack: ThrottleKey[], reset: ThrottleKey[] = []): Promise<void> {
  const sorted = [...giveBack].sort((a, b) => a.key.localeCompare(b.key));
  await db().$transaction(async (tx) => {
    for (const { key, policy } of sorted) {
      await tx.$executeRaw`
        UPDATE sign_in_throttles SET
          failures = GREATEST(failures - 1, 0),
          locked_until = CASE WHEN failures - 1 < ${policy.threshold}::int THEN NULL ELSE locked_until END
        WHERE key = ${key}`;
    }
    // A counter back at zero holds nothing: it goes (a success adds no row).
    const keys = sorted.map((k) => k.key);
    if (keys.length) await tx.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ANY(${keys}::text[]) AND failures = 0 AND locked_until IS NULL`;
    for (const { key } of reset) await tx.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ${key}`;
  });
}

/** Drops counters nobody has failed on for longer than `forgetAfterMs` and that hold no lock. */
export async function forgetStaleCounters(forgetAfterMs: number): Promise<void> {
  await db().$executeRaw`
    DELETE FROM sign_in_throttles
    WHERE last_failure_at < now() - ${forgetAfterMs}::bigint * interval '1 millisecond'
      AND (locked_until IS NULL OR locked_until <= now())`;
}

/**
 * Whether the account signed in successfully from this client network within the last
 * KNOWN_ADDRESS_DAYS days (its session rows record the address): such a network is not held
 * back by the account-wide ceiling. The same query runs for an unknown email.
 */
export async function signedInFromNetwork(normalizedEmail: string, network: string | null): Promise<boolean> {
  if (!network) return false;
  const rows = await db().$queryRaw<{ ip: string }[]>`
    SELECT DISTINCT s.ip FROM user_sessions s JOIN users u ON u.id = s.user_id
    WHERE u.email = ${normalizedEmail} AND s.ip IS NOT NULL
      AND s.created_at > now() - ${KNOWN_ADDRESS_DAYS}::int * interval '1 day'
    LIMIT 200`;
  return rows.some((r) => addressNetwork(r.ip) === network);
}

export interface ThrottleRow {
  key: string;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
  account: string | null;
  address: string | null;
}

/** Every counter about these accounts (normalised emails). The caller authorizes. */
export async function throttleRowsFor(normalizedEmails: string[], tx?: Tx): Promise<ThrottleRow[]> {
  if (!normalizedEmails.length) return [];
  return (tx ?? db()).$queryRaw<ThrottleRow[]>`
    SELECT key, failures, last_failure_at AS "lastFailureAt", locked_until AS "lockedUntil", account, address
    FROM sign_in_throttles WHERE account = ANY(${normalizedEmails}::text[])
    ORDER BY account, key`;
}

/** Removes every counter about the account, inside the caller's (authorized, audited) transaction. */
export async function deleteThrottleRowsFor(tx: Tx, normalizedEmail: string): Promise<number> {
  return tx.$executeRaw`DELETE FROM sign_in_throttles WHERE account = ${normalizedEmail}`;
}
