import "server-only";
// Sign-in throttle counters in PostgreSQL (sign_in_throttles), so every app process sees
// the same counts. An attempt is counted *before* its password is checked (reserveAttempt,
// one atomic INSERT ... ON CONFLICT DO UPDATE per key): a burst of parallel guesses cannot
// all slip in before the first failure is recorded. A success, or an attempt that turns out
// not to be a guess (right password, second factor still to come), gives its count back
// (settleAttempt). Runs before there is an actor: it authorizes nothing, it only counts.
import { db } from "@/lib/db";
import { lockDurationMs, type ThrottlePolicy } from "@/lib/domain/sign-in-throttle";

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/**
 * Counts one attempt on every key, unless a key is locked right now (a locked key's count
 * and lock stay as they are). Locks a key that reaches its policy's threshold, for the
 * policy's duration. `locked` is true when any key was already locked: the attempt must be
 * refused whatever its password.
 */
export async function reserveAttempt(keys: ThrottleKey[]): Promise<{ locked: boolean }> {
  // Always the same order, so two attempts never wait on each other's rows crosswise.
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  return db().$transaction(async (tx) => {
    let locked = false;
    for (const { key, policy } of sorted) {
      const [row] = await tx.$queryRaw<{ failures: number; locked: boolean }[]>`
        INSERT INTO sign_in_throttles AS t (key, failures, last_failure_at)
        VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE
            WHEN t.locked_until > now() THEN t.failures
            WHEN t.last_failure_at < now() - ${policy.forgetAfterMs}::int * interval '1 millisecond' THEN 1
            ELSE t.failures + 1 END,
          last_failure_at = CASE WHEN t.locked_until > now() THEN t.last_failure_at ELSE now() END
        RETURNING t.failures, COALESCE(t.locked_until > now(), false) AS locked`;
      if (!row) throw new Error("Throttle counter not written");
      if (row.locked) {
        locked = true;
        continue;
      }
      const lockMs = lockDurationMs(row.failures, policy);
      if (lockMs > 0) {
        await tx.$executeRaw`UPDATE sign_in_throttles SET locked_until = now() + ${lockMs}::int * interval '1 millisecond' WHERE key = ${key}`;
      }
    }
    return { locked };
  });
}

/**
 * Gives back the count reserveAttempt took, for an attempt that was not a failed guess.
 * `reset` keys (the account, after a full success) are cleared altogether.
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
    for (const { key } of reset) await tx.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ${key}`;
  });
}

/** Drops counters nobody has failed on for longer than `forgetAfterMs` and that hold no lock. */
export async function forgetStaleCounters(forgetAfterMs: number): Promise<void> {
  await db().$executeRaw`
    DELETE FROM sign_in_throttles
    WHERE last_failure_at < now() - ${forgetAfterMs}::int * interval '1 millisecond'
      AND (locked_until IS NULL OR locked_until <= now())`;
}
